"""Reads of welfare hours against the norm: the week grid, the norm per complex, professional,
corporation or district, the below-norm alert, the weeks to hand in or approve, and the welfare
calendar; scoped to the user through ``visible_to``.
"""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from interventions.calendar import (
    WelfareNorm,
    YearCalendar,
    followed_organisations,
    welfare_norm,
    years_of,
)
from interventions.choices import WeekStatus
from interventions.models import HoursEntry, HoursWeek, WelfareCalendar
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.weeks import Week, last_weeks, weeks_between

HOURS_WINDOWS = (4, 13, 52)  # the norm view's periods, in weeks
HOURS_ALERT_HORIZON = 13  # how many funded weeks back a below-norm streak is counted
ALERT_LOOK_BACK = 53  # the weeks searched for them (holidays in between are skipped)
HOURS_GROUPINGS = ("complex", "professional", "corporation", "district")
HOURS_ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=9, decimal_places=2))
ZERO2 = Decimal("0.00")


def welfare_norm_of(complexes, *, years) -> WelfareNorm:
    """The welfare norm of ``years`` for ``complexes`` (a queryset or rows with ``pk`` and
    ``joined_on``): the one source of "4 hours per funded week"."""
    if isinstance(complexes, QuerySet):
        joined = dict(complexes.values_list("pk", "joined_on").order_by())
    else:
        joined = {row["pk"]: row["joined_on"] for row in complexes}
    return welfare_norm(years=years, joined=joined)


def welfare_calendar(year: int | None = None) -> YearCalendar:
    """The municipality's welfare calendar of ``year`` (this ISO year by default)."""
    year = year or Week.of(timezone.localdate()).year
    return welfare_norm(years=[year]).calendar(year)


def calendar_of(*, year: int, organisation: str = "") -> YearCalendar:
    """The calendar of ``year`` as stored for the municipality or ``organisation``; an
    organisation without its own starts from the municipality's weeks (``is_default``)."""
    rows = list(WelfareCalendar.objects.filter(year=year, organisation__in={"", organisation}))
    city = WelfareNorm(rows).calendar(year)
    if not organisation:
        return city
    own = next((row for row in rows if row.organisation == organisation), None)
    if own is None:
        return dataclasses.replace(city, organisation=organisation, is_default=True)
    return dataclasses.replace(
        city, organisation=organisation, unfunded=frozenset(own.unfunded_weeks), is_default=False
    )


def calendar_get(*, user, year: int, organisation: str = "") -> WelfareCalendar:
    return get_object_or_404(
        WelfareCalendar.objects.visible_to(user), year=year, organisation=organisation
    )


def calendar_overview(*, year: int) -> dict:
    """What the calendar page lists for ``year``: the welfare organisations (of the active
    professionals, and any with a calendar), which have a calendar stored, their notes, and
    how many senior complexes follow each organisation's calendar. Three queries."""
    stored = {row.organisation: row.note for row in WelfareCalendar.objects.filter(year=year)}
    working = set(
        User.objects.filter(is_active=True, groups__name=roles.WELFARE_PROFESSIONAL)
        .exclude(organisation="")
        .values_list("organisation", flat=True)
    )
    own = {name for name in stored if name}
    follows = followed_organisations(
        Complex.objects.filter(is_senior=True).values_list("pk", flat=True), own
    )
    followers: dict[str, int] = {}
    for name in follows.values():
        followers[name] = followers.get(name, 0) + 1
    return {
        "organisations": sorted(working | own),
        "stored": set(stored),
        "notes": stored,
        "followers": followers,
    }


def welfare_norm_text(year: int) -> str:
    """The municipality's norm in words: "4 uur per gefinancierde week (42 van de 53 weken in
    2026)"."""
    return welfare_calendar(year).describe()


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
    return Complex.objects.visible_to(user, city_wide_roles=roles.FUNDING_ROLES)


