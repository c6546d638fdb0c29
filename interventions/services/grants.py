"""Writes of subsidy schemes, providers and grants.

A grant moves through its lifecycle only by ``grant_step``: it refuses a step that does not
follow from the grant's status (with a message that says what can happen next) and a decision
(award, reject, settle) by someone who may not take it, and writes the step's date and person.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex
from interventions.choices import DECISION_STEPS, GRANT_STEPS, GrantStatus, GrantStep
from interventions.models import Grant, Provider, SubsidyScheme
from leefbaarheid import bounds, roles
from leefbaarheid.services import delete_logged, log_action, save_validated

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


def _step_date(grant: Grant, step: str, on: datetime.date | None) -> datetime.date:
    """The date a step is recorded on: today by default, never in the future, never before the
    step before it."""
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
    return on


def _step_fields(grant: Grant, step: str, data: dict[str, Any]) -> set[str]:
    """The fields a step may set, once what it requires is in ``data``; an award without a
    report due date gets the scheme's default in ``data``."""
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
    return allowed


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
    on = _step_date(grant, step, on)
    allowed = _step_fields(grant, step, data)
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
