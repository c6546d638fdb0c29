"""CSV and XLSX exports of the complex list: every row the filters select, in one query.

The queryset comes from ``selectors.complex_list`` through ``ComplexFilterSet``, so an export
holds exactly what the user may see and has filtered, never a row more; ``leefbaarheid.exports``
writes the files.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from complexes.models import vacancy_percent
from leefbaarheid import exports as spreadsheets

# The table's sort keys (see ComplexTable) and the ordering each stands for.
SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("name",),
    "address": ("address",),
    "district": ("district__name", "name"),
    "corporation": ("corporation__name", "name"),
    "units": ("units", "name"),
    "vacant_units": ("vacant_units", "name"),
    "is_thuisplus": ("is_thuisplus", "name"),
    "gallery_count": ("gallery_count", "name"),
    "galleries_without_contact": ("galleries_without_contact", "name"),
}


def _vacancy_percent(complex_) -> float:
    return float(vacancy_percent(complex_.vacant_units, complex_.units))


def columns() -> list[tuple[str, Callable[[Any], Any]]]:
    """Header and value of every exported column (headers in the active language)."""
    return [
        (_("Name"), lambda c: c.name),
        (_("Address"), lambda c: c.address),
        (_("Postcode"), lambda c: c.postcode),
        (_("District"), lambda c: c.district.name),
        (_("Corporation"), lambda c: c.corporation.name),
        (_("Units"), lambda c: c.units),
        (_("Vacant units"), lambda c: c.vacant_units),
        (_("Vacancy %"), _vacancy_percent),
        (_("Thuisplus"), lambda c: c.is_thuisplus),
        (_("Year built"), lambda c: c.year_built),
        (_("Galleries"), lambda c: c.gallery_count),
        (_("Galleries without contact person"), lambda c: c.galleries_without_contact),
        (_("Communal room run by"), lambda c: c.get_room_managed_by_display()),
    ]


def ordered(queryset: QuerySet, sort: str | None) -> QuerySet:
    """Order an export like the table on screen (``?sort=``); unknown keys keep the default."""
    key = (sort or "").lstrip("-")
    descending = (sort or "").startswith("-")
    if key == "vacancy":
        rate = F("vacant_units") * 1.0 / F("units")
        return queryset.alias(rate=rate).order_by(rate.desc() if descending else rate.asc(), "pk")
    fields = SORTS.get(key)
    if not fields:
        return queryset.order_by("name", "pk")
    first, *rest = fields
    return queryset.order_by(f"-{first}" if descending else first, *rest, "pk")


def _stem() -> str:
    """The start of the file name (then today's date), in the user's language."""
    return pgettext("file name", "complexes")


def csv_response(queryset: QuerySet) -> StreamingHttpResponse:
    return spreadsheets.csv_response(spreadsheets.rows(columns(), queryset), stem=_stem())


def xlsx_response(queryset: QuerySet) -> HttpResponse:
    data = spreadsheets.rows(columns(), queryset)
    return spreadsheets.xlsx_response(data, stem=_stem(), sheet_title=_("Complexes"))