def hours_professionals(*, user) -> QuerySet:
    """The welfare professionals whose hours ``user`` may read: all of them for the city-wide
    readers, those working in a visible complex for corporation staff, oneself otherwise."""
    professionals = User.objects.filter(
        is_active=True, groups__name=roles.WELFARE_PROFESSIONAL
    ).order_by("last_name", "first_name", "username")
    held = roles.user_roles(user)
    if held & roles.FUNDING_ROLES and not held & roles.LOCAL_ROLES:
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
    return (
        HoursWeek.objects.filter(professional=professional, year=week.year, week=week.week)
        .select_related("decided_by")
        .first()
    )


def _window_sums(prefix: str, until: Week, windows=HOURS_WINDOWS, extra: Q | None = None):
    """``h4``, ``h13``, ``h52``: hours summed over the last 4, 13 and 52 weeks up to ``until``,
    through the relation ``prefix`` (e.g. ``hours_entries__``). Hours of unfunded weeks count."""
    sums = {}
    for weeks in windows:
        window = Q(**{f"{prefix}week_start__gte": until.shifted(1 - weeks).monday})
        window &= Q(**{f"{prefix}week_start__lte": until.monday})
        if extra is not None:
            window &= extra
        sums[f"h{weeks}"] = Coalesce(Sum(f"{prefix}hours", filter=window), HOURS_ZERO)
    return sums


def _window_norms(norm: WelfareNorm, complex_id: int, until: Week) -> dict:
    """Per window the hours the norm expects of one senior complex (``norm4``…) and the weeks
    it applies to (``funded4``…): funded weeks since the complex joined."""
    row: dict[str, Any] = {}
    for weeks in HOURS_WINDOWS:
        funded = norm.funded_weeks(complex_id, until.shifted(1 - weeks), until)
        row[f"norm{weeks}"] = sum((norm.hours_per_week(week.year) for week in funded), ZERO2)
        row[f"funded{weeks}"] = len(funded)
    return row


def _norm_figures(row: dict, norms: list[dict]) -> dict:
    """Add per window the norm (the expected hours of the senior complexes in ``norms``), the
    average hours per complex per funded week and whether the norm was met."""
    row["complexes"] = len(norms)
    for weeks in HOURS_WINDOWS:
        hours = row[f"h{weeks}"]
        expected = sum((each[f"norm{weeks}"] for each in norms), ZERO2)
        funded = sum(each[f"funded{weeks}"] for each in norms)
        row[f"norm{weeks}"] = expected
        row[f"funded{weeks}"] = funded
        row[f"avg{weeks}"] = (hours / funded).quantize(Decimal("0.01")) if funded else None
        row[f"met{weeks}"] = bool(funded) and hours >= expected
    return row


def _complex_norm_rows(*, complexes: QuerySet[Complex], until: Week) -> list[dict]:
    """Per complex the window sums and, for a senior complex, the window norms: one query for
    the rows and one for the calendars."""
    rows = list(
        complexes.values(
            "is_senior",
            "joined_on",
            "corporation_id",
            "district_id",
            pk=F("id"),
            key=F("id"),
            label=F("name"),
            corporation_name=F("corporation__name"),
            district_name=F("district__name"),
        )
        .annotate(**_window_sums("hours_entries__", until))
        .order_by("name")
    )
    norm = welfare_norm_of(rows, years=years_of(until.shifted(1 - max(HOURS_WINDOWS)), until))
    for row in rows:
        row["norms"] = [_window_norms(norm, row["pk"], until)] if row["is_senior"] else []
    return rows


def hours_norm_rows(*, user, by: str = "complex", until: Week | None = None) -> list[dict]:
    """Hours of the last 4, 13 and 52 weeks against the norm, per complex, professional,
    corporation or district, in a fixed number of queries whatever the number of rows. The
    norm counts senior complexes in funded weeks since they joined; ``until`` defaults to the
    last complete week."""
    until = until or last_complete_week()
    complexes = hours_complexes(user=user)
    if by == "professional":
        return _norm_rows_per_professional(user=user, complexes=complexes, until=until)
    rows = _complex_norm_rows(complexes=complexes, until=until)
    if by in ("corporation", "district"):
        groups: dict[int, dict] = {}
        for row in rows:
            group = groups.setdefault(
                row[f"{by}_id"],
                {"key": row[f"{by}_id"], "label": row[f"{by}_name"], "norms": []}
                | {f"h{weeks}": ZERO2 for weeks in HOURS_WINDOWS},
            )
            group["norms"] += row["norms"]
            for weeks in HOURS_WINDOWS:
                group[f"h{weeks}"] += row[f"h{weeks}"]
        rows = sorted(groups.values(), key=lambda group: group["label"])
    return [_norm_figures(row, row.pop("norms")) for row in rows]


