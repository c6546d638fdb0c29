"""Dates within 1900–2100: the validator, and date arithmetic that never leaves the calendar."""

import datetime

import pytest

from leefbaarheid import bounds
from leefbaarheid.bounds import validate_date_in_range
from tests.kernel.helpers import FAR_FUTURE, FAR_PAST

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1899, 12, 31),
        datetime.date(2101, 1, 1),
        datetime.datetime(2101, 1, 1, 9, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_date_validator_refuses_a_day_outside_the_range(day):
    with pytest.raises(Exception, match="01-01-1900"):
        validate_date_in_range(day)


# Derived dates never leave the calendar ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 10, 31), 3, datetime.date(2026, 1, 31)),
        (FAR_FUTURE, 3, None),
        (FAR_PAST, -1, None),
    ],
)
def test_adding_months_gives_no_date_beyond_the_calendar(day, months, expected):
    assert bounds.add_months(day, months) == expected


def test_adding_days_gives_no_date_beyond_the_calendar():
    assert bounds.add_days(datetime.date(2026, 12, 31), 7 * 12) == datetime.date(2027, 3, 25)
    assert bounds.add_days(FAR_FUTURE, 1) is None
    assert bounds.add_days(FAR_PAST, -1) is None
