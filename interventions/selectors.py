"""Reads of the interventions app, always scoped to the user through ``visible_to``."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from interventions.choices import LIVE_GRANT_STATUSES, REPORT_PENDING, GrantStatus, WeekStatus
from interventions.models import (
    FUNDING_ROLES,
    Grant,
    HoursEntry,
    HoursWeek,
    Intervention,
    Provider,
    SubsidyScheme,
)
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.weeks import Week, last_weeks

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


def complexes_for_grants(*, user) -> QuerySet[Complex]:
    """The complexes a user may apply for a grant for (or record an intervention in): own
    corporation's, or for the municipality and functional admin every complex."""
    return Complex.objects.visible_to(user, city_wide_roles=FUNDING_ROLES).order_by("name")


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


# Welfare hours ---------------------------------------------------------------------------------

HOURS_WINDOWS = (4, 13, 52)  # the norm view's periods, in weeks
HOURS_ALERT_HORIZON = 13  # how far back a below-norm streak is counted
HOURS_GROUPINGS = ("complex", "professional", "corporation", "district")
HOURS_ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=9, decimal_places=2))


def hours_norm() -> Decimal:
    return Decimal(settings.WELFARE_HOURS_NORM)


def last_complete_week(today: datetime.date | None = None) -> Week:
    """The latest week that has ended: the norm is judged on whole weeks."""
    return Week.of(today or timezone.localdate()).shifted(-1)


def hours_list(*, user) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.visible_to(user).select_related(
        "complex", "complex__corporation", "complex__district", "professional"
    )


def hours_get(*, user, pk: int) -> HoursEntry:
    return get_object_or_404(hours_list(user=user), pk=pk)


def hours_week_list(*, user) -> QuerySet[HoursWeek]:
    return HoursWeek.objects.visible_to(user).select_related("professional", "decided_by")


def hours_complexes(*, user) -> QuerySet[Complex]:
    """The complexes whose hours ``user`` may read (none for the intervention team)."""
    return Complex.objects.visible_to(user, city_wide_roles=FUNDING_ROLES)


def hours_professionals(*, user) -> QuerySet:
    """The welfare professionals whose hours ``user`` may read: all of them for the city-wide
    readers, those working in a visible complex for corporation staff, oneself otherwise."""
    professionals = User.objects.filter(
        is_active=True, groups__name=roles.WELFARE_PROFESSIONAL
    ).order_by("last_name", "first_name", "username")
    held = roles.user_roles(user)
    if held & FUNDING_ROLES and not held & roles.LOCAL_ROLES:
        return professionals
    if roles.WELFARE_PROFESSIONAL in held:
        # A team lead also the professionals of their organisation (see approvable_by).
        if user.organisation and user.has_perm(f"interventions.{roles.APPROVE_HOURS}"):
            return professionals.filter(Q(pk=user.pk) | Q(organisation=user.organisation))
        return professionals.filter(pk=user.pk)
    if roles.CORPORATION_STAFF in held:
        complexes = hours_complexes(user=user).values("pk")
        return professionals.filter(assigned_complexes__in=complexes).distinct()
    return professionals.none()


def week_entries(*, professional, week: Week) -> dict[tuple[int, str], HoursEntry]:
    """A professional's cells of one week, keyed by (complex id, kind)."""
    entries = HoursEntry.objects.filter(professional=professional, year=week.year, week=week.week)
    return {(entry.complex_id, entry.kind): entry for entry in entries}


def week_status(*, professional, week: Week) -> HoursWeek | None:
    return HoursWeek.objects.filter(
        professional=professional, year=week.year, week=week.week
    ).first()


def _window_sums(prefix: str, until: Week, windows=HOURS_WINDOWS, extra: Q | None = None):
    """``h4``, ``h13``, ``h52``: hours summed over the last 4, 13 and 52 weeks up to ``until``,
    through the relation ``prefix`` (e.g. ``hours_entries__``)."""
    sums = {}
    for weeks in windows:
        window = Q(**{f"{prefix}week_start__gte": until.shifted(1 - weeks).monday})
        window &= Q(**{f"{prefix}week_start__lte": until.monday})
        if extra is not None:
            window &= extra
        sums[f"h{weeks}"] = Coalesce(Sum(f"{prefix}hours", filter=window), HOURS_ZERO)
    return sums


def _norm_figures(row: dict, complexes: int, windows=HOURS_WINDOWS) -> dict:
    """Add per window the norm (complexes × 4 h × weeks), the average hours per complex per
    week and whether the norm was met."""
    norm = hours_norm()
    row["complexes"] = complexes
    for weeks in windows:
        hours = row[f"h{weeks}"]
        expected = norm * complexes * weeks
        row[f"norm{weeks}"] = expected
        row[f"avg{weeks}"] = (
            (hours / (complexes * weeks)).quantize(Decimal("0.01")) if (complexes) else None
        )
        row[f"met{weeks}"] = bool(complexes) and hours >= expected
    return row


