"""Where to act: the complexes red in the newest week, or amber for weeks, without a running
intervention or grant (``evaluations.selectors.act_list``), each with a link to the complex and
to a grant application for it."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from evaluations import selectors, wording


@permission_required("complexes.view_complex", raise_exception=True)
def act_list(request):
    rows = [
        {"row": row, "reasons": wording.explained(row.reasons)}
        for row in selectors.act_list(user=request.user)
    ]
    return render(
        request,
        "evaluations/act_list.html",
        {
            "rows": rows,
            "amber_weeks": selectors.ACT_AMBER_WEEKS,
            "may_apply": request.user.has_perm("interventions.add_grant"),
        },
    )


def complex_need(complex_, user) -> dict | None:
    """The need of a complex for the grant screens (``selectors.complex_need``), each weakest
    component with its words; provided to the interventions app as "complex_need"."""
    need = selectors.complex_need(complex_, user)
    if need is not None:
        need["reasons"] = wording.explained(need["reasons"])
    return need
