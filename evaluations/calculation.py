"""The cohesion index: gather every input for a set of complexes and a run of ISO weeks in a
fixed number of set-based queries (never one per complex or per week), then compute each
component, the weighted index and the status in plain Python.

Each component is a value in [0, 1] with the raw inputs it came from, or ``None`` for "no data":
a component without data is left out of the weighted mean, never counted as 0. The rules, as
DESIGN.md gives them:

- welfare hours: the hours logged over the last 4 complete funded weeks (and any unfunded weeks
  between them: their hours count) per funded week ÷ the norm of the welfare calendar, capped at
  1; no data before the complex's first logged hours or before it has a funded week;
- gallery coverage: galleries with a contact person (serving by the week's end) ÷ galleries;
  no data without galleries;
- occupancy: 1 − vacant ÷ units, from the latest occupancy snapshot up to the week's end (the
  complex's own figures for the current week, or when it has no snapshot that early);
- core group: 1 when an active core group (not the committee) has at least the minimum number
  of members (named by the week's end, plus those counted without a name), else 0;
- participation: residents at activities in the last 8 weeks ÷ occupied units, capped at 1; no
  data before the complex's first recorded activity;
- new-tenant reach: tenants who moved in within 12 months and have since attended an activity or
  joined a group ÷ those tenants; no data without new tenants;
- mutual help: residents involved in mutual help in the months overlapping the last 8 weeks ÷
  occupied units, capped at 1; no data before the complex's first record;
- loneliness: 1 − mean De Jong Gierveld score ÷ 6 in the latest round up to the week's end with
  enough valid responses to be shown; no data without one.

People counted at activities and in mutual help are the distinct named residents, or the largest
head count of one activity or record when that is higher: a lower bound, since unnamed people
cannot be told apart.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, F, Max, Min, Q, Sum

from complexes.models import Complex, Gallery, OccupancySnapshot
from evaluations.choices import Component, Status
from evaluations.models import IndicatorSettings, SurveyRound
from interventions.calendar import WelfareNorm, welfare_norm, years_of
from interventions.models import HoursEntry
from leefbaarheid.weeks import Week
from residents.choices import GroupKind
from residents.models import Activity, Membership, MutualHelp, Resident, ResidentGroup

HOURS_WEEKS = 4
HOURS_LOOK_BACK = 53  # weeks searched back for the last funded ones (holidays are skipped)
PARTICIPATION_WEEKS = 8
MUTUAL_HELP_WEEKS = 8
NEW_TENANT_DAYS = 365
SCORE_MAX = 6
VALUE_PLACES = 4  # a component's value is kept to four decimals, so stored JSON compares exactly
ONE = Decimal(1)


def week_span(first: Week, last: Week) -> list[Week]:
    """Every ISO week from ``first`` to ``last``, both included."""
    weeks = []
    week = first
    while week.monday <= last.monday:
        weeks.append(week)
        week = week.shifted(1)
    return weeks


def _value(number: Decimal | float) -> float:
    return float(Decimal(str(number)).quantize(Decimal(1).scaleb(-VALUE_PLACES), ROUND_HALF_UP))


def _share(part, whole, *, cap: bool = True) -> float:
    share = Decimal(str(part)) / Decimal(str(whole))
    return _value(min(share, ONE) if cap else share)


@dataclass
class Inputs:
    """Everything the components of some complexes need, as fetched by ``gather``."""

    complexes: dict[int, Complex]
    today: datetime.date
    settings: IndicatorSettings
    norm: WelfareNorm
    hours: dict[tuple[int, datetime.date], Decimal] = field(default_factory=dict)
    first_hours: dict[int, datetime.date] = field(default_factory=dict)
    galleries: dict[int, list[datetime.date | None]] = field(default_factory=dict)
    occupancy: dict[int, list[tuple[datetime.date, int, int]]] = field(default_factory=dict)
    core_groups: dict[int, list[tuple[datetime.date | None, int, list[datetime.date]]]] = field(
        default_factory=dict
    )
    attendance: dict[int, dict[datetime.date, set[int]]] = field(default_factory=dict)
    head_counts: dict[int, dict[datetime.date, int]] = field(default_factory=dict)
    first_activity: dict[int, datetime.date] = field(default_factory=dict)
    new_tenants: dict[int, list[tuple[datetime.date, datetime.date | None]]] = field(
        default_factory=dict
    )
    help_named: dict[int, dict[datetime.date, set[int]]] = field(default_factory=dict)
    help_counts: dict[int, dict[datetime.date, int]] = field(default_factory=dict)
    first_help: dict[int, datetime.date] = field(default_factory=dict)
    rounds: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _hours_from(norm: WelfareNorm, complex_map: dict[int, Complex], first: Week) -> Week:
    """The earliest week whose hours the first week's hours component reads: the oldest of the
    last funded weeks before it, over all complexes."""
    earliest = first.shifted(-HOURS_WEEKS)
    for pk in complex_map:
        funded = norm.last_funded_weeks(pk, first, HOURS_WEEKS + 1, back=HOURS_LOOK_BACK)
        if funded and funded[-1].monday < earliest.monday:
            earliest = funded[-1]
    return earliest


def gather(complexes, first: Week, last: Week, *, today: datetime.date) -> Inputs:
    """Fetch the inputs of ``complexes`` (a queryset) for the weeks ``first``–``last``: a fixed
    number of queries whatever the number of complexes and weeks, one step per component."""
    complex_map = {complex_.pk: complex_ for complex_ in complexes}
    ids = complexes.values("pk")
    start, end = first.monday, min(last.sunday, today)
    norm = welfare_norm(
        years=years_of(first.shifted(-HOURS_LOOK_BACK), last),
        joined={pk: complex_.joined_on for pk, complex_ in complex_map.items()},
    )
    data = Inputs(complexes=complex_map, today=today, settings=indicator_settings(), norm=norm)
    window_from = start - datetime.timedelta(weeks=max(PARTICIPATION_WEEKS, MUTUAL_HELP_WEEKS))
    _gather_hours(data, ids, first, last)
    _gather_galleries(data, ids)
    _gather_occupancy(data, ids, end)
    _gather_core_groups(data, ids)
    _gather_participation(data, ids, window_from, end)
    _gather_new_tenants(data, ids, start, end)
    _gather_mutual_help(data, ids, window_from, end)
    _gather_loneliness(data, ids, end)
    return data


def _gather_hours(data: Inputs, ids, first: Week, last: Week) -> None:
    """Welfare hours per complex and week from the first week the norm looks back to (one
    query), and the first week each complex ever had hours (one)."""
    hours_from = _hours_from(data.norm, data.complexes, first).monday
    for complex_id, monday, total in (
        HoursEntry.objects.filter(
            complex__in=ids, week_start__gte=hours_from, week_start__lte=last.monday
        )
        .values("complex_id", "week_start")
        .annotate(total=Sum("hours"))
        .values_list("complex_id", "week_start", "total")
        .order_by()
    ):
        data.hours[(complex_id, monday)] = total
    data.first_hours = dict(
        HoursEntry.objects.filter(complex__in=ids)
        .values("complex_id")
        .annotate(first=Min("week_start"))
        .values_list("complex_id", "first")
        .order_by()
    )


def _gather_galleries(data: Inputs, ids) -> None:
    """Since when each gallery has a contact person (one query)."""
    for complex_id, since in Gallery.objects.filter(complex__in=ids).values_list(
        "complex_id", "contact_since"
    ):
        data.galleries.setdefault(complex_id, []).append(since)


def _gather_occupancy(data: Inputs, ids, end: datetime.date) -> None:
    """The occupancy snapshots up to ``end``, oldest first (one query)."""
    for complex_id, day, units, vacant in (
        OccupancySnapshot.objects.filter(complex__in=ids, date__lte=end)
        .order_by("complex_id", "date")
        .values_list("complex_id", "date", "units", "vacant_units")
    ):
        data.occupancy.setdefault(complex_id, []).append((day, units, vacant))


def _gather_core_groups(data: Inputs, ids) -> None:
    """Active core groups with their start, unnamed members and joining dates (two queries)."""
    groups = {
        pk: (complex_id, started, unnamed)
        for pk, complex_id, started, unnamed in ResidentGroup.objects.filter(
            complex__in=ids, kind=GroupKind.CORE_GROUP, active=True
        ).values_list("pk", "complex_id", "started", "unnamed_members")
    }
    joined: dict[int, list[datetime.date]] = defaultdict(list)
    for group_id, day in Membership.objects.filter(
        group__complex__in=ids, group__kind=GroupKind.CORE_GROUP, group__active=True
    ).values_list("group_id", "joined"):
        joined[group_id].append(day)
    for pk, (complex_id, started, unnamed) in groups.items():
        data.core_groups.setdefault(complex_id, []).append((started, unnamed, joined[pk]))


def _gather_participation(
    data: Inputs, ids, window_from: datetime.date, end: datetime.date
) -> None:
    """Attendance and head counts per day in the window, and each complex's first activity
    (three queries)."""
    attendees = Activity.attendees.through.objects.filter(
        activity__complex__in=ids, activity__date__gte=window_from, activity__date__lte=end
    ).values_list("activity__complex_id", "activity__date", "resident_id")
    # Streamed: a year of the city's attendance is the largest input by far.
    for complex_id, day, resident_id in attendees.iterator(chunk_size=10000):
        data.attendance.setdefault(complex_id, {}).setdefault(day, set()).add(resident_id)
    for complex_id, day, largest in (
        Activity.objects.filter(complex__in=ids, date__gte=window_from, date__lte=end)
        .values("complex_id", "date")
        .annotate(largest=Max("head_count"))
        .values_list("complex_id", "date", "largest")
        .order_by()
    ):
        data.head_counts.setdefault(complex_id, {})[day] = largest
    data.first_activity = dict(
        Activity.objects.filter(complex__in=ids)
        .values("complex_id")
        .annotate(first=Min("date"))
        .values_list("complex_id", "first")
        .order_by()
    )


def _gather_new_tenants(data: Inputs, ids, start: datetime.date, end: datetime.date) -> None:
    """Residents who moved in within a year of the period, with the first day each took part in
    an activity or a group (three queries)."""
    newcomers = Resident.objects.filter(
        complex__in=ids,
        moved_in__gt=start - datetime.timedelta(days=NEW_TENANT_DAYS),
        moved_in__lte=end,
    )
    first_seen: dict[int, datetime.date] = {}
    for resident_id, day in (
        Activity.attendees.through.objects.filter(
            resident__in=newcomers.values("pk"), activity__date__gte=F("resident__moved_in")
        )
        .values("resident_id")
        .annotate(first=Min("activity__date"))
        .values_list("resident_id", "first")  # type: ignore[misc]
        .order_by()
    ):
        first_seen[resident_id] = day
    for resident_id, day in (
        Membership.objects.filter(
            resident__in=newcomers.values("pk"), joined__gte=F("resident__moved_in")
        )
        .values("resident_id")
        .annotate(first=Min("joined"))
        .values_list("resident_id", "first")
        .order_by()
    ):
        first_seen[resident_id] = min(day, first_seen.get(resident_id, day))
    for pk, complex_id, moved_in in newcomers.values_list("pk", "complex_id", "moved_in"):
        data.new_tenants.setdefault(complex_id, []).append((moved_in, first_seen.get(pk)))


def _gather_mutual_help(data: Inputs, ids, window_from: datetime.date, end: datetime.date) -> None:
    """Mutual help per month: the largest count and the residents named, and each complex's
    first record (three queries)."""
    help_from = (window_from - datetime.timedelta(days=31)).replace(day=1)
    helps = {
        pk: (complex_id, month, count)
        for pk, complex_id, month, count in MutualHelp.objects.filter(
            complex__in=ids, month__gte=help_from, month__lte=end
        ).values_list("pk", "complex_id", "month", "people_count")
    }
    for complex_id, month, count in helps.values():
        counts = data.help_counts.setdefault(complex_id, {})
        counts[month] = max(count, counts.get(month, 0))
        data.help_named.setdefault(complex_id, {}).setdefault(month, set())
    # Joined rather than a list of ids: a year of the city's records would pass SQLite's limit
    # on query parameters.
    for help_id, resident_id in MutualHelp.residents.through.objects.filter(
        mutualhelp__complex__in=ids, mutualhelp__month__gte=help_from, mutualhelp__month__lte=end
    ).values_list("mutualhelp_id", "resident_id"):
        complex_id, month, _count = helps[help_id]
        data.help_named[complex_id][month].add(resident_id)
    data.first_help = dict(
        MutualHelp.objects.filter(complex__in=ids)
        .values("complex_id")
        .annotate(first=Min("month"))
        .values_list("complex_id", "first")
        .order_by()
    )


def _gather_loneliness(data: Inputs, ids, end: datetime.date) -> None:
    """Survey rounds up to ``end`` with their valid responses and mean score (one query)."""
    valid = Q(responses__score__isnull=False)
    for row in (
        SurveyRound.objects.filter(complex__in=ids, held_on__lte=end)
        .annotate(valid=Count("responses", filter=valid), mean=Avg("responses__score"))
        .order_by("complex_id", "held_on", "pk")
        .values("pk", "complex_id", "name", "held_on", "valid", "mean")
    ):
        data.rounds.setdefault(row["complex_id"], []).append(row)


def indicator_settings() -> IndicatorSettings:
    """The one settings row, created with the defaults of DESIGN.md on first use."""
    settings_row, _created = IndicatorSettings.objects.get_or_create(pk=1)
    return settings_row


# Components -------------------------------------------------------------------------------------


def _window_end(week: Week, today: datetime.date) -> datetime.date:
    return min(week.sunday, today)


def _occupancy(data: Inputs, complex_: Complex, week: Week) -> tuple[int, int, str | None]:
    """Units and vacant units as of the week's end, and the date they are from: today's for the
    current week, else the latest snapshot's; None when the complex's own figures stand in for a
    week before its first snapshot (a fixed value, so such a week is not rewritten each night)."""
    if week.monday <= data.today <= week.sunday:
        return complex_.units, complex_.vacant_units, data.today.isoformat()
    latest = None
    for day, units, vacant in data.occupancy.get(complex_.pk, ()):
        if day > week.sunday:
            break
        latest = (units, vacant, day.isoformat())
    return latest or (complex_.units, complex_.vacant_units, None)


def hours_component(data: Inputs, complex_: Complex, week: Week) -> tuple[float | None, dict]:
    # Whole weeks only: the current week is judged on the funded weeks before it.
    current = week.monday <= data.today <= week.sunday
    until = week.shifted(-1) if current else week
    funded = data.norm.last_funded_weeks(complex_.pk, until, HOURS_WEEKS, back=HOURS_LOOK_BACK)
    span = week_span(funded[-1], until) if funded else []
    first = data.first_hours.get(complex_.pk)
    total = sum(
        (data.hours.get((complex_.pk, each.monday), Decimal(0)) for each in span), Decimal(0)
    ).quantize(Decimal("0.01"))  # "8.00" on every database (SQLite's sum says "8"), and "0.00"
    expected = sum((data.norm.week_norm(complex_.pk, each) for each in funded), Decimal(0))
    inputs = {
        "hours": str(total),
        "weeks": len(funded),
        "from_week": str(funded[-1]) if funded else str(until),
        "until_week": str(until),
        "norm": str(data.norm.hours_per_week(until.year)),
    }
    if first is None or first > until.monday or not funded:
        return None, inputs
    mean = total / len(funded)
    inputs["mean"] = str(mean.quantize(Decimal("0.01"), ROUND_HALF_UP))
    return _share(total, expected), inputs


def galleries_component(data: Inputs, complex_: Complex, week: Week):
    galleries = data.galleries.get(complex_.pk, [])
    covered = sum(1 for since in galleries if since is not None and since <= week.sunday)
    inputs = {"galleries": len(galleries), "with_contact_person": covered}
    if not galleries:
        return None, inputs
    return _share(covered, len(galleries)), inputs


def occupancy_component(data: Inputs, complex_: Complex, week: Week):
    units, vacant, as_of = _occupancy(data, complex_, week)
    inputs = {"units": units, "vacant_units": vacant, "as_of": as_of}
    if not units:
        return None, inputs
    return _value(ONE - Decimal(vacant) / Decimal(units)), inputs


def core_group_component(data: Inputs, complex_: Complex, week: Week):
    minimum = data.settings.core_group_min_members
    sizes = [
        unnamed + sum(1 for day in joined if day <= week.sunday)
        for started, unnamed, joined in data.core_groups.get(complex_.pk, ())
        if started is None or started <= week.sunday
    ]
    largest = max(sizes, default=0)
    inputs = {"core_groups": len(sizes), "largest_members": largest, "min_members": minimum}
    return (1.0 if largest >= minimum else 0.0), inputs


def _people(
    named: dict[datetime.date, set[int]],
    counts: dict[datetime.date, int],
    since: datetime.date,
    until: datetime.date,
) -> tuple[int, int, int]:
    """Distinct named people, the largest single count and their maximum, between two dates."""
    people: set[int] = set()
    for day, ids in named.items():
        if since <= day <= until:
            people |= ids
    largest = max((count for day, count in counts.items() if since <= day <= until), default=0)
    return max(len(people), largest), len(people), largest


def participation_component(data: Inputs, complex_: Complex, week: Week):
    until = _window_end(week, data.today)
    since = until - datetime.timedelta(weeks=PARTICIPATION_WEEKS) + datetime.timedelta(days=1)
    units, vacant, _as_of = _occupancy(data, complex_, week)
    people, named, largest = _people(
        data.attendance.get(complex_.pk, {}), data.head_counts.get(complex_.pk, {}), since, until
    )
    inputs = {
        "residents": people,
        "named": named,
        "largest_head_count": largest,
        "occupied_units": units - vacant,
        "weeks": PARTICIPATION_WEEKS,
    }
    first = data.first_activity.get(complex_.pk)
    if first is None or first > until or units - vacant <= 0:
        return None, inputs
    return _share(people, units - vacant), inputs


def new_tenants_component(data: Inputs, complex_: Complex, week: Week):
    until = _window_end(week, data.today)
    since = until - datetime.timedelta(days=NEW_TENANT_DAYS)
    tenants = [
        reached
        for moved_in, reached in data.new_tenants.get(complex_.pk, ())
        if since < moved_in <= until
    ]
    count = sum(1 for reached in tenants if reached is not None and reached <= until)
    inputs = {"new_tenants": len(tenants), "reached": count, "months": 12}
    if not tenants:
        return None, inputs
    return _share(count, len(tenants)), inputs


def mutual_help_component(data: Inputs, complex_: Complex, week: Week):
    until = _window_end(week, data.today)
    since = until - datetime.timedelta(weeks=MUTUAL_HELP_WEEKS) + datetime.timedelta(days=1)
    # A record holds a month: it counts when that month overlaps the window.
    units, vacant, _as_of = _occupancy(data, complex_, week)
    people, named, largest = _people(
        data.help_named.get(complex_.pk, {}),
        data.help_counts.get(complex_.pk, {}),
        since.replace(day=1),
        until,
    )
    inputs = {
        "residents": people,
        "named": named,
        "largest_count": largest,
        "occupied_units": units - vacant,
        "weeks": MUTUAL_HELP_WEEKS,
    }
    first = data.first_help.get(complex_.pk)
    if first is None or first > until or units - vacant <= 0:
        return None, inputs
    return _share(people, units - vacant), inputs


def loneliness_component(data: Inputs, complex_: Complex, week: Week):
    minimum = data.settings.survey_min_responses
    shown = [
        row
        for row in data.rounds.get(complex_.pk, ())
        if row["held_on"] <= week.sunday and row["valid"] >= minimum
    ]
    if not shown:
        return None, {"min_responses": minimum}
    latest = shown[-1]
    mean = Decimal(str(latest["mean"]))
    inputs = {
        "round": latest["name"],
        "held_on": latest["held_on"].isoformat(),
        "responses": latest["valid"],
        "mean_score": str(mean.quantize(Decimal("0.01"), ROUND_HALF_UP)),
        "min_responses": minimum,
    }
    return _value(ONE - mean / SCORE_MAX), inputs


COMPONENTS = {
    Component.HOURS: hours_component,
    Component.GALLERIES: galleries_component,
    Component.OCCUPANCY: occupancy_component,
    Component.CORE_GROUP: core_group_component,
    Component.PARTICIPATION: participation_component,
    Component.NEW_TENANTS: new_tenants_component,
    Component.MUTUAL_HELP: mutual_help_component,
    Component.LONELINESS: loneliness_component,
}


# The index ---------------------------------------------------------------------------------------


def weighted_index(values: dict[str, float | None], weights: dict[str, Decimal]) -> Decimal | None:
    """The weighted mean of the components that have data, × 100, to one decimal; None when
    no component with a weight above 0 has data."""
    counted = {
        name: Decimal(str(value))
        for name, value in values.items()
        if value is not None and weights.get(name, Decimal(0)) > 0
    }
    total_weight = sum((weights[name] for name in counted), Decimal(0))
    if not total_weight:
        return None
    mean = sum((weights[name] * value for name, value in counted.items()), Decimal(0))
    return (mean / total_weight * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def status_of(index: Decimal | None, *, red_below: Decimal, green_from: Decimal) -> str:
    if index is None:
        return Status.NO_DATA
    if index < red_below:
        return Status.RED
    if index >= green_from:
        return Status.GREEN
    return Status.AMBER


def calculate(data: Inputs, complex_: Complex, week: Week) -> dict[str, Any]:
    """One complex's snapshot of one week, as the fields of ``IndicatorSnapshot``."""
    settings_row = data.settings
    weights = settings_row.weights()
    components = {}
    for name, component in COMPONENTS.items():
        value, inputs = component(data, complex_, week)
        components[str(name)] = {"value": value, "inputs": inputs}
    index = weighted_index({name: part["value"] for name, part in components.items()}, weights)
    return {
        "index": index,
        "status": status_of(
            index, red_below=settings_row.red_below, green_from=settings_row.green_from
        ),
        "components": components,
        "weights": {name: str(weight) for name, weight in weights.items()},
        # The norm comes from the welfare calendar; kept with the other values it was judged by.
        "thresholds": {
            **settings_row.thresholds(),
            "hours_norm": str(data.norm.hours_per_week(week.year)),
        },
    }


def points_lost(snapshot) -> list[dict[str, Any]]:
    """Per component with data: how many index points it costs against a perfect 1, largest
    first, so a page can say why a complex is red."""
    weights = {name: Decimal(value) for name, value in (snapshot.weights or {}).items()}
    counted = {
        name: Decimal(str(part["value"]))
        for name, part in (snapshot.components or {}).items()
        if part.get("value") is not None and weights.get(name, Decimal(0)) > 0
    }
    total = sum((weights[name] for name in counted), Decimal(0))
    if not total:
        return []
    rows = [
        {
            "component": name,
            "points": ((ONE - value) * weights[name] / total * 100).quantize(
                Decimal("0.1"), ROUND_HALF_UP
            ),
        }
        for name, value in counted.items()
    ]
    return sorted(rows, key=lambda row: row["points"], reverse=True)
