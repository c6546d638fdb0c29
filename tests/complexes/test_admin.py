"""The admin of the building map: every model registered, scoped like the screens, audit log
read-only."""

import datetime

import pytest
from django.contrib import admin
from django.utils import timezone

from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from residents.models import RoomBooking
from tests.factories import (
    ActivityFactory,
    MutualHelpFactory,
    OccupancySnapshotFactory,
    ResidentContactFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The contract: every model of the building map has an admin, spelled out here.
MODELS = [
    "complexes.corporation",
    "complexes.district",
    "complexes.complex",
    "complexes.gallery",
    "complexes.occupancysnapshot",
    "residents.resident",
    "residents.residentgroup",
    "residents.membership",
    "residents.activity",
    "residents.roombooking",
    "residents.mutualhelp",
    "residents.residentcontact",
    "leefbaarheid.auditentry",
]


def _url(label: str, action: str = "changelist", *args) -> str:
    app_label, model = label.split(".")
    from django.urls import reverse

    return reverse(f"admin:{app_label}_{model}_{action}", args=args)


@pytest.fixture
def building(own_complex, foreign_complex, own_resident, foreign_resident):
    """One of everything on both sides of the corporation line."""
    made = {}
    for side, complex_, resident in (
        ("own", own_complex, own_resident),
        ("foreign", foreign_complex, foreign_resident),
    ):
        group = ResidentGroupFactory(complex=complex_, name=f"Commissie {side}", members=[resident])
        made[side] = {
            "complexes.complex": complex_,
            "complexes.gallery": resident.gallery,
            "complexes.occupancysnapshot": OccupancySnapshotFactory(complex=complex_),
            "residents.resident": resident,
            "residents.residentgroup": group,
            "residents.membership": group.memberships.get(),
            "residents.activity": ActivityFactory(complex=complex_, attendees=[resident]),
            "residents.roombooking": RoomBookingFactory(complex=complex_),
            "residents.mutualhelp": MutualHelpFactory(complex=complex_, residents=[resident]),
            "residents.residentcontact": ResidentContactFactory(resident=resident),
        }
    return made


@pytest.fixture
def staff_member(corporation_staff):
    """Corporation staff let into the admin."""
    corporation_staff.is_staff = True
    corporation_staff.save()
    return corporation_staff


def test_every_model_of_the_building_map_is_registered():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("label", MODELS)
def test_functional_admin_opens_every_changelist(client, functional_admin, building, label):
    client.force_login(functional_admin)
    assert client.get(_url(label)).status_code == 200
    if label in building["own"]:
        own = building["own"][label]
        assert client.get(_url(label, "change", own.pk)).status_code == 200


@pytest.mark.parametrize("label", MODELS)
def test_superuser_sees_every_row(client, building, label):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.get(_url(label))
    assert response.status_code == 200
    if label in building["own"]:
        shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
        assert {building["own"][label].pk, building["foreign"][label].pk} <= shown


# The models that hang off a complex (the reference data and audit log are not per corporation).
LOCAL_MODELS = MODELS[2:-1]


@pytest.mark.parametrize("label", LOCAL_MODELS)
def test_it_shows_corporation_staff_only_their_own_rows(client, staff_member, building, label):
    client.force_login(staff_member)
    response = client.get(_url(label))
    assert response.status_code == 200
    shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert building["own"][label].pk in shown
    assert building["foreign"][label].pk not in shown


@pytest.mark.parametrize("label", ["complexes.complex", "residents.resident", "complexes.gallery"])
def test_it_treats_a_foreign_change_page_as_missing(client, staff_member, building, label):
    client.force_login(staff_member)
    assert client.get(_url(label, "change", building["own"][label].pk)).status_code == 200
    foreign = building["foreign"][label]
    response = client.get(_url(label, "change", foreign.pk))
    # The admin answers a missing object with a redirect to its index, never the object.
    assert response.status_code in (302, 404)
    assert foreign._meta.model.objects.filter(pk=foreign.pk).exists()
    assert client.post(_url(label, "delete", foreign.pk), {"post": "yes"}).status_code in (302, 404)
    assert foreign._meta.model.objects.filter(pk=foreign.pk).exists()


def test_professional_sees_only_assigned_complexes(client, welfare_professional, building):
    welfare_professional.is_staff = True
    welfare_professional.save()
    client.force_login(welfare_professional)
    response = client.get(_url("residents.resident"))
    shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert shown == {building["own"]["residents.resident"].pk}


def test_official_cannot_open_personal_records(client, official, building):
    official.is_staff = True
    official.save()
    client.force_login(official)
    assert client.get(_url("residents.resident")).status_code == 403
    assert client.get(_url("complexes.complex")).status_code == 200


def test_choice_lists_in_admin_forms_are_scoped(client, staff_member, building, own_complex):
    client.force_login(staff_member)
    response = client.get(_url("complexes.gallery", "add"))
    form = response.context["adminform"].form
    assert set(form.fields["complex"].queryset) == {own_complex}
    assert set(form.fields["contact_person"].queryset) == {building["own"]["residents.resident"]}
    response = client.get(_url("residents.activity", "add"))
    form = response.context["adminform"].form
    assert list(form.fields["attendees"].queryset) == [building["own"]["residents.resident"]]
    assert list(form.fields["group"].queryset) == [building["own"]["residents.residentgroup"]]
    complex_form = client.get(_url("complexes.complex", "add")).context["adminform"].form
    assert list(complex_form.fields["corporation"].queryset) == [own_complex.corporation]


def test_a_foreign_complex_cannot_be_chosen(client, staff_member, building, foreign_complex):
    client.force_login(staff_member)
    before = Gallery.objects.count()
    response = client.post(
        _url("complexes.gallery", "add"),
        {"complex": foreign_complex.pk, "name": "Galerij Z", "floor": 3, "homes": 10},
    )
    assert response.status_code == 200
    assert "complex" in response.context["adminform"].form.errors
    assert Gallery.objects.count() == before


def test_admin_saves_are_audit_logged(client, staff_member, own_complex):
    client.force_login(staff_member)
    response = client.post(
        _url("complexes.gallery", "add"),
        {"complex": own_complex.pk, "name": "Galerij Z", "floor": 3, "homes": 10},
    )
    assert response.status_code == 302
    gallery = Gallery.objects.get(name="Galerij Z")
    entry = AuditEntry.objects.get(model="complexes.gallery", object_id=str(gallery.pk))
    assert entry.action == "create" and entry.user == staff_member
    assert entry.complex_id == own_complex.pk


def test_overlapping_booking_is_refused_in_the_admin(client, staff_member, building, own_complex):
    client.force_login(staff_member)
    existing = building["own"]["residents.roombooking"]
    start = timezone.localtime(existing.start) + datetime.timedelta(minutes=30)
    before = RoomBooking.objects.count()
    response = client.post(
        _url("residents.roombooking", "add"),
        {
            "complex": own_complex.pk,
            "title": "Bingo",
            "start_0": start.strftime("%Y-%m-%d"),
            "start_1": start.strftime("%H:%M:%S"),
            "end_0": start.strftime("%Y-%m-%d"),
            "end_1": (start + datetime.timedelta(hours=1)).strftime("%H:%M:%S"),
            "status": "confirmed",
        },
    )
    assert response.status_code == 200
    assert "start" in response.context["adminform"].form.errors
    assert RoomBooking.objects.count() == before


def test_audit_log_is_read_only(client, functional_admin, own_complex):
    entry = AuditEntry.objects.create(
        action="update", model="complexes.complex", object_id=str(own_complex.pk)
    )
    client.force_login(functional_admin)
    label = "leefbaarheid.auditentry"
    assert client.get(_url(label)).status_code == 200
    assert client.get(_url(label, "add")).status_code == 403
    assert client.post(_url(label, "change", entry.pk), {"action": "delete"}).status_code == 403
    assert client.post(_url(label, "delete", entry.pk), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "update"


def test_corporation_staff_do_not_see_the_audit_log(client, staff_member):
    client.force_login(staff_member)
    assert client.get(_url("leefbaarheid.auditentry")).status_code == 403
