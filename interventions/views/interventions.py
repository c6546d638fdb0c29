"""Intervention screens: the list, the intervention page (timeline, checklists, provider, grant)
and create/edit/delete.

Every intervention is fetched through ``selectors.intervention_get`` (another corporation's is a
404); a missing model permission on a visible one is a 403. Also holds the few helpers the
scheme and provider screens share.
"""

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex
from interventions import selectors, services
from interventions.choices import (
    Approach,
    Challenge,
    GrantStatus,
    InterventionStatus,
    SuccessFactor,
)
from interventions.filters import InterventionFilterSet
from interventions.forms.interventions import InterventionForm
from interventions.models import Intervention
from interventions.tables.interventions import InterventionTable
from leefbaarheid import params, registry
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import ComplexChoiceForm, choose_complex, list_page, posted, require_perm

# Who may see the cohesion index, and so whether an intervention's effect lasted.
INDICATOR_PERMISSION = "evaluations.view_indicatorsnapshot"

# The list -------------------------------------------------------------------------------------


@permission_required("interventions.view_intervention", raise_exception=True)
def intervention_list(request):
    queryset = selectors.intervention_list(user=request.user).select_related("grant__scheme")
    filterset = InterventionFilterSet(request.GET, queryset=queryset, request=request)
    may_add = request.user.has_perm("interventions.add_intervention")
    effects = None
    if request.user.has_perm(INDICATOR_PERMISSION):
        # The verdicts of the shown page only, all in one query (the table asks once).
        effects = partial(registry.provided("intervention_effects"), user=request.user)
    return list_page(
        request,
        filterset=filterset,
        table=InterventionTable(filterset.qs, effects=effects),
        template="interventions/intervention_list.html",
        partial="interventions/_intervention_table.html",
        extra={
            # The complexes a new intervention may be started in (only for those who may add).
            "new_complexes": (
                selectors.complexes_for_grants(user=request.user).only("pk", "name")
                if may_add
                else None
            ),
            "chosen_complex": request.GET.get("complex", ""),
        },
    )


# The intervention page ------------------------------------------------------------------------


def _timeline(intervention: Intervention, today: datetime.date) -> list[dict]:
    """The intervention's own dates and its grant's steps, in date order. Each entry: ``date``,
    ``label``, ``source`` ("intervention" or "grant") and ``planned`` (still to come)."""
    status = intervention.status
    entries = [
        {
            "date": intervention.start,
            "label": _("Planned start") if status == InterventionStatus.PLANNED else _("Started"),
            "source": "intervention",
        }
    ]
    if intervention.end:
        if status == InterventionStatus.COMPLETED:
            label = _("Ended")
        elif status == InterventionStatus.STOPPED:
            label = _("Stopped early")
        else:
            label = _("Planned end")
        entries.append({"date": intervention.end, "label": label, "source": "intervention"})
    grant = intervention.grant
    if grant is not None:
        rejected = grant.status == GrantStatus.REJECTED
        steps = [
            (grant.applied_on, _("Grant applied for")),
            (grant.decided_on, _("Grant rejected") if rejected else _("Grant awarded")),
            (grant.started_on, _("Grant started")),
            (grant.reported_on, _("Grant reported")),
            (grant.settled_on, _("Grant settled")),
        ]
        if grant.status in (GrantStatus.AWARDED, GrantStatus.RUNNING) and grant.report_due:
            steps.append((grant.report_due, _("Grant report due")))
        entries.extend(
            {"date": date, "label": label, "source": "grant"} for date, label in steps if date
        )
    for entry in entries:
        entry["planned"] = entry["date"] > today
    return sorted(entries, key=lambda entry: entry["date"])


