"""Reads of the complexes app, always scoped to the user through ``visible_to``."""

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from complexes.models import (
    Complex,
    Corporation,
    District,
    Gallery,
    OccupancySnapshot,
    vacancy_percent,
)


def corporation_list(*, user):
    return Corporation.objects.visible_to(user)


def district_list(*, user):
    return District.objects.visible_to(user)


def _gallery_count(**filters):
    counted = (
        Gallery.objects.filter(complex=OuterRef("pk"), **filters)
        .order_by()
        .values("complex")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def complex_list(*, user):
    """The complexes the user may see, with what list screens show joined in.

    Gallery counts are correlated subqueries, so the list stays one query at any size.
    """
    return (
        Complex.objects.visible_to(user)
        .select_related("corporation", "district")
        .annotate(
            gallery_count=_gallery_count(),
            galleries_without_contact=_gallery_count(contact_person__isnull=True),
        )
    )


def complex_get(*, user, pk) -> Complex:
    """One complex by id; one outside the user's reach is a 404, exactly like a missing one."""
    return get_object_or_404(complex_list(user=user), pk=pk)


def complex_summary(*, user) -> dict:
    """Key figures over the complexes a user may see, in one query."""
    totals = Complex.objects.visible_to(user).aggregate(
        complexes=Count("pk", distinct=True),
        units=Sum("units"),
        vacant_units=Sum("vacant_units"),
        thuisplus=Count("pk", filter=Q(is_thuisplus=True), distinct=True),
    )
    return {key: value or 0 for key, value in totals.items()}


def gallery_list(*, user):
    """Galleries the user may see, with their complex and contact person."""
    return Gallery.objects.visible_to(user).select_related(
        "complex", "complex__corporation", "contact_person"
    )


def gallery_get(*, user, pk) -> Gallery:
    return get_object_or_404(gallery_list(user=user), pk=pk)


def occupancy_list(*, user):
    return OccupancySnapshot.objects.visible_to(user).select_related("complex")


def occupancy_get(*, user, pk) -> OccupancySnapshot:
    return get_object_or_404(occupancy_list(user=user), pk=pk)


def occupancy_history(*, complex: Complex) -> list[dict]:
    """The occupancy snapshots of one (already scoped) complex, oldest first, for the chart."""
    return [
        {
            "date": snapshot.date.isoformat(),
            "units": snapshot.units,
            "vacant_units": snapshot.vacant_units,
            "new_tenants": snapshot.new_tenants,
            "vacancy_percent": float(vacancy_percent(snapshot.vacant_units, snapshot.units)),
        }
        for snapshot in complex.snapshots.order_by("date")
    ]
