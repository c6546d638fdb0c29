"""Writes of the residents app. Every write validates fully before it saves, runs in a
transaction and is audit-logged; a bad value raises ``ValidationError`` naming the field."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex, Gallery
from complexes.services import complex_lock
from leefbaarheid.services import (
    admin_log_forget,
    delete_logged,
    inputs_written,
    log_action,
    save_validated,
)
from residents.choices import BookingStatus, ContactKind, Recurrence
from residents.models import (
    Activity,
    Membership,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)

# A weekly series is at most a year long: enough for a season's coffee mornings.
MAX_WEEKLY_OCCURRENCES = 52


def _same_complex(complex_id: int, residents, field: str) -> None:
    foreign = [resident for resident in residents if resident.complex_id != complex_id]
    if foreign:
        raise ValidationError({field: _("Choose only residents of this complex.")})


def _at_least_named(count: int | None, named: int, field: str) -> int:
    """A head count covers the named people; an empty one is the number named."""
    if count is None or count == 0:
        return named
    if count < named:
        raise ValidationError(
            {
                field: _("The number (%(count)s) is lower than the %(named)s people named.")
                % {"count": count, "named": named}
            }
        )
    return count


# Residents ------------------------------------------------------------------------------------


@transaction.atomic
def resident_create(*, complex: Complex, user, data: dict[str, Any]) -> Resident:
    return save_validated(Resident(complex=complex), data, user=user)


@transaction.atomic
def resident_update(*, resident: Resident, user, data: dict[str, Any]) -> Resident:
    resident = save_validated(resident, data, user=user)
    # A contact person who moves to another gallery no longer serves the old one.
    Gallery.objects.filter(contact_person=resident).exclude(pk=resident.gallery_id).update(
        contact_person=None, contact_since=None
    )
    return resident


def resident_export(*, resident: Resident) -> dict[str, Any]:
    """Everything held about one resident, for a request to see one's own data (AVG art. 15)."""
    return {
        "resident": {
            "id": resident.pk,
            "complex": resident.complex.name,
            "gallery": resident.gallery.name if resident.gallery is not None else None,
            "name": resident.name,
            "birth_year": resident.birth_year,
            "household": resident.household,
            "preferred_language": resident.language,
            "moved_in": resident.moved_in.isoformat() if resident.moved_in else None,
            "consent_contact_person": resident.consent_contact_person,
            "created_at": resident.created_at.isoformat(),
        },
        "contact_person_for": [gallery.name for gallery in resident.contact_for.all()],
        "groups": [
            {"group": m.group.name, "kind": m.group.kind, "joined": m.joined.isoformat()}
            for m in resident.memberships.select_related("group")
        ],
        "activities": [
            {"kind": activity.kind, "date": activity.date.isoformat()}
            for activity in resident.activities.all()
        ],
        "mutual_help": [
            {"kind": help_.kind, "month": help_.month.strftime("%Y-%m")}
            for help_ in resident.mutual_help.all()
        ],
        "contacts": [
            {"kind": contact.kind, "date": contact.date.isoformat()}
            for contact in resident.contacts.all()
        ],
        "room_bookings": [
            {
                "title": booking.title,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
            }
            for booking in resident.bookings.all()
        ],
    }


