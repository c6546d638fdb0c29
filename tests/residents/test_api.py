"""The residents' API: head counts, group names, bookings without overlaps, erasure and the
export of a resident, and resident data closed to city-wide roles."""

import datetime

import pytest
from django.utils import timezone

from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from residents.models import Activity, Resident, ResidentGroup, RoomBooking
from tests.complexes.helpers import RESOURCES, _future, _url
from tests.factories import (
    ActivityFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["official", "team_member"])
@pytest.mark.parametrize("resource", [name for name, spec in RESOURCES.items() if spec.personal])
def test_city_wide_roles_get_403_on_resident_data_detail_and_writes(
    request, api_client, role, resource, own_complex
):
    spec = RESOURCES[resource]
    row = spec.make(own_complex)
    field, value = spec.change
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.get(_url(resource, row.pk)).status_code == 403
    assert api_client.patch(_url(resource, row.pk), {field: value}).status_code == 403
    assert api_client.delete(_url(resource, row.pk)).status_code == 403
    assert spec.model.objects.filter(pk=row.pk).exists()


def test_head_count_below_the_named_attendees_is_refused(as_staff, world, own_complex):
    second = ResidentFactory(complex=own_complex)
    payload = {
        **RESOURCES["activities"].payload(world),
        "attendees": [world["resident"].pk, second.pk],
        "head_count": 1,
    }
    response = as_staff.post(_url("activities"), payload, format="json")
    assert response.status_code == 400
    assert "head_count" in response.json()
    assert not Activity.objects.exists()


def test_a_duplicate_group_name_is_refused(as_staff, world, own_complex):
    ResidentGroupFactory(complex=own_complex, name="Trekkersgroep")
    response = as_staff.post(_url("groups"), RESOURCES["groups"].payload(world), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"name"}
    assert ResidentGroup.objects.count() == 1


# Room bookings ----------------------------------------------------------------------------------


def test_overlapping_booking_is_400_on_start(as_staff, own_complex):
    RoomBookingFactory(complex=own_complex, start=_future(10, 10), end=_future(10, 12))
    response = as_staff.post(
        _url("room-bookings"),
        {
            "complex": own_complex.pk,
            "title": "Kaarten",
            "start": _future(10, 11).isoformat(),
            "end": _future(10, 13).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "start" in response.json()
    assert RoomBooking.objects.count() == 1


def test_moving_a_booking_onto_another_is_400_on_start(as_staff, own_complex):
    RoomBookingFactory(complex=own_complex, start=_future(10, 10), end=_future(10, 12))
    later = RoomBookingFactory(complex=own_complex, start=_future(10, 14), end=_future(10, 15))
    response = as_staff.patch(
        _url("room-bookings", later.pk),
        {"start": _future(10, 11).isoformat(), "end": _future(10, 13).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "start" in response.json()
    later.refresh_from_db()
    assert later.start == _future(10, 14)


def test_weekly_booking_creates_the_series(as_staff, own_complex):
    start = _future(7, 10)
    response = as_staff.post(
        _url("room-bookings"),
        {
            "complex": own_complex.pk,
            "title": "Koffie",
            "start": start.isoformat(),
            "end": (start + datetime.timedelta(hours=2)).isoformat(),
            "recurrence": "weekly",
            "until": (start.date() + datetime.timedelta(weeks=3)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["series"]
    assert RoomBooking.objects.filter(series=body["series"]).count() == 4
    assert "recurrence" not in body

    assert (
        as_staff.delete(_url("room-bookings", body["id"]) + "?whole_series=true").status_code == 204
    )
    assert not RoomBooking.objects.exists()


def test_weekly_series_with_one_clash_writes_nothing(as_staff, own_complex):
    start = _future(7, 10)
    RoomBookingFactory(
        complex=own_complex,
        start=start + datetime.timedelta(weeks=2),
        end=start + datetime.timedelta(weeks=2, hours=1),
    )
    response = as_staff.post(
        _url("room-bookings"),
        {
            "complex": own_complex.pk,
            "title": "Koffie",
            "start": start.isoformat(),
            "end": (start + datetime.timedelta(hours=2)).isoformat(),
            "recurrence": "weekly",
            "until": (start.date() + datetime.timedelta(weeks=3)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "start" in response.json()
    assert RoomBooking.objects.count() == 1


# Residents: erasure and export ------------------------------------------------------------------


def test_delete_erases_the_resident_and_keeps_the_counts(as_staff, own_complex, own_resident):
    group = ResidentGroupFactory(complex=own_complex, members=[own_resident])
    activity = ActivityFactory(complex=own_complex, attendees=[own_resident], head_count=5)
    own_resident.gallery.contact_person = own_resident
    own_resident.gallery.contact_since = timezone.localdate()
    own_resident.gallery.save()

    assert as_staff.delete(_url("residents", own_resident.pk)).status_code == 204

    assert not Resident.objects.filter(pk=own_resident.pk).exists()
    group.refresh_from_db()
    activity.refresh_from_db()
    assert group.unnamed_members == 1
    assert activity.head_count == 5
    assert Gallery.objects.get(pk=own_resident.gallery_id).contact_person is None
    assert AuditEntry.objects.filter(action="erase", object_id=str(own_resident.pk)).exists()


def test_export_gives_everything_held_and_is_logged(as_staff, own_complex, own_resident):
    ResidentGroupFactory(complex=own_complex, members=[own_resident], name="Trekkers")
    response = as_staff.get(_url("residents", own_resident.pk, "export/"))
    assert response.status_code == 200
    body = response.json()
    assert body["resident"]["name"] == "Mevrouw Jansen"
    assert [row["group"] for row in body["groups"]] == ["Trekkers"]
    assert AuditEntry.objects.filter(action="export", object_id=str(own_resident.pk)).exists()


def test_export_of_a_foreign_resident_is_404(as_staff, foreign_resident):
    assert as_staff.get(_url("residents", foreign_resident.pk, "export/")).status_code == 404


@pytest.mark.parametrize("role", ["official", "team_member"])
def test_export_is_403_for_city_wide_roles(request, api_client, role, own_resident):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.get(_url("residents", own_resident.pk, "export/")).status_code == 403
