"""CSV and XLSX exports of the complex list: every row the filters select, in one query.

The queryset comes from ``selectors.complex_list`` through ``ComplexFilterSet``, so an export
holds exactly what the user may see and has filtered, never a row more. CSV streams row by row;
the XLSX workbook is written in openpyxl's write-only mode. CSV is written the way Dutch
spreadsheets read it: semicolons between fields, a decimal comma and a byte-order mark.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from complexes.models import vacancy_percent

CHUNK_SIZE = 500
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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def rows(queryset: QuerySet) -> Iterator[list[Any]]:
    """The header row, then one row per complex, fetched in chunks by one query."""
    spec = columns()
    yield [header for header, _value in spec]
    for complex_ in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [value(complex_) for _header, value in spec]


def _safe_text(value: Any) -> Any:
    """Keep a spreadsheet from running a name that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if value is None:
        return ""
    return _safe_text(value)


class _Echo:
    """A file-like object whose ``write`` hands back the line, for streaming ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(queryset: QuerySet) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows(queryset):
        yield writer.writerow([_csv_value(value) for value in row])


def _filename(extension: str) -> str:
    return f"complexes-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(queryset: QuerySet) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(queryset: QuerySet) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Complexes"))
    for row in rows(queryset):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
