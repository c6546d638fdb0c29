"""Import of complexes and their galleries from a CSV or XLSX file, for one corporation.

One file holds both: every row names a complex; a row that also names a gallery adds or updates
that gallery of the complex, so a complex may appear on several rows (their complex columns must
agree). An empty cell means "not given": an existing value stays, a new record takes the default.

The import works in two steps that share one code path: ``plan_import`` reads and validates every
row against the database without writing (the preview), ``import_complexes`` plans again inside one
transaction and writes only what differs, or nothing at all when any row is wrong. Importing the
same file twice therefore changes nothing: no rows, no occupancy snapshots, no audit entries.

The topics: ``columns`` (headers, cell parsers, help), ``planning`` (the preview) and ``applying``
(the write); reading the file itself is the kernel's ``leefbaarheid.tabular``. The file limits
live here, where ``parse_bytes`` reads them at each call.
"""

from leefbaarheid.tabular import ParsedTable, TableSpec, read_table, read_upload

from .applying import check_import_allowed, import_complexes
from .columns import COLUMN_HELP, COLUMNS, REQUIRED_COLUMNS, column_help
from .planning import ImportFailed, ImportPlan, PlannedRow, RowError, plan_import

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000

__all__ = [
    "COLUMNS",
    "COLUMN_HELP",
    "MAX_FILE_SIZE",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "ImportFailed",
    "ImportPlan",
    "ParsedTable",
    "PlannedRow",
    "RowError",
    "check_import_allowed",
    "column_help",
    "import_complexes",
    "parse_bytes",
    "parse_upload",
    "plan_import",
]


def parse_bytes(data: bytes, filename: str) -> ParsedTable:
    """Read a complex import file into a ``ParsedTable``; file-level problems raise
    ValidationError. Cell values are not judged here: ``plan_import`` does that row by row."""
    spec = TableSpec(
        columns=COLUMNS, required=REQUIRED_COLUMNS, max_size=MAX_FILE_SIZE, max_rows=MAX_ROWS
    )
    return read_table(data, filename, spec)


def parse_upload(uploaded) -> ParsedTable:
    """Read an uploaded file (Django ``UploadedFile`` or any file with ``name`` and ``size``)."""
    data = read_upload(uploaded, MAX_FILE_SIZE)
    return parse_bytes(data, getattr(uploaded, "name", "") or "")
