"""Spreadsheet downloads shared by every list that exports: CSV and XLSX from rows.

Each list supplies its own rows (a header row, then one row per object, fetched in chunks by one
query from a queryset already scoped to the user); this module writes them. CSV streams row by
row and is written the way Dutch spreadsheets read it: semicolons between fields, a decimal
comma, dates as dd-mm-yyyy and a byte-order mark. The XLSX workbook is written in openpyxl's
write-only mode, ready to work in: the header row bold and frozen, an autofilter over header and
data, columns as wide as their header and first rows (up to a limit), the header repeated on every
printed page. Text is never run as a formula, whatever it starts with, and control characters
stored before text fields refused them are left out, so one old row never breaks a download.

Both files are named in the user's language after what they hold and when: a stem the caller
translates, then the week, year or date of the data (today's date when the export has no period
of its own), e.g. ``samenhangsindex-2026-W50.xlsx`` or ``cohesion-index-2026-W50.xlsx``.
"""

import csv
import datetime
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from leefbaarheid.text import printable

CHUNK_SIZE = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths (in characters) come from the header and this many rows that follow it.
WIDTH_SAMPLE = CHUNK_SIZE
MIN_WIDTH = 8
MAX_WIDTH = 60
UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
HEADER_FONT = Font(bold=True)

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


def _period_text(period: Any) -> str:
    """A date as 2026-12-08, a ``Week`` as 2026-W50, a year as 2026; only letters, digits and
    hyphens."""
    if period is None:
        period = timezone.localdate()
    if isinstance(period, datetime.date):
        period = f"{period:%Y-%m-%d}"
    return UNSAFE.sub("-", str(period)).strip("-")


def filename(stem: str, extension: str, period: Any = None) -> str:
    """``stem-period.extension``: the (translated) stem as a slug, its letters kept as they are
    in the user's language; the period of the data or, without one, today's date."""
    base = slugify(stem, allow_unicode=True) or "export"
    return f"{base}-{_period_text(period)}.{extension}"


def ascii_filename(name: str) -> str:
    """``name`` in plain ASCII (ë becomes e), for clients that read only ``filename=``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", folded)


def content_disposition(name: str) -> str:
    """An attachment named ``name``: plain ASCII in ``filename``, the exact name (UTF-8,
    percent-encoded as RFC 5987 says) in ``filename*``."""
    return f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name)}"


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str):
    response["Content-Disposition"] = content_disposition(name)
    return response


def csv_response(
    data: Iterable[list[Any]], *, stem: str, period: Any = None
) -> StreamingHttpResponse:
    """The rows as a CSV download named ``stem-period.csv`` (see ``filename``)."""
    response = StreamingHttpResponse(_csv_lines(data), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename(stem, "csv", period))


def _xlsx_cell(sheet, value: Any, *, header: bool) -> WriteOnlyCell:
    value = printable(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, datetime.date):
        cell.number_format = "DD-MM-YYYY"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    if header:
        cell.font = HEADER_FONT
    return cell


def _shown_length(value: Any) -> int:
    """About how many characters a spreadsheet shows for ``value``."""
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return len("dd-mm-yyyy")
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(printable(value)).splitlines()), default=0)


def column_widths(sample: list[list[Any]]) -> list[float]:
    """Per column, its longest value among the header and the rows of ``sample`` (plus room for
    the autofilter's button), kept between ``MIN_WIDTH`` and ``MAX_WIDTH`` characters."""
    columns = itertools.zip_longest(*sample, fillvalue=None)
    return [
        min(MAX_WIDTH, max(MIN_WIDTH, max(map(_shown_length, column)) + 3)) for column in columns
    ]


def xlsx_bytes(data: Iterable[list[Any]], *, sheet_title: str) -> bytes:
    """A workbook of one sheet: the first row is the header (bold, frozen, printed on every
    page), with an autofilter over header and data. Rows are written as they come; only the
    first ``WIDTH_SAMPLE`` are held back to size the columns."""
    data = iter(data)
    sample = list(itertools.islice(data, WIDTH_SAMPLE + 1))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    for index, width in enumerate(column_widths(sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row_count = column_count = 0
    for row in itertools.chain(sample, data):
        sheet.append([_xlsx_cell(sheet, value, header=row_count == 0) for value in row])
        row_count += 1
        column_count = max(column_count, len(row))
    if row_count and column_count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(column_count)}{row_count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    data: Iterable[list[Any]], *, stem: str, sheet_title: str, period: Any = None
) -> HttpResponse:
    """The rows as an Excel download named ``stem-period.xlsx`` (see ``filename``)."""
    response = HttpResponse(xlsx_bytes(data, sheet_title=sheet_title), content_type=XLSX_TYPE)
    return _attachment(response, filename(stem, "xlsx", period))


def spreadsheet_response(
    request, data: Iterable[list[Any]], *, stem: str, sheet_title: str, period: Any = None
):
    """``?format=xlsx`` gives an Excel workbook; anything else the CSV file. ``stem`` is in the
    user's language (translate it at the call), ``period`` what the rows cover: a ``Week``,
    a year, a date, or None for today's date."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(data, stem=stem, sheet_title=sheet_title, period=period)
    return csv_response(data, stem=stem, period=period)
