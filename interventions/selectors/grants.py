"""Reads of subsidy schemes, providers and grants (lists, totals, overlaps, reports due), scoped to
the user through ``visible_to``.
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from interventions.choices import LIVE_GRANT_STATUSES, REPORT_PENDING, GrantStatus
from interventions.models import Grant, Provider, SubsidyScheme
from leefbaarheid import roles

# A report is "due" when its date falls within this many days; after the date it is overdue.
REPORT_DUE_WITHIN_DAYS = 30
ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


def scheme_list(*, user) -> QuerySet[SubsidyScheme]:
    return SubsidyScheme.objects.visible_to(user)


def scheme_get(*, user, pk) -> SubsidyScheme:
    return get_object_or_404(scheme_list(user=user), pk=pk)


def provider_list(*, user) -> QuerySet[Provider]:
    return Provider.objects.visible_to(user)


def provider_get(*, user, pk) -> Provider:
    return get_object_or_404(provider_list(user=user), pk=pk)


def _overlapping(grant_ref: str = "") -> QuerySet[Grant]:
    """Live grants of another scheme in the same complex whose period overlaps the outer
    grant's (``OuterRef``s on ``grant_ref``)."""
    prefix = f"{grant_ref}__" if grant_ref else ""
    return Grant.objects.filter(
        complex=OuterRef(f"{prefix}complex"),
        status__in=LIVE_GRANT_STATUSES,
        start__lte=OuterRef(f"{prefix}end"),
        end__gte=OuterRef(f"{prefix}start"),
    ).exclude(scheme=OuterRef(f"{prefix}scheme"))


def with_overlap(queryset: QuerySet[Grant]) -> QuerySet[Grant]:
    """Annotate ``has_overlap``: this live grant's complex has a grant of another scheme in an
    overlapping period — the relation between schemes the evaluation asked about."""
    return queryset.annotate(
        has_overlap=Case(
            When(status=GrantStatus.REJECTED, then=Value(False)),
            default=Exists(_overlapping()),
        )
    )


def grant_list(*, user) -> QuerySet[Grant]:
    """The grants the user may see, with what lists show joined in and the overlap flag."""
    return with_overlap(
        Grant.objects.visible_to(user).select_related(
            "scheme", "corporation", "complex", "complex__district"
        )
    )


def grant_get(*, user, pk) -> Grant:
    return get_object_or_404(
        grant_list(user=user).select_related(
            "applied_by", "decided_by", "started_by", "reported_by", "settled_by"
        ),
        pk=pk,
    )


def overlapping_grants(*, grant: Grant, user) -> QuerySet[Grant]:
    """The live grants of other schemes in the same complex whose period overlaps this one."""
    if grant.status == GrantStatus.REJECTED:
        return Grant.objects.none()
    return (
        Grant.objects.visible_to(user)
        .filter(
            complex_id=grant.complex_id,
            status__in=LIVE_GRANT_STATUSES,
            start__lte=grant.end,
            end__gte=grant.start,
        )
        .exclude(scheme_id=grant.scheme_id)
        .select_related("scheme")
        .order_by("start")
    )


def grant_totals(queryset: QuerySet[Grant]) -> dict[str, Decimal | int]:
    """Count and amounts (requested, awarded, settled) of a set of grants; rejected grants are
    counted but add nothing to the amounts."""
    live = Q(status__in=LIVE_GRANT_STATUSES)
    return queryset.order_by().aggregate(
        count=Count("pk"),
        requested=Coalesce(Sum("amount_requested", filter=live), ZERO),
        awarded=Coalesce(Sum("amount_awarded", filter=live), ZERO),
        settled=Coalesce(Sum("amount_settled", filter=live), ZERO),
    )


GROUPINGS = {
    "scheme": "scheme__name",
    "corporation": "corporation__name",
    "district": "complex__district__name",
    "year": "start_year",
}


def grant_totals_by(queryset: QuerySet[Grant], by: str) -> list[dict]:
    """Totals per scheme, corporation, district or year (``GROUPINGS``), one query, ordered by
    the group. Each row: ``group``, ``count``, ``requested``, ``awarded``, ``settled``."""
    field = GROUPINGS[by]
    live = Q(status__in=LIVE_GRANT_STATUSES)
    rows = queryset.order_by()
    if by == "year":
        rows = rows.annotate(start_year=ExtractYear("start"))
    return list(
        rows.values(group=F(field))
        .annotate(
            count=Count("pk"),
            requested=Coalesce(Sum("amount_requested", filter=live), ZERO),
            awarded=Coalesce(Sum("amount_awarded", filter=live), ZERO),
            settled=Coalesce(Sum("amount_settled", filter=live), ZERO),
        )
        .order_by("group")
    )


def reports_due(
    *, user, today: datetime.date | None = None, within_days: int = REPORT_DUE_WITHIN_DAYS
) -> QuerySet[Grant]:
    """Grants whose report is still to come and due within ``within_days`` or overdue, the most
    overdue first; ``overdue`` annotated."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    return (
        grant_list(user=user)
        .filter(status__in=REPORT_PENDING, report_due__isnull=False, report_due__lte=horizon)
        .annotate(overdue=Case(When(report_due__lt=today, then=Value(True)), default=Value(False)))
        .order_by("report_due", "complex__name")
    )


def complex_grants(*, complex: Complex, user) -> QuerySet[Grant]:
    """The grants of one complex the user may see, the newest period first."""
    return grant_list(user=user).filter(complex=complex).order_by("-start")


def complexes_for_grants(*, user) -> QuerySet[Complex]:
    """The complexes a user may apply for a grant for (or record an intervention in): own
    corporation's, or for the municipality and functional admin every complex."""
    return Complex.objects.visible_to(user, city_wide_roles=roles.FUNDING_ROLES).order_by("name")


def funding_summary(*, user, today: datetime.date | None = None) -> dict[str, int]:
    """What the start page counts for someone who follows grants: applications awaiting a
    decision, reports overdue and due within ``REPORT_DUE_WITHIN_DAYS``, and grants that overlap
    a grant of another scheme in the same complex. One query."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REPORT_DUE_WITHIN_DAYS)
    pending = Q(status__in=REPORT_PENDING, report_due__isnull=False)
    return with_overlap(Grant.objects.visible_to(user)).aggregate(
        applied=Count("pk", filter=Q(status=GrantStatus.APPLIED)),
        overdue=Count("pk", filter=pending & Q(report_due__lt=today)),
        due_soon=Count("pk", filter=pending & Q(report_due__gte=today, report_due__lte=horizon)),
        overlapping=Count("pk", filter=Q(has_overlap=True)),
    )
