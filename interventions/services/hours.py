"""Writes of welfare hours, the weeks they are handed in by, and the welfare calendar.

Welfare hours are written cell by cell or a week at a time, always under a lock on the
professional's week row: the rules (assigned complex, no future or locked week, quarter hours,
at most 40 hours per complex and week) are checked against the week as it is inside that lock,
so two saves of the same cell at once give one row, never two and never an error page.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complexes.models import Complex
from interventions.calendar import DEFAULT_HOURS_PER_WEEK, default_unfunded_weeks
from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek, WelfareCalendar
from leefbaarheid import bounds, numbers, roles, weeks
from leefbaarheid.services import delete_logged, log_action, save_validated
from leefbaarheid.text import validate_plain_text
from leefbaarheid.weeks import Week

APPROVE_PERMISSION = f"interventions.{roles.APPROVE_HOURS}"
UNLOCK_PERMISSION = f"interventions.{roles.UNLOCK_HOURS}"

# A cell of the week grid is (complex id, kind of work); what is written in it, (hours, note).
CellId = tuple[int, str]
CellValue = tuple[Decimal, str]


def hours_round(value: Any, field: str = "hours") -> Decimal:
    """Hours as typed (``1.5``, ``1,5``, ``1:30``) → Decimal in quarter hours, by the rules of
    ``leefbaarheid.numbers.parse_hours``; a refused value is an error on ``field``."""
    try:
        return numbers.parse_hours(value)
    except numbers.NumberRefused as refused:
        raise ValidationError({field: refused.message(numbers.HOURS)}) from None


def hours_week_lock(week: Week, hours_week: HoursWeek | None, today: datetime.date | None = None):
    """Why the hours of a week cannot change now, or None when they can.

    A returned week stays open for corrections, whatever its age, until it is submitted again;
    a week that was returned, resubmitted and withdrawn counts its grace period from the
    return rather than from the week's end."""
    today = today or timezone.localdate()
    status = hours_week.status if hours_week else WeekStatus.OPEN
    if status == WeekStatus.APPROVED:
        return _("Week %(week)s is approved and locked.") % {"week": week.week}
    if status == WeekStatus.SUBMITTED:
        return _("Week %(week)s is submitted; withdraw the submission to change it.") % {
            "week": week.week
        }
    if status == WeekStatus.RETURNED:
        return None
    unlocked = hours_week is not None and hours_week.unlocked_at is not None
    if not unlocked and today > grace_end(week, hours_week):
        return _(
            "Week %(week)s is locked: hours can be changed until %(weeks)s weeks after the week; "
            "ask the functional admin to unlock it."
        ) % {"week": week.week, "weeks": settings.HOURS_GRACE_WEEKS}
    return None


def grace_end(week: Week, hours_week: HoursWeek | None) -> datetime.date:
    """The last day the hours of an open week can change without an unlock: the grace period
    after the week, or after its last return when that came later."""
    start = week.sunday
    if hours_week is not None and hours_week.returned_at is not None:
        start = max(start, timezone.localdate(hours_week.returned_at))
    return start + datetime.timedelta(weeks=settings.HOURS_GRACE_WEEKS)


def first_submit_day(week: Week) -> datetime.date:
    """A week is handed in from its last working day (Friday) on."""
    return week.monday + datetime.timedelta(days=4)


def _hours_week_for_update(professional, week: Week) -> HoursWeek:
    """The professional's week row, created when missing and locked for this transaction, so
    every write to one professional's week waits its turn (and one cell is never two rows)."""
    hours_week, _created = HoursWeek.objects.get_or_create(
        professional=professional, year=week.year, week=week.week
    )
    return HoursWeek.objects.select_for_update().get(pk=hours_week.pk)


def _check_hours_writer(*, user, professional) -> None:
    if user.pk == professional.pk and roles.has_role(user, roles.WELFARE_PROFESSIONAL):
        return
    if roles.has_role(user, roles.FUNCTIONAL_ADMIN) and roles.has_role(
        professional, roles.WELFARE_PROFESSIONAL
    ):
        return
    raise PermissionDenied(_("Only the professional (or the functional admin) logs these hours."))


def _check_hours_week(week: Week, today: datetime.date) -> None:
    if not weeks.is_valid(week.year, week.week):
        raise ValidationError(
            {"week": _("%(year)s has no week %(week)s.") % {"year": week.year, "week": week.week}}
        )
    if week.monday > today:
        raise ValidationError({"week": _("Hours cannot be logged for a week still to come.")})


