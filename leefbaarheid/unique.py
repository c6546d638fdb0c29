"""Unique constraints broken by a write that raced another, answered as field errors.

``full_clean()`` checks a unique name before the write, but two people saving the same name at
the same moment both pass that check and the database refuses the second ``INSERT``. Every
unique constraint and unique field of every model is found here from the database's own error
(the constraint's name and columns, on PostgreSQL and SQLite alike) and turned into the
``ValidationError`` the write gets when it comes second: the same words, on the field to change.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

# PostgreSQL: unique_violation; the detail names the columns, "Key (complex_id, name)=(…)".
PG_UNIQUE_VIOLATION = "23505"
PG_KEY_COLUMNS = re.compile(r"Key \((?P<columns>[^)]*)\)=")
# SQLite: "UNIQUE constraint failed: complexes_gallery.complex_id, complexes_gallery.name"
SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>.+)$")


@dataclass(frozen=True)
class Violation:
    """What the database says it refused: the table, the constraint's name (PostgreSQL) and
    the columns (when the database names them)."""

    table: str
    name: str = ""
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class UniqueCheck:
    """One set of fields a model keeps unique: a ``UniqueConstraint`` or a ``unique`` field."""

    model: type[models.Model]
    fields: tuple[str, ...]
    constraint: models.UniqueConstraint | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        columns = {field.name: field.column for field in self.model._meta.concrete_fields}
        return tuple(columns[name] for name in self.fields)

    @property
    def field(self) -> str:
        """The field the error is shown on: the one a person types (the last that is not a
        relation; "name" in "complex and name"), or the only one."""
        typed = [name for name in self.fields if not self.model._meta.get_field(name).is_relation]
        return (typed or list(self.fields))[-1]


def unique_checks(model: type[models.Model]) -> list[UniqueCheck]:
    """Every unique constraint (with fields) and unique field of a model, the primary key aside."""
    checks = [
        UniqueCheck(model, (field.name,))
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]
    checks += [UniqueCheck(model, tuple(fields)) for fields in model._meta.unique_together]
    checks += [
        UniqueCheck(model, tuple(constraint.fields), constraint)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    return checks


def violation_of(error: IntegrityError) -> Violation | None:
    """The table, constraint and columns of a unique violation; None for any other error."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # PostgreSQL (psycopg 3 names the code sqlstate, psycopg 2 pgcode)
        code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
        if code != PG_UNIQUE_VIOLATION:
            return None
        match = PG_KEY_COLUMNS.search(diag.message_detail or "")
        columns = tuple(c.strip().strip('"') for c in match["columns"].split(",")) if match else ()
        return Violation(diag.table_name or "", diag.constraint_name or "", columns)
    match = SQLITE_UNIQUE.search(str(error))
    if match is None:
        return None
    qualified = [column.strip() for column in match["columns"].split(",")]
    table = qualified[0].rsplit(".", 1)[0]
    return Violation(table, "", tuple(column.rsplit(".", 1)[-1] for column in qualified))


def check_for(violation: Violation) -> UniqueCheck | None:
    """The model's unique check the database enforced: by the constraint's name, else by its
    columns (a ``unique`` field's constraint is named by the database, not by the model)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table != violation.table:
            continue
        checks = unique_checks(model)
        for check in checks:
            if check.constraint is not None and check.constraint.name == violation.name:
                return check
        for check in checks:
            if violation.columns and set(check.columns) == set(violation.columns):
                return check
        for check in checks:
            # PostgreSQL names an inline UNIQUE "<table>_<column>_key"; Django's own ALTER
            # names it "<table>_<column>_<hash>_uniq".
            if len(check.columns) == 1 and violation.name.startswith(
                f"{violation.table}_{check.columns[0]}_"
            ):
                return check
    return None


def check_error(check: UniqueCheck, instance: models.Model | None = None) -> ValidationError:
    """The error a write breaking ``check`` gets, as ``full_clean()`` words it, on the field a
    person changes."""
    model = check.model
    instance = instance if instance is not None else model()
    constraint = check.constraint
    within = getattr(model, "name_unique_within", None)
    if within and set(check.fields) == {within, "name"}:
        message = getattr(model, "duplicate_name_message")  # noqa: B009 (a mixin's attribute)
    elif constraint is not None and (
        constraint.violation_error_message != constraint.default_violation_error_message
    ):
        message = constraint.get_violation_error_message()
    else:
        message = instance.unique_error_message(model, check.fields)
    return ValidationError({check.field: [message]})


def unique_violation(
    error: IntegrityError, instance: models.Model | None = None
) -> ValidationError | None:
    """The field error for a broken unique constraint, or None when the error is another."""
    violation = violation_of(error)
    check = check_for(violation) if violation is not None else None
    return None if check is None else check_error(check, instance)


@contextmanager
def unique_errors(instance: models.Model) -> Iterator[None]:
    """Write ``instance`` in a savepoint; a unique constraint the write breaks (someone saved the
    same name between our check and our write) raises the ``ValidationError`` that
    ``full_clean()`` raises now that the other row is there, and the transaction goes on."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        refused = unique_violation(error, instance)
        if refused is None:
            raise
        # Asked again, the database shows the other row: the words of a write that came second.
        instance.validate_unique()
        instance.validate_constraints()
        raise refused from error
