"""Gallery screens: add, edit, delete from the complex page, and setting the contact person."""

import datetime

import pytest
from django.urls import reverse

from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from tests.factories import ComplexFactory, GalleryFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _url(name: str, pk: int) -> str:
    return reverse(f"complexes:{name}", args=[pk])


# --- add --------------------------------------------------------------------------------------


def test_staff_adds_a_gallery_to_own_complex(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    url = _url("gallery_create", own_complex.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Galerij C", "floor": 3, "homes": 10})
    assert response.status_code == 302
    assert response["Location"].startswith(own_complex.get_absolute_url())
    gallery = own_complex.galleries.get(name="Galerij C")
    assert (gallery.floor, gallery.homes, gallery.contact_person) == (3, 10, None)
    assert AuditEntry.objects.filter(model="complexes.gallery", action="create").exists()


def test_duplicate_gallery_name_is_a_field_error_on_name(
    client, corporation_staff, own_complex, own_gallery
):
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_create", own_complex.pk), {"name": "Galerij A", "floor": 2, "homes": 5}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert own_complex.galleries.count() == 1


def test_same_gallery_name_in_another_complex_is_fine(
    client, corporation_staff, corporation, own_gallery
):
    other = ComplexFactory(corporation=corporation)
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_create", other.pk), {"name": "Galerij A", "floor": 1, "homes": 5}
    )
    assert response.status_code == 302
    assert other.galleries.filter(name="Galerij A").exists()


def test_bad_floor_is_a_field_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_create", own_complex.pk), {"name": "Dak", "floor": 99, "homes": 5}
    )
    assert "floor" in response.context["form"].errors
    assert not own_complex.galleries.exists()


