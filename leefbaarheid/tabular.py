"""Reading a table from an uploaded CSV or XLSX file, for any import.

This is the generic half of an import: open the file, tell CSV from XLSX, read the header against
the columns the import accepts, keep the rows and refuse what cannot be a table, in Dutch, before
any row is judged. What the cells mean is the importing app's business.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Cells read per row; a sheet wider than this has nothing an import would read.
MAX_COLUMNS = 40


@dataclass
class ParsedTable:
    """The rows of an uploaded file: canonical column -> raw cell value (str, number, bool).

    ``headers`` keeps each column's header as written in the file, so errors name what the user
    sees. Everything is JSON-serialisable, so the table can wait in the session for the confirm.
    """

    headers: dict[str, str]
    rows: list[tuple[int, dict[str, Any]]]
    digest: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "headers": self.headers,
            "rows": [[number, cells] for number, cells in self.rows],
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ParsedTable":
        return cls(
            headers=dict(data["headers"]),
            rows=[(int(number), dict(cells)) for number, cells in data["rows"]],
            digest=data.get("digest", ""),
        )

    @classmethod
    def from_dicts(cls, rows: Iterable[Mapping[str, Any]]) -> "ParsedTable":
        """Rows given in code (canonical keys); numbered as in a sheet with one header row."""
        listed = [dict(row) for row in rows]
        keys = {key for row in listed for key in row}
        return cls(headers={key: key for key in keys}, rows=list(enumerate(listed, start=2)))


@dataclass(frozen=True)
class TableSpec:
    """What an import accepts: canonical column -> headers taken for it (the first is shown),
    the columns a file must have, and its limits."""

    columns: Mapping[str, Sequence[str]]
    required: Sequence[str]
    max_size: int
    max_rows: int

    def aliases(self) -> dict[str, str]:
        return {alias: key for key, aliases in self.columns.items() for alias in aliases}


def _normalise_header(value: Any) -> str:
    """Headers are compared in lower case with spaces and dashes read as underscores."""
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def _cell(value: Any) -> Any:
    """A cell as a JSON-friendly value: strings stripped, dates as ISO text, empty as None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip() or None


def _is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ValidationError(_("The file is not a CSV or XLSX file."), code="file_type")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Dutch Excel's plain "CSV" is Windows-1252; its "CSV UTF-8" has a BOM.
        return data.decode("cp1252", errors="replace")


def _csv_lines(data: bytes) -> Iterator[list[Any]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    # Dutch Excel separates with ";" (the comma is the decimal sign); others with "," or tab.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    except csv.Error as exc:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s") % {"error": exc}, code="csv"
        ) from exc


def _xlsx_lines(data: bytes) -> Iterator[list[Any]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(
            _("The XLSX file cannot be read. Save it again from Excel and retry."), code="xlsx"
        ) from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield list(values)
    finally:
        workbook.close()


def check_size(size: int, max_size: int) -> None:
    """Refuse a file over the limit, naming the limit in MB."""
    if size > max_size:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_size // (1024 * 1024)},
            code="file_size",
        )


def _lines(data: bytes, filename: str) -> Iterator[list[Any]]:
    """The raw lines of the file, read as XLSX or CSV by its name."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not _is_xlsx(data):
            raise ValidationError(_("The file is not a valid XLSX file."), code="file_type")
        return _xlsx_lines(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _csv_lines(data)
    raise ValidationError(
        _("Upload a CSV or XLSX file (not %(name)s).") % {"name": filename},
        code="file_type",
    )


def read_table(data: bytes, filename: str, spec: TableSpec) -> ParsedTable:
    """Read a CSV or XLSX file into a ``ParsedTable``; file-level problems raise ValidationError.

    Checks size, type, emptiness, the header (unknown, doubled and missing required columns) and
    the row limit. Cell values are not judged here: the importing app does that row by row.
    """
    check_size(len(data), spec.max_size)
    lines = _lines(data, filename)
    header: list[str] | None = None
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(lines, start=1):
        cells = [_cell(value) for value in values[:MAX_COLUMNS]]
        if header is None:
            if not any(cell is not None for cell in cells):
                raise ValidationError(
                    _("The first row must hold the column names."), code="no_header"
                )
            header = [_normalise_header(value) for value in values[:MAX_COLUMNS]]
            positions, headers = _read_header(header, values, spec)
            continue
        if all(cell is None for cell in cells):
            continue  # blank lines (Excel leaves them at the end) are not rows
        if len(rows) >= spec.max_rows:
            raise ValidationError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": spec.max_rows},
                code="too_many_rows",
            )
        rows.append(
            (
                number,
                {
                    key: cells[index] if index < len(cells) else None
                    for key, index in positions.items()
                },
            )
        )
    if header is None:
        raise ValidationError(_("The file is empty."), code="empty")
    if not rows:
        raise ValidationError(_("The file has column names but no rows."), code="no_rows")
    return ParsedTable(headers=headers, rows=rows, digest=hashlib.sha256(data).hexdigest())


def _read_header(
    header: list[str], raw: Sequence[Any], spec: TableSpec
) -> tuple[dict[str, int], dict[str, str]]:
    """Where each known column stands and its header as written; every header problem at once."""
    aliases = spec.aliases()
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown, doubled = [], []
    for index, name in enumerate(header):
        if not name:
            continue  # an unnamed (usually empty) column is ignored
        key = aliases.get(name)
        if key is None:
            unknown.append(str(raw[index]).strip())
        elif key in positions:
            doubled.append(str(raw[index]).strip())
        else:
            positions[key] = index
            headers[key] = str(raw[index]).replace("\ufeff", "").strip()
    errors = _header_errors(spec, positions, unknown, doubled)
    if errors:
        raise ValidationError(errors)
    return positions, headers


def _header_errors(
    spec: TableSpec, positions: Mapping[str, int], unknown: list[str], doubled: list[str]
) -> list[ValidationError]:
    errors = []
    missing = [spec.columns[key][0] for key in spec.required if key not in positions]
    if missing:
        errors.append(
            ValidationError(
                _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
                code="missing_columns",
            )
        )
    if unknown:
        errors.append(
            ValidationError(
                _("Unknown columns: %(columns)s. Known columns are: %(known)s.")
                % {
                    "columns": ", ".join(unknown),
                    "known": ", ".join(aliases[0] for aliases in spec.columns.values()),
                },
                code="unknown_columns",
            )
        )
    if doubled:
        errors.append(
            ValidationError(
                _("Columns given twice: %(columns)s.") % {"columns": ", ".join(doubled)},
                code="doubled_columns",
            )
        )
    return errors


def read_upload(uploaded, max_size: int) -> bytes:
    """The bytes of an uploaded file (anything with ``read`` and maybe ``size``), refused early
    when its size is known to be over the limit."""
    size = getattr(uploaded, "size", None)
    if size is not None:
        check_size(size, max_size)
    # One byte more than the limit is enough to know it is too large.
    return uploaded.read(max_size + 1)
