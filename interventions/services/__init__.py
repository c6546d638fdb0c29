"""Writes of the interventions app: keyword-only functions that validate, save atomically, log.

A grant moves through its lifecycle only by ``grant_step``: it refuses a step that does not
follow from the grant's status (with a message that says what can happen next) and a decision
(award, reject, settle) by someone who may not take it, and writes the step's date and person.

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
from django.utils.translation import gettext as _

from complexes.models import Complex
from interventions.calendar import DEFAULT_HOURS_PER_WEEK, default_unfunded_weeks
from interventions.choices import (
    DECISION_STEPS,
    GRANT_STEPS,
    GrantStatus,
    GrantStep,
    WeekStatus,
    WorkKind,
)
from interventions.models import (
    Grant,
    HoursEntry,
    HoursWeek,
    Intervention,
    Provider,
    SubsidyScheme,
    WelfareCalendar,
)
from leefbaarheid import bounds, numbers, roles, weeks
from leefbaarheid.services import delete_logged, log_action, save_validated
from leefbaarheid.text import validate_plain_text
from leefbaarheid.weeks import Week

# What an applicant may correct while the application awaits a decision.
APPLICATION_FIELDS = frozenset(
    {"scheme", "title", "description", "start", "end", "amount_requested"}
)
# What may be kept up to date in every status: references to documents.
RECORD_FIELDS = frozenset({"reference", "documents"})
# What the municipality may change once a grant is awarded, until the report arrives.
DECISION_FIELDS = frozenset({"report_due"})
# The date field and person field each step writes.
STEP_STAMPS: dict[str, tuple[str, str]] = {
    GrantStep.AWARD: ("decided_on", "decided_by"),
    GrantStep.REJECT: ("decided_on", "decided_by"),
    GrantStep.START: ("started_on", "started_by"),
    GrantStep.REPORT: ("reported_on", "reported_by"),
    GrantStep.SETTLE: ("settled_on", "settled_by"),
}
# The date of the step before, which a backdated step may not precede.
PREVIOUS_STAMP: dict[str, str] = {
    GrantStep.AWARD: "applied_on",
    GrantStep.REJECT: "applied_on",
    GrantStep.START: "decided_on",
    GrantStep.REPORT: "started_on",
    GrantStep.SETTLE: "reported_on",
}
DECIDE_PERMISSION = f"interventions.{roles.DECIDE_GRANT}"


def _refuse_if_used(instance, relation: str, message: str) -> None:
    if getattr(instance, relation).exists():
        raise ValidationError(message)


# Schemes and providers ------------------------------------------------------------------------


# The scheme the evaluation of 10 March 2022 is about, as migration 0004 creates it: small grants
# of EUR 5,000 to 10,000 for social interventions in complexes for older people, given by the
# municipality to the corporations. The start date is not in the source: 1 January 2019 stands
# in for "before the evaluation" until the functional admin sets the real one.
REFERENCE_SCHEME = {
    "name": "Vitale Leefgemeenschappen",
    "funder": "Gemeente Rotterdam",
    "purpose": (
        "Subsidieregeling voor (sociale) interventies in (ouderen)wooncomplexen, door de "
        "gemeente verleend aan corporaties en uitgevoerd door sociale ondernemers: kleine "
        "subsidies van 5 tot 10 duizend euro om de leefbaarheid en de samenhang in de "
        "complexen te vergroten."
    ),
    "min_amount": Decimal("5000.00"),
    "max_amount": Decimal("10000.00"),
    "start": datetime.date(2019, 1, 1),
    "report_within_weeks": 12,
}


def reference_scheme() -> SubsidyScheme:
    """Vitale Leefgemeenschappen, as the migration made it (again, should it be deleted)."""
    values = {key: value for key, value in REFERENCE_SCHEME.items() if key != "name"}
    scheme, _created = SubsidyScheme.objects.get_or_create(
        name=REFERENCE_SCHEME["name"], defaults=values
    )
    return scheme


@transaction.atomic
def scheme_create(*, user, data: dict[str, Any]) -> SubsidyScheme:
    """Add a subsidy scheme."""
    return save_validated(SubsidyScheme(), data, user=user)


@transaction.atomic
def scheme_update(*, scheme: SubsidyScheme, user, data: dict[str, Any]) -> SubsidyScheme:
    """Change a scheme. Grants already given keep their amounts if the bounds change."""
    return save_validated(scheme, data, user=user)


@transaction.atomic
def scheme_delete(*, scheme: SubsidyScheme, user) -> None:
    """Delete a scheme that never gave a grant; one with grants can only be closed."""
    _refuse_if_used(
        scheme,
        "grants",
        _(
            "This scheme has grants and cannot be deleted. Untick “open for applications” "
            "to close it instead."
        ),
    )
    delete_logged(scheme, user=user)


@transaction.atomic
def provider_create(*, user, data: dict[str, Any]) -> Provider:
    """Add a provider."""
    return save_validated(Provider(), data, user=user)


@transaction.atomic
def provider_update(*, provider: Provider, user, data: dict[str, Any]) -> Provider:
    """Change a provider's name, kind or contact details."""
    return save_validated(provider, data, user=user)


