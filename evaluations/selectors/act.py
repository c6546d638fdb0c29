"""Where to act: the complexes that are red in the newest week of the index, or amber for
``ACT_AMBER_WEEKS`` weeks in a row or more, while no intervention and no grant is running for
them; and the need of one complex (index, status, trend, weakest components) for the grant
screens, which the interventions app reads through ``leefbaarheid.registry``."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DateField, Exists, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from complexes.models import Complex
from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot
from evaluations.selectors.indicators import complex_snapshots, newest_week_monday, reasons
from interventions.choices import GrantStatus, InterventionStatus
from interventions.models import Grant, Intervention

ACT_AMBER_WEEKS = 8  # amber this many weeks in a row (or more) asks for action
ACT_REASONS = 2  # the weakest components shown per complex
NEED_TREND_WEEKS = 8  # the weeks of index shown on the grant screens


@dataclass(frozen=True)
class ActRow:
    """One complex to act on: its newest snapshot, for how many weeks in a row it has had this
    status, and the components that cost it the most points."""

    snapshot: IndicatorSnapshot
    weeks: int
    reasons: list[dict[str, Any]]

    @property
    def complex(self) -> Complex:
        return self.snapshot.complex


def running_interventions(today: datetime.date):
    """Interventions running today: status "running", or planned with a period covering today."""
    covers = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    return Intervention.objects.filter(
        Q(status=InterventionStatus.RUNNING) | (Q(status=InterventionStatus.PLANNED) & covers)
    )


def running_grants(today: datetime.date):
    """Grants running today: status "running", or awarded with a period covering today."""
    covers = Q(start__lte=today, end__gte=today)
    return Grant.objects.filter(
        Q(status=GrantStatus.RUNNING) | (Q(status=GrantStatus.AWARDED) & covers)
    )


def _weeks_in_status(snapshot: IndicatorSnapshot) -> int:
    """Weeks in a row up to the snapshot's own week with its status, from the two dates the
    query annotated: the newest week with another status, else the oldest snapshot."""
    if snapshot.last_other is not None:  # type: ignore[attr-defined]
        return (snapshot.week_start - snapshot.last_other).days // 7  # type: ignore[attr-defined]
    return (snapshot.week_start - snapshot.first_week).days // 7 + 1  # type: ignore[attr-defined]


def act_list(*, user) -> list[ActRow]:
    """The complexes ``user`` may see (``Complex.visible_to``: the city for officials, the
    team and the admin, their own for corporation staff, the assigned ones for professionals)
    that are red in the newest week, or amber for ``ACT_AMBER_WEEKS`` weeks or more, without a
    running intervention or grant: red first, then the longest in their status. One query,
    however large the city."""
    today = timezone.localdate()
    same_complex = IndicatorSnapshot.objects.filter(complex=OuterRef("complex")).order_by()
    other_status = (
        same_complex.filter(week_start__lt=OuterRef("week_start"))
        .exclude(status=OuterRef("status"))
        .values("complex")
        .annotate(newest=Max("week_start"))
        .values("newest")
    )
    first_week = same_complex.values("complex").annotate(oldest=Min("week_start")).values("oldest")
    snapshots = (
        IndicatorSnapshot.objects.filter(
            complex__in=Complex.objects.visible_to(user),
            week_start=newest_week_monday(),
            status__in=(Status.RED, Status.AMBER),
        )
        .exclude(Exists(running_interventions(today).filter(complex=OuterRef("complex"))))
        .exclude(Exists(running_grants(today).filter(complex=OuterRef("complex"))))
        .annotate(
            last_other=Subquery(other_status, output_field=DateField()),
            first_week=Subquery(first_week, output_field=DateField()),
        )
        .select_related("complex", "complex__corporation", "complex__district")
        .order_by("complex__name")
    )
    rows = []
    for snapshot in snapshots:
        weeks = _weeks_in_status(snapshot)
        if snapshot.status == Status.AMBER and weeks < ACT_AMBER_WEEKS:
            continue
        limited = reasons(snapshot, limit=ACT_REASONS)
        rows.append(ActRow(snapshot=snapshot, weeks=weeks, reasons=limited))
    rows.sort(key=lambda row: (row.snapshot.status != Status.RED, -row.weeks))
    return rows


def act_count(*, user) -> int:
    """How many complexes ``act_list`` holds for ``user`` (the same query)."""
    return len(act_list(user=user))


def complex_need(complex: Complex, user) -> dict[str, Any] | None:
    """What a grant decision should see of a complex's need: its newest index and status, its
    index over the last ``NEED_TREND_WEEKS`` weeks (oldest first) and its weakest components;
    one query (``evaluations.views.act.complex_need`` adds the words). None when ``user`` may
    not read the index or there is none."""
    if not user.has_perm("evaluations.view_indicatorsnapshot"):
        return None
    trend = complex_snapshots(user=user, complex=complex, weeks=NEED_TREND_WEEKS)
    if not trend:
        return None
    newest = trend[-1]
    return {
        "snapshot": newest,
        "trend": trend,
        "change": (
            None
            if newest.index is None or trend[0].index is None
            else Decimal(newest.index) - Decimal(trend[0].index)
        ),
        "reasons": reasons(newest, limit=ACT_REASONS),
    }
