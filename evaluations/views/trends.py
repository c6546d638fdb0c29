"""The index over time: per week of the last 52 the count of red, amber and green complexes, the
mean index and the welfare hours against the norm, for the whole visible city or one district
(``?district=<id>``, kept in the URL). Each chart has a table with the same figures."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from evaluations import selectors
from evaluations.views.indicators import VIEW_PERMISSION
from interventions import selectors as funding_selectors


def _chosen_district(request, districts):
    """The district of ``?district=<id>`` (None: all), and an error naming the field when it
    is no district."""
    text = request.GET.get("district", "").strip()
    if not text:
        return None, None
    chosen = next((district for district in districts if str(district.pk) == text), None)
    if chosen is None:
        return None, _("“%(field)s”: there is no such district; all districts are shown.") % {
            "field": _("District")
        }
    return chosen, None


def _number(value) -> float | None:
    return None if value is None else float(value)


@permission_required(VIEW_PERMISSION, raise_exception=True)
def trends(request):
    """Three charts over the last 52 weeks, each with its table: the complexes per status, the
    mean index and the hours against the norm (funded weeks only); scoped like the index list."""
    districts = list(selectors.trend_districts())
    district, district_error = _chosen_district(request, districts)
    rows = selectors.index_trends(
        user=request.user,
        complexes=funding_selectors.hours_complexes(user=request.user),
        district=district,
        weeks=selectors.trend_weeks(),
    )
    chart_rows = [
        {
            **row,
            "mean": _number(row["mean"]),
            "hours": _number(row["hours"]),
            "norm": _number(row["norm"]),
        }
        for row in rows
    ]
    context = {
        "rows": rows,
        "chart_rows": chart_rows,
        "districts": districts,
        "district": district,
        "district_error": district_error,
    }
    return render(request, "evaluations/trends.html", context)
