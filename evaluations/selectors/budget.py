"""Reads of the welfare budget: scenarios scoped to the user, and their figures beside the
hours actually logged this year."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from evaluations.choices import Scope
from evaluations.models import CENT, BudgetActual, BudgetScenario
from interventions.calendar import WelfareNorm, YearCalendar, welfare_norm
from leefbaarheid.weeks import Week

ZERO = Decimal("0.00")


def scenario_list(*, user) -> QuerySet[BudgetScenario]:
    return BudgetScenario.objects.visible_to(user).select_related("corporation", "district")


def scenario_get(*, user, pk) -> BudgetScenario:
    return get_object_or_404(scenario_list(user=user), pk=pk)


def scenario_count(scenario: BudgetScenario) -> int:
    """The number of complexes a scenario counts: its fixed number, or the live count."""
    complexes = scenario.complexes()
    return scenario.complex_count or 0 if complexes is None else complexes.count()


def budget_calendar(year: int | None = None) -> YearCalendar:
    """The municipality's welfare calendar of the budget year: the norm a scenario follows."""
    year = year or budget_year()
    return welfare_norm(years=[year]).calendar(year)


def scenario_total(scenario: BudgetScenario, calendar: YearCalendar | None = None) -> Decimal:
    return scenario.total_for(scenario_count(scenario), calendar or budget_calendar())


def budget_year(today: datetime.date | None = None) -> int:
    return Week.of(today or timezone.localdate()).year


def budget_actuals(*, user, year: int | None = None) -> QuerySet[BudgetActual]:
    return BudgetActual.objects.visible_to(user).filter(year=year or budget_year())


# Figures ----------------------------------------------------------------------------------------
# The figures beside a scenario for the year so far, per complex and summed per corporation,
# district and the city (or the scenario's own corporation or district):
# - budget (full year) per complex = hours per week × hourly rate × weeks per year; for a fixed
#   number of complexes (the evaluation's 266) the scenario's total is spread evenly over the
#   senior complexes in the database, so the rows always add up to the scenario's total;
# - norm to date per complex = that budget × the funded weeks gone by ÷ the funded weeks of the
#   year, in the welfare calendar the complex follows, counting from the week it joined; the
#   weeks gone by end with the last complete week the actual hours were refreshed through
#   (``BudgetActual.through_week``);
# - actual to date per complex = welfare hours logged in those weeks (unfunded weeks too) × the
#   scenario's rate;
# - gap = actual − norm to date: below zero fewer hours were bought than the norm.
# Every complex's amount is rounded to the cent (half up) once; a group's amount is the sum of
# its complexes', so each table adds up to the cent.

BUDGET_GROUPINGS = ("district", "corporation", "complex")
MONEY_FIELDS = ("budget", "norm", "actual", "gap")


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ComplexActual:
    """A senior complex with the hours logged in it this year so far (refreshed by a task)."""

    pk: int
    name: str
    corporation_id: int
    corporation_name: str
    district_id: int
    district_name: str
    joined_on: datetime.date
    hours: Decimal | None  # None: not refreshed since the complex became a senior complex
    through_week: int | None
    refreshed_at: datetime.datetime | None


@dataclass(frozen=True)
class BudgetBase:
    """Every senior complex the user sees with its actual hours in ``year`` and the welfare
    norm of that year: two queries (three with an organisation's own calendar), shared by all
    scenarios on a page."""

    year: int
    complexes: list[ComplexActual]
    norm: WelfareNorm

    @property
    def calendar(self) -> YearCalendar:
        """The municipality's calendar of the year: what a scenario that follows it counts."""
        return self.norm.calendar(self.year)

    @property
    def through_week(self) -> int | None:
        """The last complete week refreshed, or None while nothing has been refreshed."""
        weeks = [row.through_week for row in self.complexes if row.through_week is not None]
        return max(weeks) if weeks else None

    @property
    def refreshed_at(self) -> datetime.datetime | None:
        moments = [row.refreshed_at for row in self.complexes if row.refreshed_at is not None]
        return max(moments) if moments else None

    @property
    def calculated(self) -> bool:
        return self.through_week is not None


