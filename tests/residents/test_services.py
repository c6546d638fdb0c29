"""The residents' services keep records whole: bookings without overlaps, head counts, erasure,
group names."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complexes import services as complex_services
from leefbaarheid.models import AuditEntry
from residents import services
from residents.choices import BookingStatus, Recurrence
from residents.models import Activity, Resident, ResidentGroup, RoomBooking
from tests.factories import (
    ActivityFactory,
    MutualHelpFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)
from tests.helpers import AMSTERDAM, at_once
from tests.residents.helpers import _at

pytestmark = pytest.mark.django_db


def test_a_resident_gallery_must_be_of_their_complex(
    own_complex, foreign_gallery, corporation_staff
):
    with pytest.raises(ValidationError) as error:
        services.resident_create(
            complex=own_complex,
            user=corporation_staff,
            data={"name": "Mevrouw Bakker", "gallery": foreign_gallery},
        )
    assert "gallery" in error.value.message_dict
    assert not Resident.objects.filter(name="Mevrouw Bakker").exists()


# Bookings ---------------------------------------------------------------------------------------


def test_overlapping_booking_is_refused_on_start(own_complex, corporation_staff):
    day = timezone.localdate() + datetime.timedelta(days=3)
    RoomBookingFactory(complex=own_complex, title="Bingo", start=_at(day, 14), end=_at(day, 16))
    with pytest.raises(ValidationError) as error:
        services.booking_create(
            complex=own_complex,
            user=corporation_staff,
            data={"title": "Kaarten", "start": _at(day, 15), "end": _at(day, 17)},
        )
    assert "start" in error.value.message_dict
    assert RoomBooking.objects.filter(complex=own_complex).count() == 1


def test_touching_bookings_and_other_rooms_do_not_clash(
    own_complex, foreign_complex, corporation_staff
):
    day = timezone.localdate() + datetime.timedelta(days=3)
    RoomBookingFactory(complex=own_complex, start=_at(day, 10), end=_at(day, 12))
    RoomBookingFactory(complex=foreign_complex, start=_at(day, 12), end=_at(day, 14))
    created = services.booking_create(
        complex=own_complex,
        user=corporation_staff,
        data={"title": "Lunch", "start": _at(day, 12), "end": _at(day, 14)},
    )
    assert len(created) == 1


def test_a_cancelled_booking_frees_the_room(own_complex, corporation_staff):
    day = timezone.localdate() + datetime.timedelta(days=3)
    RoomBookingFactory(
        complex=own_complex, start=_at(day, 10), end=_at(day, 12), status=BookingStatus.CANCELLED
    )
    created = services.booking_create(
        complex=own_complex,
        user=corporation_staff,
        data={"title": "Koffie", "start": _at(day, 10), "end": _at(day, 12)},
    )
    assert created[0].status == BookingStatus.CONFIRMED


def test_weekly_series_keeps_the_wall_clock_over_daylight_saving(own_complex, corporation_staff):
    # 2026-10-25 is the autumn clock change in the Netherlands.
    first = datetime.date(2026, 10, 14)
    created = services.booking_create(
        complex=own_complex,
        user=corporation_staff,
        data={"title": "Koffieochtend", "start": _at(first, 10), "end": _at(first, 12)},
        recurrence=Recurrence.WEEKLY,
        until=datetime.date(2026, 11, 4),
    )
    local = [timezone.localtime(booking.start, AMSTERDAM) for booking in created]
    assert [moment.date() for moment in local] == [
        datetime.date(2026, 10, 14),
        datetime.date(2026, 10, 21),
        datetime.date(2026, 10, 28),
        datetime.date(2026, 11, 4),
    ]
    assert {moment.hour for moment in local} == {10}
    assert len({booking.series for booking in created}) == 1


def test_a_weekly_series_with_one_clash_writes_nothing(own_complex, corporation_staff):
    first = timezone.localdate() + datetime.timedelta(days=1)
    clash_day = first + datetime.timedelta(weeks=2)
    RoomBookingFactory(complex=own_complex, start=_at(clash_day, 11), end=_at(clash_day, 13))
    with pytest.raises(ValidationError):
        services.booking_create(
            complex=own_complex,
            user=corporation_staff,
            data={"title": "Koffie", "start": _at(first, 10), "end": _at(first, 12)},
            recurrence=Recurrence.WEEKLY,
            until=first + datetime.timedelta(weeks=5),
        )
    assert RoomBooking.objects.filter(complex=own_complex).count() == 1


def test_a_weekly_series_needs_an_end_date(own_complex, corporation_staff):
    start = _at(timezone.localdate() + datetime.timedelta(days=1), 10)
    with pytest.raises(ValidationError) as error:
        services.booking_create(
            complex=own_complex,
            user=corporation_staff,
            data={"title": "Koffie", "start": start, "end": start + datetime.timedelta(hours=1)},
            recurrence=Recurrence.WEEKLY,
        )
    assert "until" in error.value.message_dict


# Head counts and erasure ------------------------------------------------------------------------


def test_head_count_cannot_be_below_the_named_attendees(own_complex, corporation_staff):
    residents = ResidentFactory.create_batch(3, complex=own_complex)
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            user=corporation_staff,
            complex=own_complex,
            data={"kind": "bingo", "date": timezone.localdate(), "head_count": 2},
            attendees=residents,
        )
    assert "head_count" in error.value.message_dict
    assert not Activity.objects.exists()


def test_an_empty_head_count_becomes_the_number_named(own_complex, corporation_staff):
    residents = ResidentFactory.create_batch(3, complex=own_complex)
    activity = services.activity_save(
        user=corporation_staff,
        complex=own_complex,
        data={"kind": "bingo", "date": timezone.localdate(), "head_count": 0},
        attendees=residents,
    )
    assert activity.head_count == 3


def test_attendees_from_another_complex_are_refused(
    own_complex, foreign_resident, corporation_staff
):
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            user=corporation_staff,
            complex=own_complex,
            data={"kind": "cards", "date": timezone.localdate()},
            attendees=[foreign_resident],
        )
    assert "attendees" in error.value.message_dict


def test_erasure_keeps_head_counts_and_clears_the_gallery(
    own_gallery, own_resident, corporation_staff
):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    complex_ = own_gallery.complex
    complex_services.gallery_set_contact_person(
        gallery=own_gallery, user=corporation_staff, resident=own_resident
    )
    group = ResidentGroupFactory(complex=complex_, members=[own_resident])
    activity = ActivityFactory(complex=complex_, attendees=[own_resident], head_count=5)
    help_ = MutualHelpFactory(complex=complex_, residents=[own_resident], people_count=1)
    services.resident_erase(resident=own_resident, user=corporation_staff)

    assert not Resident.objects.filter(pk=own_resident.pk).exists()
    own_gallery.refresh_from_db()
    group.refresh_from_db()
    activity.refresh_from_db()
    help_.refresh_from_db()
    assert own_gallery.contact_person is None
    assert (group.memberships.count(), group.unnamed_members) == (0, 1)
    assert (activity.attendees.count(), activity.head_count) == (0, 5)
    assert (help_.residents.count(), help_.people_count) == (0, 1)
    entry = AuditEntry.objects.get(action="erase")
    assert "Jansen" not in str(entry.fields) + entry.object_id


# Two people at the same moment ------------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_people_naming_a_group_alike_at_once_get_one_group_and_a_field_error(own_complex):
    def create():
        services.group_save(
            user=None, complex=own_complex, data={"name": "Trekkersgroep", "kind": "core_group"}
        )

    assert sorted(at_once(create, create), key=str) == [["name"], "ok"]
    assert ResidentGroup.objects.filter(complex=own_complex).count() == 1