@transaction.atomic
def provider_delete(*, provider: Provider, user) -> None:
    """Delete a provider that carried out no intervention."""
    _refuse_if_used(
        provider,
        "interventions",
        _("This provider carried out interventions and cannot be deleted."),
    )
    delete_logged(provider, user=user)


# Grants ---------------------------------------------------------------------------------------


def grant_check_application(grant: Grant) -> None:
    """Rules for a new or corrected application that depend on its scheme."""
    scheme = grant.scheme
    errors: dict[str, str] = {}
    if not scheme.active:
        errors["scheme"] = _("%(scheme)s is closed for applications.") % {"scheme": scheme.name}
    if grant.start and grant.start < scheme.start:
        errors["start"] = _("%(scheme)s runs from %(date)s; start the period then or later.") % {
            "scheme": scheme.name,
            "date": scheme.start.strftime("%d-%m-%Y"),
        }
    if grant.end and scheme.end and grant.end > scheme.end:
        errors["end"] = _("%(scheme)s runs until %(date)s; end the period then or earlier.") % {
            "scheme": scheme.name,
            "date": scheme.end.strftime("%d-%m-%Y"),
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def grant_apply(
    *,
    complex: Complex,
    user,
    data: dict[str, Any],
    on: datetime.date | None = None,
) -> Grant:
    """Apply for a grant for a complex: status applied, for the complex's corporation.

    ``data`` holds the scheme, title, plan, period, amount requested and document references.
    """
    unknown = set(data) - APPLICATION_FIELDS - RECORD_FIELDS
    if unknown:
        raise ValidationError(
            {field: _("This cannot be set on an application.") for field in sorted(unknown)}
        )
    grant = Grant(
        complex=complex,
        corporation_id=complex.corporation_id,
        status=GrantStatus.APPLIED,
        applied_on=on or timezone.localdate(),
        applied_by=user if user is not None and user.is_authenticated else None,
    )
    for field, value in data.items():
        setattr(grant, field, value)
    if grant.scheme_id:
        grant_check_application(grant)
    return save_validated(grant, {}, user=user, action="apply")


@transaction.atomic
def grant_update(*, grant: Grant, user, data: dict[str, Any]) -> Grant:
    """Correct a grant: the application while it awaits a decision, the document references
    always, the report due date (by the municipality) until the report arrives."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    changed = {field for field, value in data.items() if getattr(grant, field, None) != value}
    errors: dict[str, str] = {}
    for field in sorted(changed):
        if field in RECORD_FIELDS:
            continue
        if field in APPLICATION_FIELDS:
            if grant.status != GrantStatus.APPLIED:
                errors[field] = _("The application can only be changed while it awaits a decision.")
        elif field in DECISION_FIELDS:
            if not user.has_perm(DECIDE_PERMISSION):
                errors[field] = _("Only the municipality can change the report due date.")
            elif grant.status not in (GrantStatus.AWARDED, GrantStatus.RUNNING):
                errors[field] = _(
                    "The report due date can only change while the report is still to come."
                )
        else:
            errors[field] = _("This changes only through a step of the grant.")
    if errors:
        raise ValidationError(errors)
    for field in changed:
        setattr(grant, field, data[field])
    if changed & APPLICATION_FIELDS:
        grant_check_application(grant)
    save_validated(grant)
    if changed:
        log_action(user=user, action="update", instance=grant, fields=changed)
    return grant


def next_steps(grant: Grant) -> list[str]:
    """The steps that can follow from the grant's status, in lifecycle order."""
    return [step for step, (source, _target) in GRANT_STEPS.items() if source == grant.status]


def _refuse_illegal(grant: Grant, step: str) -> None:
    source, _target = GRANT_STEPS[step]
    if grant.status == source:
        return
    possible = [GrantStep(next_step).label for next_step in next_steps(grant)]
    if possible:
        hint = _("What can happen now: %(steps)s.") % {"steps": ", ".join(map(str, possible))}
    else:
        hint = _("Its lifecycle is finished.")
    raise ValidationError(
        {
            "status": _("This grant is “%(status)s”, so “%(step)s” is not possible. %(hint)s")
            % {
                "status": GrantStatus(grant.status).label,
                "step": GrantStep(step).label,
                "hint": hint,
            }
        }
    )


def _required(data: dict[str, Any], field: str, message: str) -> Any:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: message})
    return value