def budget_base(*, user, year: int | None = None) -> BudgetBase:
    """The senior complexes ``user`` sees, each with its ``BudgetActual`` of ``year`` (this
    ISO year by default) joined in: one query, whatever the number of complexes."""
    year = year or budget_year()
    rows = (
        Complex.objects.visible_to(user)
        .filter(is_senior=True)
        .annotate(actual=FilteredRelation("budget_actuals", condition=Q(budget_actuals__year=year)))
        .values(
            "pk",
            "name",
            "corporation_id",
            "district_id",
            "joined_on",
            corporation_name=F("corporation__name"),
            district_name=F("district__name"),
            actual_hours=F("actual__hours"),
            actual_through=F("actual__through_week"),
            actual_refreshed=F("actual__refreshed_at"),
        )
        .order_by("name", "pk")
    )
    complexes = [
        ComplexActual(
            pk=row["pk"],
            name=row["name"],
            corporation_id=row["corporation_id"],
            corporation_name=row["corporation_name"],
            district_id=row["district_id"],
            district_name=row["district_name"],
            joined_on=row["joined_on"],
            hours=row["actual_hours"],
            through_week=row["actual_through"],
            refreshed_at=row["actual_refreshed"],
        )
        for row in rows
    ]
    norm = welfare_norm(years=[year], joined={row.pk: row.joined_on for row in complexes})
    return BudgetBase(year=year, complexes=complexes, norm=norm)


def scenario_compared(scenario: BudgetScenario, base: BudgetBase) -> list[ComplexActual]:
    """The complexes a scenario's figures are about: its corporation's or district's, or all
    senior complexes (for "all" and for a fixed number)."""
    if scenario.scope == Scope.CORPORATION:
        return [row for row in base.complexes if row.corporation_id == scenario.corporation_id]
    if scenario.scope == Scope.DISTRICT:
        return [row for row in base.complexes if row.district_id == scenario.district_id]
    return list(base.complexes)


def scenario_counts(scenarios: Iterable[BudgetScenario]) -> dict[int, int]:
    """The number of complexes each scenario counts (its fixed number, or the live count of
    senior complexes in its scope): one query for all of them."""
    groups = list(
        Complex.objects.filter(is_senior=True)
        .values("corporation_id", "district_id")
        .annotate(complexes=Count("pk"))
        .order_by()
    )

    def live(field: str | None = None, value: int | None = None) -> int:
        return sum(group["complexes"] for group in groups if not field or group[field] == value)

    counts = {}
    for scenario in scenarios:
        if scenario.scope == Scope.FIXED:
            counts[scenario.pk] = scenario.complex_count or 0
        elif scenario.scope == Scope.CORPORATION:
            counts[scenario.pk] = live("corporation_id", scenario.corporation_id)
        elif scenario.scope == Scope.DISTRICT:
            counts[scenario.pk] = live("district_id", scenario.district_id)
        else:
            counts[scenario.pk] = live()
    return counts


def _budgets(scenario: BudgetScenario, compared: list[ComplexActual], base: BudgetBase):
    """Each compared complex's budget for the year, and the scenario's count and total. A fixed
    number's total is spread over the compared complexes, the cents left over going one each
    to the first ones, so the budgets add up to the total exactly."""
    per_complex = scenario.per_complex(base.calendar)
    if scenario.scope != Scope.FIXED:
        count = len(compared)
        return [per_complex] * count, count, per_complex * count
    count = scenario.complex_count or 0
    total = per_complex * count
    if not compared:
        return [], count, total
    cents = int(total / CENT)
    share, left = divmod(cents, len(compared))
    budgets = [(share + (1 if index < left else 0)) * CENT for index in range(len(compared))]
    return budgets, count, total


