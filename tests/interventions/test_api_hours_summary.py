"""The hours API's per-complex summary against the norm (/api/v1/hours/summary/)."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tests.helpers import AMSTERDAM
from tests.interventions import helpers_api_hours
from tests.interventions.helpers_api_hours import SUMMARY, _client, _entry, _errors, _open_week

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_grace = helpers_api_hours._grace
colleague = helpers_api_hours.colleague


# The summary of a complex ----------------------------------------------------------------------
@time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM))  # weeks 43-47: funded
def test_the_summary_gives_every_week_against_the_norm(
    api_client, corporation_staff, wendy, colleague, own_complex
):
    last = _open_week()
    first = last.shifted(-3)
    _entry(wendy, own_complex, last, hours=Decimal("2.5"))
    _entry(colleague, own_complex, last, hours=Decimal("1.5"))
    _entry(wendy, own_complex, first.shifted(1), hours=Decimal("3"))
    _entry(wendy, own_complex, first.shifted(-1), hours=Decimal("9"))  # before the range
    response = _client(api_client, corporation_staff).get(
        SUMMARY, {"complex": own_complex.pk, "from": str(first), "to": str(last)}
    )
    assert response.status_code == 200, response.content
    weeks = [first.shifted(offset) for offset in range(4)]
    assert response.json() == [
        {
            "year": week.year,
            "week": week.week,
            "hours": hours,
            "funded": True,
            "norm": "4.00",
            "met": met,
        }
        for week, hours, met in zip(
            weeks, ["0.00", "3.00", "0.00", "4.00"], [False, False, False, True], strict=True
        )
    ]


def test_the_summary_of_one_week(api_client, wendy, own_complex):
    week = _open_week()
    response = _client(api_client, wendy).get(
        SUMMARY, {"complex": own_complex.pk, "from": str(week), "to": str(week)}
    )
    assert [(row["year"], row["week"]) for row in response.json()] == [tuple(week)]


def test_the_summary_defaults_to_the_last_13_complete_weeks(api_client, official, own_complex):
    rows = _client(api_client, official).get(SUMMARY, {"complex": own_complex.pk}).json()
    assert len(rows) == 13
    assert (rows[-1]["year"], rows[-1]["week"]) == tuple(_open_week())


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional"])
def test_the_summary_of_a_foreign_complex_is_not_found(request, api_client, foreign_complex, role):
    client = _client(api_client, request.getfixturevalue(role))
    # A valid range on any day (a fixed week would lie ahead of the last complete week before
    # it comes, and the range would be refused before the complex is looked at).
    week = str(_open_week().shifted(-3))
    response = client.get(SUMMARY, {"complex": foreign_complex.pk, "from": week})
    assert response.status_code == 404


def test_the_summary_of_a_complex_that_does_not_exist_is_not_found(api_client, official):
    assert _client(api_client, official).get(SUMMARY, {"complex": 999999}).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-W60"}, "from"),
        ({"from": "gisteren"}, "from"),
        ({"to": "2025-W53"}, "to"),
        ({"from": "2026-W47", "to": "2026-W40"}, "to"),
        ({"from": "2000-W01", "to": "2026-W01"}, "to"),
    ],
)
def test_a_bad_summary_week_is_a_400_naming_it(api_client, official, own_complex, query, field):
    response = _client(api_client, official).get(SUMMARY, {"complex": own_complex.pk, **query})
    assert field in _errors(response)


@pytest.mark.parametrize("complex_", [None, "abc"])
def test_the_summary_needs_a_complex(api_client, official, complex_):
    query = {"from": "2026-W40"} if complex_ is None else {"complex": complex_}
    assert "complex" in _errors(_client(api_client, official).get(SUMMARY, query))
