"""The evaluations app's sections, registered in ``EvaluationsConfig.ready()``: the compact
cohesion index on the complex page; on the home page the count of complexes where to act."""

from evaluations import selectors
from evaluations.views.indicators import complex_page_section
from leefbaarheid import registry


def indicator_context(request, complex_) -> dict | None:
    """The newest snapshot and its two costliest components (one query); nothing for those who
    may not read the index."""
    indicator = complex_page_section(user=request.user, complex_=complex_)
    return None if indicator is None else {"indicator": indicator}


def home_act_context(request, _obj) -> dict | None:
    """How many complexes the user may see ask for action (one query), for those who may read
    complexes."""
    return {"act_count": selectors.act_count(user=request.user)}


def register() -> None:
    """Add the cohesion index to the top of the complex page and the count of complexes where
    to act to the home page."""
    registry.register_section(
        "complex.top",
        "evaluations.indicator",
        order=10,
        template="evaluations/_complex_indicator_section.html",
        context=indicator_context,
        hidden={"indicator": None},
    )
    registry.register_section(
        "home",
        "evaluations.act",
        order=20,
        template="evaluations/_home_act.html",
        context=home_act_context,
        permission="complexes.view_complex",
        hidden={"act_count": None},
    )