def hours_save_cells(
    *, user, professional, week: Week, cells: list[dict[str, Any]], today=None
) -> list[HoursEntry]:
    """Save cells of one professional's week at once: each a dict with ``complex``, ``kind``,
    ``hours`` (as typed; empty or 0 clears the cell), ``note`` and ``key`` (the field name an
    error is reported on). All or nothing: one bad cell and no cell is written.

    Two checks against the week as it is inside the lock keep a write from being lost:
    ``taken_key`` refuses a cell that already holds hours (a create, with the error on that
    field); ``was`` (hours and note as the writer saw them, ``("", "")`` for an empty cell)
    leaves a cell the writer did not change alone and refuses one that someone else changed
    since it was shown.

    Returns the entries that exist for the saved cells afterwards.
    """
    today = today or timezone.localdate()
    _check_hours_writer(user=user, professional=professional)
    _check_hours_week(week, today)
    max_hours = Decimal(settings.HOURS_MAX_PER_COMPLEX_WEEK)
    with transaction.atomic():
        hours_week = _hours_week_for_update(professional, week)
        locked = hours_week_lock(week, hours_week, today)
        if locked:
            raise ValidationError({"week": locked})
        assigned = set(professional.assigned_complexes.values_list("pk", flat=True))
        existing = {
            (entry.complex_id, entry.kind): entry
            for entry in HoursEntry.objects.filter(
                professional=professional, year=week.year, week=week.week
            )
        }
        errors: dict[str, str] = {}
        wanted, keys = _cells_wanted(
            cells,
            user=user,
            professional=professional,
            assigned=assigned,
            existing=existing,
            errors=errors,
        )
        _check_week_ceiling(cells, existing, wanted, keys, max_hours=max_hours, errors=errors)
        if errors:
            raise ValidationError(errors)
        return _write_cells(
            user=user, professional=professional, week=week, wanted=wanted, existing=existing
        )


def _cells_wanted(
    cells: list[dict[str, Any]],
    *,
    user,
    professional,
    assigned: set[int],
    existing: dict[CellId, HoursEntry],
    errors: dict[str, str],
) -> tuple[dict[CellId, CellValue], dict[CellId, str]]:
    """The hours and note to write per (complex id, kind), and the field each cell reports its
    errors on; a refused cell adds its reason to ``errors`` and is left out."""
    wanted: dict[CellId, CellValue] = {}
    keys: dict[CellId, str] = {}
    for cell in cells:
        value = _cell_value(
            cell, user=user, professional=professional, assigned=assigned, errors=errors
        )
        if value is None:
            continue
        cell_id = (cell["complex"].pk, cell["kind"])
        if not _cell_changes(cell, value, existing.get(cell_id), errors):
            continue
        wanted[cell_id] = value
        keys[cell_id] = cell.get("key") or "hours"
    return wanted, keys


def _cell_value(
    cell: dict[str, Any], *, user, professional, assigned: set[int], errors: dict[str, str]
) -> CellValue | None:
    """A cell's hours and note as typed, checked: an assigned complex, a known kind of work,
    quarter hours, a short plain note. None when refused, with the reason in ``errors``."""
    key = cell.get("key") or "hours"
    complex_ = cell["complex"]
    if complex_.pk not in assigned:
        message = (
            _("%(complex)s is not one of your assigned complexes.")
            if user.pk == professional.pk
            else _("%(complex)s is not assigned to %(person)s.")
        )
        errors[cell.get("complex_key") or "complex"] = message % {
            "complex": complex_.name,
            "person": professional.get_full_name() or professional.get_username(),
        }
        return None
    if cell["kind"] not in WorkKind.values:
        errors[cell.get("kind_key") or "kind"] = _("Choose a kind of work from the list.")
        return None
    try:
        hours = hours_round(cell.get("hours") or "0", key)
    except ValidationError as error:
        errors[key] = error.message_dict[key][0]
        return None
    note = (cell.get("note") or "").strip()
    if len(note) > 300:
        errors[cell.get("note_key") or "note"] = _("Keep the note under 300 characters.")
        return None
    try:
        # The grid's notes come from the raw POST data, past any form field.
        validate_plain_text(note)
    except ValidationError as error:
        errors[cell.get("note_key") or "note"] = error.messages[0]
        return None
    return hours, note


