"""Grant screens: the list with totals and exports, applying for a complex, the grant's page
with its timeline, the lifecycle steps, corrections, withdrawal, and the reports due.

Corporation staff apply for their own complexes and report; the municipality decides (award,
reject, settle) and sees every grant; a welfare professional reads the grants of the assigned
complexes; the intervention team has no access. Every grant is fetched through
``selectors.grant_get`` (a foreign grant is a 404); a missing permission on a visible grant is
a 403. Every write is one service call.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from interventions import selectors, services
from interventions.choices import DECISION_STEPS, REPORT_PENDING, GrantStatus, GrantStep
from interventions.filters import GrantFilterSet
from interventions.forms.grants import STEP_FORMS, GrantForm
from interventions.models import Grant
from interventions.tables.grants import GrantTable, ReportsDueTable
from leefbaarheid import exports as spreadsheets
from leefbaarheid import params, registry, roles
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import ComplexChoiceForm, choose_complex, is_htmx, require_perm

VIEW = "interventions.view_grant"
ADD = "interventions.add_grant"
CHANGE = "interventions.change_grant"
DELETE = "interventions.delete_grant"
DECIDE = f"interventions.{roles.DECIDE_GRANT}"
# The "totals per" switch: the selector's groupings, in the order they are offered.
GROUPINGS = [
    ("scheme", gettext_lazy("scheme")),
    ("corporation", gettext_lazy("corporation")),
    ("district", gettext_lazy("district")),
    ("year", gettext_lazy("year")),
]


def step_permission(step: str) -> str:
    """Deciding (award, reject, settle) is the municipality's; the other steps the applicant's."""
    return DECIDE if step in DECISION_STEPS else CHANGE


def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _single_corporation(user) -> bool:
    """Corporation staff only ever see their own corporation: a corporation column or filter
    would tell them nothing."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _filterset(request) -> GrantFilterSet:
    filterset = GrantFilterSet(
        request.GET, queryset=selectors.grant_list(user=request.user), request=request
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    return filterset


def _table(request, filterset, **kwargs) -> GrantTable:
    exclude = ("corporation",) if _single_corporation(request.user) else ()
    return GrantTable(filterset.qs, exclude=exclude, **kwargs)


# List, totals, export ------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def grant_list(request):
    """The grants this user may see, filtered, sorted and paged, with the totals of everything
    filtered and per scheme, corporation, district or year; htmx swaps table and totals."""
    filterset = _filterset(request)
    table = _table(request, filterset)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    by = request.GET.get("by")
    if by not in selectors.GROUPINGS:
        by = "scheme"
    totals = selectors.grant_totals(filterset.qs)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("by", None)
    context = {
        "filter": filterset,
        "table": table,
        "totals": totals,
        "totals_by": selectors.grant_totals_by(filterset.qs, by) if totals["count"] else [],
        "by": by,
        "by_label": dict(GROUPINGS)[by],
        "groupings": GROUPINGS,
        "export_query": query.urlencode(),
    }
    template = (
        "interventions/_grant_table.html" if is_htmx(request) else "interventions/grant_list.html"
    )
    return render(request, template, context)


def export_columns() -> list[tuple[str, Callable[[Grant], Any]]]:
    """Header and value of every exported column (headers in the active language)."""
    return [
        (_("Grant"), lambda g: g.title),
        (_("Complex"), lambda g: g.complex.name),
        (_("District"), lambda g: g.complex.district.name),
        (_("Corporation"), lambda g: g.corporation.name),
        (_("Scheme"), lambda g: g.scheme.name),
        (_("Status"), lambda g: str(g.get_status_display())),
        (_("Period from"), lambda g: g.start),
        (_("Period until"), lambda g: g.end),
        (_("Amount requested"), lambda g: g.amount_requested),
        (_("Amount awarded"), lambda g: g.amount_awarded),
        (_("Amount settled"), lambda g: g.amount_settled),
        (_("Report due"), lambda g: g.report_due),
        (_("Overlaps another scheme"), lambda g: g.has_overlap),
        (_("File number"), lambda g: g.reference),
        (_("Applied on"), lambda g: g.applied_on),
        (_("Decided on"), lambda g: g.decided_on),
        (_("Settled on"), lambda g: g.settled_on),
    ]


@permission_required(VIEW, raise_exception=True)
def grant_export(request):
    """Every grant the current filters select (all pages, in the table's order) as CSV
    (``?format=csv``, the default) or an Excel workbook (``?format=xlsx``)."""
    filterset = _filterset(request)
    table = _table(request, filterset)
    RequestConfig(request, paginate=False).configure(table)
    data = spreadsheets.rows(export_columns(), table.data.data)
    # The year filtered on names the file; without one, today's date does.
    year = filterset.form.cleaned_data.get("year") if filterset.is_valid() else None
    return spreadsheets.spreadsheet_response(
        request,
        data,
        stem=pgettext("file name", "grants"),
        sheet_title=_("Grants"),
        period=year,
    )


# Applying -----------------------------------------------------------------------------------


def _overlap_warning(request, grant: Grant) -> None:
    overlapping = list(selectors.overlapping_grants(grant=grant, user=request.user))
    if not overlapping:
        return
    names = "; ".join(
        f"{other.title} ({other.scheme.name}, {other.start:%d-%m-%Y} – {other.end:%d-%m-%Y})"
        for other in overlapping
    )
    messages.warning(
        request,
        _(
            "This complex already has grants of other schemes in an overlapping period: "
            "%(grants)s. Check that they do not pay for the same thing."
        )
        % {"grants": names},
    )


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def grant_apply(request):
    """Apply for a grant: first the complex (``?complex=``), then the application."""
    require_perm(request.user, ADD)
    complexes = selectors.complexes_for_grants(user=request.user)
    value = request.GET.get("complex", "")
    if not value:
        form = ComplexChoiceForm(complexes=complexes.only("pk", "name"))
        return choose_complex(
            request,
            form,
            title=_("Apply for a grant"),
            intro=_("First choose the complex the grant is for."),
            back_url=reverse("interventions:grant_list"),
        )
    pk = params.id_or_none(value)
    if pk is None:
        raise Http404
    complex_ = get_object_or_404(complexes, pk=pk)
    schemes = selectors.scheme_list(user=request.user).filter(active=True)
    form = GrantForm(
        request.POST if request.method == "POST" else None,
        schemes=schemes,
        fields=services.APPLICATION_FIELDS | services.RECORD_FIELDS,
    )
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_apply(
                complex=complex_, user=request.user, data=form.data_for_service()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The application “%(title)s” is saved.") % {"title": grant.title}
            )
            _overlap_warning(request, grant)
            return redirect(grant)
    return render(
        request,
        "interventions/grant_form.html",
        {"form": form, "complex": complex_, "need": complex_need(complex_, request.user)},
    )


def complex_need(complex_, user) -> dict | None:
    """The complex's index, status, trend and weakest components for a grant decision, as the
    evaluations app provides them; None without that app or for those who may not read it."""
    try:
        need = registry.provided("complex_need")
    except LookupError:
        return None
    return need(complex_, user)


# One grant ----------------------------------------------------------------------------------


def _timeline(grant: Grant) -> list[dict]:
    """The lifecycle's stages with date and person where taken; the ones to come without."""
    decided = _("Rejected") if grant.status == GrantStatus.REJECTED else _("Awarded")
    stages = [
        (_("Applied"), grant.applied_on, grant.applied_by),
        (decided, grant.decided_on, grant.decided_by),
    ]
    if grant.status != GrantStatus.REJECTED:
        stages += [
            (_("Started"), grant.started_on, grant.started_by),
            (_("Report submitted"), grant.reported_on, grant.reported_by),
            (_("Settled"), grant.settled_on, grant.settled_by),
        ]
    return [
        {"label": label, "on": on, "by": person(by), "done": on is not None}
        for label, on, by in stages
    ]


@permission_required(VIEW, raise_exception=True)
def grant_detail(request, pk: int):
    grant = selectors.grant_get(user=request.user, pk=pk)
    today = timezone.localdate()
    steps = [
        {"step": step, "label": GrantStep(step).label, "decision": step in DECISION_STEPS}
        for step in services.next_steps(grant)
        if request.user.has_perm(step_permission(step))
    ]
    context = {
        "grant": grant,
        "timeline": _timeline(grant),
        "overlapping": list(selectors.overlapping_grants(grant=grant, user=request.user)),
        "interventions": list(
            selectors.intervention_list(user=request.user).filter(grant=grant).order_by("-start")
        ),
        "steps": steps,
        "report_overdue": grant.status in REPORT_PENDING
        and grant.report_due is not None
        and grant.report_due < today,
        "may_change": request.user.has_perm(CHANGE),
        "may_withdraw": request.user.has_perm(DELETE) and grant.status == GrantStatus.APPLIED,
    }
    return render(request, "interventions/grant_detail.html", context)


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def grant_step(request, pk: int, step: str):
    """One step of the lifecycle: GET shows its form, POST takes it through the service. A
    refused step shows the reason on the form and saves nothing."""
    if step not in GrantStep.values:
        raise Http404
    grant = selectors.grant_get(user=request.user, pk=pk)
    require_perm(request.user, step_permission(step))
    form_class = STEP_FORMS[step]
    form = form_class(request.POST if request.method == "POST" else None, grant=grant)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_step(
                grant=grant,
                step=step,
                user=request.user,
                data=form.data_for_service(),
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(step)s” is done for “%(title)s”.")
                % {"step": GrantStep(step).label, "title": grant.title},
            )
            return redirect(grant)
    context = {
        "grant": grant,
        "form": form,
        "step": step,
        "step_label": GrantStep(step).label,
        "possible": step in services.next_steps(grant),
        "decision": step in DECISION_STEPS,
        "need": (
            complex_need(grant.complex, request.user)
            if step in (GrantStep.AWARD, GrantStep.REJECT)
            else None
        ),
    }
    return render(request, "interventions/grant_step.html", context)


def update_fields(grant: Grant, user) -> set[str]:
    """What this user may change on this grant now: the application while it awaits a
    decision, the references always, the report due date (the municipality) until the report."""
    fields = set(services.RECORD_FIELDS)
    if grant.status == GrantStatus.APPLIED:
        fields |= services.APPLICATION_FIELDS
    if grant.status in REPORT_PENDING and user.has_perm(DECIDE):
        fields |= services.DECISION_FIELDS
    return fields


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def grant_update(request, pk: int):
    grant = selectors.grant_get(user=request.user, pk=pk)
    require_perm(request.user, CHANGE)
    fields = update_fields(grant, request.user)
    # The grant's own scheme stays offered even when it has closed since.
    schemes = selectors.scheme_list(user=request.user).filter(
        Q(active=True) | Q(pk=grant.scheme_id)
    )
    initial = {name: getattr(grant, name) for name in fields}
    form = GrantForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        schemes=schemes,
        fields=fields,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_update(grant=grant, user=request.user, data=form.data_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The grant “%(title)s” is saved.") % {"title": grant.title})
            if fields & services.APPLICATION_FIELDS:
                _overlap_warning(request, selectors.grant_get(user=request.user, pk=grant.pk))
            return redirect(grant)
    context = {"form": form, "complex": grant.complex, "grant": grant}
    return render(request, "interventions/grant_form.html", context)


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def grant_delete(request, pk: int):
    """Withdraw an application after confirmation; a decided grant stays as history."""
    grant = selectors.grant_get(user=request.user, pk=pk)
    require_perm(request.user, DELETE)
    if request.method == "POST":
        try:
            services.grant_delete(grant=grant, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(grant)
        messages.success(
            request, _("The application “%(title)s” is withdrawn.") % {"title": grant.title}
        )
        return redirect("interventions:grant_list")
    context = {"grant": grant, "possible": grant.status == GrantStatus.APPLIED}
    return render(request, "interventions/grant_confirm_delete.html", context)


# Reports due --------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def reports_due(request):
    """Reports due within 30 days or overdue: city-wide for the municipality, own for staff."""
    today = timezone.localdate()
    exclude = ("corporation",) if _single_corporation(request.user) else ()
    grants = selectors.reports_due(user=request.user, today=today)
    # ?due=overdue or ?due=soon: the home page's two figures; anything else shows both.
    due = request.GET.get("due")
    if due == "overdue":
        grants = grants.filter(report_due__lt=today)
    elif due == "soon":
        grants = grants.filter(report_due__gte=today)
    else:
        due = None
    table = ReportsDueTable(grants, today=today, exclude=exclude)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"table": table, "within_days": selectors.REPORT_DUE_WITHIN_DAYS, "due": due}
    return render(request, "interventions/reports_due.html", context)
