"""Welfare budget screens: the scenarios side by side with what this year cost so far, one
scenario's figures per district, corporation or complex (and their export), the refresh of
the actual hours, and create/edit/delete.

Budget scenarios are the municipality's: officials and the functional admin open these
screens, every other role gets a 403 (and no menu item). The arithmetic is the selectors'
(``selectors.scenario_figures``); the writes are ``services.scenario_save``,
``services.scenario_delete`` and ``services.budget_refresh_soon``.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from evaluations import selectors, services
from evaluations.forms import ScenarioForm
from evaluations.models import BudgetScenario
from evaluations.tables import BudgetTable
from leefbaarheid import exports as spreadsheets
from leefbaarheid.forms import add_service_errors
from leefbaarheid.money import euro
from leefbaarheid.web import is_htmx

VIEW = "evaluations.view_budgetscenario"
ADD = "evaluations.add_budgetscenario"
CHANGE = "evaluations.change_budgetscenario"
DELETE = "evaluations.delete_budgetscenario"
# The "per" switch, in the order it is offered; the first is the default.
GROUPINGS = [
    ("district", gettext_lazy("district")),
    ("corporation", gettext_lazy("corporation")),
    ("complex", gettext_lazy("complex")),
]
PER_PAGE = 50
# The start of an export's file name per grouping (then the scenario's name and the year).
EXPORT_STEMS = {
    "district": pgettext_lazy("file name", "welfare-budget-per-district"),
    "corporation": pgettext_lazy("file name", "welfare-budget-per-corporation"),
    "complex": pgettext_lazy("file name", "welfare-budget-per-complex"),
}


def _base(request):
    """This year's actual hours; when none were refreshed yet, ask for a refresh (which runs at
    once where tasks run inline, as in the demo) and read again."""
    base = selectors.budget_base(user=request.user)
    if (
        not base.calculated
        and base.complexes
        and request.user.has_perm(CHANGE)
        and services.budget_refresh_soon(user=request.user)
    ):
        base = selectors.budget_base(user=request.user)
    return base


def _by(request) -> str:
    by = request.GET.get("by")
    return by if by in dict(GROUPINGS) else GROUPINGS[0][0]


@permission_required(VIEW, raise_exception=True)
def scenario_list(request):
    """Every scenario's complexes, hours, rate, weeks and total beside the city's norm to
    date, actual cost to date and gap."""
    base = _base(request)
    scenarios = [
        selectors.scenario_figures(scenario, base=base)
        for scenario in selectors.scenario_list(user=request.user)
    ]
    context = {"base": base, "scenarios": scenarios, "calendar": base.calendar}
    return render(request, "evaluations/scenario_list.html", context)


@permission_required(VIEW, raise_exception=True)
def scenario_detail(request, pk: int):
    """One scenario's figures per ``?by=`` district, corporation or complex; an htmx request
    (the switch, a sort or page link) gets just the table."""
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    by = _by(request)
    base = _base(request)
    figures = selectors.scenario_figures(scenario, base=base, by=by)
    table = None
    if figures.calculated:
        table = BudgetTable(figures.rows, by=by, total=figures.city)
        RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {
        "scenario": scenario,
        "base": base,
        "figures": figures,
        "table": table,
        "by": by,
        "groupings": GROUPINGS,
    }
    partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    template = "evaluations/_scenario_table.html" if partial else "evaluations/scenario_detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def export_columns(by: str) -> list[tuple[str, str]]:
    """Header and key of every exported column (headers in the active language)."""
    columns = [(str(dict(GROUPINGS)[by]).capitalize(), "label")]
    if by == "complex":
        columns += [(_("Corporation"), "corporation_name"), (_("District"), "district_name")]
    else:
        columns += [(_("Senior complexes"), "complexes")]
    return [
        *columns,
        (_("Hours logged"), "hours"),
        (_("Budget (year)"), "budget"),
        (_("Norm to date"), "norm"),
        (_("Actual to date"), "actual"),
        (_("Gap"), "gap"),
    ]


@permission_required(VIEW, raise_exception=True)
def scenario_export(request, pk: int):
    """The scenario's figures per ``?by=`` grouping as CSV (``?format=csv``, the default) or
    an Excel workbook (``?format=xlsx``), with the total as the last row."""
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    by = _by(request)
    base = _base(request)
    figures = selectors.scenario_figures(scenario, base=base, by=by)
    columns = export_columns(by)
    total = {**figures.city, "label": _("Total")}
    data = [
        [header for header, _key in columns],
        *([row[key] for _header, key in columns] for row in [*(figures.rows or []), total]),
    ]
    return spreadsheets.spreadsheet_response(
        request,
        data,
        stem=f"{EXPORT_STEMS[by]}-{scenario.name}",
        sheet_title=_("Welfare budget"),
        period=base.year,
    )


@require_POST
@permission_required(CHANGE, raise_exception=True)
def budget_refresh(request):
    """Send the city-wide refresh of this year's actual hours now (after commit)."""
    if services.budget_refresh_soon(user=request.user):
        messages.success(request, _("The figures are being refreshed. Reload in a moment."))
    else:
        messages.info(request, _("A refresh is already under way. Reload in a moment."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("evaluations:scenario_list")
    return redirect(back)


def _detail_url(scenario: BudgetScenario) -> str:
    return reverse("evaluations:scenario_detail", args=[scenario.pk])


def _scenario_form(request, *, scenario: BudgetScenario | None):
    """Create (``scenario`` None) or change a scenario through ``services.scenario_save``; the
    form works on a copy, so the service compares with what is stored."""
    posted = request.POST if request.method == "POST" else None
    instance = copy.copy(scenario) if scenario else None
    form = ScenarioForm(posted, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.scenario_save(
                user=request.user, data=form.data_for_service(), scenario=scenario
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The scenario “%(name)s” is saved: %(total)s.")
                % {"name": saved.name, "total": euro(selectors.scenario_total(saved))},
            )
            return redirect(_detail_url(saved))
    cancel = _detail_url(scenario) if scenario else reverse("evaluations:scenario_list")
    context = {"form": form, "scenario": scenario, "cancel_url": cancel}
    return render(request, "evaluations/scenario_form.html", context)


@permission_required(ADD, raise_exception=True)
def scenario_create(request):
    return _scenario_form(request, scenario=None)


@permission_required(CHANGE, raise_exception=True)
def scenario_update(request, pk: int):
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    return _scenario_form(request, scenario=scenario)


@permission_required(DELETE, raise_exception=True)
def scenario_delete(request, pk: int):
    """Ask, then delete; the evaluation's reference scenario is refused with the reason."""
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.scenario_delete(scenario=scenario, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_detail_url(scenario))
        messages.success(request, _("The scenario “%(name)s” is deleted.") % {"name": scenario})
        return redirect("evaluations:scenario_list")
    return render(request, "evaluations/scenario_confirm_delete.html", {"scenario": scenario})
