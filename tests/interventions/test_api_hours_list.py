"""The hours API's reads (/api/v1/hours/): scoped like the other records, the contract fields,
pagination, read-only roles, the intervention team kept out, and the filters."""

from decimal import Decimal

import pytest

from interventions.choices import WorkKind
from interventions.models import HoursEntry
from leefbaarheid import roles
from tests.factories import ComplexFactory, UserFactory
from tests.interventions import helpers_api_hours
from tests.interventions.helpers_api_hours import (
    SUMMARY,
    URL,
    _client,
    _entry,
    _errors,
    _open_week,
    _payload,
)

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_grace = helpers_api_hours._grace
colleague = helpers_api_hours.colleague


CONTRACT = {"id", "professional", "complex", "year", "week", "kind", "hours", "note", "week_start"}


@pytest.fixture
def foreign_professional(foreign_complex):
    return UserFactory(
        username="frank", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Reading: who sees which hours ------------------------------------------------------------------
@pytest.fixture
def both_entries(wendy, foreign_professional, own_complex, foreign_complex):
    return _entry(wendy, own_complex), _entry(foreign_professional, foreign_complex)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("corporation_staff", {"own"}),
        ("other_corporation_staff", {"foreign"}),
        ("welfare_professional", {"own"}),
        ("official", {"own", "foreign"}),
        ("functional_admin", {"own", "foreign"}),
    ],
)
def test_the_list_shows_each_role_its_reach(request, api_client, both_entries, role, sees):
    own, foreign = both_entries
    response = _client(api_client, request.getfixturevalue(role)).get(URL)
    expected = {"own": own.pk, "foreign": foreign.pk}
    assert _ids(response) == {expected[name] for name in sees}


def test_a_professional_sees_a_colleagues_hours_in_an_assigned_complex(
    api_client, wendy, colleague, own_complex
):
    theirs = _entry(colleague, own_complex)
    assert _ids(_client(api_client, wendy).get(URL)) == {theirs.pk}


def test_a_professional_still_sees_own_hours_in_a_complex_no_longer_assigned(
    api_client, wendy, own_complex, corporation
):
    earlier = ComplexFactory(corporation=corporation)
    entry = _entry(wendy, earlier)
    assert entry.pk in _ids(_client(api_client, wendy).get(URL))


def test_an_entry_has_the_contract_fields(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, hours=Decimal("1.50"), note="Koffieochtend")
    body = _client(api_client, wendy).get(f"{URL}{entry.pk}/").json()
    assert set(body) == CONTRACT
    week = _open_week()
    assert body == {
        "id": entry.pk,
        "professional": wendy.pk,
        "complex": own_complex.pk,
        "year": week.year,
        "week": week.week,
        "kind": "group_work",
        "hours": "1.50",
        "note": "Koffieochtend",
        "week_start": week.monday.isoformat(),
    }


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional"])
def test_a_foreign_entry_is_not_found(request, api_client, both_entries, role):
    _own, foreign = both_entries
    client = _client(api_client, request.getfixturevalue(role))
    assert client.get(f"{URL}{foreign.pk}/").status_code == 404


