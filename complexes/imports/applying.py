"""Writing a planned complex import: who may import, and the all-or-nothing upsert."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from complexes.models import Complex, Corporation
from complexes.services import complex_update, gallery_create, gallery_update, occupancy_record
from leefbaarheid import roles
from leefbaarheid.services import save_validated
from leefbaarheid.tabular import ParsedTable

from .columns import COMPLEX_FIELD_COLUMNS, GALLERY_FIELD_COLUMNS
from .planning import ComplexPlan, ImportFailed, ImportPlan, RowError, field_errors, plan_import


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
            for key, message in field_errors(exc, columns):
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


def _create_complex(plan: ComplexPlan, corporation: Corporation, user) -> Complex:
    """As ``complex_create`` does, minus its user check (done once per import) so the command
    can run without a user: save, log and record the first occupancy snapshot."""
    complex_ = save_validated(
        Complex(corporation=corporation, name=plan.name), plan.data, user=user
    )
    occupancy_record(complex=complex_, user=user)
    return complex_
