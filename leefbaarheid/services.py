"""Writes that belong to the project rather than one domain app, and the helpers every app's
services share: validate-then-save and the audit log."""

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, ForeignObjectRel, Q
from django.utils import timezone

from leefbaarheid.models import AuditEntry, WorkerHeartbeat
from leefbaarheid.registry import write_hooks
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


# Form fields that carry a password: the audit log names them "password", never their value.
PASSWORD_FIELDS = frozenset({"password", "password1", "password2", "usable_password"})


def user_log_change(*, by, user, action: str, fields: Iterable[str] = ()) -> AuditEntry:
    """Audit a change to a user account (created, role, rights, active, password set by an
    admin, deleted): field names only, so a password never reaches the log."""
    names = {"password" if name in PASSWORD_FIELDS else name for name in fields}
    return log_action(user=by, action=action, instance=user, fields=names)


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
    """Every validated write and logged delete passes here, so whatever builds on the records
    (the cohesion index: the evaluations app registers its hook) learns of each change in one
    place, whichever app or screen made it."""
    for hook in write_hooks():
        hook(instance)


def records_naming(instance: models.Model, name: str) -> list[models.Model]:
    """The records pointing at ``instance`` (any relation to its model, found by introspection)
    whose ``str()`` shows ``name``: what Django's admin log may hold as text about it."""
    found: list[models.Model] = []
    for relation in instance._meta.get_fields():
        if not isinstance(relation, ForeignObjectRel):
            continue  # only the reverse side of a relation points at ``instance``
        model = relation.related_model
        assert not isinstance(model, str)  # resolved once the apps are loaded
        related = model._default_manager.filter(**{relation.field.name: instance})
        found.extend(record for record in related.distinct() if name in str(record))
    return found


def admin_log_forget(*, instance: models.Model, name: str) -> int:
    """Delete every entry of Django's admin log that names ``name`` (a person being erased):
    entries about the record itself and about records whose text shows the name, and any entry
    whose title or change message holds it (an inline row added on another record's page, a
    record deleted earlier). Returns how many went."""
    about = Q(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    )
    for record in records_naming(instance, name):
        about |= Q(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))
    # The change message is JSON with non-ASCII letters escaped ("\u00d6zt\u00fcrk").
    escaped = json.dumps(name)[1:-1]
    text = Q(object_repr__contains=name) | Q(change_message__contains=name)
    if escaped != name:
        text |= Q(change_message__contains=escaped)
    deleted, _kinds = LogEntry.objects.filter(about | text).delete()
    return deleted
