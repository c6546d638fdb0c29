"""Writes of the complexes app. Every write validates fully before it saves, runs in a
transaction and is written to the audit log when a user makes it."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from leefbaarheid import roles
from leefbaarheid.services import delete_logged, save_validated

OCCUPANCY_FIELDS = ("units", "vacant_units")


def complex_lock(complex_id: int) -> None:
    """Lock a complex's row until the transaction ends. Writes that check a rule across the
    complex's records (one gallery or group name, one snapshot a day, no overlapping bookings)
    take it first, so two people saving at the same moment are checked one after the other and
    the second gets a field error instead of a database error."""
    Complex.objects.select_for_update().filter(pk=complex_id).values_list("pk").first()


def _apply(instance, data: dict[str, Any]):
    return save_validated(instance, data)


@transaction.atomic
def corporation_upsert(*, name: str, data: dict[str, Any] | None = None) -> Corporation:
    """Create or update a corporation by its (unique) name."""
    corporation = Corporation.objects.filter(name=name).first() or Corporation(name=name)
    return _apply(corporation, data or {})


@transaction.atomic
def district_upsert(*, code: str, data: dict[str, Any]) -> District:
    """Create or update a district by its code."""
    district = District.objects.filter(code=code).first() or District(code=code)
    return _apply(district, data)


@transaction.atomic
def complex_upsert(*, corporation: Corporation, name: str, data: dict[str, Any]) -> Complex:
    """Create or update a complex by corporation and name (unique together)."""
    complex_ = Complex.objects.filter(corporation=corporation, name=name).first() or Complex(
        corporation=corporation, name=name
    )
    return _apply(complex_, data)


def _check_corporation(*, user, corporation: Corporation | None) -> None:
    """Corporation staff write only their own corporation's complexes."""
    if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        return
    if corporation is None or corporation.pk != getattr(user, "corporation_id", None):
        raise ValidationError(
            {"corporation": _("You can only manage your own corporation's complexes.")}
        )


@transaction.atomic
def complex_create(*, user, data: dict[str, Any]) -> Complex:
    """Create a complex; its first occupancy snapshot is recorded the same day."""
    if not roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        data = {**data, "corporation": user.corporation}
    _check_corporation(user=user, corporation=data.get("corporation"))
    complex_ = save_validated(Complex(), data, user=user)
    occupancy_record(complex=complex_, user=user)
    return complex_


@transaction.atomic
def complex_update(*, complex: Complex, user, data: dict[str, Any]) -> Complex:
    """Change a complex; a change in units or vacancy is recorded in the occupancy history."""
    if "corporation" in data:
        _check_corporation(user=user, corporation=data["corporation"])
    before = {field: getattr(complex, field) for field in OCCUPANCY_FIELDS}
    save_validated(complex, data, user=user)
    if any(getattr(complex, field) != value for field, value in before.items()):
        occupancy_record(complex=complex, user=user)
    return complex


@transaction.atomic
def complex_delete(*, complex: Complex, user) -> None:
    """Delete a complex with its galleries, residents and records. A complex with grants,
    interventions, welfare hours or survey rounds is refused: they are the municipality's
    financial and evaluation history."""
    if (
        complex.grants.exists()
        or complex.interventions.exists()
        or complex.hours_entries.exists()
        or complex.survey_rounds.exists()
    ):
        raise ValidationError(
            _(
                "This complex has grants, interventions, welfare hours or survey rounds, which "
                "must stay on record; it cannot be deleted."
            )
        )
    delete_logged(complex, user=user)


@transaction.atomic
def occupancy_record(
    *,
    complex: Complex,
    user=None,
    date: datetime.date | None = None,
    new_tenants: int | None = None,
    units: int | None = None,
    vacant_units: int | None = None,
) -> OccupancySnapshot:
    """Upsert the occupancy snapshot of a complex for a date (today by default).

    Without figures it takes the complex's current units and vacant units.
    """
    date = date or timezone.localdate()
    complex_lock(complex.pk)
    snapshot = OccupancySnapshot.objects.filter(complex=complex, date=date).first()
    snapshot = snapshot or OccupancySnapshot(complex=complex, date=date)
    data: dict[str, Any] = {
        "units": complex.units if units is None else units,
        "vacant_units": complex.vacant_units if vacant_units is None else vacant_units,
    }
    if new_tenants is not None:
        data["new_tenants"] = new_tenants
    return save_validated(snapshot, data, user=user)


@transaction.atomic
def occupancy_update(*, snapshot: OccupancySnapshot, user, data: dict[str, Any]):
    return save_validated(snapshot, data, user=user)


@transaction.atomic
def occupancy_delete(*, snapshot: OccupancySnapshot, user) -> None:
    delete_logged(snapshot, user=user)


@transaction.atomic
def gallery_create(*, complex: Complex, user, data: dict[str, Any]) -> Gallery:
    complex_lock(complex.pk)
    return save_validated(Gallery(complex=complex), data, user=user)


@transaction.atomic
def gallery_update(*, gallery: Gallery, user, data: dict[str, Any]) -> Gallery:
    complex_lock(gallery.complex_id)
    return save_validated(gallery, data, user=user)


@transaction.atomic
def gallery_delete(*, gallery: Gallery, user) -> None:
    """Delete a gallery; its residents stay in the complex without a gallery."""
    delete_logged(gallery, user=user)


@transaction.atomic
def gallery_set_contact_person(
    *, gallery: Gallery, user, resident, since: datetime.date | None = None
) -> Gallery:
    """Make a resident of the gallery's complex its contact person, or clear it (None).

    The gallery row is locked, so two people setting it at once cannot both win silently.
    """
    gallery = Gallery.objects.select_for_update().get(pk=gallery.pk)
    if (
        resident is not None
        and gallery.contact_person_id == resident.pk
        and since in (None, gallery.contact_since)
    ):
        return gallery
    since = since or timezone.localdate()
    return save_validated(
        gallery,
        {"contact_person": resident, "contact_since": since if resident else None},
        user=user,
        action="set_contact_person",
    )
