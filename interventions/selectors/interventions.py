"""Reads of the interventions in a complex, scoped to the user through ``visible_to``."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from complexes.models import Complex
from interventions.choices import GrantStatus
from interventions.models import Grant, Intervention


def intervention_list(*, user) -> QuerySet[Intervention]:
    return Intervention.objects.visible_to(user).select_related(
        "complex", "complex__corporation", "complex__district", "provider", "grant"
    )


def intervention_get(*, user, pk) -> Intervention:
    return get_object_or_404(intervention_list(user=user).select_related("grant__scheme"), pk=pk)


def complex_interventions(*, complex: Complex, user) -> QuerySet[Intervention]:
    return intervention_list(user=user).filter(complex=complex).order_by("-start")


def grants_for_intervention(*, complex: Complex, user) -> QuerySet[Grant]:
    """The grants an intervention in ``complex`` may be paid from: the complex's, not rejected."""
    return (
        Grant.objects.visible_to(user)
        .filter(complex=complex)
        .exclude(status=GrantStatus.REJECTED)
        .select_related("scheme")
        .order_by("-start")
    )
