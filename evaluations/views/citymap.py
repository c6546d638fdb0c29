"""The city map: every complex the user may see as a marker coloured by its status in the newest
week, sized by its units, with name, index, trend and a link in its popup; filtered by the
complex list's district, corporation and Thuisplus and by status, the filters kept in the URL.

The markers' data is embedded with ``json_script`` and drawn by ``static/js/complex-map.js``
(Leaflet); the background tiles come from ``settings.MAP_TILES`` (none when it is empty)."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from evaluations.choices import Status
from evaluations.filters import MapFilterSet
from evaluations.selectors import citymap, latest_week
from leefbaarheid import numbers, roles

INDEX_PERMISSION = "evaluations.view_indicatorsnapshot"
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
TREND_LABELS = {
    "up": gettext_lazy("higher than four weeks earlier"),
    "down": gettext_lazy("lower than four weeks earlier"),
    "flat": gettext_lazy("the same as four weeks earlier"),
}


def _single_corporation(user) -> bool:
    """Corporation staff see only their own corporation: its filter would tell them nothing."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _marker(row: dict, *, index_visible: bool) -> dict:
    """One complex with coordinates as the script draws it (labels in the user's language)."""
    marker = {
        "name": row["name"],
        "lat": _number(row["latitude"]),
        "lng": _number(row["longitude"]),
        "units": row["units"],
        "url": reverse("complexes:complex_detail", args=[row["pk"]]),
        "status": row["status"] if index_visible else None,
    }
    if index_visible:
        marker["status_label"] = str(Status(row["status"]).label)
        marker["index"] = "–" if row["index"] is None else numbers.format_decimal(row["index"], 1)
        marker["trend"] = TREND_ARROWS.get(row["trend"] or "", "")
        marker["trend_label"] = str(TREND_LABELS.get(row["trend"] or "", ""))
    return marker


@permission_required("complexes.view_complex", raise_exception=True)
def complex_map(request):
    """The map of the complexes the user may see; the status only for roles that may read
    the index (the intervention team sees the complexes without it)."""
    index_visible = request.user.has_perm(INDEX_PERMISSION)
    week = latest_week() if index_visible else None
    filterset = MapFilterSet(
        request.GET,
        queryset=citymap.map_complexes(user=request.user, week=week),
        request=request,
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    if not index_visible:
        del filterset.filters["status"]
    rows = citymap.map_rows(filterset.qs)
    counts = dict.fromkeys(Status.values, 0)
    for row in rows:
        counts[row["status"]] += 1
    located = [row for row in rows if row["latitude"] is not None and row["longitude"] is not None]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "week": week,
        "index_visible": index_visible,
        "status_counts": [
            {"status": value, "label": label, "count": counts[value]}
            for value, label in Status.choices
        ],
        "complex_count": len(rows),
        "unlocated": len(rows) - len(located),
        "markers": [_marker(row, index_visible=index_visible) for row in located],
        "tiles": settings.MAP_TILES,
        "list_query": query.urlencode(),
    }
    return render(request, "evaluations/complex_map.html", context)
