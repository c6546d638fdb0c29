"""Import of complexes and their galleries from a CSV or XLSX file, for one corporation.

One file holds both: every row names a complex; a row that also names a gallery adds or updates
that gallery of the complex, so a complex may appear on several rows (their complex columns must
agree). An empty cell means "not given": an existing value stays, a new record takes the default.

The import works in two steps that share one code path: ``plan_import`` reads and validates every
row against the database without writing (the preview), ``import_complexes`` plans again inside one
transaction and writes only what differs, or nothing at all when any row is wrong. Importing the
same file twice therefore changes nothing: no rows, no occupancy snapshots, no audit entries.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complexes.models import Complex, Corporation, District, Gallery
from complexes.services import complex_update, gallery_create, gallery_update, occupancy_record
from leefbaarheid import roles
from leefbaarheid.services import save_validated

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
# Cells read per row; a sheet wider than this has nothing we would import.
MAX_COLUMNS = 40

# Canonical column -> the headers accepted for it (Dutch first). Headers are compared in lower
# case with spaces and dashes read as underscores.
COLUMNS: dict[str, tuple[str, ...]] = {
    "complex": ("complex", "naam", "complexnaam", "name", "complex_name"),
    "address": ("adres", "address"),
    "postcode": ("postcode", "postal_code", "zip_code"),
    "district": ("gebied", "district", "wijk"),
    "units": ("woningen", "units", "aantal_woningen"),
    "vacant_units": ("leegstand", "vacant_units", "leeg"),
    "is_senior": ("seniorencomplex", "is_senior", "senior"),
    "is_thuisplus": ("thuisplus", "is_thuisplus"),
    "year_built": ("bouwjaar", "year_built"),
    "latitude": ("breedtegraad", "latitude", "lat"),
    "longitude": ("lengtegraad", "longitude", "lon", "lng"),
    "gallery": ("galerij", "gallery", "galerijnaam", "gallery_name"),
    "floor": ("verdieping", "floor"),
    "homes": ("woningen_galerij", "galerij_woningen", "gallery_homes", "homes"),
}
REQUIRED_COLUMNS = ("complex", "address", "postcode", "district", "units")
COMPLEX_FIELDS = (
    "address",
    "postcode",
    "district",
    "units",
    "vacant_units",
    "is_senior",
    "is_thuisplus",
    "year_built",
    "latitude",
    "longitude",
)
# A new complex cannot do without these; an existing one keeps its value when a cell is empty.
REQUIRED_FOR_NEW_COMPLEX = ("address", "postcode", "district", "units")
GALLERY_FIELDS = ("floor", "homes")
# Model field -> canonical column, for errors that ``full_clean`` reports by field.
COMPLEX_FIELD_COLUMNS = {"name": "complex", **{name: name for name in COMPLEX_FIELDS}}
GALLERY_FIELD_COLUMNS = {"name": "gallery", "floor": "floor", "homes": "homes"}

_ALIASES = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "1", "true", "waar", "x"})
FALSE_WORDS = frozenset({"nee", "n", "no", "0", "false", "onwaar"})
POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
INTEGER_RE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
SIX_PLACES = Decimal("0.000001")

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
ACTION_LABELS = {
    NEW: gettext_lazy("new"),
    CHANGED: gettext_lazy("changed"),
    UNCHANGED: gettext_lazy("unchanged"),
}


# --- Reading the file --------------------------------------------------------------------------


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


def _normalise_header(value: Any) -> str:
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


def parse_bytes(data: bytes, filename: str) -> ParsedTable:
    """Read a CSV or XLSX file into a ``ParsedTable``; file-level problems raise ValidationError.

    Checks size, type, emptiness, the header (unknown, doubled and missing required columns) and
    the row limit. Cell values are not judged here: ``plan_import`` does that row by row.
    """
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)},
            code="file_size",
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not _is_xlsx(data):
            raise ValidationError(_("The file is not a valid XLSX file."), code="file_type")
        lines = _xlsx_lines(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        lines = _csv_lines(data)
    else:
        raise ValidationError(
            _("Upload a CSV or XLSX file (not %(name)s).") % {"name": filename},
            code="file_type",
        )

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
            positions, headers = _read_header(header, values)
            continue
        if all(cell is None for cell in cells):
            continue  # blank lines (Excel leaves them at the end) are not rows
        if len(rows) >= MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": MAX_ROWS},
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


def _read_header(header: list[str], raw: Sequence[Any]) -> tuple[dict[str, int], dict[str, str]]:
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown, doubled = [], []
    for index, name in enumerate(header):
        if not name:
            continue  # an unnamed (usually empty) column is ignored
        key = _ALIASES.get(name)
        if key is None:
            unknown.append(str(raw[index]).strip())
        elif key in positions:
            doubled.append(str(raw[index]).strip())
        else:
            positions[key] = index
            headers[key] = str(raw[index]).replace("\ufeff", "").strip()
    errors = []
    missing = [COLUMNS[key][0] for key in REQUIRED_COLUMNS if key not in positions]
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
                    "known": ", ".join(aliases[0] for aliases in COLUMNS.values()),
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
    if errors:
        raise ValidationError(errors)
    return positions, headers


def parse_upload(uploaded) -> ParsedTable:
    """Read an uploaded file (Django ``UploadedFile`` or any file with ``name`` and ``size``)."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)},
            code="file_size",
        )
    # One byte more than the limit is enough to know it is too large.
    data = uploaded.read(MAX_FILE_SIZE + 1)
    return parse_bytes(data, getattr(uploaded, "name", "") or "")


