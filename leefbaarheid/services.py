"""Writes that belong to the project rather than one domain app, and the helpers every app's
services share: validate-then-save and the audit log."""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from leefbaarheid.models import AuditEntry, WorkerHeartbeat
from leefbaarheid.unique import unique_errors


@transaction.atomic
def heartbeat_record(*, hostname: str) -> WorkerHeartbeat:
    """Upsert the heartbeat row of one worker and count the beat."""
    heartbeat, created = WorkerHeartbeat.objects.select_for_update().get_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now(), "beats": 1}
    )
    if not created:
        WorkerHeartbeat.objects.filter(pk=heartbeat.pk).update(
            seen_at=timezone.now(), beats=F("beats") + 1
        )
        heartbeat.refresh_from_db()
    return heartbeat


def log_action(
    *, user, action: str, instance: models.Model, fields: Iterable[str] = ()
) -> AuditEntry:
    """Write one audit entry: who did what to which record (ids and field names, no values)."""
    complex_id = getattr(instance, "complex_id", None)
    if complex_id is None and instance._meta.label_lower == "complexes.complex":
        complex_id = instance.pk
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        complex_id=complex_id,
        fields=sorted(fields),
    )


def save_validated(
    instance: models.Model, data: dict[str, Any] | None = None, *, user=None, action: str = ""
):
    """Set plain (non many-to-many) fields, ``full_clean()``, save and log; returns the instance.

    Raises ``ValidationError`` with the Dutch message on the field, before anything is written;
    also when someone else saved the same unique name in the meantime (the same message).
    """
    data = data or {}
    creating = instance._state.adding
    changed = []
    for field, value in data.items():
        if getattr(instance, field, None) != value:
            changed.append(field)
        setattr(instance, field, value)
    instance.full_clean()
    with unique_errors(instance):
        instance.save()
    inputs_written(instance)
    if user is not None:
        log_action(
            user=user,
            action=action or ("create" if creating else "update"),
            instance=instance,
            fields=changed,
        )
    return instance


def delete_logged(instance: models.Model, *, user) -> None:
    """Delete a record and write who did it to the audit log."""
    log_action(user=user, action="delete", instance=instance)
    inputs_written(instance)
    instance.delete()


def inputs_written(instance: models.Model) -> None:
    """Every validated write and logged delete passes here, so the cohesion index learns of each
    change to its inputs in one place, whichever app or screen made it."""
    # Imported here: the evaluations app builds on every other app, not the other way round.
    from evaluations.services import indicator_input_written

    indicator_input_written(instance)
