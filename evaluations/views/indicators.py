"""Cohesion index screens: the city overview of one week, one complex's indicator page (each
component with its inputs, why it is red, the trend) and the page that explains the index,
where the functional admin also sets the weights and thresholds.

Rows come from ``evaluations.selectors`` (scoped through ``visible_to``): another corporation's
complex is a 404, a role without the indicator permission (the intervention team) a 403.
"""

import copy
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from evaluations import selectors, services, wording
from evaluations.choices import Component, Status
from evaluations.filters import IndicatorFilterSet
from evaluations.forms import IndicatorSettingsForm
from evaluations.models import WEIGHT_FIELDS, IndicatorSnapshot
from evaluations.tables import IndicatorTable
from interventions import selectors as funding_selectors
from leefbaarheid import exports, numbers, roles, weeks
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import list_page, posted
from leefbaarheid.weeks import Week

VIEW_PERMISSION = "evaluations.view_indicatorsnapshot"
SETTINGS_VIEW_PERMISSION = "evaluations.view_indicatorsettings"
SETTINGS_CHANGE_PERMISSION = "evaluations.change_indicatorsettings"
REASONS_ON_COMPLEX_PAGE = 2
THRESHOLD_LABELS = {
    "red_below": gettext_lazy("Red below"),
    "green_from": gettext_lazy("Green from"),
    "hours_norm": gettext_lazy("Hours norm per week"),
    "core_group_min_members": gettext_lazy("Members of an active core group"),
    "survey_min_responses": gettext_lazy("Fewest survey responses counted"),
}


def _single_corporation(user) -> bool:
    """Corporation staff see only their own corporation: a corporation filter, column or
    average would tell them nothing."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _chosen_week(request) -> tuple[Week | None, str | None]:
    """The week of ``?week=2026-W47`` (None: the newest), and an error when it is no week."""
    text = request.GET.get("week", "").strip()
    if not text:
        return None, None
    try:
        return Week.parse(text), None
    except ValueError:
        return None, _("“%(field)s” is not an existing week: give it as 2026-W47.") % {
            "field": _("Week")
        }


def _filterset(request, week: Week | None, data=None) -> IndicatorFilterSet:
    snapshots = selectors.current_snapshots(user=request.user, week=week)
    filterset = IndicatorFilterSet(
        request.GET if data is None else data, queryset=snapshots, request=request
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    return filterset


def _week_navigation(week: Week | None, newest: Week | None) -> dict:
    if week is None:
        return {"previous": None, "next": None}
    following, before = week.shifted(1), week.shifted(-1)
    return {
        "previous": before if weeks.is_valid(*before) else None,
        "next": following if newest and following.monday <= newest.monday else None,
    }


@permission_required(VIEW_PERMISSION, raise_exception=True)
def indicator_list(request):
    """Every visible complex's index in one week (the newest by default), filtered, sorted and
    paged, with the count per status and the averages per district and corporation; htmx
    swaps just the results."""
    chosen, week_error = _chosen_week(request)
    if week_error:
        week_error = f"{week_error} {_('The newest week is shown.')}"
    newest = selectors.latest_week()
    week = chosen or newest
    filterset = _filterset(request, week)
    single = _single_corporation(request.user)
    exclude = ("corporation",) if single else ()
    # The counts per status ignore the status filter, so each count can be chosen.
    unfiltered_status = request.GET.copy()
    unfiltered_status.pop("status", None)
    unfiltered_status.pop("page", None)
    counts = selectors.status_counts(_filterset(request, week, unfiltered_status).qs)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    if week is not None:
        export_query["week"] = str(week)
    return list_page(
        request,
        filterset=filterset,
        table=IndicatorTable(selectors.with_city_mean(filterset.qs), exclude=exclude),
        template="evaluations/indicator_list.html",
        partial="evaluations/_indicator_results.html",
        extra={
            "week": week,
            "newest": newest,
            "week_error": week_error,
            "navigation": _week_navigation(week, newest),
            "status_counts": [
                {"status": value, "label": label, "count": counts[value]}
                for value, label in Status.choices
            ],
            "status_query": unfiltered_status.urlencode(),
            "by_district": selectors.averages_by(filterset.qs, by="district"),
            "by_corporation": (
                None if single else selectors.averages_by(filterset.qs, by="corporation")
            ),
            "export_query": export_query.urlencode(),
        },
    )


def _percent(value) -> int | None:
    return None if value is None else round(float(value) * 100)


def export_columns() -> exports.Columns:
    columns: exports.Columns = [
        (_("Complex"), lambda row: row.complex.name),
        (_("Corporation"), lambda row: row.complex.corporation.name),
        (_("District"), lambda row: row.complex.district.name),
        (_("Week"), lambda row: f"{row.year}-W{row.week:02d}"),
        (_("Index"), lambda row: row.index),
        (_("Status"), lambda row: row.get_status_display()),
    ]
    for name, label in Component.choices:
        columns.append(
            (
                str(label),
                lambda row, name=name: _percent((row.components or {}).get(name, {}).get("value")),
            )
        )
    return columns


@permission_required(VIEW_PERMISSION, raise_exception=True)
def indicator_export(request):
    """The overview's rows (all pages, same filters and week) as CSV or, with ``?format=xlsx``,
    an Excel workbook; components on the 0–100 scale, empty for "no data". A wrong filter or
    week is a 400 naming it."""
    chosen, week_error = _chosen_week(request)
    week = chosen or selectors.latest_week()
    filterset = _filterset(request, week)
    if week_error or not filterset.is_valid():
        # Never more rows than were asked for: a wrong filter is refused, naming the field.
        problems = [week_error] if week_error else []
        for name, errors in filterset.errors.items():
            label = filterset.form.fields[name].label if name in filterset.form.fields else name
            problems += [f"{label}: {error}" for error in errors]
        return HttpResponseBadRequest("\n".join(problems), content_type="text/plain; charset=utf-8")
    rows = filterset.qs.order_by("complex__name", "pk")
    return exports.spreadsheet_response(
        request,
        exports.rows(export_columns(), rows),
        stem=pgettext("file name", "cohesion-index"),
        sheet_title=_("Cohesion index"),
        period=week,
    )


# One complex ------------------------------------------------------------------------------------


def _trend_rows(trend: list[IndicatorSnapshot]) -> list[dict]:
    """The trend for the chart (JSON) and its table: a week per row, index and thresholds."""
    rows = []
    for snapshot in trend:
        thresholds = snapshot.thresholds or {}
        rows.append(
            {
                "week": f"{snapshot.year}-W{snapshot.week:02d}",
                "week_start": snapshot.week_start.isoformat(),
                "index": None if snapshot.index is None else float(snapshot.index),
                "index_vs_city": selectors.snapshot_index_vs_city(snapshot),
                "status": snapshot.status,
                "status_label": str(Status(snapshot.status).label),
                "red_below": float(thresholds.get("red_below", 0) or 0),
                "green_from": float(thresholds.get("green_from", 0) or 0),
            }
        )
    return rows


def _thresholds(snapshot: IndicatorSnapshot) -> list[tuple[str, str]]:
    """The stored thresholds (decimal strings such as "50.0") in the user's language: "50"."""
    stored = snapshot.thresholds or {}
    return [
        (label, numbers.format_decimal(stored[name]))
        for name, label in THRESHOLD_LABELS.items()
        if name in stored
    ]


