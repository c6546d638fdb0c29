"""Planning a complex import: every row read and validated against the database, nothing written.

The plan says per row what importing would do (new, changed, unchanged, and which columns change)
and collects every row error, so the preview and the import share one code path.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complexes.models import Complex, Corporation, District, Gallery
from leefbaarheid.tabular import ParsedTable

from .columns import (
    COLUMNS,
    COMPLEX_FIELD_COLUMNS,
    COMPLEX_FIELDS,
    GALLERY_FIELD_COLUMNS,
    GALLERY_FIELDS,
    PARSE_MESSAGES,
    PARSERS,
    REQUIRED_FOR_NEW_COMPLEX,
    cell_text,
    is_blank,
)

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
ACTION_LABELS = {
    NEW: gettext_lazy("new"),
    CHANGED: gettext_lazy("changed"),
    UNCHANGED: gettext_lazy("unchanged"),
}


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
class GalleryPlan:
    name: str
    row: int
    data: dict[str, Any]
    existing: Gallery | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class ComplexPlan:
    name: str
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # field -> row it was read from
    unreadable: set[str] = field(default_factory=set)  # fields with a cell that did not parse
    existing: Complex | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    galleries: dict[str, GalleryPlan] = field(default_factory=dict)


@dataclass
class ImportPlan:
    """The outcome of reading every row against the database: actions, changes and errors."""

    corporation: Corporation
    headers: dict[str, str]
    rows: list[PlannedRow]
    errors: list[RowError]
    complexes: list[ComplexPlan]

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


class _DistrictLookup:
    """Districts by code or by name, case-insensitive; read once per import."""

    def __init__(self):
        self.by_key: dict[str, District] = {}
        for district in District.objects.all():
            self.by_key.setdefault(district.code.lower(), district)
            self.by_key.setdefault(district.name.lower(), district)

    def __call__(self, value: Any) -> District:
        district = self.by_key.get(cell_text(value).lower())
        if district is None:
            raise ValueError
        return district


def _differs(instance, name: str, value: Any) -> bool:
    if name == "district":
        return instance.district_id != value.pk
    return getattr(instance, name) != value


def field_errors(exc: ValidationError, columns: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(canonical column or "", message) pairs from a model's ValidationError."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            column = "" if name == NON_FIELD_ERRORS else columns.get(name, "")
            for error in errors:
                yield column, " ".join(error.messages)
    else:
        for message in exc.messages:
            yield "", message


class _Report:
    """Row errors as the planner finds them, each naming the column as the file wrote it."""

    def __init__(self, headers: Mapping[str, str]):
        self.headers = headers
        self.errors: list[RowError] = []

    def column(self, key: str) -> str:
        return self.headers.get(key) or (COLUMNS[key][0] if key in COLUMNS else key)

    def fail(self, row: PlannedRow, key: str, message: str) -> None:
        error = RowError(row=row.number, column=self.column(key) if key else "", message=message)
        # One message per cell: the first says what to fix ("3011 AB"), the rest repeat it.
        if any(seen.column == error.column for seen in row.errors):
            return
        row.errors.append(error)
        self.errors.append(error)


def plan_import(*, corporation: Corporation, rows: ParsedTable) -> ImportPlan:
    """Read every row, validate it fully and work out what importing would do; writes nothing.

    The number of queries does not depend on the number of rows: districts, the corporation's
    complexes named in the file and their galleries are read once each.
    """
    report = _Report(rows.headers)
    parsers = {**PARSERS, "district": ("district", _DistrictLookup())}
    planned: list[PlannedRow] = []
    complexes: dict[str, ComplexPlan] = {}
    for number, cells in rows.rows:
        name = "" if is_blank(cells.get("complex")) else cell_text(cells["complex"])
        gallery_name = "" if is_blank(cells.get("gallery")) else cell_text(cells["gallery"])
        row = PlannedRow(number=number, complex_name=name, gallery_name=gallery_name)
        planned.append(row)
        values, unreadable = _read_cells(row, cells, parsers, report)
        if not name:
            report.fail(row, "complex", _("Give the name of the complex."))
            continue
        plan = _group_complex(complexes, row, values, unreadable, report)
        _add_gallery(plan, row, cells, values, report)
    _compare_with_database(corporation, complexes)
    _judge(corporation, complexes, planned, report)
    report.errors.sort(key=lambda error: error.row)
    return ImportPlan(
        corporation=corporation,
        headers=rows.headers,
        rows=planned,
        errors=report.errors,
        complexes=list(complexes.values()),
    )


def _read_cells(
    row: PlannedRow, cells: Mapping[str, Any], parsers: Mapping[str, Any], report: _Report
) -> tuple[dict[str, Any], set[str]]:
    """The row's complex and gallery values as the models take them, and the columns that did
    not parse (reported here, so a later "required" does not repeat them)."""
    values: dict[str, Any] = {}
    unreadable: set[str] = set()
    for key in (*COMPLEX_FIELDS, *GALLERY_FIELDS):
        raw = cells.get(key)
        if is_blank(raw):
            continue
        kind, parse = parsers[key]
        try:
            values[key] = parse(raw)
        except ValueError:
            unreadable.add(key)
            if kind == "district":
                message = _("Unknown district %(value)s; give a district name or code.") % {
                    "value": cell_text(raw)
                }
            else:
                message = str(PARSE_MESSAGES[kind])
            report.fail(row, key, message)
    return values, unreadable


def _group_complex(
    complexes: dict[str, ComplexPlan],
    row: PlannedRow,
    values: Mapping[str, Any],
    unreadable: set[str],
    report: _Report,
) -> ComplexPlan:
    """Add the row to the plan of its complex; a value that differs from an earlier row of the
    same complex is an error on this row."""
    name, number = row.complex_name, row.number
    plan = complexes.get(name)
    if plan is None:
        plan = complexes[name] = ComplexPlan(name=name, row=number)
        row.first_row = number
    else:
        row.first_row = plan.row
    plan.unreadable |= unreadable
    for key in COMPLEX_FIELDS:
        if key not in values:
            continue
        if key in plan.data and plan.data[key] != values[key]:
            report.fail(
                row,
                key,
                _("Differs from row %(row)s of the same complex.") % {"row": plan.sources[key]},
            )
        elif key not in plan.data:
            plan.data[key] = values[key]
            plan.sources[key] = number
    return plan


def _add_gallery(
    plan: ComplexPlan,
    row: PlannedRow,
    cells: Mapping[str, Any],
    values: Mapping[str, Any],
    report: _Report,
) -> None:
    """Add the row's gallery to its complex's plan; gallery cells without a gallery name, and a
    gallery named twice, are errors."""
    gallery_name = row.gallery_name
    if not gallery_name:
        for key in GALLERY_FIELDS:
            if not is_blank(cells.get(key)):
                report.fail(row, key, _("Give the gallery name too, or leave this cell empty."))
        return
    if gallery_name in plan.galleries:
        report.fail(
            row,
            "gallery",
            _("This gallery already appears on row %(row)s.")
            % {"row": plan.galleries[gallery_name].row},
        )
        return
    gallery_values = {key: values[key] for key in GALLERY_FIELDS if key in values}
    plan.galleries[gallery_name] = GalleryPlan(
        name=gallery_name, row=row.number, data=gallery_values
    )


def _judge(
    corporation: Corporation,
    complexes: Mapping[str, ComplexPlan],
    planned: list[PlannedRow],
    report: _Report,
) -> None:
    """Validate every complex and gallery as it would be saved and mark each row's action and
    changed columns for the preview."""
    by_number = {row.number: row for row in planned}
    for plan in complexes.values():
        _validate_complex(plan, corporation, by_number, report.fail)
        first = by_number[plan.row]
        first.complex_action = _action(plan.existing, plan.changes)
        first.changes = [report.column(key) for key in plan.changes]
        for gallery in plan.galleries.values():
            _validate_gallery(plan, gallery, by_number, report.fail)
            gallery_row = by_number[gallery.row]
            gallery_row.gallery_action = _action(gallery.existing, gallery.changes)
            changed = (report.column(key) for key in gallery.changes)
            gallery_row.changes = [*gallery_row.changes, *changed]


def _compare_with_database(corporation: Corporation, complexes: dict[str, ComplexPlan]) -> None:
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


def _validate_complex(plan: ComplexPlan, corporation, by_number, fail) -> None:
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
        for key, message in field_errors(exc, COMPLEX_FIELD_COLUMNS):
            if key in REQUIRED_FOR_NEW_COMPLEX and key not in plan.data:
                continue  # already reported as required or unreadable
            fail(by_number[plan.sources.get(key, plan.row)], key, message)


def _validate_gallery(plan: ComplexPlan, gallery: GalleryPlan, by_number, fail) -> None:
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
        for key, message in field_errors(exc, GALLERY_FIELD_COLUMNS):
            fail(by_number[gallery.row], key, message)
