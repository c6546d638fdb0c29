"""The interventions app's sections of the complex page, registered in
``InterventionsConfig.ready()``: the newest grants and interventions, and the welfare hours."""

from interventions import selectors
from leefbaarheid import registry

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


def register() -> None:
    """Add the interventions app's sections to the complex page."""
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
