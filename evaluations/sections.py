"""The evaluations app's section of the complex page, registered in ``EvaluationsConfig.ready()``:
the compact cohesion index."""

from evaluations.views.indicators import complex_page_section
from leefbaarheid import registry


def indicator_context(request, complex_) -> dict | None:
    """The newest snapshot and its two costliest components (one query); nothing for those who
    may not read the index."""
    indicator = complex_page_section(user=request.user, complex_=complex_)
    return None if indicator is None else {"indicator": indicator}


def register() -> None:
    """Add the cohesion index to the top of the complex page."""
    registry.register_section(
        "complex.top",
        "evaluations.indicator",
        order=10,
        template="evaluations/_complex_indicator_section.html",
        context=indicator_context,
        hidden={"indicator": None},
    )
