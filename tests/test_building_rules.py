"""The rules of the building map, below the screens: scoping per role, database constraints,
and the services that keep records whole (bookings, head counts, contact persons)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from complexes import services as complex_services
from complexes.models import Gallery, OccupancySnapshot
from leefbaarheid import roles
from leefbaarheid.models import AuditEntry
from residents import selectors, services
from residents.choices import BookingStatus, ContactKind, Household, Recurrence
from residents.models import (
    Activity,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
    UserFactory,
)
from tests.helpers import AMSTERDAM, at_once

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def _one_of_each(complex_):
    """One row of every residents-app model in a complex."""
    resident = ResidentFactory(complex=complex_)
    return {
        Resident: resident,
        ResidentGroup: ResidentGroupFactory(complex=complex_, members=[resident]),
        Activity: ActivityFactory(complex=complex_, attendees=[resident]),
        RoomBooking: RoomBookingFactory(complex=complex_),
        MutualHelp: MutualHelpFactory(complex=complex_, residents=[resident]),
        ResidentContact: ResidentContactFactory(resident=resident),
    }


# Scoping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role_fixture", "sees_own", "sees_foreign"),
    [
        ("corporation_staff", True, False),
        ("other_corporation_staff", False, True),
        ("welfare_professional", True, False),
        ("official", False, False),
        ("team_member", False, False),
        ("functional_admin", True, True),
        ("user_without_role", False, False),
    ],
)
def test_personal_and_local_records_reach_only_their_building_people(
    request, role_fixture, sees_own, sees_foreign, own_complex, foreign_complex
):
    user = request.getfixturevalue(role_fixture)
    own, foreign = _one_of_each(own_complex), _one_of_each(foreign_complex)
    for model in own:
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert (own[model].pk in visible) is sees_own, model.__name__
        assert (foreign[model].pk in visible) is sees_foreign, model.__name__


@pytest.mark.parametrize(
    ("role_fixture", "expected"),
    [
        ("corporation_staff", {"own"}),
        ("welfare_professional", {"own"}),
        ("official", {"own", "foreign"}),
        ("team_member", {"own", "foreign"}),
        ("functional_admin", {"own", "foreign"}),
        ("user_without_role", set()),
    ],
)
def test_galleries_and_occupancy_follow_the_complexes(
    request, role_fixture, expected, own_gallery, foreign_gallery
):
    user = request.getfixturevalue(role_fixture)
    snapshots = {
        "own": OccupancySnapshot.objects.create(
            complex=own_gallery.complex, date=datetime.date(2026, 1, 1), units=60
        ),
        "foreign": OccupancySnapshot.objects.create(
            complex=foreign_gallery.complex, date=datetime.date(2026, 1, 1), units=60
        ),
    }
    galleries = {"own": own_gallery, "foreign": foreign_gallery}
    for model, rows in ((Gallery, galleries), (OccupancySnapshot, snapshots)):
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert {key for key, row in rows.items() if row.pk in visible} == expected


def test_professional_does_not_reach_unassigned_complex_of_same_corporation(
    welfare_professional, own_complex
):
    unassigned = ComplexFactory(corporation=own_complex.corporation)
    ResidentFactory(complex=unassigned, name="Niet van Wendy")
    names = set(Resident.objects.visible_to(welfare_professional).values_list("name", flat=True))
    assert "Niet van Wendy" not in names


# Constraints ------------------------------------------------------------------------------------


def test_database_refuses_more_vacant_than_units_in_history(own_complex):
    with pytest.raises(IntegrityError), transaction.atomic():
        OccupancySnapshot.objects.create(
            complex=own_complex, date=datetime.date(2026, 1, 1), units=10, vacant_units=11
        )


def test_database_refuses_two_galleries_with_one_name(own_gallery):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gallery.objects.create(complex=own_gallery.complex, name=own_gallery.name)


def test_same_gallery_name_is_fine_in_another_complex(own_gallery, foreign_complex):
    assert GalleryFactory(complex=foreign_complex, name=own_gallery.name).pk


def test_database_refuses_a_booking_that_ends_before_it_starts(own_complex):
    start = _at(datetime.date(2026, 12, 1), 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            complex=own_complex, title="Bingo", start=start, end=start - datetime.timedelta(hours=1)
        )


def test_duplicate_gallery_is_a_field_error_and_writes_nothing(own_gallery, corporation_staff):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        complex_services.gallery_create(
            complex=own_gallery.complex, user=corporation_staff, data={"name": own_gallery.name}
        )
    assert list(error.value.message_dict) == ["name"]
    assert Gallery.objects.filter(complex=own_gallery.complex).count() == 1
    assert AuditEntry.objects.count() == before


def test_contact_person_must_live_in_the_complex(own_gallery, foreign_resident, corporation_staff):
    with pytest.raises(ValidationError) as error:
        complex_services.gallery_set_contact_person(
            gallery=own_gallery, user=corporation_staff, resident=foreign_resident
        )
    assert "contact_person" in error.value.message_dict
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


def test_setting_a_contact_person_records_since_and_replaces_the_previous(
    own_gallery, own_resident, corporation_staff
):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    other = ResidentFactory(
        complex=own_gallery.complex, gallery=own_gallery, consent_contact_person=True
    )
    complex_services.gallery_set_contact_person(
        gallery=own_gallery, user=corporation_staff, resident=own_resident
    )
    complex_services.gallery_set_contact_person(
        gallery=own_gallery, user=corporation_staff, resident=other
    )
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person == other
    assert own_gallery.contact_since == timezone.localdate()
    complex_services.gallery_set_contact_person(
        gallery=own_gallery, user=corporation_staff, resident=None
    )
    own_gallery.refresh_from_db()
    assert (own_gallery.contact_person, own_gallery.contact_since) == (None, None)


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


# Occupancy history ------------------------------------------------------------------------------


def test_changing_vacancy_records_a_snapshot_and_an_audit_entry(own_complex, corporation_staff):
    complex_services.complex_update(
        complex=own_complex, user=corporation_staff, data={"vacant_units": 9}
    )
    snapshot = own_complex.snapshots.get(date=timezone.localdate())
    assert (snapshot.units, snapshot.vacant_units) == (own_complex.units, 9)
    entry = AuditEntry.objects.filter(model="complexes.complex", action="update").get()
    assert entry.fields == ["vacant_units"] and entry.user == corporation_staff


def test_changing_only_the_name_records_no_snapshot(own_complex, corporation_staff):
    complex_services.complex_update(
        complex=own_complex, user=corporation_staff, data={"name": "De Meidoorn II"}
    )
    assert not own_complex.snapshots.exists()


def test_staff_cannot_create_a_complex_for_another_corporation(
    corporation_staff, other_corporation, own_complex
):
    created = complex_services.complex_create(
        user=corporation_staff,
        data={
            "corporation": other_corporation,
            "district": own_complex.district,
            "name": "Nieuwbouw",
            "address": "Kade 1",
            "postcode": "3011 AB",
            "units": 40,
        },
    )
    # The corporation is the user's own, whatever the form said.
    assert created.corporation == corporation_staff.corporation
    assert created.snapshots.count() == 1


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


# Lists for the professional -------------------------------------------------------------------


def test_new_tenant_leaves_the_welcome_list_after_a_welcome_visit(
    own_complex, welfare_professional
):
    newcomer = ResidentFactory(
        complex=own_complex, moved_in=timezone.localdate() - datetime.timedelta(days=30)
    )
    ResidentFactory(complex=own_complex, moved_in=datetime.date(2001, 1, 1))
    assert list(selectors.to_welcome(user=welfare_professional)) == [newcomer]
    services.contact_record(resident=newcomer, user=welfare_professional, kind=ContactKind.VISIT)
    assert list(selectors.to_welcome(user=welfare_professional)) == [newcomer]
    services.contact_record(resident=newcomer, user=welfare_professional, kind=ContactKind.WELCOME)
    assert list(selectors.to_welcome(user=welfare_professional)) == []


def test_out_of_sight_is_for_the_professional_of_the_complex_only(
    own_complex, welfare_professional, corporation_staff, functional_admin
):
    alone = ResidentFactory(complex=own_complex, household=Household.WIDOWED)
    ResidentFactory(complex=own_complex, household=Household.COUPLE)
    assert list(selectors.out_of_sight(user=welfare_professional)) == [alone]
    assert not selectors.out_of_sight(user=corporation_staff).exists()
    assert not selectors.out_of_sight(user=functional_admin).exists()
    other_professional = UserFactory(role=roles.WELFARE_PROFESSIONAL)
    assert not selectors.out_of_sight(user=other_professional).exists()


def test_resident_mix_counts_bands_and_households(own_complex):
    year = timezone.localdate().year
    ResidentFactory(complex=own_complex, birth_year=year - 80, household=Household.WIDOWED)
    ResidentFactory(complex=own_complex, birth_year=year - 60, household=Household.COUPLE)
    ResidentFactory(
        complex=own_complex,
        birth_year=year - 70,
        household=Household.DIVORCED,
        moved_in=timezone.localdate(),
        language="Turks",
    )
    mix = selectors.resident_mix(complex=own_complex)
    assert mix["total"] == 3
    assert mix["age_bands"] == {"75_plus": 1, "55_74": 2}
    assert mix["living_alone"] == 2
    assert mix["new_tenants"] == 1
    assert mix["languages"]["Turks"] == 1


def test_the_since_date_of_the_same_contact_person_can_be_corrected(
    own_gallery, own_resident, corporation_staff
):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    complex_services.gallery_set_contact_person(
        gallery=own_gallery, user=corporation_staff, resident=own_resident
    )
    complex_services.gallery_set_contact_person(
        gallery=own_gallery,
        user=corporation_staff,
        resident=own_resident,
        since=datetime.date(2024, 3, 1),
    )
    own_gallery.refresh_from_db()
    assert own_gallery.contact_since == datetime.date(2024, 3, 1)


def test_a_resident_who_did_not_agree_cannot_become_contact_person(own_gallery, corporation_staff):
    unwilling = ResidentFactory(complex=own_gallery.complex, consent_contact_person=False)
    with pytest.raises(ValidationError) as error:
        complex_services.gallery_set_contact_person(
            gallery=own_gallery, user=corporation_staff, resident=unwilling
        )
    assert list(error.value.message_dict) == ["contact_person"]
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


def test_a_group_member_must_live_in_the_groups_complex(own_complex, foreign_resident):
    group = ResidentGroupFactory(complex=own_complex)
    membership = group.memberships.model(group=group, resident=foreign_resident)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert list(error.value.message_dict) == ["resident"]


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


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_people_adding_a_gallery_alike_at_once_get_one_gallery_and_a_field_error(
    own_complex,
):
    def create():
        complex_services.gallery_create(complex=own_complex, user=None, data={"name": "Galerij Z"})

    assert sorted(at_once(create, create), key=str) == [["name"], "ok"]
    assert Gallery.objects.filter(complex=own_complex).count() == 1
