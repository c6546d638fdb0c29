"""The ranges every value a user can send must lie in, in one place.

A date beyond these years is a typing error, never a plan: refusing it at the door keeps every
derived figure (an effect 12 months after an end, a report due date, an ISO week) computable, so
stored input can never break a page. Ids are bounded by the database's 64-bit keys, years and
weeks by the date range.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LATEST_YEAR, 12, 31)
# The largest primary key a BigAutoField holds.
MAX_ID = 2**63 - 1


def date_in_range(day: datetime.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def year_in_range(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def id_in_range(value: int) -> bool:
    return 1 <= value <= MAX_ID


def validate_date_in_range(value: datetime.date) -> None:
    """The model validator of every date and date-time a user can enter: refuses a day outside
    EARLIEST_DATE..LATEST_DATE with a Dutch message on the field (a date-time by its day)."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if isinstance(day, datetime.date) and not date_in_range(day):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": f"{EARLIEST_DATE:%d-%m-%Y}", "latest": f"{LATEST_DATE:%d-%m-%Y}"},
        )


def add_days(day: datetime.date, days: int) -> datetime.date | None:
    """``day`` plus ``days``, or None where that leaves the calendar (a row stored before its
    dates were checked): a derived date is then "no data", never an error."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def add_months(day: datetime.date, months: int) -> datetime.date | None:
    """``day`` plus whole months (the 31st becomes the month's last day where it has fewer), or
    None where that leaves the calendar."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def week_in_range(year: int, week: int) -> bool:
    """An ISO week of a year in range: its neighbours, and a window of a year or two around it,
    stay computable dates."""
    return year_in_range(year) and 1 <= week <= 53