def _complex_line(
    row: ComplexActual, budget: Decimal, *, scenario: BudgetScenario, base: BudgetBase
) -> dict[str, Any]:
    """One complex's figures; without any refresh yet only its budget is known."""
    line: dict[str, Any] = {
        "key": row.pk,
        "label": row.name,
        "corporation_name": row.corporation_name,
        "district_name": row.district_name,
        "complexes": 1,
        "budget": budget,
        "hours": None,
        "norm": None,
        "actual": None,
        "gap": None,
        "funded_elapsed": None,
        "funded_weeks": base.norm.calendar(base.year, row.pk).funded_count,
    }
    through = base.through_week
    if through is None:
        return line
    # A complex that became senior after the last refresh has no hours yet: nothing bought.
    elapsed = row.through_week if row.through_week is not None else through
    hours = row.hours if row.hours is not None else Decimal("0.00")
    funded = (
        len(base.norm.funded_weeks(row.pk, Week(base.year, 1), Week(base.year, elapsed)))
        if elapsed
        else 0
    )
    line["hours"] = hours
    line["funded_elapsed"] = funded
    line["norm"] = _cents(budget * funded / line["funded_weeks"]) if line["funded_weeks"] else ZERO
    line["actual"] = _cents(hours * scenario.hourly_rate)
    line["gap"] = line["actual"] - line["norm"]
    return line


def _add_up(lines: list[dict[str, Any]], *, key, label: str) -> dict[str, Any]:
    """The sum of complexes' lines (money and hours stay unknown while any is unknown)."""
    total: dict[str, Any] = {
        "key": key,
        "label": label,
        "corporation_name": "",
        "district_name": "",
        "complexes": len(lines),
    }
    for field in ("hours", *MONEY_FIELDS):
        values = [line[field] for line in lines]
        known = all(value is not None for value in values)
        total[field] = sum(values, Decimal("0.00")) if known else None
    return total


@dataclass
class ScenarioFigures:
    """A scenario's total beside what the year so far cost, for the complexes it is about."""

    scenario: BudgetScenario
    count: int  # the complexes the total counts (the fixed number or the live count)
    hours_per_week: Decimal  # the scenario's own, or the welfare calendar's norm
    weeks_per_year: int  # the scenario's own, or the calendar's funded weeks
    per_complex: Decimal  # hours × rate × weeks
    total: Decimal  # count × per complex; the rows' budgets add up to it
    compared: int  # the senior complexes the figures below are about
    compares_all: bool  # a fixed number spread over all senior complexes in the database
    year: int
    through_week: int | None
    weeks_in_year: int
    funded_weeks: int  # in the municipality's calendar of the year
    funded_elapsed: int | None  # funded weeks of that calendar up to ``through_week``
    refreshed_at: datetime.datetime | None
    city: dict[str, Any]  # the sum over the compared complexes
    by: str | None = None
    rows: list[dict[str, Any]] | None = None

    @property
    def calculated(self) -> bool:
        return self.through_week is not None


def scenario_figures(
    scenario: BudgetScenario, *, base: BudgetBase, by: str | None = None
) -> ScenarioFigures:
    """A scenario's figures for ``base``'s year, with the rows per ``by`` (district,
    corporation or complex) when asked: no query beyond ``base``'s."""
    compared = scenario_compared(scenario, base)
    budgets, count, total = _budgets(scenario, compared, base)
    lines = [
        _complex_line(row, budget, scenario=scenario, base=base)
        for row, budget in zip(compared, budgets, strict=True)
    ]
    calendar = base.calendar
    hours, weeks = scenario.terms(calendar)
    through = base.through_week
    city = _add_up(lines, key=None, label="")
    city["complexes"], city["compared"] = count, len(compared)
    figures = ScenarioFigures(
        scenario=scenario,
        count=count,
        hours_per_week=hours,
        weeks_per_year=weeks,
        per_complex=scenario.per_complex(calendar),
        total=total,
        compared=len(compared),
        compares_all=scenario.scope == Scope.FIXED,
        year=base.year,
        through_week=through,
        weeks_in_year=calendar.weeks,
        funded_weeks=calendar.funded_count,
        funded_elapsed=(
            sum(1 for week in range(1, through + 1) if calendar.is_funded(week))
            if through is not None
            else None
        ),
        refreshed_at=base.refreshed_at,
        city=city,
    )
    if by == "complex":
        figures.by, figures.rows = by, lines
    elif by in ("corporation", "district"):
        groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
        names: dict[int, str] = {}
        for row, line in zip(compared, lines, strict=True):
            group = getattr(row, f"{by}_id")
            groups[group].append(line)
            names[group] = getattr(row, f"{by}_name")
        rows = [_add_up(groups[key], key=key, label=names[key]) for key in groups]
        figures.by, figures.rows = by, sorted(rows, key=lambda row: row["label"])
    return figures
