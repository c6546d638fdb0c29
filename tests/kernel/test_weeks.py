"""ISO weeks (leefbaarheid/weeks.py): how many weeks an ISO year has."""

import pytest

from leefbaarheid.weeks import weeks_in_year

pytestmark = pytest.mark.django_db


def test_weeks_in_the_iso_year():
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2025) == 52