@permission_required(VIEW_PERMISSION, raise_exception=True)
def complex_indicator(request, pk: int):
    """One complex's index: the newest week's components with their inputs in words, why it
    is red or amber, the trend of the last 53 weeks, and the weights and thresholds used."""
    complex_ = selectors.indicator_complex_get(user=request.user, pk=pk)
    trend = selectors.complex_snapshots(user=request.user, complex=complex_)
    snapshot = (
        trend[-1]
        if trend
        else selectors.complex_latest_snapshot(user=request.user, complex=complex_)
    )
    context = {
        "complex": complex_,
        "snapshot": snapshot,
        "index_vs_city": None if snapshot is None else selectors.snapshot_index_vs_city(snapshot),
        "trend": _trend_rows(trend),
        "components": [],
        "reasons": [],
    }
    if snapshot is not None:
        context["components"] = wording.explained(selectors.explain(snapshot))
        context["reasons"] = wording.explained(selectors.reasons(snapshot))
        context["thresholds"] = _thresholds(snapshot)
        context["red_below"] = (snapshot.thresholds or {}).get("red_below")
        context["green_from"] = (snapshot.thresholds or {}).get("green_from")
    return render(request, "evaluations/complex_indicator.html", context)


def complex_page_section(*, user, complex_) -> dict | None:
    """The compact "cohesion index" section of the complex page: the newest snapshot and its
    two costliest components; one query, None for those who may not read the index."""
    if not user.has_perm(VIEW_PERMISSION):
        return None
    snapshot = selectors.complex_latest_snapshot(user=user, complex=complex_)
    reasons = []
    if snapshot is not None:
        reasons = wording.explained(selectors.reasons(snapshot, limit=REASONS_ON_COMPLEX_PAGE))
    return {
        "snapshot": snapshot,
        "reasons": reasons,
        "index_vs_city": None if snapshot is None else selectors.snapshot_index_vs_city(snapshot),
    }


# Settings ---------------------------------------------------------------------------------------


def _weight_shares(weights: list[Decimal]) -> list[Decimal | None]:
    """Each weight's share of the index in percent: whole numbers where those add up to 100,
    otherwise one decimal, made to add up (eight equal weights: 12,5% each, not 12%)."""
    total = sum(weights, Decimal(0))
    if not total:
        return [None for _weight in weights]
    whole = [(weight * 100 / total).quantize(Decimal(1), ROUND_HALF_UP) for weight in weights]
    if sum(whole) == 100:
        return whole
    return numbers.shares(weights, places=1)


@permission_required(SETTINGS_VIEW_PERMISSION, raise_exception=True)
def indicator_settings(request):
    """How the index is calculated, with the current weights and thresholds; the functional
    admin changes them here (others are refused a POST with 403)."""
    settings_row = selectors.indicator_settings()
    may_change = request.user.has_perm(SETTINGS_CHANGE_PERMISSION)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = None
    if may_change:
        form = IndicatorSettingsForm(posted(request), instance=copy.copy(settings_row))
        if request.method == "POST" and form.is_valid():
            try:
                services.indicator_settings_update(user=request.user, data=form.data_for_service())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The weights and thresholds are saved. The recent weeks of every "
                        "complex are being recalculated."
                    ),
                )
                return redirect("evaluations:indicator_settings")
    weights = settings_row.weights()
    shares = dict(zip(weights, _weight_shares(list(weights.values())), strict=True))
    calendar = funding_selectors.welfare_calendar()
    thresholds = {**settings_row.thresholds(), "hours_norm": str(calendar.hours_per_week)}
    context = {
        "settings": settings_row,
        "form": form,
        "norm_text": calendar.describe(),
        "components": [
            {
                "label": label,
                "explanation": explanation,
                "weight": weights[name],
                "share": shares[name],
                "field": WEIGHT_FIELDS[name],
            }
            for (name, _label), (label, explanation) in zip(
                Component.choices,
                wording.component_explanations(thresholds),
                strict=True,
            )
        ],
    }
    return render(request, "evaluations/indicator_settings.html", context)
