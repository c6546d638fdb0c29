"""Reads of the index over time: per week the count of red, amber and green complexes, the mean
index and the welfare hours against the norm, and a complex's index against the city average
(the Wijkprofiel convention: 100 = the city average)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, FloatField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from complexes.models import Complex, District
from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot
from interventions import selectors as funding_selectors
from leefbaarheid.weeks import Week, weeks_between

TREND_WEEKS = 52


def _decimal(value) -> Decimal | None:
    """An average from the database (a float on SQLite, a Decimal on PostgreSQL) as a Decimal."""
    return None if value is None else Decimal(str(value))


def index_vs_city(index, city_mean) -> int | None:
    """``round(100 × index / city mean)``: 100 is the city average, 80 a fifth below it; None
    without an index or without a city mean."""
    index, city_mean = _decimal(index), _decimal(city_mean)
    if index is None or not city_mean:
        return None
    return int((100 * index / city_mean).quantize(Decimal(1), ROUND_HALF_UP))


def city_mean_expression() -> Subquery:
    """The mean index of ALL senior complexes with an index in the row's week (whoever reads),
    as a subquery on an ``IndicatorSnapshot`` queryset: no query of its own, none per row."""
    means = (
        IndicatorSnapshot.objects.filter(
            week_start=OuterRef("week_start"),
            complex__is_senior=True,
            index__isnull=False,
        )
        .order_by()
        .values("week_start")
        .annotate(mean=Avg("index", output_field=FloatField()))
        .values("mean")
    )
    return Subquery(means, output_field=FloatField())


def with_city_mean(snapshots: QuerySet[IndicatorSnapshot]) -> QuerySet[IndicatorSnapshot]:
    """``snapshots`` with ``city_mean`` annotated; ``snapshot_index_vs_city`` reads it."""
    return snapshots.annotate(city_mean=city_mean_expression())


def snapshot_index_vs_city(snapshot: IndicatorSnapshot) -> int | None:
    """A snapshot's index against the city average of its week (needs ``with_city_mean``)."""
    return index_vs_city(snapshot.index, getattr(snapshot, "city_mean", None))


def trend_districts() -> QuerySet[District]:
    """The districts to choose from on the trends page (every district: reference data)."""
    return District.objects.order_by("name")


def trend_weeks(today: datetime.date | None = None, count: int = TREND_WEEKS) -> list[Week]:
    """The last ``count`` weeks up to this week, oldest first."""
    last = Week.of(today or timezone.localdate())
    return weeks_between(last.shifted(1 - count), last)


def _mean(value) -> Decimal | None:
    mean = _decimal(value)
    return None if mean is None else mean.quantize(Decimal("0.1"), ROUND_HALF_UP)


def index_trends(
    *, user, complexes: QuerySet[Complex], district: District | None = None, weeks: list[Week]
) -> list[dict[str, Any]]:
    """Per week of ``weeks`` (oldest first) over the snapshots ``user`` may see (of one district
    when given): how many complexes are red, amber, green and without data, their mean index
    (one decimal, None without any index), and the hours in the senior ones among
    ``complexes`` against their norm (None in a week the norm applies to none). A fixed number
    of queries whatever the size of the city."""
    snapshots = IndicatorSnapshot.objects.visible_to(user).filter(
        week_start__gte=weeks[0].monday, week_start__lte=weeks[-1].monday
    )
    if district is not None:
        snapshots = snapshots.filter(complex__district=district)
        complexes = complexes.filter(district=district)
    per_week = {
        row["week_start"]: row
        for row in snapshots.order_by()
        .values("week_start")
        .annotate(
            mean=Avg("index", output_field=FloatField()),
            **{status: Count("pk", filter=Q(status=status)) for status in Status.values},
        )
    }
    hours = funding_selectors.hours_per_week_against_norm(
        complexes=complexes, first=weeks[0], last=weeks[-1]
    )
    rows = []
    for week in weeks:
        counted = per_week.get(week.monday, {})
        rows.append(
            {
                "week": str(week),
                "week_start": week.monday.isoformat(),
                **{status: counted.get(status, 0) for status in Status.values},
                "mean": _mean(counted.get("mean")),
                "hours": hours[week.monday]["hours"],
                "norm": hours[week.monday]["norm"],
            }
        )
    return rows
