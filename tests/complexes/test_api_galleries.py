"""The galleries in the API: a name once per complex, and the contact person named, refused or
hidden by role."""

import datetime

import pytest
from django.utils import timezone

from complexes.models import Gallery
from tests.complexes.helpers import RESOURCES, _url

pytestmark = pytest.mark.django_db


def test_a_duplicate_gallery_name_is_refused(as_staff, world, own_gallery):
    payload = {**RESOURCES["galleries"].payload(world), "name": own_gallery.name}
    response = as_staff.post(_url("galleries"), payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"name"}
    assert Gallery.objects.filter(complex=own_gallery.complex).count() == 1


# Contact persons --------------------------------------------------------------------------------


def test_professional_names_a_contact_person(
    api_client, welfare_professional, own_gallery, own_resident
):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    api_client.force_authenticate(welfare_professional)
    response = api_client.post(
        _url("galleries", own_gallery.pk, "contact-person/"),
        {"contact_person": own_resident.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["contact_person"] == own_resident.pk
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person == own_resident
    assert own_gallery.contact_since == timezone.localdate()


def test_contact_person_from_another_corporation_is_refused(
    as_staff, own_gallery, foreign_resident
):
    response = as_staff.post(
        _url("galleries", own_gallery.pk, "contact-person/"),
        {"contact_person": foreign_resident.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "contact_person" in response.json()
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


def test_contact_person_of_a_foreign_gallery_is_404(as_staff, foreign_gallery, own_resident):
    response = as_staff.post(
        _url("galleries", foreign_gallery.pk, "contact-person/"),
        {"contact_person": own_resident.pk},
        format="json",
    )
    assert response.status_code == 404


def test_official_may_not_name_a_contact_person(api_client, official, own_gallery, own_resident):
    api_client.force_authenticate(official)
    response = api_client.post(
        _url("galleries", own_gallery.pk, "contact-person/"),
        {"contact_person": own_resident.pk},
        format="json",
    )
    assert response.status_code == 403


def test_gallery_patch_sets_the_contact_person_with_today(as_staff, own_gallery, own_resident):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    response = as_staff.patch(
        _url("galleries", own_gallery.pk), {"contact_person": own_resident.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["contact_since"] == timezone.localdate().isoformat()


def test_officials_see_whether_a_gallery_has_a_contact_person_but_not_who(
    api_client, official, own_gallery, own_resident
):
    own_gallery.contact_person = own_resident
    own_gallery.contact_since = datetime.date(2025, 1, 1)
    own_gallery.save()
    api_client.force_authenticate(official)
    row = api_client.get(f"/api/v1/galleries/{own_gallery.pk}/").json()
    assert (row["has_contact_person"], row["contact_person"]) == (True, None)


def test_staff_see_who_the_contact_person_is(
    api_client, corporation_staff, own_gallery, own_resident
):
    own_gallery.contact_person = own_resident
    own_gallery.contact_since = datetime.date(2025, 1, 1)
    own_gallery.save()
    api_client.force_authenticate(corporation_staff)
    row = api_client.get(f"/api/v1/galleries/{own_gallery.pk}/").json()
    assert (row["has_contact_person"], row["contact_person"]) == (True, own_resident.pk)