def _cell_changes(
    cell: dict[str, Any], value: CellValue, current: HoursEntry | None, errors: dict[str, str]
) -> bool:
    """Whether a checked cell is written, against the week as it is inside the lock: not a
    create over a cell that holds hours, nor a cell someone else changed since it was shown
    (both with the reason in ``errors``), nor one this writer left as it was."""
    if cell.get("taken_key") and current is not None:
        errors[cell["taken_key"]] = _(
            "Hours of this kind of work are already logged for this complex and "
            "week (entry %(id)s); change that entry instead."
        ) % {"id": current.pk}
        return False
    seen = _seen_cell(cell.get("was"))
    if seen is not None:
        now = (current.hours, current.note) if current else (Decimal(0), "")
        if value == seen:
            return False  # not changed by this writer: whatever it holds now stays
        if now not in (seen, value):
            errors[cell.get("key") or "hours"] = _hours_changed_meanwhile(current)
            return False
    return True


def _check_week_ceiling(
    cells: list[dict[str, Any]],
    existing: dict[CellId, HoursEntry],
    wanted: dict[CellId, CellValue],
    keys: dict[CellId, str],
    *,
    max_hours: Decimal,
    errors: dict[str, str],
) -> None:
    """The 40-hour ceiling counts the week as it will be: kept cells plus the saved ones. A
    cell that takes its complex over it gets the reason in ``errors`` (unless it has one)."""
    totals: dict[int, Decimal] = {}
    for cell_id, entry in existing.items():
        if cell_id not in wanted:
            totals[entry.complex_id] = totals.get(entry.complex_id, Decimal(0)) + entry.hours
    for (complex_id, _kind), (hours, _note) in wanted.items():
        totals[complex_id] = totals.get(complex_id, Decimal(0)) + hours
    names = {cell["complex"].pk: cell["complex"].name for cell in cells}
    for cell_id, (hours, _note) in wanted.items():
        total = totals[cell_id[0]]
        if hours and total > max_hours:
            errors.setdefault(
                keys[cell_id],
                _("At most %(max)s hours per complex per week (%(complex)s: %(total)s).")
                % {
                    "max": settings.HOURS_MAX_PER_COMPLEX_WEEK,
                    "complex": names[cell_id[0]],
                    "total": numbers.format_hours(total),
                },
            )


def _write_cells(
    *,
    user,
    professional,
    week: Week,
    wanted: dict[CellId, CellValue],
    existing: dict[CellId, HoursEntry],
) -> list[HoursEntry]:
    """Write the checked cells (0 clears one); a cell that already holds the same is not
    written again. The entries that exist for the cells afterwards."""
    saved = []
    for (complex_id, kind), (hours, note) in wanted.items():
        entry = existing.get((complex_id, kind))
        if hours == 0:
            if entry is not None:
                delete_logged(entry, user=user)
            continue
        if entry is None:
            entry = HoursEntry(
                professional=professional,
                complex_id=complex_id,
                year=week.year,
                week=week.week,
                kind=kind,
            )
        if entry.pk and (entry.hours, entry.note) == (hours, note):
            saved.append(entry)
            continue
        saved.append(save_validated(entry, {"hours": hours, "note": note}, user=user))
    return saved


def _seen_cell(was) -> tuple[Decimal, str] | None:
    """The hours and note a writer saw in a cell (hours as ``str(Decimal)``, empty for none);
    None when not given or not readable, and the cell is written as sent."""
    if was is None:
        return None
    hours, note = was
    try:
        return (Decimal(hours or "0").quantize(Decimal("0.01")), (note or "").strip())
    except (ArithmeticError, TypeError, ValueError):
        return None


def _hours_changed_meanwhile(current: HoursEntry | None) -> str:
    if current is None:
        return _("These hours were removed by someone else in the meantime; check and save again.")
    return _(
        "These hours were changed by someone else in the meantime (now %(hours)s); check and "
        "save again."
    ) % {"hours": numbers.format_hours(current.hours)}


def hours_save(
    *,
    user,
    professional,
    complex: Complex,
    week: Week,
    kind: str,
    hours: Any,
    note: str = "",
    taken_key: str = "",
) -> HoursEntry | None:
    """Save one cell (creating or updating it; 0 clears it). Errors name ``hours``, ``week``,
    ``complex``, ``kind`` or ``note``; with ``taken_key`` a cell that already holds hours is
    refused, with the error on that field (a create, which must not overwrite)."""
    cells = [
        {
            "complex": complex,
            "kind": kind,
            "hours": hours,
            "note": note,
            "key": "hours",
            "taken_key": taken_key,
        }
    ]
    saved = hours_save_cells(user=user, professional=professional, week=week, cells=cells)
    return saved[0] if saved else None