@permission_required("interventions.view_intervention", raise_exception=True)
def intervention_detail(request, pk: int):
    """The intervention page: timeline, checklists, goals and outcome, provider, grant."""
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    grant = intervention.grant
    overlapping = []
    if grant is not None:
        overlapping = list(selectors.overlapping_grants(grant=grant, user=request.user))
    context = {
        "intervention": intervention,
        "timeline": _timeline(intervention, timezone.localdate()),
        "checklists": [
            (_("Success factors"), intervention.checklist("success_factors", SuccessFactor)),
            (_("Approach"), intervention.checklist("approach", Approach)),
            (_("Challenges met"), intervention.checklist("challenges", Challenge)),
        ],
        "success_count": len(intervention.success_factors or ()),
        "success_total": len(SuccessFactor.choices),
        "grant": grant,
        "overlapping": overlapping,
    }
    if request.user.has_perm(INDICATOR_PERMISSION):
        thresholds = registry.provided("indicator_settings")()
        effect = registry.provided("intervention_effect")(
            intervention, user=request.user, settings=thresholds
        )
        context["effect"] = effect
        context["effect_settings"] = thresholds
        context["effect_rows"] = [
            (_("8 weeks before"), effect.before),
            (_("During"), effect.during),
            (_("3 months after"), effect.after_3),
            (_("6 months after"), effect.after_6),
            (_("12 months after"), effect.after_12),
        ]
    return render(request, "interventions/intervention_detail.html", context)


# Create, edit, delete -------------------------------------------------------------------------


def _complex_from_query(request) -> Complex | None:
    """The complex of ``?complex=<id>``; ``None`` when none was chosen yet (the caller offers
    the choice). A complex the user may not record interventions in is a 404."""
    value = request.GET.get("complex", "")
    if not value:
        return None
    pk = params.id_or_none(value)
    if pk is None:
        raise Http404(_("Choose a complex first."))
    return get_object_or_404(selectors.complexes_for_grants(user=request.user), pk=pk)


@permission_required("interventions.add_intervention", raise_exception=True)
def intervention_create(request):
    complex_ = _complex_from_query(request)
    if complex_ is None:
        form = ComplexChoiceForm(
            complexes=selectors.complexes_for_grants(user=request.user).only("pk", "name")
        )
        back = reverse("interventions:intervention_list")
        return choose_complex(request, form, title=_("New intervention"), back_url=back)
    return _intervention_form(request, complex_=complex_, intervention=None)


@permission_required("interventions.view_intervention", raise_exception=True)
def intervention_update(request, pk: int):
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    require_perm(request.user, "interventions.change_intervention")
    return _intervention_form(request, complex_=intervention.complex, intervention=intervention)


def _intervention_form(request, *, complex_: Complex, intervention: Intervention | None):
    form = InterventionForm(
        posted(request), complex=complex_, user=request.user, intervention=intervention
    )
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        try:
            if intervention is None:
                saved = services.intervention_create(complex=complex_, user=request.user, data=data)
            else:
                saved = services.intervention_update(
                    intervention=intervention, user=request.user, data=data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The intervention “%(title)s” is saved.") % {"title": saved.title}
            )
            return redirect(saved)
    if intervention is None:
        cancel_url = f"{reverse('interventions:intervention_list')}?complex={complex_.pk}"
    else:
        cancel_url = intervention.get_absolute_url()
    return render(
        request,
        "interventions/intervention_form.html",
        {
            "form": form,
            "complex": complex_,
            "intervention": intervention,
            "cancel_url": cancel_url,
            "no_grants": not form.fields["grant"].queryset.exists(),
        },
    )


@permission_required("interventions.view_intervention", raise_exception=True)
def intervention_delete(request, pk: int):
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    require_perm(request.user, "interventions.delete_intervention")
    if request.method == "POST":
        services.intervention_delete(intervention=intervention, user=request.user)
        messages.success(
            request, _("The intervention “%(title)s” is deleted.") % {"title": intervention.title}
        )
        return redirect(
            f"{reverse('interventions:intervention_list')}?complex={intervention.complex_id}"
        )
    return render(
        request, "interventions/intervention_confirm_delete.html", {"intervention": intervention}
    )