def hours_norm_rows(*, user, by: str = "complex", until: Week | None = None) -> list[dict]:
    """Hours of the last 4, 13 and 52 weeks against the norm, per complex, professional,
    corporation or district: one query whatever the number of rows. The norm counts senior
    complexes only; ``until`` defaults to the last complete week."""
    until = until or last_complete_week()
    complexes = hours_complexes(user=user)
    if by == "professional":
        return _norm_rows_per_professional(user=user, complexes=complexes, until=until)
    if by in ("corporation", "district"):
        rows = (
            complexes.values(key=F(f"{by}_id"), label=F(f"{by}__name"))
            .annotate(
                complexes=Count("pk", filter=Q(is_senior=True), distinct=True),
                **_window_sums("hours_entries__", until),
            )
            .order_by("label")
        )
        return [_norm_figures(row, row.pop("complexes")) for row in rows]
    rows = (
        complexes.values(
            "is_senior",
            key=F("pk"),
            label=F("name"),
            corporation_name=F("corporation__name"),
            district_name=F("district__name"),
        )
        .annotate(**_window_sums("hours_entries__", until))
        .order_by("name")
    )
    return [_norm_figures(row, 1 if row["is_senior"] else 0) for row in rows]


def _norm_rows_per_professional(*, user, complexes, until: Week) -> list[dict]:
    """Per professional: their hours in the complexes ``user`` sees, against the norm of the
    senior complexes assigned to them (subqueries, so the two sums do not multiply)."""
    visible = complexes.values("pk")
    sums = {}
    for weeks in HOURS_WINDOWS:
        entries = HoursEntry.objects.filter(
            professional=OuterRef("pk"),
            complex__in=visible,
            week_start__gte=until.shifted(1 - weeks).monday,
            week_start__lte=until.monday,
        )
        total = entries.values("professional").annotate(total=Sum("hours")).values("total")
        sums[f"h{weeks}"] = Coalesce(Subquery(total), HOURS_ZERO)
    assigned = Complex.objects.filter(professionals=OuterRef("pk"), is_senior=True, pk__in=visible)
    count = assigned.values("professionals").annotate(n=Count("pk")).values("n")
    rows = hours_professionals(user=user).values(
        "username", key=F("pk"), first=F("first_name"), last=F("last_name")
    )
    rows = rows.annotate(complexes=Coalesce(Subquery(count), 0), **sums)
    result = []
    for row in rows:
        row["label"] = f"{row.pop('first')} {row.pop('last')}".strip() or row["username"]
        result.append(_norm_figures(row, row.pop("complexes")))
    return result