def test_a_professional_gets_404_writing_a_foreign_entry(api_client, wendy, both_entries):
    _own, foreign = both_entries
    client = _client(api_client, wendy)
    assert client.patch(f"{URL}{foreign.pk}/", {"hours": "3"}).status_code == 404
    assert client.delete(f"{URL}{foreign.pk}/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.hours == Decimal("2.00")


def test_the_list_is_paginated(api_client, official, wendy, own_complex):
    kinds = list(WorkKind.values)
    for offset in range(9):
        week = _open_week().shifted(-offset)
        for kind in kinds:
            _entry(wendy, own_complex, week, kind=kind)
    client = _client(api_client, official)
    first = client.get(URL).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 9 * len(kinds)
    assert len(first["results"]) == 50
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(URL, {"page": 2}).json()
    assert len(second["results"]) == 9 * len(kinds) - 50
    assert second["next"] is None
    everything = {row["id"] for row in first["results"] + second["results"]}
    assert len(everything) == 9 * len(kinds)


def test_the_newest_week_comes_first(api_client, wendy, own_complex):
    older = _entry(wendy, own_complex, _open_week().shifted(-3))
    newer = _entry(wendy, own_complex)
    rows = _client(api_client, wendy).get(URL).json()["results"]
    assert [row["id"] for row in rows] == [newer.pk, older.pk]


def test_the_list_takes_a_fixed_number_of_queries(
    api_client, official, wendy, colleague, own_complex, django_assert_max_num_queries
):
    for offset in range(6):
        _entry(wendy, own_complex, _open_week().shifted(-offset))
        _entry(colleague, own_complex, _open_week().shifted(-offset))
    client = _client(api_client, official)
    with django_assert_max_num_queries(6):
        assert len(client.get(URL).json()["results"]) == 12


def test_an_anonymous_caller_is_not_let_in(api_client, both_entries):
    assert api_client.get(URL).status_code == 401


# Roles that only read, and the intervention team -----------------------------------------------
def test_the_intervention_team_is_refused_everything(api_client, team_member, both_entries):
    own, _foreign = both_entries
    client = _client(api_client, team_member)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{own.pk}/").status_code == 403
    assert client.post(URL, _payload(own.complex)).status_code == 403
    assert client.patch(f"{URL}{own.pk}/", {"hours": "3"}).status_code == 403
    assert client.delete(f"{URL}{own.pk}/").status_code == 403
    assert client.get(SUMMARY, {"complex": own.complex_id}).status_code == 403


@pytest.mark.parametrize("role", ["corporation_staff", "official"])
def test_readers_cannot_write_hours(request, api_client, both_entries, own_complex, role):
    own, _foreign = both_entries
    client = _client(api_client, request.getfixturevalue(role))
    assert client.get(f"{URL}{own.pk}/").status_code == 200
    payload = _payload(own_complex, kind=WorkKind.HOME_VISIT)
    assert client.post(URL, payload).status_code == 403
    assert client.patch(f"{URL}{own.pk}/", {"hours": "3"}).status_code == 403
    assert client.put(f"{URL}{own.pk}/", _payload(own_complex, hours="3")).status_code == 403
    assert client.delete(f"{URL}{own.pk}/").status_code == 403
    assert HoursEntry.objects.count() == 2
    own.refresh_from_db()
    assert own.hours == Decimal("2.00")


# Filters ----------------------------------------------------------------------------------------
@pytest.fixture
def history(wendy, colleague, own_complex, corporation):
    """Wendy's hours over three weeks in two complexes and a colleague's in one."""
    second = ComplexFactory(corporation=corporation)
    wendy.assigned_complexes.add(second)
    weeks = [_open_week().shifted(-offset) for offset in range(3)]
    return {
        "weeks": weeks,
        "second": second,
        "w0": _entry(wendy, own_complex, weeks[0], kind=WorkKind.HOME_VISIT),
        "w1": _entry(wendy, own_complex, weeks[1]),
        "w2": _entry(wendy, second, weeks[2]),
        "colleague": _entry(colleague, own_complex, weeks[0]),
    }


def test_the_list_filters_by_complex_professional_and_kind(
    api_client, functional_admin, history, own_complex, colleague
):
    client = _client(api_client, functional_admin)
    ids = _ids(client.get(URL, {"complex": history["second"].pk}))
    assert ids == {history["w2"].pk}
    assert _ids(client.get(URL, {"professional": colleague.pk})) == {history["colleague"].pk}
    assert _ids(client.get(URL, {"kind": WorkKind.HOME_VISIT})) == {history["w0"].pk}
    both = {"complex": own_complex.pk, "kind": WorkKind.GROUP_WORK}
    assert _ids(client.get(URL, both)) == {history["w1"].pk, history["colleague"].pk}


def test_the_list_filters_by_a_range_of_iso_weeks(api_client, wendy, history):
    weeks = history["weeks"]
    client = _client(api_client, wendy)
    ids = _ids(client.get(URL, {"week_from": str(weeks[1]), "week_to": str(weeks[0])}))
    assert ids == {history["w0"].pk, history["w1"].pk, history["colleague"].pk}
    assert _ids(client.get(URL, {"week_to": str(weeks[2])})) == {history["w2"].pk}


def test_the_list_filters_by_week_numbers_within_a_year(api_client, wendy, history):
    week = history["weeks"][1]
    query = {"year": week.year, "week_from": week.week, "week_to": week.week}
    assert _ids(_client(api_client, wendy).get(URL, query)) == {history["w1"].pk}


def test_the_list_filters_by_year(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    client = _client(api_client, wendy)
    assert _ids(client.get(URL, {"year": entry.year})) == {entry.pk}
    assert _ids(client.get(URL, {"year": entry.year - 3})) == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"week_from": "2026-W60"}, "week_from"),
        ({"week_to": "week 4"}, "week_to"),
        ({"week_from": "40"}, "week_from"),  # a bare number needs the year
        ({"year": 2025, "week_to": "53"}, "week_to"),
        ({"kind": "gardening"}, "kind"),
        ({"year": "twenty"}, "year"),
        ({"week_from": "2026-W47", "week_to": "2026-W40"}, "week_to"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api_client, wendy, history, query, field):
    assert field in _errors(_client(api_client, wendy).get(URL, query))


def test_filtering_on_a_foreign_complex_or_professional_is_refused(
    api_client, wendy, foreign_complex, foreign_professional
):
    client = _client(api_client, wendy)
    assert "complex" in _errors(client.get(URL, {"complex": foreign_complex.pk}))
    assert "professional" in _errors(client.get(URL, {"professional": foreign_professional.pk}))
