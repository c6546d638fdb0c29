"""Reads of the cohesion index: indicator snapshots, each scoped to the complexes the user may
see, the weeks they cover, and why a complex has its status."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, DateField, Max, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from evaluations import calculation
from evaluations.choices import Component, Status
from evaluations.models import IndicatorSettings, IndicatorSnapshot
from evaluations.selectors.trends import with_city_mean
from leefbaarheid import roles
from leefbaarheid.weeks import Week

COMPONENT_LABELS = dict(Component.choices)


def indicator_settings() -> IndicatorSettings:
    return calculation.indicator_settings()


def indicator_complexes(*, user) -> QuerySet[Complex]:
    """The complexes whose index ``user`` may read: all for officials and the admin, their own or
    assigned ones for staff and professionals, none for the intervention team."""
    return Complex.objects.visible_to(user, city_wide_roles=roles.FUNDING_ROLES)


def indicator_list(*, user) -> QuerySet[IndicatorSnapshot]:
    return IndicatorSnapshot.objects.visible_to(user).select_related(
        "complex", "complex__corporation", "complex__district"
    )


def latest_week(*, user=None) -> Week | None:
    """The newest week that has snapshots (normally this week)."""
    newest = IndicatorSnapshot.objects.aggregate(newest=Max("week_start"))["newest"]
    return Week.of(newest) if newest else None


def current_snapshots(*, user, week: Week | None = None) -> QuerySet[IndicatorSnapshot]:
    """Every visible complex's snapshot of ``week`` (the newest week by default)."""
    week = week or latest_week()
    if week is None:
        return IndicatorSnapshot.objects.none()
    return indicator_list(user=user).filter(week_start=week.monday)


def complex_snapshots(*, user, complex: Complex, weeks: int = 53) -> list[IndicatorSnapshot]:
    """A complex's snapshots of the last ``weeks`` weeks, oldest first (its trend), each with
    the city mean of its week (for ``snapshot_index_vs_city``)."""
    since = Week.of(timezone.localdate()).shifted(1 - weeks).monday
    return list(
        with_city_mean(IndicatorSnapshot.objects.visible_to(user))
        .filter(complex=complex, week_start__gte=since)
        .order_by("week_start")
    )


def explain(snapshot: IndicatorSnapshot) -> list[dict[str, Any]]:
    """A snapshot's components in display order with label, value (0–100 or None), weight, inputs
    and the index points each costs, for a page that says why a complex is red."""
    lost = {row["component"]: row["points"] for row in calculation.points_lost(snapshot)}
    rows = []
    for name, label in Component.choices:
        part = (snapshot.components or {}).get(name, {})
        value = part.get("value")
        rows.append(
            {
                "component": name,
                "label": label,
                "value": None
                if value is None
                else (Decimal(str(value)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP),
                "weight": Decimal((snapshot.weights or {}).get(name, "0")),
                "inputs": part.get("inputs", {}),
                "points_lost": lost.get(name),
            }
        )
    return rows


# Indicator screens and API ----------------------------------------------------------------------


def reasons(snapshot: IndicatorSnapshot, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The rows of ``explain`` that cost index points, the costliest first: why a complex is
    red or amber. Components without data cost nothing and are not listed."""
    rows = [row for row in explain(snapshot) if row["points_lost"]]
    rows.sort(key=lambda row: row["points_lost"], reverse=True)
    return rows[:limit] if limit is not None else rows


def newest_week_monday():
    """The Monday of the newest week with snapshots, as a subquery (no query of its own)."""
    return Subquery(
        IndicatorSnapshot.objects.order_by("-week_start").values("week_start")[:1],
        output_field=DateField(),
    )


def status_counts(snapshots: QuerySet[IndicatorSnapshot]) -> dict[str, int]:
    """How many of ``snapshots`` are red, amber, green and without data: one query."""
    totals = snapshots.order_by().aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values}
    )
    return {status: totals[status] or 0 for status in Status.values}


def home_status_counts(*, user) -> dict[str, int]:
    """The status counts of the newest week over the complexes ``user`` may see: one query."""
    return status_counts(
        IndicatorSnapshot.objects.visible_to(user).filter(week_start=newest_week_monday())
    )


def averages_by(snapshots: QuerySet[IndicatorSnapshot], *, by: str) -> list[dict[str, Any]]:
    """Per district or corporation (``by`` is "district" or "corporation"): the mean index of
    the complexes with data, how many are red, and how many complexes in all; one query."""
    key = f"complex__{by}"
    rows = (
        snapshots.order_by()
        .values(key, f"{key}__name")
        .annotate(
            mean=Avg("index"),
            complexes=Count("pk"),
            red=Count("pk", filter=Q(status=Status.RED)),
            no_data=Count("pk", filter=Q(status=Status.NO_DATA)),
        )
        .order_by(f"{key}__name")
    )
    return [
        {
            "pk": row[key],
            "name": row[f"{key}__name"],
            "mean": None
            if row["mean"] is None
            else Decimal(row["mean"]).quantize(Decimal("0.1"), ROUND_HALF_UP),
            "complexes": row["complexes"],
            "red": row["red"],
            "no_data": row["no_data"],
        }
        for row in rows
    ]


def complex_latest_snapshot(*, user, complex: Complex) -> IndicatorSnapshot | None:
    """The newest snapshot of a complex ``user`` may read, or None: one query (with the city
    mean of its week, for ``snapshot_index_vs_city``)."""
    return (
        with_city_mean(IndicatorSnapshot.objects.visible_to(user))
        .filter(complex=complex)
        .order_by("-week_start")
        .first()
    )


def indicator_complex_get(*, user, pk) -> Complex:
    """A complex whose index ``user`` may read; one outside their reach is a 404."""
    return get_object_or_404(
        indicator_complexes(user=user).select_related("corporation", "district"), pk=pk
    )
