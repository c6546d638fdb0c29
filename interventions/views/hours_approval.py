"""Approving welfare hours: the list of submitted weeks (one by one or several at once, each with
the number of complexes below the norm), approving or returning one week (from the list or from
the week's own page, ``hours_decision``), and unlocking an approved or locked week.

Which weeks may be decided or unlocked is ``HoursWeek.objects.approvable_by`` (anything else:
404). Every write is one service call, all or nothing; a refusal comes back on the page it came
from, with nothing changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from interventions import selectors, services
from interventions.forms import hours as hours_forms
from interventions.models import HoursWeek
from interventions.views.hours import (
    APPROVE,
    UNLOCK,
    _grid_context,
    _render_grid,
    grid_url,
    hours_text,
    person,
    unlock_and_say,
)
from interventions.views.hours_decision import decision_context
from leefbaarheid import params

RECENTLY_APPROVED = 20  # approved weeks listed for unlocking
MAX_SELECTED = 500  # weeks approved at once: more than any team hands in


def _approval_page(request, *, errors=None, bulk_errors=(), selected=()):
    """Submitted weeks to approve or return (each with its complexes below the norm); for the
    functional admin also the weeks approved lately, to unlock."""
    user = request.user
    to_approve = list(selectors.hours_weeks_to_approve(user=user))
    against_norm = selectors.hours_weeks_against_norm(to_approve)
    approved = []
    if user.has_perm(UNLOCK):
        approved = list(selectors.hours_weeks_recently_approved(user=user, limit=RECENTLY_APPROVED))
    errors = errors or {}
    for hours_week in [*to_approve, *approved]:
        hours_week.total_text = hours_text(getattr(hours_week, "total", None))
        hours_week.grid_url = grid_url(user, hours_week.professional, hours_week.iso_week)
        hours_week.error = errors.get(hours_week.pk, "")
    for hours_week in to_approve:
        hours_week.below_norm = sum(1 for row in against_norm[hours_week.pk] if row["below"])
        hours_week.selected = hours_week.pk in selected
    shown = {hours_week.pk for hours_week in to_approve}
    context = {
        "to_approve": to_approve,
        "approved": approved,
        "may_unlock": user.has_perm(UNLOCK),
        "errors": [message for pk, message in errors.items() if pk not in shown],
        "bulk_errors": list(bulk_errors),
        "has_errors": bool(errors or bulk_errors),
    }
    return render(request, "interventions/hours_approval.html", context)


@permission_required(APPROVE, raise_exception=True)
def hours_approval(request):
    return _approval_page(request)


def _refused(request, hours_week: HoursWeek, errors: dict[str, str], note: str):
    """A refused decision back on the page it came from, with the reason on its field: the
    week's own page (``back=grid``) or the list."""
    if request.POST.get("back") != "grid":
        return _approval_page(request, errors={hours_week.pk: " ".join(errors.values())})
    professional, week = hours_week.professional, hours_week.iso_week
    context = _grid_context(request, professional, week)
    context.update(
        decision_context(
            request, professional, week, context["hours_week"], errors=errors, note=note
        )
    )
    return _render_grid(request, context)


@permission_required(APPROVE, raise_exception=True)
@require_POST
def hours_week_decide(request, pk: int):
    """Approve a submitted week (it locks) or return it with a reason (it opens again); from
    the list back to the list, from the week's page back to that week."""
    hours_week = get_object_or_404(
        HoursWeek.objects.approvable_by(request.user).select_related("professional"), pk=pk
    )
    form = hours_forms.DecideForm(request.POST)
    note = request.POST.get("return_note", "")
    if not form.is_valid():
        errors = {key: " ".join(messages_) for key, messages_ in form.errors.items()}
        return _refused(request, hours_week, errors, note)
    try:
        services.hours_week_decide(
            hours_week=hours_week,
            user=request.user,
            approve=form.approve,
            note=form.cleaned_data["return_note"],
        )
    except ValidationError as error:
        errors = (
            {key: " ".join(messages_) for key, messages_ in error.message_dict.items()}
            if hasattr(error, "error_dict")
            else {"status": " ".join(error.messages)}
        )
        return _refused(request, hours_week, errors, note)
    done = (
        _("Week %(week)s of %(person)s is approved.")
        if form.approve
        else _("Week %(week)s of %(person)s is returned.")
    )
    messages.success(
        request, done % {"week": hours_week.week, "person": person(hours_week.professional)}
    )
    if request.POST.get("back") == "grid":
        return redirect(grid_url(request.user, hours_week.professional, hours_week.iso_week))
    return redirect("interventions:hours_approval")


@permission_required(APPROVE, raise_exception=True)
@require_POST
def hours_weeks_approve(request):
    """Approve the weeks ticked on the list at once, all or nothing: a week that is not (any
    longer) submitted is named and none is approved; one this user may not approve is a 404."""
    ids = set()
    for value in request.POST.getlist("weeks")[: MAX_SELECTED + 1]:
        pk = params.id_or_none(value)
        if pk is None:
            raise Http404
        ids.add(pk)
    if len(ids) > MAX_SELECTED:
        message = _("Approve at most %(count)s weeks at once.") % {"count": MAX_SELECTED}
        return _approval_page(request, bulk_errors=[message], selected=ids)
    weeks = list(HoursWeek.objects.approvable_by(request.user).filter(pk__in=ids))
    if len(weeks) != len(ids):
        raise Http404  # a week this user may not approve: never say whether it exists
    try:
        approved = services.hours_weeks_approve(user=request.user, weeks=weeks)
    except ValidationError as error:
        return _approval_page(request, bulk_errors=error.messages, selected=ids)
    messages.success(
        request,
        ngettext(
            "%(count)s week is approved: %(weeks)s.",
            "%(count)s weeks are approved: %(weeks)s.",
            len(approved),
        )
        % {
            "count": len(approved),
            "weeks": ", ".join(
                _("week %(week)s of %(person)s")
                % {"week": hours_week.week, "person": person(hours_week.professional)}
                for hours_week in approved
            ),
        },
    )
    return redirect("interventions:hours_approval")


@permission_required(UNLOCK, raise_exception=True)
@require_POST
def hours_week_unlock(request, pk: int):
    """Reopen an approved week, or one past the grace period, for corrections."""
    hours_week = get_object_or_404(
        HoursWeek.objects.approvable_by(request.user).select_related("professional"), pk=pk
    )
    unlock_and_say(
        request,
        lambda: services.hours_week_unlock(hours_week=hours_week, user=request.user),
        week=hours_week.week,
        professional=hours_week.professional,
    )
    if request.POST.get("back") == "grid":
        return redirect(grid_url(request.user, hours_week.professional, hours_week.iso_week))
    return redirect("interventions:hours_approval")