@transaction.atomic
def grant_step(
    *,
    grant: Grant,
    step: str,
    user,
    data: dict[str, Any] | None = None,
    on: datetime.date | None = None,
) -> Grant:
    """Take one step of a grant's lifecycle (``GrantStep``) and log it.

    award: ``amount_awarded`` (within the scheme's bounds and at most the amount requested),
    optional ``report_due`` (default: the period's end plus the scheme's weeks) and
    ``decision_note``; reject: ``decision_note`` (the reason); start: nothing; report:
    ``report_summary`` and optional ``documents``; settle: ``amount_settled`` (at most the
    amount awarded). ``on`` records a step taken earlier (never in the future, never before
    the step before it). The grant row is locked, so two people taking a step at once give one
    step and one refusal.
    """
    if step not in GRANT_STEPS:
        raise ValidationError({"step": _("Unknown step.")})
    needed = DECIDE_PERMISSION if step in DECISION_STEPS else "interventions.change_grant"
    if not user.has_perm(needed):
        raise PermissionDenied(_("You may not take this step."))
    data = dict(data or {})
    grant = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("scheme", "complex")
        .get(pk=grant.pk)
    )
    _refuse_illegal(grant, step)

    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"date": _("A step cannot be dated in the future.")})
    previous = getattr(grant, PREVIOUS_STAMP[step])
    if previous and on < previous:
        raise ValidationError(
            {
                "date": _("This step cannot be dated before the step before it (%(date)s).")
                % {"date": previous.strftime("%d-%m-%Y")}
            }
        )

    allowed: set[str] = set()
    if step == GrantStep.AWARD:
        _required(data, "amount_awarded", _("Enter the amount awarded."))
        allowed = {"amount_awarded", "report_due", "decision_note", "reference", "documents"}
        if not data.get("report_due"):
            # None for a period end stored before dates were checked: full_clean names the end.
            data["report_due"] = bounds.add_days(grant.end, 7 * grant.scheme.report_within_weeks)
    elif step == GrantStep.REJECT:
        _required(data, "decision_note", _("Give the reason for rejecting the application."))
        allowed = {"decision_note", "reference", "documents"}
    elif step == GrantStep.START:
        allowed = {"reference", "documents"}
    elif step == GrantStep.REPORT:
        _required(data, "report_summary", _("Write what the grant achieved."))
        allowed = {"report_summary", "documents", "reference"}
    elif step == GrantStep.SETTLE:
        _required(data, "amount_settled", _("Enter the amount settled."))
        allowed = {"amount_settled", "decision_note", "reference", "documents"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            {field: _("This cannot be set in this step.") for field in sorted(unknown)}
        )
    date_field, user_field = STEP_STAMPS[step]
    data.update(
        {
            "status": GRANT_STEPS[step][1],
            date_field: on,
            user_field: user if user.is_authenticated else None,
        }
    )
    return save_validated(grant, data, user=user, action=str(step))


