"""The welfare norm, read from one place: "4 hours per funded week".

The budget of the evaluation funds 42 weeks a year of 4 hours per complex; the other weeks are
holidays nobody pays for. Which weeks are funded is the welfare calendar of a year
(``WelfareCalendar``): the municipality's, or a welfare organisation's own for the complexes its
professionals work in. The week grid's totals, the norm screens, the 3-week alert, the index's
hours component and the budget's norm so far all ask a ``WelfareNorm`` built here, so they can
never state two norms. Hours logged in an unfunded week still count as hours; they only set no
norm. A complex counts from the week it joined (``Complex.joined_on``).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from interventions.models import WelfareCalendar
from leefbaarheid.models import User
from leefbaarheid.numbers import format_hours
from leefbaarheid.weeks import Week, weeks_between, weeks_in_year

DEFAULT_HOURS_PER_WEEK = Decimal("4.00")
DEFAULT_FUNDED_WEEKS = 42
# The weeks of the school summer holidays, whichever region's turn it is.
SUMMER_WEEKS = tuple(range(28, 36))
ZERO = Decimal("0.00")


def default_unfunded_weeks(year: int) -> tuple[int, ...]:
    """The holidays until the municipality marks its own: the summer weeks 28–35, week 1 and
    the last week of the year (the last two in a year of 53 weeks), so 42 weeks are funded."""
    last = weeks_in_year(year)
    christmas = last - DEFAULT_FUNDED_WEEKS - len(SUMMER_WEEKS) - 1
    return (1, *SUMMER_WEEKS, *range(last - christmas + 1, last + 1))


@dataclass(frozen=True)
class YearCalendar:
    """One year's funded weeks and the hours a complex gets in each of them."""

    year: int
    hours_per_week: Decimal
    unfunded: frozenset[int]
    organisation: str = ""
    is_default: bool = False

    @property
    def weeks(self) -> int:
        return weeks_in_year(self.year)

    @property
    def funded_count(self) -> int:
        return self.weeks - len(self.unfunded)

    def is_funded(self, week: int) -> bool:
        return week not in self.unfunded

    def funded_weeks(self) -> list[int]:
        return [week for week in range(1, self.weeks + 1) if week not in self.unfunded]

    def describe(self) -> str:
        """In the active language, e.g. "4 uur per gefinancierde week (42 van de 53 weken in
        2026)"."""
        return _(
            "%(hours)s hours per funded week (%(funded)s of the %(weeks)s weeks in %(year)s)"
        ) % {
            "hours": format_hours(self.hours_per_week),
            "funded": self.funded_count,
            "weeks": self.weeks,
            "year": self.year,
        }


def _calendar(row: WelfareCalendar | None, year: int, hours: Decimal) -> YearCalendar:
    if row is None:
        return YearCalendar(year, hours, frozenset(default_unfunded_weeks(year)), is_default=True)
    return YearCalendar(year, hours, frozenset(row.unfunded_weeks), organisation=row.organisation)


class WelfareNorm:
    """The norm for some complexes over some years: which weeks count for a complex (funded in
    the calendar it follows, and not before it joined) and the hours expected in them."""

    def __init__(
        self,
        rows: Iterable[WelfareCalendar],
        *,
        joined: Mapping[int, datetime.date] | None = None,
        follows: Mapping[int, str] | None = None,
    ) -> None:
        self._rows = {(row.year, row.organisation): row for row in rows}
        self._joined = {pk: Week.of(day).monday for pk, day in (joined or {}).items()}
        self._follows = dict(follows or {})
        self._cache: dict[tuple[int, str], YearCalendar] = {}

    def hours_per_week(self, year: int) -> Decimal:
        row = self._rows.get((year, ""))
        if row is None or row.hours_per_week is None:
            return DEFAULT_HOURS_PER_WEEK
        return row.hours_per_week

    def calendar(self, year: int, complex_id: int | None = None) -> YearCalendar:
        """The calendar a complex follows in ``year`` (the municipality's without a complex)."""
        organisation = self._follows.get(complex_id, "") if complex_id is not None else ""
        if (year, organisation) not in self._rows:
            organisation = ""
        key = (year, organisation)
        if key not in self._cache:
            self._cache[key] = _calendar(self._rows.get(key), year, self.hours_per_week(year))
        return self._cache[key]

    def joined(self, complex_id: int) -> datetime.date | None:
        """The Monday of the week the complex joined (None: not known, counts throughout)."""
        return self._joined.get(complex_id)

    def counts(self, complex_id: int, week: Week) -> bool:
        """Whether the norm applies to the complex in ``week``: funded, and joined by then."""
        joined = self._joined.get(complex_id)
        if joined is not None and week.monday < joined:
            return False
        return self.calendar(week.year, complex_id).is_funded(week.week)

    def week_norm(self, complex_id: int, week: Week) -> Decimal:
        """The hours expected of the complex in ``week``: the norm, or 0 where none applies."""
        if not self.counts(complex_id, week):
            return ZERO
        return self.hours_per_week(week.year)

    def funded_weeks(self, complex_id: int, first: Week, last: Week) -> list[Week]:
        """The weeks from ``first`` to ``last`` the norm applies to for the complex."""
        return [week for week in weeks_between(first, last) if self.counts(complex_id, week)]

    def expected(self, complex_id: int, first: Week, last: Week) -> Decimal:
        """The hours the norm expects of the complex from ``first`` to ``last``."""
        return sum(
            (self.hours_per_week(week.year) for week in self.funded_weeks(complex_id, first, last)),
            ZERO,
        )

    def last_funded_weeks(
        self, complex_id: int, until: Week, count: int, *, back: int = 53
    ) -> list[Week]:
        """The last ``count`` weeks up to ``until`` the norm applies to, newest first, looking
        back at most ``back`` weeks (fewer when the complex joined later)."""
        found = []
        for offset in range(back):
            week = until.shifted(-offset)
            joined = self._joined.get(complex_id)
            if joined is not None and week.monday < joined:
                break
            if self.counts(complex_id, week):
                found.append(week)
                if len(found) == count:
                    break
        return found

    def describe(self, year: int, complex_id: int | None = None) -> str:
        return self.calendar(year, complex_id).describe()


def welfare_norm(
    *, years: Iterable[int], joined: Mapping[int, datetime.date] | None = None
) -> WelfareNorm:
    """The norm of ``years`` for the complexes in ``joined`` (pk → the date it joined): one
    query for the calendars, and one more for who works where only when an organisation has a
    calendar of its own in those years."""
    years = sorted(set(years))
    rows = list(WelfareCalendar.objects.filter(year__in=years))
    organisations = {row.organisation for row in rows if row.organisation}
    follows = followed_organisations(joined or {}, organisations) if organisations else {}
    return WelfareNorm(rows, joined=joined, follows=follows)


def followed_organisations(complex_ids: Iterable[int], organisations: set[str]) -> dict[int, str]:
    """Complex → the organisation whose calendar it follows: the one all the welfare
    professionals assigned to it work for, when that organisation has a calendar of its own."""
    assigned = User.assigned_complexes.through.objects.filter(
        complex_id__in=list(complex_ids), user__is_active=True
    ).values_list("complex_id", "user__organisation")
    per_complex: dict[int, set[str]] = defaultdict(set)
    for complex_id, organisation in assigned:
        per_complex[complex_id].add(organisation)
    return {
        complex_id: next(iter(names))
        for complex_id, names in per_complex.items()
        if len(names) == 1 and next(iter(names)) in organisations
    }


def years_of(first: Week, last: Week) -> range:
    """The ISO years a run of weeks touches."""
    return range(first.year, last.year + 1)
