"""Erasing a resident leaves their name nowhere in Django's admin log: not in the entries about
the records that show the name (a membership is "<name> – <group>"), not in another record's
change message (a membership added inline on the group's page)."""

import json

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db.models import Q
from django.urls import reverse

from residents import services
from residents.models import Resident
from tests.factories import (
    ActivityFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db


def _naming(name):
    escaped = json.dumps(name)[1:-1]
    return LogEntry.objects.filter(
        Q(object_repr__contains=name)
        | Q(change_message__contains=name)
        | Q(change_message__contains=escaped)
    )


def test_a_membership_added_in_the_admin_leaves_no_name_after_erasure(
    client, functional_admin, own_resident
):
    group = ResidentGroupFactory(complex=own_resident.complex, name="Bewonerscommissie")
    client.force_login(functional_admin)
    response = client.post(
        "/admin/residents/membership/add/",
        {"group": group.pk, "resident": own_resident.pk, "joined": "2026-01-05"},
    )
    assert response.status_code == 302
    assert _naming("Mevrouw Jansen").exists()
    client.post(reverse("residents:resident_erase", args=[own_resident.pk]))
    assert not Resident.objects.filter(pk=own_resident.pk).exists()
    assert not _naming("Mevrouw Jansen").exists()


def test_a_membership_added_on_the_groups_page_leaves_no_name(functional_admin, own_complex):
    resident = ResidentFactory(complex=own_complex, name="Mevrouw Öztürk")
    group = ResidentGroupFactory(complex=own_complex, name="Trekkers", members=[resident])
    membership = group.memberships.get()
    # What the admin writes when a row is added in the group's inline: one entry for the group.
    LogEntry.objects.log_actions(
        functional_admin.pk,
        [group],
        CHANGE,
        change_message=[{"added": {"name": "lidmaatschap", "object": str(membership)}}],
    )
    entry = LogEntry.objects.get()
    assert "Öztürk" not in entry.change_message  # the admin stores it escaped
    services.resident_erase(resident=resident, user=functional_admin)
    assert not _naming("Mevrouw Öztürk").exists()


# Every record that points at a resident, one of each. A new relation to Resident fails the
# test below until it is added here, so a new record showing the name cannot be forgotten.
def _build(resident):
    group = ResidentGroupFactory(complex=resident.complex, name="Koffieclub", members=[resident])
    return {
        "complexes.gallery": GalleryFactory(
            complex=resident.complex, contact_person=resident, contact_since=today()
        ),
        "residents.residentgroup": group,
        "residents.membership": group.memberships.get(),
        "residents.activity": ActivityFactory(complex=resident.complex, attendees=[resident]),
        "residents.roombooking": RoomBookingFactory(
            complex=resident.complex, resident=resident, title=f"Verjaardag {resident.name}"
        ),
        "residents.mutualhelp": MutualHelpFactory(complex=resident.complex, residents=[resident]),
        "residents.residentcontact": ResidentContactFactory(
            resident=resident, made_by=ResidentFactory(complex=resident.complex)
        ),
    }


def test_every_record_that_shows_the_name_is_forgotten(functional_admin, own_resident):
    records = _build(own_resident)
    pointing = {
        relation.related_model._meta.label_lower
        for relation in Resident._meta.get_fields()
        if relation.is_relation and relation.auto_created and not relation.concrete
    }
    assert set(records) == pointing
    for record in records.values():
        LogEntry.objects.log_actions(functional_admin.pk, [record], ADDITION)
    showing = {label for label, record in records.items() if own_resident.name in str(record)}
    assert showing == {"residents.membership", "residents.roombooking"}

    services.resident_erase(resident=own_resident, user=functional_admin)

    assert not _naming(own_resident.name).exists()
    # Entries about records that do not show the name stay.
    kept = {entry.content_type.model for entry in LogEntry.objects.all()}
    assert kept == {"gallery", "residentgroup", "activity", "mutualhelp", "residentcontact"}


def test_a_membership_deleted_before_the_erasure_leaves_no_name(functional_admin, own_resident):
    group = ResidentGroupFactory(complex=own_resident.complex, members=[own_resident])
    membership = group.memberships.get()
    LogEntry.objects.log_actions(functional_admin.pk, [membership], ADDITION)
    membership.delete()
    services.resident_erase(resident=own_resident, user=functional_admin)
    assert not _naming(own_resident.name).exists()


def test_erasure_leaves_other_residents_entries(functional_admin, own_resident):
    neighbour = ResidentFactory(complex=own_resident.complex, name="Meneer de Vries")
    group = ResidentGroupFactory(complex=own_resident.complex, members=[own_resident, neighbour])
    LogEntry.objects.log_actions(functional_admin.pk, list(group.memberships.all()), ADDITION)
    services.resident_erase(resident=own_resident, user=functional_admin)
    assert [entry.object_repr for entry in LogEntry.objects.all()] == [
        f"Meneer de Vries – {group.name}"
    ]
