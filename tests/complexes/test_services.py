"""The building map's services: galleries, contact persons and vacancy changes keep the records
whole and audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complexes import services as complex_services
from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from tests.factories import ResidentFactory
from tests.helpers import at_once

pytestmark = pytest.mark.django_db


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


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_people_adding_a_gallery_alike_at_once_get_one_gallery_and_a_field_error(
    own_complex,
):
    def create():
        complex_services.gallery_create(complex=own_complex, user=None, data={"name": "Galerij Z"})

    assert sorted(at_once(create, create), key=str) == [["name"], "ok"]
    assert Gallery.objects.filter(complex=own_complex).count() == 1