def hours_per_week_against_norm(
    *, complexes: QuerySet[Complex], first: Week, last: Week
) -> dict[datetime.date, dict]:
    """Per week from ``first`` to ``last`` (by Monday): the hours logged in the senior complexes
    among ``complexes`` and the sum of their norms; both None in a week where the norm applies
    to none of them (unfunded, or before they joined), so a chart shows a gap, not a zero.
    Three queries whatever the number of complexes (four with an organisation's calendar)."""
    senior = complexes.filter(is_senior=True).order_by()
    rows = list(senior.values("pk", "joined_on"))
    totals = dict(
        HoursEntry.objects.filter(
            complex__in=senior.values("pk"),
            week_start__gte=first.monday,
            week_start__lte=last.monday,
        )
        .order_by()
        .values("week_start")
        .annotate(total=Sum("hours"))
        .values_list("week_start", "total")
    )
    norm = welfare_norm_of(rows, years=years_of(first, last))
    result = {}
    for week in weeks_between(first, last):
        expected = sum((norm.week_norm(row["pk"], week) for row in rows), ZERO2)
        funded = bool(expected)
        result[week.monday] = {
            "hours": totals.get(week.monday, ZERO2) if funded else None,
            "norm": expected if funded else None,
        }
    return result


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
    rows = list(
        hours_professionals(user=user)
        .values("username", key=F("pk"), first=F("first_name"), last=F("last_name"))
        .annotate(**sums)
    )
    assigned = list(
        User.assigned_complexes.through.objects.filter(
            user_id__in=[row["key"] for row in rows],
            complex__is_senior=True,
            complex__in=visible,
        ).values("user_id", pk=F("complex_id"), joined_on=F("complex__joined_on"))
    )
    norm = welfare_norm_of(assigned, years=years_of(until.shifted(1 - max(HOURS_WINDOWS)), until))
    windows = {row["pk"]: _window_norms(norm, row["pk"], until) for row in assigned}
    per_professional: dict[int, list[dict]] = {}
    for row in assigned:
        per_professional.setdefault(row["user_id"], []).append(windows[row["pk"]])
    result = []
    for row in rows:
        row["label"] = f"{row.pop('first')} {row.pop('last')}".strip() or row["username"]
        result.append(_norm_figures(row, per_professional.get(row["key"], [])))
    return result


def _below_norm_streak(norm: WelfareNorm, totals: dict, complex_id: int, funded: list[Week]) -> int:
    """The weeks below the norm in a row, newest first over ``funded`` (the weeks the norm
    applies to): unfunded weeks neither count nor break the run."""
    streak = 0
    for week in funded:
        if totals.get((complex_id, week.monday), ZERO2) >= norm.week_norm(complex_id, week):
            break
        streak += 1
    return streak


