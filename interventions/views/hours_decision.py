"""The approver's part of a professional's week page: a submitted week opened by someone who may
approve it (``HoursWeek.objects.approvable_by``) shows when it was submitted, each complex's hours
against the norm with those below it counted, the reason of an earlier return, and the forms to
approve or return it (``hours_approval.hours_week_decide``).

Merged into the week grid's context by ``hours._grid_context``; it imports nothing of the grid,
so the grid and the approval screens can both import it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from interventions import selectors
from interventions.choices import WeekStatus
from interventions.models import HoursWeek
from leefbaarheid import numbers, roles
from leefbaarheid.weeks import Week

APPROVE = f"interventions.{roles.APPROVE_HOURS}"


def may_decide(user, hours_week: HoursWeek | None) -> bool:
    """Whether ``user`` may approve or return this week now: it is submitted and theirs to
    approve (one query, none for a user without the approve permission)."""
    if hours_week is None or hours_week.status != WeekStatus.SUBMITTED:
        return False
    if not user.has_perm(APPROVE):
        return False
    return HoursWeek.objects.approvable_by(user).filter(pk=hours_week.pk).exists()


def figures(rows: list[dict]) -> list[dict]:
    """The complexes of a week against the norm, with their hours written as people write them."""
    return [
        {
            **row,
            "hours_text": numbers.format_hours(row["hours"]),
            "norm_text": numbers.format_hours(row["norm"]) if row["norm"] is not None else "",
        }
        for row in rows
    ]


def decision_context(
    request, professional, week: Week, hours_week: HoursWeek | None, *, errors=None, note=""
) -> dict:
    """``decision`` (None unless the user may decide this week) and, for the approver, the
    status text ``lock`` in place of the owner's ("withdraw the submission to change it")."""
    if hours_week is None or not may_decide(request.user, hours_week):
        return {"decision": None}
    rows = figures(selectors.hours_weeks_against_norm([hours_week]).get(hours_week.pk, []))
    submitted = hours_week.submitted_at
    waiting = (
        _("Submitted on %(date)s — waiting for your decision.")
        % {"date": date_format(timezone.localtime(submitted), "j F Y")}
        if submitted
        else _("Submitted — waiting for your decision.")
    )
    return {
        "decision": {
            "hours_week": hours_week,
            "url": reverse("interventions:hours_week_decide", args=[hours_week.pk]),
            "figures": rows,
            "below": sum(1 for row in rows if row["below"]),
            "previous_note": hours_week.return_note if hours_week.returned_at else "",
            "returned_at": hours_week.returned_at,
            "errors": errors or {},
            "note": note,
        },
        "lock": waiting,
    }