@transaction.atomic
def hours_delete(*, entry: HoursEntry, user) -> None:
    """Remove one cell, within the same rules as changing it."""
    week = Week(entry.year, entry.week)
    _check_hours_writer(user=user, professional=entry.professional)
    locked = hours_week_lock(week, _hours_week_for_update(entry.professional, week))
    if locked:
        raise ValidationError({"week": locked})
    delete_logged(entry, user=user)


def _week_transition(
    *, professional, week: Week, allowed_from: tuple[str, ...], message: str
) -> HoursWeek:
    hours_week = _hours_week_for_update(professional, week)
    if hours_week.status not in allowed_from:
        raise ValidationError({"status": message % {"week": week.week}})
    return hours_week


@transaction.atomic
def hours_week_submit(*, user, professional, week: Week, today=None) -> HoursWeek:
    """The professional hands in a week (a week without hours too: "no work this week"), from
    its Friday on; a returned week is handed in again the same way."""
    today = today or timezone.localdate()
    _check_hours_writer(user=user, professional=professional)
    _check_hours_week(week, today)
    if today < first_submit_day(week):
        raise ValidationError(
            {
                "week": _("Week %(week)s can be submitted from its last working day, %(day)s, on.")
                % {"week": week.week, "day": date_format(first_submit_day(week), "l j F")}
            }
        )
    hours_week = _week_transition(
        professional=professional,
        week=week,
        allowed_from=(WeekStatus.OPEN, WeekStatus.RETURNED),
        message=_("Week %(week)s is already submitted or approved."),
    )
    hours_week.status = WeekStatus.SUBMITTED
    hours_week.submitted_at = timezone.now()
    hours_week.save()
    log_action(user=user, action="submit", instance=hours_week, fields=["status"])
    return hours_week