def hours_below_norm(
    *,
    user,
    until: Week | None = None,
    min_weeks: int | None = None,
    horizon: int = HOURS_ALERT_HORIZON,
) -> list[dict]:
    """Senior complexes below the norm for ``min_weeks`` (3) or more consecutive funded weeks
    up to ``until`` (the last complete week), longest streak first: the alert. Three queries
    for the whole city. A streak is counted back at most ``horizon`` funded weeks (then shown
    as "13+"), and never before the complex joined."""
    until = until or last_complete_week()
    min_weeks = min_weeks or settings.HOURS_ALERT_WEEKS
    complexes = list(
        hours_complexes(user=user)
        .filter(is_senior=True)
        .values(
            "pk",
            "name",
            "joined_on",
            corporation_name=F("corporation__name"),
            district_name=F("district__name"),
        )
        .order_by("name")
    )
    norm = welfare_norm_of(complexes, years=years_of(until.shifted(-ALERT_LOOK_BACK), until))
    funded = {
        row["pk"]: norm.last_funded_weeks(row["pk"], until, horizon, back=ALERT_LOOK_BACK)
        for row in complexes
    }
    first = min((weeks[-1].monday for weeks in funded.values() if weeks), default=until.monday)
    totals = {
        (row["complex_id"], row["week_start"]): row["total"]
        for row in HoursEntry.objects.filter(
            complex__in=[row["pk"] for row in complexes],
            week_start__gte=first,
            week_start__lte=until.monday,
        )
        .values("complex_id", "week_start")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    alerts = []
    for row in complexes:
        streak = _below_norm_streak(norm, totals, row["pk"], funded[row["pk"]])
        if streak >= min_weeks:
            last = totals.get((row["pk"], until.monday), ZERO2)
            shown = {key: value for key, value in row.items() if key != "joined_on"}
            alerts.append(
                {**shown, "weeks": streak, "open_ended": streak == horizon, "last_week": last}
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


def hours_weeks_waiting(*, user) -> int:
    """How many submitted weeks wait for ``user``'s decision (one query; 0 for non-approvers)."""
    return HoursWeek.objects.approvable_by(user).filter(status=WeekStatus.SUBMITTED).count()


def hours_weeks_returned(*, user) -> QuerySet[HoursWeek]:
    """``user``'s own weeks that were returned and are not yet submitted again, oldest first."""
    return HoursWeek.objects.filter(professional=user, status=WeekStatus.RETURNED).order_by(
        "week_start"
    )


def hours_weeks_against_norm(hours_weeks) -> dict[int, list[dict]]:
    """Per week of ``hours_weeks`` (by pk; weeks the caller already scoped, e.g. through
    ``approvable_by``) the complexes its grid shows (the professional's assigned complexes and
    any other they logged hours in that week), each with its ``hours``, its ``norm`` (None where
    no norm applies: not a senior complex, an unfunded week, before it joined) and ``below``,
    judged as the week grid judges them. Four queries at most, whatever the number of weeks."""
    hours_weeks = list(hours_weeks)
    if not hours_weeks:
        return {}
    professional_ids = {hours_week.professional_id for hours_week in hours_weeks}
    mondays = {hours_week.week_start for hours_week in hours_weeks}
    fields = {"name": F("complex__name"), "is_senior": F("complex__is_senior")}
    complexes: dict[int, dict] = {}
    assigned: dict[int, set[int]] = {}
    through = User.assigned_complexes.through.objects.filter(user_id__in=professional_ids)
    for link in through.values("user_id", "complex_id", "complex__joined_on", **fields):
        complexes[link["complex_id"]] = dict(link)
        assigned.setdefault(link["user_id"], set()).add(link["complex_id"])
    totals: dict[tuple[int, datetime.date], dict[int, Decimal]] = {}
    for row in (
        HoursEntry.objects.filter(professional__in=professional_ids, week_start__in=mondays)
        .values("professional_id", "week_start", "complex_id", "complex__joined_on", **fields)
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        complexes.setdefault(row["complex_id"], dict(row))
        key = (row["professional_id"], row["week_start"])
        totals.setdefault(key, {})[row["complex_id"]] = row["total"]
    years = {hours_week.year for hours_week in hours_weeks}
    norm = welfare_norm_of(
        [{"pk": pk, "joined_on": row["complex__joined_on"]} for pk, row in complexes.items()],
        years=years,
    )
    result = {}
    for hours_week in hours_weeks:
        week = hours_week.iso_week
        logged = totals.get((hours_week.professional_id, hours_week.week_start), {})
        shown = assigned.get(hours_week.professional_id, set()) | set(logged)
        rows = []
        for pk in shown:
            hours = logged.get(pk, ZERO2)
            funded = complexes[pk]["is_senior"] and norm.counts(pk, week)
            expected = norm.week_norm(pk, week) if funded else None
            below = expected is not None and hours < expected
            rows.append(
                {"name": complexes[pk]["name"], "hours": hours, "norm": expected, "below": below}
            )
        result[hours_week.pk] = sorted(rows, key=lambda row: row["name"])
    return result


def hours_weeks_recently_approved(*, user, limit: int = 20) -> QuerySet[HoursWeek]:
    """The weeks ``user`` approved or may approve that were approved last: the ones to unlock."""
    return (
        HoursWeek.objects.approvable_by(user)
        .filter(status=WeekStatus.APPROVED)
        .select_related("professional", "decided_by")
        .order_by("-decided_at", "-week_start")[:limit]
    )


def hours_complex_summary(
    *, user, complex: Complex, start: Week, end: Week, norm: WelfareNorm | None = None
) -> list[dict]:
    """A complex's hours per week from ``start`` to ``end`` against the norm, every week
    present (0 where nothing was logged). A week the norm does not apply to (unfunded, or
    before the complex joined; every week of a complex that is not a senior complex) has no
    norm and is not judged. Two queries."""
    totals = dict(
        HoursEntry.objects.visible_to(user)
        .filter(complex=complex, week_start__gte=start.monday, week_start__lte=end.monday)
        .values("week_start")
        .annotate(total=Sum("hours"))
        .values_list("week_start", "total")
        .order_by()
    )
    norm = norm or welfare_norm(years=years_of(start, end), joined={complex.pk: complex.joined_on})
    rows = []
    for week in weeks_between(start, end):
        hours = totals.get(week.monday, ZERO2)
        funded = complex.is_senior and norm.counts(complex.pk, week)
        expected = norm.week_norm(complex.pk, week) if funded else None
        rows.append(
            {
                "year": week.year,
                "week": week.week,
                "hours": hours,
                "funded": funded,
                "norm": expected,
                "met": hours >= expected if expected is not None else None,
            }
        )
    return rows


def hours_complex_norm(*, user, complex: Complex, until: Week | None = None) -> dict:
    """One complex's hours of the last 4, 13 and 52 weeks against the norm (as a complex row of
    ``hours_norm_rows``) and its streak of funded weeks below the norm up to ``until``, with
    ``alert`` when it is on the ``hours_below_norm`` list (``windows`` lists the figures per
    period for a template): the complex page's section, in two queries."""
    until = until or last_complete_week()
    start = until.shifted(1 - max(HOURS_WINDOWS))
    norm = welfare_norm(years=years_of(start, until), joined={complex.pk: complex.joined_on})
    weeks = hours_complex_summary(user=user, complex=complex, start=start, end=until, norm=norm)
    row = {
        f"h{count}": sum((week["hours"] for week in weeks[-count:]), ZERO2)
        for count in HOURS_WINDOWS
    }
    norms = []
    if complex.is_senior:
        window: dict = {}
        for count in HOURS_WINDOWS:
            span = weeks[-count:]
            window[f"norm{count}"] = sum((w["norm"] for w in span if w["funded"]), ZERO2)
            window[f"funded{count}"] = sum(1 for week in span if week["funded"])
        norms = [window]
    _norm_figures(row, norms)
    streak = 0
    for week in reversed(weeks):
        if not week["funded"]:
            continue
        if week["met"] or streak == HOURS_ALERT_HORIZON:
            break
        streak += 1
    row.update(
        windows=[
            {
                "weeks": count,
                "hours": row[f"h{count}"],
                "norm": row[f"norm{count}"],
                "funded": row[f"funded{count}"],
                "average": row[f"avg{count}"],
                "met": row[f"met{count}"],
            }
            for count in HOURS_WINDOWS
        ],
        until=until,
        norm_text=norm.describe(until.year, complex.pk),
        weeks=streak,
        open_ended=streak == HOURS_ALERT_HORIZON,
        alert=streak >= settings.HOURS_ALERT_WEEKS,
    )
    return row
