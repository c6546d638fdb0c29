"""Occupancy history screens: list, add, edit and delete snapshots of a complex."""

import datetime

import pytest
from django.urls import reverse

from complexes.models import OccupancySnapshot
from tests.factories import ComplexFactory, OccupancySnapshotFactory

pytestmark = pytest.mark.django_db


def _url(name: str, pk: int) -> str:
    return reverse(f"complexes:{name}", args=[pk])


@pytest.fixture
def own_snapshot(own_complex):
    return OccupancySnapshotFactory(
        complex=own_complex, date=datetime.date(2025, 1, 1), units=60, vacant_units=3
    )


@pytest.fixture
def foreign_snapshot(foreign_complex):
    return OccupancySnapshotFactory(complex=foreign_complex, date=datetime.date(2025, 1, 1))


def _data(**overrides) -> dict:
    return {"date": "2025-06-01", "units": 60, "vacant_units": 4, "new_tenants": 2, **overrides}


@pytest.mark.parametrize(
    "role_fixture", ["corporation_staff", "welfare_professional", "official", "team_member"]
)
def test_roles_that_see_the_complex_see_its_history(
    client, request, own_snapshot, foreign_snapshot, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(_url("occupancy_list", own_snapshot.complex_id))
    assert response.status_code == 200
    assert [row.record for row in response.context["table"].paginated_rows] == [own_snapshot]


def test_it_rejects_foreign_history(client, corporation_staff, foreign_snapshot):
    client.force_login(corporation_staff)
    assert client.get(_url("occupancy_list", foreign_snapshot.complex_id)).status_code == 404


def test_professional_gets_404_for_unassigned_complex(
    client, welfare_professional, foreign_snapshot
):
    client.force_login(welfare_professional)
    assert client.get(_url("occupancy_list", foreign_snapshot.complex_id)).status_code == 404


def test_staff_adds_a_snapshot(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    url = _url("occupancy_create", own_complex.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, _data())
    assert response.status_code == 302
    snapshot = own_complex.snapshots.get()
    assert (snapshot.date, snapshot.vacant_units, snapshot.new_tenants) == (
        datetime.date(2025, 6, 1),
        4,
        2,
    )


def test_vacant_above_units_is_a_field_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(
        _url("occupancy_create", own_complex.pk), _data(units=10, vacant_units=11)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["vacant_units"]
    assert not own_complex.snapshots.exists()


def test_a_second_snapshot_on_the_same_date_is_a_field_error(
    client, corporation_staff, own_snapshot
):
    client.force_login(corporation_staff)
    response = client.post(
        _url("occupancy_create", own_snapshot.complex_id), _data(date="2025-01-01", units=99)
    )
    assert list(response.context["form"].errors) == ["date"]
    own_snapshot.refresh_from_db()
    assert own_snapshot.units == 60


def test_staff_edits_a_snapshot(client, corporation_staff, own_snapshot):
    client.force_login(corporation_staff)
    url = _url("occupancy_update", own_snapshot.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, _data(date="2025-01-01", vacant_units=7)).status_code == 302
    own_snapshot.refresh_from_db()
    assert own_snapshot.vacant_units == 7


def test_edit_with_vacant_above_units_writes_nothing(client, corporation_staff, own_snapshot):
    client.force_login(corporation_staff)
    response = client.post(
        _url("occupancy_update", own_snapshot.pk), _data(units=5, vacant_units=6)
    )
    assert "vacant_units" in response.context["form"].errors
    own_snapshot.refresh_from_db()
    assert (own_snapshot.units, own_snapshot.vacant_units) == (60, 3)


def test_staff_deletes_a_snapshot(client, corporation_staff, own_snapshot):
    client.force_login(corporation_staff)
    url = _url("occupancy_delete", own_snapshot.pk)
    assert client.get(url).status_code == 200
    assert OccupancySnapshot.objects.filter(pk=own_snapshot.pk).exists()
    assert client.post(url).status_code == 302
    assert not OccupancySnapshot.objects.filter(pk=own_snapshot.pk).exists()


@pytest.mark.parametrize("name", ["occupancy_update", "occupancy_delete"])
def test_it_rejects_foreign_snapshot(client, corporation_staff, foreign_snapshot, name):
    client.force_login(corporation_staff)
    url = _url(name, foreign_snapshot.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, _data(vacant_units=0)).status_code == 404
    assert OccupancySnapshot.objects.filter(pk=foreign_snapshot.pk, vacant_units=3).exists()


def test_it_rejects_adding_to_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    url = _url("occupancy_create", foreign_complex.pk)
    assert client.post(url, _data()).status_code == 404
    assert not foreign_complex.snapshots.exists()


@pytest.mark.parametrize("role_fixture", ["welfare_professional", "official", "team_member"])
def test_read_only_roles_cannot_write_snapshots(client, request, own_snapshot, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    create = _url("occupancy_create", own_snapshot.complex_id)
    assert client.get(create).status_code == 403
    assert client.post(create, _data()).status_code == 403
    for name in ("occupancy_update", "occupancy_delete"):
        assert client.post(_url(name, own_snapshot.pk), _data()).status_code == 403
    assert list(OccupancySnapshot.objects.all()) == [own_snapshot]
    own_snapshot.refresh_from_db()
    assert own_snapshot.vacant_units == 3


def test_read_only_roles_see_no_edit_buttons(client, official, own_snapshot):
    client.force_login(official)
    content = client.get(_url("occupancy_list", own_snapshot.complex_id)).content.decode()
    assert _url("occupancy_update", own_snapshot.pk) not in content
    assert _url("occupancy_create", own_snapshot.complex_id) not in content


@pytest.mark.parametrize("count", [3, 30])
def test_history_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    OccupancySnapshotFactory.create_batch(count, complex=own_complex)
    ComplexFactory.create_batch(count, corporation=own_complex.corporation)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(12):
        response = client.get(_url("occupancy_list", own_complex.pk))
    assert response.status_code == 200
    newest = own_complex.snapshots.order_by("-date").first()
    assert _url("occupancy_update", newest.pk) in response.content.decode()


def test_empty_history_has_an_empty_text(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.get(_url("occupancy_list", own_complex.pk))
    assert response.status_code == 200
    assert response.context["table"].empty_text


def test_history_rounds_vacancy_half_up(client, corporation_staff, own_complex):
    # 1 of 63 is 1.587 % (was truncated to 1.5); 1 of 16 is 6.25 % (half up: 6.3).
    OccupancySnapshotFactory(
        complex=own_complex, date=datetime.date(2025, 1, 1), units=63, vacant_units=1
    )
    OccupancySnapshotFactory(
        complex=own_complex, date=datetime.date(2025, 2, 1), units=16, vacant_units=1
    )
    client.force_login(corporation_staff)
    rows = client.get(_url("occupancy_list", own_complex.pk)).context["table"].rows
    assert [row.get_cell("vacancy").replace(",", ".") for row in rows] == ["6.3", "1.6"]