def hours_save_and_submit(
    *, user, professional, week: Week, cells: list[dict[str, Any]], today=None
) -> HoursWeek:
    """Save the grid's cells and hand the week in, in one transaction: all or nothing. A bad
    cell, a week before its Friday, a locked or already submitted week: nothing is saved and
    nothing submitted, and the ``ValidationError`` says why (cells by their input's name, a
    refusal of the week under ``week`` or ``status``)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        if cells:
            hours_save_cells(
                user=user, professional=professional, week=week, cells=cells, today=today
            )
        return hours_week_submit(user=user, professional=professional, week=week, today=today)


@transaction.atomic
def hours_week_withdraw(*, user, professional, week: Week) -> HoursWeek:
    """The professional takes back a submission not yet approved, to change it."""
    _check_hours_writer(user=user, professional=professional)
    hours_week = _week_transition(
        professional=professional,
        week=week,
        allowed_from=(WeekStatus.SUBMITTED,),
        message=_(
            "Only a submitted week that is not yet approved can be withdrawn (week %(week)s)."
        ),
    )
    hours_week.status = WeekStatus.OPEN
    hours_week.save()
    log_action(user=user, action="withdraw", instance=hours_week, fields=["status"])
    return hours_week


def _check_approver(user, hours_week: HoursWeek) -> None:
    if not HoursWeek.objects.approvable_by(user).filter(pk=hours_week.pk).exists():
        raise PermissionDenied(_("You may not approve this week."))


@transaction.atomic
def hours_week_decide(*, hours_week: HoursWeek, user, approve: bool, note: str = "") -> HoursWeek:
    """The admin or team lead approves a submitted week (it locks) or returns it with a reason
    (it is open for the professional to correct, whatever its age, until submitted again)."""
    _check_approver(user, hours_week)
    hours_week = _week_transition(
        professional=hours_week.professional,
        week=hours_week.iso_week,
        allowed_from=(WeekStatus.SUBMITTED,),
        message=_("Only a submitted week can be approved or returned (week %(week)s)."),
    )
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"return_note": _("Say why the week goes back.")})
    try:
        validate_plain_text(note)
    except ValidationError as error:
        raise ValidationError({"return_note": error.messages}) from None
    hours_week.status = WeekStatus.APPROVED if approve else WeekStatus.RETURNED
    hours_week.decided_at = timezone.now()
    hours_week.decided_by = user
    if not approve:
        # The reason stays on the week (also once it is submitted again) with when it was said.
        hours_week.return_note = note[:300]
        hours_week.returned_at = hours_week.decided_at
    hours_week.save()
    action = "approve" if approve else "return"
    log_action(user=user, action=action, instance=hours_week, fields=["status"])
    return hours_week


@transaction.atomic
def hours_weeks_approve(*, user, weeks) -> list[HoursWeek]:
    """Approve several submitted weeks at once (``weeks``: HoursWeek objects or their ids), all
    or nothing: a week ``user`` may not approve is refused, one that is not (any longer)
    submitted is named in the error (``weeks``), and then no week is approved."""
    ids = sorted({getattr(week, "pk", week) for week in weeks})
    if not ids:
        raise ValidationError({"weeks": _("Choose the weeks to approve.")})
    locked = list(
        HoursWeek.objects.approvable_by(user)
        .filter(pk__in=ids)
        .select_related("professional")
        .select_for_update(of=("self",))
        .order_by("week_start", "professional_id")
    )
    if len(locked) != len(ids):
        raise PermissionDenied(_("You may not approve one of these weeks."))
    stale = [
        _("Week %(week)s of %(year)s of %(person)s is not submitted (any longer).")
        % {
            "week": hours_week.week,
            "year": hours_week.year,
            "person": hours_week.professional.get_full_name()
            or hours_week.professional.get_username(),
        }
        for hours_week in locked
        if hours_week.status != WeekStatus.SUBMITTED
    ]
    if stale:
        raise ValidationError({"weeks": [*stale, _("No week was approved.")]})
    now = timezone.now()
    for hours_week in locked:
        hours_week.status = WeekStatus.APPROVED
        hours_week.decided_at = now
        hours_week.decided_by = user
        hours_week.save()
        log_action(user=user, action="approve", instance=hours_week, fields=["status"])
    return locked


@transaction.atomic
def hours_week_unlock(*, hours_week: HoursWeek, user) -> HoursWeek:
    """The functional admin reopens an approved week, or one past the grace period, so its
    hours can be corrected; logged. It stays open until it is submitted and approved again."""
    if not user.has_perm(UNLOCK_PERMISSION) or hours_week.professional_id == user.pk:
        raise PermissionDenied(_("Only the functional admin unlocks a week."))
    hours_week = HoursWeek.objects.select_for_update().get(pk=hours_week.pk)
    if hours_week_lock(hours_week.iso_week, hours_week) is None:
        raise ValidationError({"status": _("This week is not locked.")})
    if hours_week.status == WeekStatus.SUBMITTED:
        raise ValidationError(
            {"status": _("A submitted week is approved or returned, not unlocked.")}
        )
    hours_week.status = WeekStatus.OPEN
    hours_week.unlocked_at = timezone.now()
    hours_week.unlocked_by = user
    hours_week.save()
    log_action(user=user, action="unlock", instance=hours_week, fields=["status", "unlocked_at"])
    return hours_week


def hours_week_unlock_at(*, professional, week: Week, user) -> HoursWeek:
    """Unlock a professional's week by its number, also one they never saved anything in (a
    forgotten week past the grace period): its row is created first."""
    with transaction.atomic():
        hours_week, _created = HoursWeek.objects.get_or_create(
            professional=professional, year=week.year, week=week.week
        )
        return hours_week_unlock(hours_week=hours_week, user=user)


# The welfare calendar --------------------------------------------------------------------------

CALENDAR_PERMISSION = "interventions.change_welfarecalendar"


@transaction.atomic
def calendar_save(*, user, year: int, organisation: str = "", data: dict[str, Any]):
    """Set one year's unfunded weeks (and, on the municipality's calendar, the hours per funded
    week; a note). The row is locked while it changes, so two people saving at once write one
    after the other. The index is recalculated for every week of the year after commit."""
    if not user.has_perm(CALENDAR_PERMISSION):
        raise PermissionDenied(_("Only the municipality and the functional admin set this."))
    organisation = (organisation or "").strip()
    defaults = {
        "hours_per_week": None if organisation else DEFAULT_HOURS_PER_WEEK,
        "unfunded_weeks": list(default_unfunded_weeks(year)) if bounds.year_in_range(year) else [],
    }
    calendar = WelfareCalendar(year=year, organisation=organisation, **defaults)
    if bounds.year_in_range(year):
        calendar, created = WelfareCalendar.objects.select_for_update().get_or_create(
            year=year, organisation=organisation, defaults=defaults
        )
    else:
        created = True  # full_clean names the year
    data = {**data, "updated_by": user}
    return save_validated(calendar, data, user=user, action="create" if created else "update")


@transaction.atomic
def calendar_delete(*, calendar: WelfareCalendar, user) -> None:
    """Drop a calendar: an organisation's complexes follow the municipality's again, a year of
    the municipality's follows the default."""
    if not user.has_perm("interventions.delete_welfarecalendar"):
        raise PermissionDenied(_("Only the municipality and the functional admin set this."))
    delete_logged(calendar, user=user)