def hours_below_norm(
    *,
    user,
    until: Week | None = None,
    min_weeks: int | None = None,
    horizon: int = HOURS_ALERT_HORIZON,
) -> list[dict]:
    """Senior complexes below the norm for ``min_weeks`` (3) or more consecutive weeks up to
    ``until`` (the last complete week), longest streak first: the alert. Two queries for the
    whole city. A streak is counted back at most ``horizon`` weeks (then shown as "13+")."""
    until = until or last_complete_week()
    min_weeks = min_weeks or settings.HOURS_ALERT_WEEKS
    norm = hours_norm()
    complexes = list(
        hours_complexes(user=user)
        .filter(is_senior=True)
        .values(
            "pk",
            "name",
            corporation_name=F("corporation__name"),
            district_name=F("district__name"),
        )
        .order_by("name")
    )
    first = until.shifted(1 - horizon)
    totals = {
        (row["complex_id"], row["week_start"]): row["total"]
        for row in HoursEntry.objects.filter(
            complex__in=[row["pk"] for row in complexes],
            week_start__gte=first.monday,
            week_start__lte=until.monday,
        )
        .values("complex_id", "week_start")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    window = list(reversed(last_weeks(until, horizon)))
    alerts = []
    for row in complexes:
        streak = 0
        for week in window:
            if totals.get((row["pk"], week.monday), Decimal(0)) >= norm:
                break
            streak += 1
        if streak >= min_weeks:
            last = totals.get((row["pk"], until.monday), Decimal(0))
            alerts.append(
                {**row, "weeks": streak, "open_ended": streak == horizon, "last_week": last}
            )
    alerts.sort(key=lambda alert: (-alert["weeks"], alert["name"]))
    return alerts


def hours_missing_weeks(*, user, until: Week | None = None, count: int = 8) -> list[dict]:
    """Per professional with assigned complexes, the weeks of the last ``count`` (up to the
    last complete week) not yet submitted or approved, with the hours already logged in them.
    Three queries whatever the number of professionals."""
    until = until or last_complete_week()
    span = last_weeks(until, count)
    professionals = list(
        hours_professionals(user=user).filter(assigned_complexes__isnull=False).distinct()
    )
    ids = [professional.pk for professional in professionals]
    handed_in = set(
        HoursWeek.objects.filter(
            professional__in=ids,
            week_start__gte=span[0].monday,
            week_start__lte=until.monday,
            status__in=(WeekStatus.SUBMITTED, WeekStatus.APPROVED),
        ).values_list("professional_id", "week_start")
    )
    logged = {
        (row["professional_id"], row["week_start"]): row["total"]
        for row in HoursEntry.objects.filter(
            professional__in=ids, week_start__gte=span[0].monday, week_start__lte=until.monday
        )
        .values("professional_id", "week_start")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    rows = []
    for professional in professionals:
        missing = [
            {"week": week, "hours": logged.get((professional.pk, week.monday), Decimal(0))}
            for week in span
            if (professional.pk, week.monday) not in handed_in
        ]
        if missing:
            rows.append({"professional": professional, "weeks": missing})
    return rows


def hours_weeks_to_approve(*, user) -> QuerySet[HoursWeek]:
    """Submitted weeks ``user`` may approve, oldest first, with the hours logged in each."""
    total = (
        HoursEntry.objects.filter(
            professional=OuterRef("professional"), year=OuterRef("year"), week=OuterRef("week")
        )
        .values("professional")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return (
        HoursWeek.objects.approvable_by(user)
        .filter(status=WeekStatus.SUBMITTED)
        .select_related("professional")
        .annotate(total=Coalesce(Subquery(total), HOURS_ZERO))
        .order_by("week_start", "professional__username")
    )


def hours_weeks_recently_approved(*, user, limit: int = 20) -> QuerySet[HoursWeek]:
    """The weeks ``user`` approved or may approve that were approved last: the ones to unlock."""
    return (
        HoursWeek.objects.approvable_by(user)
        .filter(status=WeekStatus.APPROVED)
        .select_related("professional", "decided_by")
        .order_by("-decided_at", "-week_start")[:limit]
    )


def hours_complex_summary(*, user, complex: Complex, start: Week, end: Week) -> list[dict]:
    """A complex's hours per week from ``start`` to ``end`` against the norm, every week
    present (0 where nothing was logged). One query."""
    totals = dict(
        HoursEntry.objects.visible_to(user)
        .filter(complex=complex, week_start__gte=start.monday, week_start__lte=end.monday)
        .values("week_start")
        .annotate(total=Sum("hours"))
        .values_list("week_start", "total")
        .order_by()
    )
    norm = hours_norm()
    span = (end.monday - start.monday).days // 7 + 1
    rows = []
    for week in last_weeks(end, max(span, 0)):
        hours = totals.get(week.monday, Decimal("0.00"))
        met = hours >= norm
        rows.append(
            {"year": week.year, "week": week.week, "hours": hours, "norm": norm, "met": met}
        )
    return rows


# Welfare hours of one complex against the norm (added by helper "norm", issue 5) ----------------


def hours_complex_norm(*, user, complex: Complex, until: Week | None = None) -> dict:
    """One complex's hours of the last 4, 13 and 52 weeks against the norm (as a complex row of
    ``hours_norm_rows``) and its streak of weeks below the norm up to ``until``, with ``alert``
    when it is on the ``hours_below_norm`` list (``windows`` lists the figures per period for
    a template): the complex page's section, in one query."""
    until = until or last_complete_week()
    weeks = hours_complex_summary(
        user=user, complex=complex, start=until.shifted(1 - max(HOURS_WINDOWS)), end=until
    )
    row = {
        f"h{count}": sum((week["hours"] for week in weeks[-count:]), Decimal("0.00"))
        for count in HOURS_WINDOWS
    }
    _norm_figures(row, 1 if complex.is_senior else 0)
    streak = 0
    for week in reversed(weeks[-HOURS_ALERT_HORIZON:]):
        if week["met"]:
            break
        streak += 1
    streak = streak if complex.is_senior else 0
    row.update(
        windows=[
            {
                "weeks": count,
                "hours": row[f"h{count}"],
                "norm": row[f"norm{count}"],
                "average": row[f"avg{count}"],
                "met": row[f"met{count}"],
            }
            for count in HOURS_WINDOWS
        ],
        until=until,
        norm=hours_norm(),
        weeks=streak,
        open_ended=streak == HOURS_ALERT_HORIZON,
        alert=streak >= settings.HOURS_ALERT_WEEKS,
    )
    return row
