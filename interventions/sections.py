"""The interventions app's page sections, registered in ``InterventionsConfig.ready()``: on the
complex page the newest grants and interventions and the welfare hours; on the home page the
weeks of hours waiting for the user (to approve, or returned to correct)."""

from django.urls import reverse

from interventions import selectors
from leefbaarheid import registry, roles

FUNDING_ROWS = 10  # the newest grants and interventions on the complex page


def funding_context(request, complex_) -> dict | None:
    """The newest grants and interventions, each for those who may read them; nothing for those
    who may read neither."""
    user = request.user
    grants = interventions = None
    if user.has_perm("interventions.view_grant"):
        grants = list(selectors.complex_grants(complex=complex_, user=user)[:FUNDING_ROWS])
    if user.has_perm("interventions.view_intervention"):
        interventions = list(
            selectors.complex_interventions(complex=complex_, user=user)[:FUNDING_ROWS]
        )
    if grants is None and interventions is None:
        return None
    return {
        "grants": grants,
        "grants_overlap": any(grant.has_overlap for grant in grants or ()),
        "interventions": interventions,
    }


def hours_context(request, complex_) -> dict | None:
    """The last 4, 13 and 52 weeks against the norm and the alert (two queries)."""
    hours = selectors.hours_complex_norm(user=request.user, complex=complex_)
    return {"hours": hours} if hours else None


def home_hours_context(request, _obj) -> dict | None:
    """For an approver the number of submitted weeks waiting for them (one query); for a welfare
    professional their returned weeks, each with its reason and a link (one query, shown when
    there are any). Nothing for anyone else."""
    user = request.user
    waiting = None
    if user.has_perm(f"interventions.{roles.APPROVE_HOURS}"):
        waiting = selectors.hours_weeks_waiting(user=user)
    returned = []
    if roles.has_role(user, roles.WELFARE_PROFESSIONAL):
        returned = [
            {
                "hours_week": hours_week,
                "url": reverse("interventions:hours_week", args=[hours_week.year, hours_week.week]),
            }
            for hours_week in selectors.hours_weeks_returned(user=user)
        ]
    if waiting is None and not returned:
        return None
    return {"hours_waiting": waiting, "hours_returned": returned}


def register() -> None:
    """Add the interventions app's sections to the complex page and the home page."""
    registry.register_section(
        "complex",
        "interventions.funding",
        order=30,
        template="interventions/_complex_funding.html",
        context=funding_context,
        hidden={"grants": None, "grants_overlap": False, "interventions": None},
    )
    registry.register_section(
        "complex",
        "interventions.hours",
        order=40,
        template="interventions/_complex_hours.html",
        context=hours_context,
        permission="interventions.view_hoursentry",
        hidden={"hours": None},
    )
    registry.register_section(
        "home",
        "interventions.hours_weeks",
        order=10,
        template="interventions/_home_hours_weeks.html",
        context=home_hours_context,
        hidden={"hours_waiting": None, "hours_returned": []},
    )