@transaction.atomic
def grant_delete(*, grant: Grant, user) -> None:
    """Withdraw an application; a grant the municipality has decided on stays as history."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.status != GrantStatus.APPLIED:
        raise ValidationError(
            {
                "status": _(
                    "Only an application that awaits a decision can be withdrawn; this grant "
                    "is “%(status)s”."
                )
                % {"status": GrantStatus(grant.status).label}
            }
        )
    grant.interventions.update(grant=None)
    delete_logged(grant, user=user)


# Interventions --------------------------------------------------------------------------------


@transaction.atomic
def intervention_create(*, complex: Complex, user, data: dict[str, Any]) -> Intervention:
    """Record an intervention in a complex."""
    return save_validated(Intervention(complex=complex), data, user=user)


@transaction.atomic
def intervention_update(*, intervention: Intervention, user, data: dict[str, Any]) -> Intervention:
    """Change an intervention; it stays in the complex it was recorded in."""
    data = dict(data)
    complex_ = data.pop("complex", None)
    if complex_ is not None and complex_.pk != intervention.complex_id:
        raise ValidationError(
            {"complex": _("A record cannot be moved to another complex; create it there instead.")}
        )
    return save_validated(intervention, data, user=user)


@transaction.atomic
def intervention_delete(*, intervention: Intervention, user) -> None:
    """Delete an intervention."""
    delete_logged(intervention, user=user)


# Welfare hours ---------------------------------------------------------------------------------

APPROVE_PERMISSION = f"interventions.{roles.APPROVE_HOURS}"
UNLOCK_PERMISSION = f"interventions.{roles.UNLOCK_HOURS}"


def hours_round(value: Any, field: str = "hours") -> Decimal:
    """Hours as typed (``1.5``, ``1,5``, ``1:30``) → Decimal in quarter hours, by the rules of
    ``leefbaarheid.numbers.parse_hours``; a refused value is an error on ``field``."""
    try:
        return numbers.parse_hours(value)
    except numbers.NumberRefused as refused:
        raise ValidationError({field: refused.message(numbers.HOURS)}) from None


def hours_week_lock(week: Week, hours_week: HoursWeek | None, today: datetime.date | None = None):
    """Why the hours of a week cannot change now, or None when they can."""
    today = today or timezone.localdate()
    status = hours_week.status if hours_week else WeekStatus.OPEN
    if status == WeekStatus.APPROVED:
        return _("Week %(week)s is approved and locked.") % {"week": week.week}
    if status == WeekStatus.SUBMITTED:
        return _("Week %(week)s is submitted; withdraw the submission to change it.") % {
            "week": week.week
        }
    unlocked = hours_week is not None and hours_week.unlocked_at is not None
    grace_end = week.sunday + datetime.timedelta(weeks=settings.HOURS_GRACE_WEEKS)
    if not unlocked and today > grace_end:
        return _(
            "Week %(week)s is locked: hours can be changed until %(weeks)s weeks after the week; "
            "ask the functional admin to unlock it."
        ) % {"week": week.week, "weeks": settings.HOURS_GRACE_WEEKS}
    return None


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
        wanted: dict[tuple[int, str], tuple[Decimal, str]] = {}
        keys: dict[tuple[int, str], str] = {}
        for cell in cells:
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
                continue
            if cell["kind"] not in WorkKind.values:
                errors[cell.get("kind_key") or "kind"] = _("Choose a kind of work from the list.")
                continue
            try:
                hours = hours_round(cell.get("hours") or "0", key)
            except ValidationError as error:
                errors[key] = error.message_dict[key][0]
                continue
            note = (cell.get("note") or "").strip()
            if len(note) > 300:
                errors[cell.get("note_key") or "note"] = _("Keep the note under 300 characters.")
                continue
            try:
                # The grid's notes come from the raw POST data, past any form field.
                validate_plain_text(note)
            except ValidationError as error:
                errors[cell.get("note_key") or "note"] = error.messages[0]
                continue
            current = existing.get((complex_.pk, cell["kind"]))
            if cell.get("taken_key") and current is not None:
                errors[cell["taken_key"]] = _(
                    "Hours of this kind of work are already logged for this complex and "
                    "week (entry %(id)s); change that entry instead."
                ) % {"id": current.pk}
                continue
            seen = _seen_cell(cell.get("was"))
            if seen is not None:
                now = (current.hours, current.note) if current else (Decimal(0), "")
                if (hours, note) == seen:
                    continue  # not changed by this writer: whatever it holds now stays
                if now not in (seen, (hours, note)):
                    errors[key] = _hours_changed_meanwhile(current)
                    continue
            wanted[(complex_.pk, cell["kind"])] = (hours, note)
            keys[(complex_.pk, cell["kind"])] = key
        # The 40-hour ceiling counts the week as it will be: kept cells plus the saved ones.
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
        if errors:
            raise ValidationError(errors)
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
    """The professional hands in a week (a week without hours too: "no work this week")."""
    today = today or timezone.localdate()
    _check_hours_writer(user=user, professional=professional)
    _check_hours_week(week, today)
    hours_week = _week_transition(
        professional=professional,
        week=week,
        allowed_from=(WeekStatus.OPEN,),
        message=_("Week %(week)s is already submitted or approved."),
    )
    hours_week.status = WeekStatus.SUBMITTED
    hours_week.submitted_at = timezone.now()
    hours_week.return_note = ""
    hours_week.save()
    log_action(user=user, action="submit", instance=hours_week, fields=["status"])
    return hours_week


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
    (it opens again for the professional)."""
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
    hours_week.status = WeekStatus.APPROVED if approve else WeekStatus.OPEN
    hours_week.decided_at = timezone.now()
    hours_week.decided_by = user
    hours_week.return_note = "" if approve else note[:300]
    if not approve and hours_week_lock(hours_week.iso_week, None) is not None:
        # Returned for corrections after the grace period: open it for them, as an unlock would.
        hours_week.unlocked_at = hours_week.decided_at
        hours_week.unlocked_by = user
    hours_week.save()
    action = "approve" if approve else "return"
    log_action(user=user, action=action, instance=hours_week, fields=["status"])
    return hours_week


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
