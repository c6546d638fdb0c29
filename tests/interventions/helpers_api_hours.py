"""What the hours API's test modules share: open and locked weeks, entries and payloads, the
client and the answers' ids and errors. (Apart from helpers.py: several of these names mean
something a little different there.)"""

import pytest

from interventions.choices import WorkKind
from interventions.models import HoursEntry
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import HoursEntryFactory, UserFactory
from tests.helpers import today

URL = "/api/v1/hours/"


SUMMARY = URL + "summary/"


def _this_week() -> Week:
    return Week.of(today())


def _open_week() -> Week:
    """Last week: ended, and within the grace period."""
    return _this_week().shifted(-1)


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.HOURS_GRACE_WEEKS = 2
    settings.HOURS_MAX_PER_COMPLEX_WEEK = 40


@pytest.fixture
def colleague(own_complex):
    """Another professional working in Wendy's complex."""
    return UserFactory(username="cor", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])


def _entry(professional, complex_, week: Week | None = None, **fields) -> HoursEntry:
    week = week or _open_week()
    return HoursEntryFactory(
        professional=professional, complex=complex_, year=week.year, week=week.week, **fields
    )


def _payload(complex_, week: Week | None = None, **fields) -> dict:
    week = week or _open_week()
    return {
        "complex": complex_.pk,
        "year": week.year,
        "week": week.week,
        "kind": WorkKind.GROUP_WORK,
        "hours": "2",
        **fields,
    }


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()
