"""Reads of the city map: every complex the user may see with its status and index in the
newest week and its index four weeks earlier (the trend arrow), in one query at any size."""

from typing import Any

from django.db.models import CharField, DecimalField, OuterRef, Q, QuerySet, Subquery, Value

from complexes.models import Complex
from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot
from leefbaarheid.weeks import Week

# The trend arrow compares the newest week's index with the one this many weeks earlier.
TREND_WEEKS = 4


def map_complexes(*, user, week: Week | None) -> QuerySet[Complex]:
    """The complexes ``user`` may see, each annotated with ``map_status`` and ``map_index`` of
    ``week`` and ``index_before`` (``TREND_WEEKS`` earlier); all empty without a week (or for
    a role that may not read the index: its snapshots are none)."""
    complexes = Complex.objects.visible_to(user).order_by("name", "pk")
    if week is None:
        return complexes.annotate(
            map_status=Value(None, output_field=CharField()),
            map_index=Value(None, output_field=DecimalField()),
            index_before=Value(None, output_field=DecimalField()),
        )
    snapshots = IndicatorSnapshot.objects.visible_to(user).filter(complex=OuterRef("pk"))
    now = snapshots.filter(week_start=week.monday)
    before = snapshots.filter(week_start=week.shifted(-TREND_WEEKS).monday)
    return complexes.annotate(
        map_status=Subquery(now.values("status")[:1]),
        map_index=Subquery(now.values("index")[:1]),
        index_before=Subquery(before.values("index")[:1]),
    )


def map_status_filter(complexes: QuerySet[Complex], status: str) -> QuerySet[Complex]:
    """The annotated complexes of one status; "no data" also takes those without a snapshot."""
    if status == Status.NO_DATA:
        return complexes.filter(Q(map_status=status) | Q(map_status__isnull=True))
    return complexes.filter(Q(map_status=status))


def trend(index, before) -> str | None:
    """ "up", "down" or "flat" for the index against the one ``TREND_WEEKS`` earlier; None
    when either is missing."""
    if index is None or before is None:
        return None
    if index > before:
        return "up"
    return "down" if index < before else "flat"


def map_rows(complexes: QuerySet[Complex]) -> list[dict[str, Any]]:
    """The annotated complexes as plain rows (one query): id, name, coordinates (None when
    unknown), units, status ("no_data" without a snapshot), index and trend."""
    fields = ("pk", "name", "latitude", "longitude", "units", "map_status", "map_index")
    rows = []
    for row in complexes.values(*fields, "index_before"):
        rows.append(
            {
                "pk": row["pk"],
                "name": row["name"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "units": row["units"],
                "status": row["map_status"] or Status.NO_DATA,
                "index": row["map_index"],
                "trend": trend(row["map_index"], row["index_before"]),
            }
        )
    return rows
