"""Spreadsheet downloads shared by every list that exports: CSV and XLSX from rows.

Each list supplies its own rows (a header row, then one row per object, fetched in chunks by one
query from a queryset already scoped to the user); this module writes them. CSV streams row by
row and is written the way Dutch spreadsheets read it: semicolons between fields, a decimal
comma, dates as dd-mm-yyyy and a byte-order mark. The XLSX workbook is written in openpyxl's
write-only mode. Text is never run as a formula, whatever it starts with, and control characters
stored before text fields refused them are left out, so one old row never breaks a download.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from leefbaarheid.text import printable

CHUNK_SIZE = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Columns = list[tuple[str, Callable[[Any], Any]]]


def rows(columns: Columns, queryset) -> Iterator[list[Any]]:
    """The header row, then one row per object, fetched in chunks by one query."""
    yield [header for header, _value in columns]
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [value(obj) for _header, value in columns]


def safe_text(value: Any) -> Any:
    """Keep a spreadsheet from running a text that starts like a formula, and drop the control
    characters no spreadsheet holds (rows stored before text fields refused them)."""
    value = printable(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    if value is None:
        return ""
    return safe_text(value)


class _Echo:
    """A file-like object whose ``write`` hands back the line, for streaming ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(data: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in data:
        yield writer.writerow([csv_value(value) for value in row])


def filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(data: Iterable[list[Any]], *, stem: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(data), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename(stem, "csv"))


def xlsx_bytes(data: Iterable[list[Any]], *, sheet_title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for row in data:
        cells = []
        for value in row:
            value = printable(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, datetime.date):
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(data: Iterable[list[Any]], *, stem: str, sheet_title: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(data, sheet_title=sheet_title), content_type=XLSX_TYPE)
    return _attachment(response, filename(stem, "xlsx"))


def spreadsheet_response(request, data: Iterable[list[Any]], *, stem: str, sheet_title: str):
    """``?format=xlsx`` gives an Excel workbook; anything else the CSV file."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(data, stem=stem, sheet_title=sheet_title)
    return csv_response(data, stem=stem)
