"""The admin keeps the same privacy rules as the screens: officials see whether a gallery has a
contact person but not who, deleting a resident is erasure, and names cross no complex."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group

from complexes.models import Gallery
from leefbaarheid import roles
from residents.models import Resident
from tests.factories import ActivityFactory, ResidentGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_gallery(own_gallery, own_resident):
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=own_resident, contact_since="2025-01-01"
    )
    return own_gallery


def test_official_in_the_admin_sees_no_contact_person_names(client, named_gallery):
    official = UserFactory(role=roles.MUNICIPALITY_OFFICIAL, is_staff=True)
    client.force_login(official)
    listing = client.get("/admin/complexes/gallery/")
    assert listing.status_code == 200
    assert b"Mevrouw Jansen" not in listing.content
    assert client.get("/admin/complexes/gallery/", {"q": "Jansen"}).context["cl"].result_count == 0
    change = client.get(f"/admin/complexes/gallery/{named_gallery.pk}/change/")
    assert b"Mevrouw Jansen" not in change.content
    inline = client.get(f"/admin/complexes/complex/{named_gallery.complex_id}/change/")
    assert b"Mevrouw Jansen" not in inline.content


def test_functional_admin_sees_the_contact_person(client, functional_admin, named_gallery):
    client.force_login(functional_admin)
    assert b"Mevrouw Jansen" in client.get("/admin/complexes/gallery/").content


def test_deleting_a_resident_in_the_admin_is_erasure(client, functional_admin, own_resident):
    group = ResidentGroupFactory(complex=own_resident.complex, members=[own_resident])
    client.force_login(functional_admin)
    response = client.post(f"/admin/residents/resident/{own_resident.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Resident.objects.filter(pk=own_resident.pk).exists()
    group.refresh_from_db()
    assert group.unnamed_members == 1
    assert not LogEntry.objects.filter(object_repr__contains="Jansen").exists()


def test_admin_refuses_attendees_from_another_complex(
    client, functional_admin, own_complex, foreign_resident
):
    activity = ActivityFactory(complex=own_complex, head_count=3)
    client.force_login(functional_admin)
    response = client.post(
        f"/admin/residents/activity/{activity.pk}/change/",
        {
            "complex": own_complex.pk,
            "kind": "coffee",
            "date": activity.date.isoformat(),
            "attendees": [foreign_resident.pk],
            "head_count": 3,
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "attendees" in response.context["adminform"].form.errors
    assert not activity.attendees.exists()


def test_a_user_with_two_roles_cannot_write_records_in_a_foreign_complex(
    api_client, corporation_staff, foreign_complex
):
    # The admin form refuses a second role; should one slip in, the write reach still holds.
    corporation_staff.groups.add(Group.objects.get(name=roles.MUNICIPALITY_OFFICIAL))
    api_client.force_authenticate(corporation_staff)
    response = api_client.post(
        "/api/v1/residents/", {"complex": foreign_complex.pk, "name": "Indringer"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["complex"]
    assert not Resident.objects.filter(name="Indringer").exists()
    assert not Resident.objects.filter(complex=foreign_complex).exists()


def test_a_local_role_bounds_the_reach_of_a_second_city_wide_role(
    client, corporation_staff, own_complex, foreign_complex
):
    corporation_staff.groups.add(Group.objects.get(name=roles.MUNICIPALITY_OFFICIAL))
    client.force_login(corporation_staff)
    assert client.get(f"/complexes/{own_complex.pk}/edit/").status_code == 200
    assert client.get(f"/complexes/{foreign_complex.pk}/").status_code == 404
    response = client.post(
        f"/complexes/{foreign_complex.pk}/galleries/new/", {"name": "Indringer", "floor": 1}
    )
    assert response.status_code == 404
    assert not Gallery.objects.filter(name="Indringer").exists()
