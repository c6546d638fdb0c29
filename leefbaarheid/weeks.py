"""ISO weeks, the unit of welfare hours and of the cohesion indicator.

A week is stored as its ISO year and number (what people say: "week 47 of 2026") and, for range
queries across a year boundary, as the date of its Monday.
"""

import datetime
import re
from typing import NamedTuple

from leefbaarheid import bounds

# How a week is written: a year of four ASCII digits, a dash, an optional W and the week's number.
WEEK_TEXT = re.compile(r"([0-9]{4})-W?([0-9]{1,2})", re.IGNORECASE)


class Week(NamedTuple):
    year: int
    week: int

    @classmethod
    def of(cls, day: datetime.date) -> "Week":
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> "Week":
        """``2026-W47`` (or ``2026-w47``, ``2026-47``) → Week; ValueError when it is not written
        so (other digits than 0-9, a sign, an underscore: what ``int()`` would let through), is
        no ISO week or its year lies outside ``bounds``."""
        match = WEEK_TEXT.fullmatch(text.strip())
        if not match:
            raise ValueError(f"{text!r} is no week")
        week = cls(int(match[1]), int(match[2]))
        if not is_valid(*week):
            raise ValueError(f"{week.year} has no week {week.week}")
        return week

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 7)

    @property
    def weeks_in_year(self) -> int:
        return weeks_in_year(self.year)

    def shifted(self, weeks: int) -> "Week":
        return Week.of(self.monday + datetime.timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def is_valid(year: int, week: int) -> bool:
    """An existing ISO week of a year within ``bounds`` (so its neighbours are computable)."""
    if not bounds.week_in_range(year, week):
        return False
    try:
        datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return False
    return True


def last_weeks(until: Week, count: int) -> list[Week]:
    """``count`` weeks ending with ``until``, oldest first."""
    return [until.shifted(-offset) for offset in range(count - 1, -1, -1)]


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return datetime.date(year, 12, 28).isocalendar().week


def weeks_between(first: Week, last: Week) -> list[Week]:
    """Every ISO week from ``first`` to ``last``, both included (none when ``last`` is
    earlier)."""
    count = (last.monday - first.monday).days // 7 + 1
    return [first.shifted(offset) for offset in range(max(count, 0))]