@transaction.atomic
def resident_erase(*, resident: Resident, user) -> None:
    """Erase a resident (AVG art. 17): removed from galleries, groups, activities and mutual help,
    while the head counts those records carry stay as they were."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    # Django's admin log keeps names as text (a membership is "<name> – <group>"); it forgets
    # this resident too, before the records showing the name are gone.
    admin_log_forget(instance=resident, name=resident.name)
    for membership in resident.memberships.select_related("group"):
        ResidentGroup.objects.filter(pk=membership.group_id).update(
            unnamed_members=F("unnamed_members") + 1
        )
    # Head counts already include the named people; make sure they still do once names go.
    for activity in resident.activities.all():
        Activity.objects.filter(pk=activity.pk, head_count__lt=activity.attendees.count()).update(
            head_count=activity.attendees.count()
        )
    for help_ in resident.mutual_help.all():
        MutualHelp.objects.filter(pk=help_.pk, people_count__lt=help_.residents.count()).update(
            people_count=help_.residents.count()
        )
    Gallery.objects.filter(contact_person=resident).update(contact_person=None, contact_since=None)
    log_action(user=user, action="erase", instance=resident)
    inputs_written(resident)
    resident.delete()


# Groups ---------------------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *,
    user,
    data: dict[str, Any],
    members=None,
    group: ResidentGroup | None = None,
    complex: Complex | None = None,
) -> ResidentGroup:
    """Create (with ``complex``) or change (with ``group``) a resident group and its members."""
    group = group or ResidentGroup(complex=complex)
    complex_lock(group.complex_id)
    group = save_validated(group, data, user=user)
    if members is not None:
        members = list(members)
        _same_complex(group.complex_id, members, "members")
        Membership.objects.filter(group=group).exclude(resident__in=members).delete()
        existing = set(group.memberships.values_list("resident_id", flat=True))
        Membership.objects.bulk_create(
            Membership(group=group, resident=resident)
            for resident in members
            if resident.pk not in existing
        )
    return group


@transaction.atomic
def group_delete(*, group: ResidentGroup, user) -> None:
    delete_logged(group, user=user)


# Activities -----------------------------------------------------------------------------------


@transaction.atomic
def activity_save(
    *,
    user,
    data: dict[str, Any],
    attendees=None,
    activity: Activity | None = None,
    complex: Complex | None = None,
) -> Activity:
    """Create or change an activity; the head count is at least the number of named attendees."""
    activity = activity or Activity(complex=complex)
    attendees = list(attendees) if attendees is not None else None
    named = (
        len(attendees)
        if attendees is not None
        else (activity.attendees.count() if activity.pk else 0)
    )
    data = {
        **data,
        "head_count": _at_least_named(
            data.get("head_count", activity.head_count), named, "head_count"
        ),
    }
    if attendees is not None:
        _same_complex(complex.pk if complex else activity.complex_id, attendees, "attendees")
    activity = save_validated(activity, data, user=user)
    if attendees is not None:
        activity.attendees.set(attendees)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, user) -> None:
    delete_logged(activity, user=user)


# Room bookings --------------------------------------------------------------------------------


def booking_refuse_overlap(booking: RoomBooking) -> None:
    """Raise a `start` field error naming the clash when the room is already booked then."""
    clash = booking.overlapping().first()
    if clash is not None:
        start = timezone.localtime(clash.start)
        end = timezone.localtime(clash.end)
        raise ValidationError(
            {
                "start": _(
                    "The communal room is already booked then: “%(title)s” on %(day)s "
                    "from %(start)s to %(end)s."
                )
                % {
                    "title": clash.title,
                    "day": start.strftime("%d-%m-%Y"),
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                }
            }
        )


@transaction.atomic
def booking_create(
    *,
    complex: Complex,
    user,
    data: dict[str, Any],
    recurrence: str = Recurrence.NONE,
    until: datetime.date | None = None,
) -> list[RoomBooking]:
    """Book the communal room once, or weekly until a date; all occurrences or none.

    An occurrence that overlaps an active booking refuses the whole series, naming the clash.
    """
    complex_lock(complex.pk)
    first = RoomBooking(complex=complex, **data)
    occurrences = [first]
    if recurrence == Recurrence.WEEKLY:
        if until is None:
            raise ValidationError({"until": _("Give the last date of the weekly series.")})
        # The first occurrence's dates are checked before a week is added to them.
        first.full_clean()
        if first.start and until < timezone.localtime(first.start).date():
            raise ValidationError({"until": _("The last date must be on or after the start.")})
        first.series = uuid.uuid4()
        week = datetime.timedelta(weeks=1)
        while len(occurrences) < MAX_WEEKLY_OCCURRENCES:
            previous = occurrences[-1]
            start = _same_wall_time(previous.start, week)
            if timezone.localtime(start).date() > until:
                break
            occurrences.append(
                RoomBooking(
                    complex=complex,
                    **{**data, "start": start, "end": _same_wall_time(previous.end, week)},
                    series=first.series,
                )
            )
    for booking in occurrences:
        booking.full_clean()
        if booking.status != BookingStatus.CANCELLED:
            booking_refuse_overlap(booking)
        booking.save()
    log_action(
        user=user, action="create", instance=first, fields=[f"occurrences:{len(occurrences)}"]
    )
    return occurrences


def _same_wall_time(moment: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
    """The same local clock time a week later, across a daylight-saving change."""
    local = timezone.localtime(moment)
    naive = local.replace(tzinfo=None) + delta
    return timezone.make_aware(naive, local.tzinfo)


@transaction.atomic
def booking_update(*, booking: RoomBooking, user, data: dict[str, Any]) -> RoomBooking:
    complex_lock(booking.complex_id)
    for field, value in data.items():
        setattr(booking, field, value)
    booking.full_clean()
    if booking.status != BookingStatus.CANCELLED:
        booking_refuse_overlap(booking)
    return save_validated(booking, user=user, action="update")


@transaction.atomic
def booking_delete(*, booking: RoomBooking, user, whole_series: bool = False) -> None:
    """Delete one booking, or with ``whole_series`` this and the later ones of its series."""
    if whole_series and booking.series:
        for later in RoomBooking.objects.filter(series=booking.series, start__gte=booking.start):
            delete_logged(later, user=user)
    else:
        delete_logged(booking, user=user)


# Mutual help ----------------------------------------------------------------------------------


@transaction.atomic
def mutual_help_save(
    *,
    user,
    data: dict[str, Any],
    residents=None,
    help_: MutualHelp | None = None,
    complex: Complex | None = None,
) -> MutualHelp:
    """Record (or change) mutual help in a month: named residents and/or only a count."""
    creating = help_ is None
    help_ = help_ or MutualHelp(complex=complex, recorded_by=user)
    residents = list(residents) if residents is not None else None
    named = (
        len(residents)
        if residents is not None
        else (help_.residents.count() if not creating else 0)
    )
    data = {
        **data,
        "people_count": _at_least_named(
            data.get("people_count", help_.people_count), named, "people_count"
        ),
    }
    if data["people_count"] == 0:
        raise ValidationError(
            {"people_count": _("Name the residents involved or give their number.")}
        )
    if residents is not None:
        _same_complex(complex.pk if complex else help_.complex_id, residents, "residents")
    help_ = save_validated(help_, data, user=user)
    if residents is not None:
        help_.residents.set(residents)
    return help_


@transaction.atomic
def mutual_help_delete(*, help_: MutualHelp, user) -> None:
    delete_logged(help_, user=user)


# Contacts: welcomes and visits ------------------------------------------------------------------


@transaction.atomic
def contact_record(
    *,
    resident: Resident,
    user,
    kind: str = ContactKind.VISIT,
    date: datetime.date | None = None,
    made_by: Resident | None = None,
) -> ResidentContact:
    """Record a personal contact; a welcome visit takes a new tenant off the "to welcome" list."""
    contact = ResidentContact(resident=resident, recorded_by=user)
    return save_validated(
        contact,
        {"kind": kind, "date": date or timezone.localdate(), "made_by": made_by},
        user=user,
    )


@transaction.atomic
def contact_delete(*, contact: ResidentContact, user) -> None:
    delete_logged(contact, user=user)
