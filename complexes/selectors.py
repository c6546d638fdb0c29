"""Reads of the complexes app, always scoped to the user through ``visible_to``."""

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404

from complexes.models import Complex, Corporation, District


def corporation_list(*, user):
    return Corporation.objects.visible_to(user)


def district_list(*, user):
    return District.objects.visible_to(user)


def complex_list(*, user):
    """The complexes the user may see, with what list screens show joined in."""
    return Complex.objects.visible_to(user).select_related("corporation", "district")


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
