"""The ranges every value a user can send must lie in, in one place.

A date beyond these years is a typing error, never a plan: refusing it at the door keeps every
derived figure (an effect 12 months after an end, a report due date, an ISO week) computable, so
stored input can never break a page. Ids are bounded by the database's 64-bit keys, years and
weeks by the date range.
"""

import datetime

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


def week_in_range(year: int, week: int) -> bool:
    """An ISO week of a year in range: its neighbours, and a window of a year or two around it,
    stay computable dates."""
    return year_in_range(year) and 1 <= week <= 53