# --- Judging the rows --------------------------------------------------------------------------


@dataclass
class RowError:
    """One problem in one cell (or one row when ``column`` is empty), as the user can fix it."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class PlannedRow:
    """What importing one row will do, for the preview."""

    number: int
    complex_name: str
    gallery_name: str = ""
    complex_action: str = ""  # on the first row of a complex only
    gallery_action: str = ""
    first_row: int = 0  # the row that first named this complex
    changes: list[str] = field(default_factory=list)  # column headers whose value changes
    errors: list[RowError] = field(default_factory=list)

    @property
    def complex_action_label(self):
        return ACTION_LABELS.get(self.complex_action, "")

    @property
    def gallery_action_label(self):
        return ACTION_LABELS.get(self.gallery_action, "")


@dataclass
class _GalleryPlan:
    name: str
    row: int
    data: dict[str, Any]
    existing: Gallery | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class _ComplexPlan:
    name: str
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # field -> row it was read from
    unreadable: set[str] = field(default_factory=set)  # fields with a cell that did not parse
    existing: Complex | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    galleries: dict[str, _GalleryPlan] = field(default_factory=dict)


@dataclass
class ImportPlan:
    """The outcome of reading every row against the database: actions, changes and errors."""

    corporation: Corporation
    headers: dict[str, str]
    rows: list[PlannedRow]
    errors: list[RowError]
    complexes: list[_ComplexPlan]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> dict[str, int]:
        """Counts of created, updated and unchanged complexes and galleries."""
        counts = dict.fromkeys(
            (
                "complexes_created",
                "complexes_updated",
                "complexes_unchanged",
                "galleries_created",
                "galleries_updated",
                "galleries_unchanged",
            ),
            0,
        )
        names = {NEW: "created", CHANGED: "updated", UNCHANGED: "unchanged"}
        for plan in self.complexes:
            counts[f"complexes_{names[_action(plan.existing, plan.changes)]}"] += 1
            for gallery in plan.galleries.values():
                counts[f"galleries_{names[_action(gallery.existing, gallery.changes)]}"] += 1
        return counts


class ImportFailed(ValidationError):
    """Raised when any row is wrong; carries every row error. Nothing has been written."""

    def __init__(self, errors: list[RowError], plan: ImportPlan | None = None):
        self.row_errors = errors
        self.plan = plan
        super().__init__([str(error) for error in errors] or [_("The import failed.")])


def _action(existing, changes) -> str:
    if existing is None:
        return NEW
    return CHANGED if changes else UNCHANGED


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = str(value).strip()
    if not INTEGER_RE.match(text):
        raise ValueError
    return int(re.split(r"[.,]", text)[0])


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    # repr() of a float is its shortest exact text, so 51.9225 stays 51.9225.
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError from exc
    if not number.is_finite():
        raise ValueError
    return number.quantize(SIX_PLACES)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError


def _postcode(value: Any) -> str:
    text = _text(value)
    match = POSTCODE_RE.match(text)
    # A well-formed postcode is stored one way ("3011 AB"); anything else goes to full_clean
    # as written, so its error names what the user typed.
    return f"{match[1]} {match[2].upper()}" if match else text


PARSE_MESSAGES = {
    "integer": gettext_lazy("Enter a whole number."),
    "decimal": gettext_lazy("Enter a number, for example 51,9225."),
    "boolean": gettext_lazy("Enter ja or nee (yes/no, 1/0)."),
}
PARSERS = {
    "address": ("text", _text),
    "postcode": ("text", _postcode),
    "units": ("integer", _integer),
    "vacant_units": ("integer", _integer),
    "is_senior": ("boolean", _boolean),
    "is_thuisplus": ("boolean", _boolean),
    "year_built": ("integer", _integer),
    "latitude": ("decimal", _decimal),
    "longitude": ("decimal", _decimal),
    "floor": ("integer", _integer),
    "homes": ("integer", _integer),
}


class _DistrictLookup:
    """Districts by code or by name, case-insensitive; read once per import."""

    def __init__(self):
        self.by_key: dict[str, District] = {}
        for district in District.objects.all():
            self.by_key.setdefault(district.code.lower(), district)
            self.by_key.setdefault(district.name.lower(), district)

    def __call__(self, value: Any) -> District:
        district = self.by_key.get(_text(value).lower())
        if district is None:
            raise ValueError
        return district


def _differs(instance, name: str, value: Any) -> bool:
    if name == "district":
        return instance.district_id != value.pk
    return getattr(instance, name) != value


def _field_errors(exc: ValidationError, columns: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(canonical column or "", message) pairs from a model's ValidationError."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            column = "" if name == NON_FIELD_ERRORS else columns.get(name, "")
            for error in errors:
                yield column, " ".join(error.messages)
    else:
        for message in exc.messages:
            yield "", message


def plan_import(*, corporation: Corporation, rows: ParsedTable) -> ImportPlan:
    """Read every row, validate it fully and work out what importing would do; writes nothing.

    The number of queries does not depend on the number of rows: districts, the corporation's
    complexes named in the file and their galleries are read once each.
    """
    headers = rows.headers

    def column(key: str) -> str:
        return headers.get(key) or (COLUMNS[key][0] if key in COLUMNS else key)

    districts = _DistrictLookup()
    parsers = {**PARSERS, "district": ("district", districts)}
    errors: list[RowError] = []
    planned: list[PlannedRow] = []
    complexes: dict[str, _ComplexPlan] = {}

    def fail(row: PlannedRow, key: str, message: str) -> None:
        error = RowError(row=row.number, column=column(key) if key else "", message=message)
        # One message per cell: the first says what to fix ("3011 AB"), the rest repeat it.
        if any(seen.column == error.column for seen in row.errors):
            return
        row.errors.append(error)
        errors.append(error)

    for number, cells in rows.rows:
        name = "" if _blank(cells.get("complex")) else _text(cells["complex"])
        gallery_name = "" if _blank(cells.get("gallery")) else _text(cells["gallery"])
        row = PlannedRow(number=number, complex_name=name, gallery_name=gallery_name)
        planned.append(row)
        values: dict[str, Any] = {}
        unreadable: set[str] = set()
        for key in (*COMPLEX_FIELDS, *GALLERY_FIELDS):
            raw = cells.get(key)
            if _blank(raw):
                continue
            kind, parse = parsers[key]
            try:
                values[key] = parse(raw)
            except ValueError:
                unreadable.add(key)
                if kind == "district":
                    message = _("Unknown district %(value)s; give a district name or code.") % {
                        "value": _text(raw)
                    }
                else:
                    message = str(PARSE_MESSAGES[kind])
                fail(row, key, message)
        if not name:
            fail(row, "complex", _("Give the name of the complex."))
            continue

        plan = complexes.get(name)
        if plan is None:
            plan = complexes[name] = _ComplexPlan(name=name, row=number)
            row.first_row = number
        else:
            row.first_row = plan.row
        plan.unreadable |= unreadable
        for key in COMPLEX_FIELDS:
            if key not in values:
                continue
            if key in plan.data and plan.data[key] != values[key]:
                fail(
                    row,
                    key,
                    _("Differs from row %(row)s of the same complex.") % {"row": plan.sources[key]},
                )
            elif key not in plan.data:
                plan.data[key] = values[key]
                plan.sources[key] = number

        gallery_values = {key: values[key] for key in GALLERY_FIELDS if key in values}
        if not gallery_name:
            for key in GALLERY_FIELDS:
                if not _blank(cells.get(key)):
                    fail(row, key, _("Give the gallery name too, or leave this cell empty."))
            continue
        if gallery_name in plan.galleries:
            fail(
                row,
                "gallery",
                _("This gallery already appears on row %(row)s.")
                % {"row": plan.galleries[gallery_name].row},
            )
            continue
        plan.galleries[gallery_name] = _GalleryPlan(
            name=gallery_name, row=number, data=gallery_values
        )

    _compare_with_database(corporation, complexes)
    by_number = {row.number: row for row in planned}
    for plan in complexes.values():
        _validate_complex(plan, corporation, by_number, fail)
        first = by_number[plan.row]
        first.complex_action = _action(plan.existing, plan.changes)
        first.changes = [column(key) for key in plan.changes]
        for gallery in plan.galleries.values():
            _validate_gallery(plan, gallery, by_number, fail)
            gallery_row = by_number[gallery.row]
            gallery_row.gallery_action = _action(gallery.existing, gallery.changes)
            gallery_row.changes = [*gallery_row.changes, *(column(k) for k in gallery.changes)]
    errors.sort(key=lambda error: error.row)
    return ImportPlan(
        corporation=corporation,
        headers=headers,
        rows=planned,
        errors=errors,
        complexes=list(complexes.values()),
    )


def _compare_with_database(corporation: Corporation, complexes: dict[str, _ComplexPlan]) -> None:
    """Attach the existing complexes and galleries (two queries) and work out what changes."""
    existing = Complex.objects.filter(corporation=corporation, name__in=list(complexes))
    for complex_ in existing:
        if complex_.name in complexes:
            complexes[complex_.name].existing = complex_
    by_complex = {plan.existing.pk: plan for plan in complexes.values() if plan.existing}
    galleries = Gallery.objects.filter(complex_id__in=list(by_complex))
    for gallery in galleries:
        plan = by_complex[gallery.complex_id]
        if gallery.name in plan.galleries:
            plan.galleries[gallery.name].existing = gallery
    for plan in complexes.values():
        if plan.existing is not None:
            plan.changes = {
                key: value
                for key, value in plan.data.items()
                if _differs(plan.existing, key, value)
            }
        for gallery in plan.galleries.values():
            if gallery.existing is not None:
                gallery.changes = {
                    key: value
                    for key, value in gallery.data.items()
                    if _differs(gallery.existing, key, value)
                }


def _validate_complex(plan: _ComplexPlan, corporation, by_number, fail) -> None:
    """Validate the complex as it would be saved, without touching the database."""
    if plan.existing is None:
        candidate = Complex(corporation_id=corporation.pk, name=plan.name)
        for key in REQUIRED_FOR_NEW_COMPLEX:
            if key not in plan.data and key not in plan.unreadable:
                fail(by_number[plan.row], key, _("Required for a new complex."))
    else:
        candidate = Complex(
            **{f.attname: getattr(plan.existing, f.attname) for f in Complex._meta.concrete_fields}
        )
    for key, value in plan.data.items():
        setattr(candidate, key, value)
    try:
        # Foreign keys are known to exist and uniqueness holds by construction (rows are grouped
        # by name), so the checks that would query the database once per row are skipped here;
        # the services run them all again when they save.
        candidate.full_clean(
            exclude=["corporation", "district"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for key, message in _field_errors(exc, COMPLEX_FIELD_COLUMNS):
            if key in REQUIRED_FOR_NEW_COMPLEX and key not in plan.data:
                continue  # already reported as required or unreadable
            fail(by_number[plan.sources.get(key, plan.row)], key, message)


def _validate_gallery(plan: _ComplexPlan, gallery: _GalleryPlan, by_number, fail) -> None:
    existing = gallery.existing
    candidate = Gallery(
        pk=existing.pk if existing else None,
        complex_id=plan.existing.pk if plan.existing else None,
        name=gallery.name,
        floor=existing.floor if existing else 0,
        homes=existing.homes if existing else 0,
    )
    for key, value in gallery.data.items():
        setattr(candidate, key, value)
    try:
        candidate.full_clean(exclude=["complex"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for key, message in _field_errors(exc, GALLERY_FIELD_COLUMNS):
            fail(by_number[gallery.row], key, message)


# --- Writing -----------------------------------------------------------------------------------


def check_import_allowed(*, user, corporation: Corporation) -> None:
    """Corporation staff import into their own corporation only; a functional admin into any.

    ``user`` None is the management command, run by whoever operates the server.
    """
    if user is None:
        return
    if not (user.has_perm("complexes.add_complex") and user.has_perm("complexes.change_complex")):
        raise PermissionDenied
    if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        return
    if corporation.pk != getattr(user, "corporation_id", None):
        raise ValidationError(
            {"corporation": _("You can only import your own corporation's complexes.")}
        )


def import_complexes(
    *,
    corporation: Corporation,
    rows: ParsedTable | Iterable[Mapping[str, Any]],
    user,
    dry_run=False,
) -> dict[str, int]:
    """Upsert the complexes and galleries of ``rows`` for a corporation, all or nothing.

    Complexes are matched by (corporation, name), galleries by (complex, name); only records whose
    values differ are written, so a second run of the same file writes nothing. Raises
    ``ImportFailed`` with every row error when any row is wrong. Returns the plan's summary.
    """
    table = rows if isinstance(rows, ParsedTable) else ParsedTable.from_dicts(rows)
    check_import_allowed(user=user, corporation=corporation)
    with transaction.atomic():
        # Imports into one corporation run one after the other, so two cannot both create a name.
        Corporation.objects.select_for_update().filter(pk=corporation.pk).first()
        plan = plan_import(corporation=corporation, rows=table)
        if plan.errors:
            raise ImportFailed(plan.errors, plan)
        if dry_run:
            return plan.summary
        errors = _apply(plan, user=user)
        if errors:
            # Leaving the block with an exception rolls back whatever was written before.
            raise ImportFailed(errors, plan)
    return plan.summary


def _apply(plan: ImportPlan, *, user) -> list[RowError]:
    headers = plan.headers
    errors: list[RowError] = []

    def attempt(row: int, columns: Mapping[str, str], write):
        try:
            with transaction.atomic():
                return write()
        except ValidationError as exc:
            for key, message in _field_errors(exc, columns):
                errors.append(RowError(row=row, column=headers.get(key, key), message=message))
        except IntegrityError:
            message = _("Someone changed this record at the same time; import the file again.")
            errors.append(RowError(row=row, column="", message=message))
        return None

    for complex_plan in plan.complexes:
        if complex_plan.existing is None:
            complex_ = attempt(
                complex_plan.row,
                COMPLEX_FIELD_COLUMNS,
                lambda p=complex_plan: _create_complex(p, plan.corporation, user),
            )
        elif complex_plan.changes:
            complex_ = attempt(
                complex_plan.row,
                COMPLEX_FIELD_COLUMNS,
                lambda p=complex_plan: complex_update(
                    complex=p.existing, user=user, data=p.changes
                ),
            )
        else:
            complex_ = complex_plan.existing
        if complex_ is None:
            continue
        for gallery in complex_plan.galleries.values():
            if gallery.existing is None:
                attempt(
                    gallery.row,
                    GALLERY_FIELD_COLUMNS,
                    lambda g=gallery, c=complex_: gallery_create(
                        complex=c, user=user, data={"name": g.name, **g.data}
                    ),
                )
            elif gallery.changes:
                attempt(
                    gallery.row,
                    GALLERY_FIELD_COLUMNS,
                    lambda g=gallery: gallery_update(gallery=g.existing, user=user, data=g.changes),
                )
    return errors


def _create_complex(plan: _ComplexPlan, corporation: Corporation, user) -> Complex:
    """As ``complex_create`` does, minus its user check (done once per import) so the command
    can run without a user: save, log and record the first occupancy snapshot."""
    complex_ = save_validated(
        Complex(corporation=corporation, name=plan.name), plan.data, user=user
    )
    occupancy_record(complex=complex_, user=user)
    return complex_


COLUMN_HELP = {
    "complex": gettext_lazy("Name of the complex; rows with the same name are one complex."),
    "address": gettext_lazy("Street and house number."),
    "postcode": gettext_lazy("Dutch postcode, for example 3011 AB."),
    "district": gettext_lazy("District name or code."),
    "units": gettext_lazy("Number of homes in the complex."),
    "vacant_units": gettext_lazy("Vacant homes, at most the number of homes."),
    "is_senior": gettext_lazy("Senior complex: ja or nee."),
    "is_thuisplus": gettext_lazy("Thuisplus complex: ja or nee."),
    "year_built": gettext_lazy("Year built."),
    "latitude": gettext_lazy("Latitude, for example 51,9225."),
    "longitude": gettext_lazy("Longitude, for example 4,4792."),
    "gallery": gettext_lazy("Name of a gallery; empty on a row about the complex only."),
    "floor": gettext_lazy("Floor of the gallery (-2 to 40)."),
    "homes": gettext_lazy("Homes on the gallery."),
}


def column_help() -> list[dict[str, Any]]:
    """The accepted columns for the upload page: header, alternatives, required, meaning."""
    return [
        {
            "header": aliases[0],
            "alternatives": aliases[1:],
            "required": key in REQUIRED_COLUMNS,
            "help": COLUMN_HELP[key],
        }
        for key, aliases in COLUMNS.items()
    ]
