"""A resident's privacy rights: an export of everything held, and erasure that keeps the counts."""

import datetime
import json

import pytest
from django.urls import reverse

from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from residents.models import Activity, Membership, MutualHelp, Resident, ResidentGroup
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
)

pytestmark = pytest.mark.django_db


def _export(pk):
    return reverse("residents:resident_export", args=[pk])


def _erase(pk):
    return reverse("residents:resident_erase", args=[pk])


@pytest.fixture
def full_record(own_complex, own_gallery, own_resident):
    """The resident as contact person, group member, attendee, helper and visited."""
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=own_resident, contact_since=datetime.date(2024, 1, 1)
    )
    neighbour = ResidentFactory(complex=own_complex, name="Buurvrouw")
    group = ResidentGroupFactory(
        complex=own_complex, name="Vrouwengroep", members=[own_resident, neighbour]
    )
    activity = ActivityFactory(
        complex=own_complex, head_count=2, attendees=[own_resident, neighbour]
    )
    help_ = MutualHelpFactory(complex=own_complex, people_count=2, residents=[own_resident])
    ResidentContactFactory(resident=own_resident)
    return {"group": group, "activity": activity, "help": help_, "neighbour": neighbour}


# Export ----------------------------------------------------------------------------------------


def test_owner_downloads_everything_held_as_json(
    client, corporation_staff, own_resident, full_record
):
    client.force_login(corporation_staff)
    response = client.get(_export(own_resident.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="resident-{own_resident.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["resident"]["name"] == "Mevrouw Jansen"
    assert data["contact_person_for"] == ["Galerij A"]
    assert [group["group"] for group in data["groups"]] == ["Vrouwengroep"]
    assert len(data["activities"]) == len(data["mutual_help"]) == len(data["contacts"]) == 1
    entry = AuditEntry.objects.get(action="export")
    assert (entry.model, entry.object_id, entry.user) == (
        "residents.resident",
        str(own_resident.pk),
        corporation_staff,
    )


def test_it_rejects_exporting_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    assert client.get(_export(foreign_resident.pk)).status_code == 404


def test_professional_exports_only_assigned_residents(
    client, welfare_professional, own_resident, corporation
):
    unassigned = ResidentFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.get(_export(own_resident.pk)).status_code == 200
    assert client.get(_export(unassigned.pk)).status_code == 404


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_roles_without_personal_data_cannot_export_or_erase(
    client, request, role_fixture, own_resident
):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(_export(own_resident.pk)).status_code == 403
    assert client.get(_erase(own_resident.pk)).status_code == 403
    assert client.post(_erase(own_resident.pk)).status_code == 403
    assert Resident.objects.filter(pk=own_resident.pk).exists()


# Erasure ---------------------------------------------------------------------------------------


def test_erase_asks_for_confirmation_first(client, corporation_staff, own_resident, full_record):
    client.force_login(corporation_staff)
    response = client.get(_erase(own_resident.pk))
    assert response.status_code == 200
    assert response.context["group_count"] == 1
    assert Resident.objects.filter(pk=own_resident.pk).exists()


def test_erasure_keeps_head_counts_and_cleans_groups_and_galleries(
    client, corporation_staff, own_gallery, own_resident, full_record
):
    client.force_login(corporation_staff)
    response = client.post(_erase(own_resident.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:resident_list")
    assert not Resident.objects.filter(pk=own_resident.pk).exists()

    activity = Activity.objects.get(pk=full_record["activity"].pk)
    assert activity.head_count == 2
    assert list(activity.attendees.all()) == [full_record["neighbour"]]
    help_ = MutualHelp.objects.get(pk=full_record["help"].pk)
    assert help_.people_count == 2
    assert help_.residents.count() == 0

    group = ResidentGroup.objects.get(pk=full_record["group"].pk)
    assert group.unnamed_members == 1
    assert list(Membership.objects.values_list("resident", flat=True)) == [
        full_record["neighbour"].pk
    ]
    own_gallery.refresh_from_db()
    assert (own_gallery.contact_person, own_gallery.contact_since) == (None, None)


def test_erasure_is_audited_without_the_name(client, corporation_staff, own_resident):
    client.force_login(corporation_staff)
    client.post(_erase(own_resident.pk))
    entry = AuditEntry.objects.get(action="erase")
    assert (entry.model, entry.object_id, entry.complex_id, entry.user) == (
        "residents.resident",
        str(own_resident.pk),
        own_resident.complex_id,
        corporation_staff,
    )
    stored = json.dumps([entry.model, entry.object_id, entry.fields, str(entry)])
    assert "Jansen" not in stored


def test_it_rejects_erasing_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    assert client.get(_erase(foreign_resident.pk)).status_code == 404
    assert client.post(_erase(foreign_resident.pk)).status_code == 404
    assert Resident.objects.filter(pk=foreign_resident.pk).exists()
    assert not AuditEntry.objects.filter(action="erase").exists()


def test_professional_erases_only_assigned_residents(
    client, welfare_professional, own_resident, corporation
):
    unassigned = ResidentFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.post(_erase(unassigned.pk)).status_code == 404
    assert client.post(_erase(own_resident.pk)).status_code == 302
    assert list(Resident.objects.all()) == [unassigned]


def test_export_and_erase_pages_keep_a_fixed_number_of_queries(
    client, corporation_staff, own_complex, own_resident, django_assert_max_num_queries
):
    client.force_login(corporation_staff)
    for count in (3, 30):
        ActivityFactory.create_batch(count, complex=own_complex, attendees=[own_resident])
        with django_assert_max_num_queries(20):
            assert client.get(_erase(own_resident.pk)).status_code == 200
        with django_assert_max_num_queries(20):
            assert client.get(_export(own_resident.pk)).status_code == 200