def test_it_rejects_adding_to_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    url = _url("gallery_create", foreign_complex.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Galerij Z", "floor": 1, "homes": 5}).status_code == 404
    assert not foreign_complex.galleries.exists()


@pytest.mark.parametrize("role_fixture", ["welfare_professional", "official", "team_member"])
def test_read_only_roles_cannot_add_galleries(client, request, own_complex, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = _url("gallery_create", own_complex.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Galerij Z", "floor": 1, "homes": 5}).status_code == 403
    assert not own_complex.galleries.exists()


def test_professional_gets_404_for_unassigned_complex(
    client, welfare_professional, foreign_complex
):
    client.force_login(welfare_professional)
    assert client.get(_url("gallery_create", foreign_complex.pk)).status_code == 404


# --- edit and delete --------------------------------------------------------------------------


def test_staff_edits_a_gallery(client, corporation_staff, own_gallery):
    client.force_login(corporation_staff)
    url = _url("gallery_update", own_gallery.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Galerij A-oost", "floor": 1, "homes": 14})
    assert response.status_code == 302
    own_gallery.refresh_from_db()
    assert (own_gallery.name, own_gallery.homes) == ("Galerij A-oost", 14)
    entry = AuditEntry.objects.get(model="complexes.gallery", action="update")
    assert sorted(entry.fields) == ["homes", "name"]


def test_renaming_to_a_taken_name_writes_nothing(client, corporation_staff, own_gallery):
    GalleryFactory(complex=own_gallery.complex, name="Galerij B")
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_update", own_gallery.pk), {"name": "Galerij B", "floor": 1, "homes": 14}
    )
    assert list(response.context["form"].errors) == ["name"]
    own_gallery.refresh_from_db()
    assert (own_gallery.name, own_gallery.homes) == ("Galerij A", 12)


def test_keeping_the_own_name_is_fine(client, corporation_staff, own_gallery):
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_update", own_gallery.pk), {"name": "Galerij A", "floor": 2, "homes": 12}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["gallery_update", "gallery_delete", "gallery_contact_person"])
def test_it_rejects_foreign_gallery(client, corporation_staff, foreign_gallery, name):
    client.force_login(corporation_staff)
    url = _url(name, foreign_gallery.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Weg", "floor": 1, "homes": 1}).status_code == 404
    assert Gallery.objects.filter(pk=foreign_gallery.pk, name="Galerij A").exists()


@pytest.mark.parametrize("name", ["gallery_update", "gallery_delete"])
@pytest.mark.parametrize("role_fixture", ["welfare_professional", "official"])
def test_read_only_roles_cannot_change_galleries(client, request, own_gallery, name, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = _url(name, own_gallery.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Weg", "floor": 1, "homes": 1}).status_code == 403
    assert Gallery.objects.filter(pk=own_gallery.pk, name="Galerij A").exists()


def test_deleting_a_gallery_keeps_its_residents(client, corporation_staff, own_resident):
    gallery = own_resident.gallery
    client.force_login(corporation_staff)
    url = _url("gallery_delete", gallery.pk)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Gallery.objects.filter(pk=gallery.pk).exists()
    own_resident.refresh_from_db()
    assert own_resident.gallery is None


# --- contact person ---------------------------------------------------------------------------


@pytest.fixture
def willing(own_complex, own_gallery):
    return ResidentFactory(
        complex=own_complex, gallery=own_gallery, name="Mevrouw Bakker", consent_contact_person=True
    )


@pytest.mark.parametrize("role_fixture", ["corporation_staff", "welfare_professional"])
def test_contact_person_is_set_by_staff_and_professional(
    client, request, own_gallery, willing, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))
    url = _url("gallery_contact_person", own_gallery.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"resident": willing.pk, "since": "2025-03-01"})
    assert response.status_code == 302
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person == willing
    assert own_gallery.contact_since == datetime.date(2025, 3, 1)
    assert AuditEntry.objects.filter(action="set_contact_person").exists()


def test_contact_person_choices_are_willing_residents_of_the_complex(
    client, corporation_staff, corporation, own_gallery, willing, own_resident
):
    ResidentFactory(
        complex=ComplexFactory(corporation=corporation), consent_contact_person=True
    )  # willing, but in another complex
    client.force_login(corporation_staff)
    form = client.get(_url("gallery_contact_person", own_gallery.pk)).context["form"]
    assert list(form.fields["resident"].queryset) == [willing]


def test_resident_of_another_complex_cannot_be_contact_person(
    client, corporation_staff, own_gallery, foreign_resident
):
    foreign_resident.consent_contact_person = True
    foreign_resident.save()
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_contact_person", own_gallery.pk), {"resident": foreign_resident.pk}
    )
    assert response.status_code == 200
    assert "resident" in response.context["form"].errors
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


def test_resident_without_consent_is_not_offered(
    client, corporation_staff, own_gallery, own_resident
):
    client.force_login(corporation_staff)
    response = client.post(
        _url("gallery_contact_person", own_gallery.pk), {"resident": own_resident.pk}
    )
    assert "resident" in response.context["form"].errors
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


def test_empty_choice_clears_the_contact_person(client, corporation_staff, own_gallery, willing):
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=willing, contact_since=datetime.date(2024, 1, 1)
    )
    client.force_login(corporation_staff)
    response = client.post(_url("gallery_contact_person", own_gallery.pk), {"resident": ""})
    assert response.status_code == 302
    own_gallery.refresh_from_db()
    assert (own_gallery.contact_person, own_gallery.contact_since) == (None, None)


def test_professional_cannot_set_contact_person_of_unassigned_complex(
    client, welfare_professional, corporation, willing
):
    unassigned = GalleryFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    url = _url("gallery_contact_person", unassigned.pk)
    assert client.post(url, {"resident": willing.pk}).status_code == 404


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_officials_cannot_set_contact_person(client, request, own_gallery, willing, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = _url("gallery_contact_person", own_gallery.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"resident": willing.pk}).status_code == 403
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None


@pytest.mark.parametrize("count", [3, 30])
def test_contact_person_form_query_count_does_not_grow(
    client, corporation_staff, own_complex, own_gallery, django_assert_max_num_queries, count
):
    ResidentFactory.create_batch(count, complex=own_complex, consent_contact_person=True)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(10):
        response = client.get(_url("gallery_contact_person", own_gallery.pk))
    assert response.status_code == 200
    assert len(response.context["form"].fields["resident"].queryset) == count


@pytest.mark.parametrize("count", [3, 30])
def test_gallery_edit_query_count_does_not_grow(
    client, corporation_staff, own_complex, own_gallery, django_assert_max_num_queries, count
):
    GalleryFactory.create_batch(count, complex=own_complex)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(10):
        response = client.get(_url("gallery_update", own_gallery.pk))
    assert response.status_code == 200
