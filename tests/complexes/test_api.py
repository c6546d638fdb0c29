"""The building map's API: token sign-in aside, every resource scoped like the screens, writes
through the services, foreign ids refused without a trace, role permissions, the contract
fields and a fixed query ceiling per list."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from complexes.models import Complex, OccupancySnapshot
from leefbaarheid.models import AuditEntry
from tests.complexes.helpers import RESOURCES, _complex_payload, _future, _url
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentFactory,
    ResidentGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_api_hides_foreign_complex(api_client, corporation_staff, foreign_complex):
    api_client.force_authenticate(corporation_staff)
    assert api_client.get(f"/api/v1/complexes/{foreign_complex.pk}/").status_code == 404


def test_api_professional_sees_assigned_complex_only(
    api_client, welfare_professional, own_complex, foreign_complex
):
    api_client.force_authenticate(welfare_professional)
    ids = [row["id"] for row in api_client.get("/api/v1/complexes/").json()["results"]]
    assert ids == [own_complex.pk]


def test_api_complex_has_contract_fields(api_client, official, own_complex):
    api_client.force_authenticate(official)
    row = api_client.get(f"/api/v1/complexes/{own_complex.pk}/").json()
    contract = {
        "id",
        "name",
        "corporation",
        "district",
        "address",
        "postcode",
        "units",
        "vacant_units",
        "is_senior",
        "is_thuisplus",
        "latitude",
        "longitude",
    }
    assert contract <= set(row)
    assert row["corporation"] == own_complex.corporation_id


def test_reference_data_is_read_only_in_the_api(api_client, functional_admin, corporation):
    api_client.force_authenticate(functional_admin)
    response = api_client.delete(f"/api/v1/corporations/{corporation.pk}/")
    assert response.status_code == 405


def test_admin_deletes_a_complex_through_the_api(api_client, functional_admin, own_complex):
    api_client.force_authenticate(functional_admin)
    assert api_client.delete(f"/api/v1/complexes/{own_complex.pk}/").status_code == 204
    assert not Complex.objects.filter(pk=own_complex.pk).exists()


@pytest.mark.parametrize("count", [3, 30])
def test_api_complex_list_query_count_does_not_grow(
    api_client, official, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count)
    api_client.force_authenticate(official)
    with django_assert_max_num_queries(6):
        response = api_client.get("/api/v1/complexes/")
    assert response.json()["count"] == count


WRITABLE = list(RESOURCES)
NINE = ["corporations", "districts", *WRITABLE]


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# Scoping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional", "functional_admin"])
@pytest.mark.parametrize("resource", WRITABLE)
def test_list_shows_own_rows_and_never_foreign_ones(
    request, api_client, role, resource, own_complex, foreign_complex
):
    spec = RESOURCES[resource]
    own, foreign = spec.make(own_complex), spec.make(foreign_complex)
    api_client.force_authenticate(request.getfixturevalue(role))
    ids = _ids(api_client.get(_url(resource)))
    assert own.pk in ids
    if role == "functional_admin":
        assert foreign.pk in ids
    else:
        assert foreign.pk not in ids


@pytest.mark.parametrize("resource", WRITABLE)
def test_professional_does_not_reach_unassigned_complex_of_the_same_corporation(
    api_client, welfare_professional, corporation, resource
):
    spec = RESOURCES[resource]
    unassigned = spec.make(ComplexFactory(corporation=corporation))
    api_client.force_authenticate(welfare_professional)
    assert unassigned.pk not in _ids(api_client.get(_url(resource)))
    assert api_client.get(_url(resource, unassigned.pk)).status_code == 404


@pytest.mark.parametrize("resource", WRITABLE)
def test_foreign_detail_is_404(as_staff, resource, own_complex, foreign_complex):
    spec = RESOURCES[resource]
    own, foreign = spec.make(own_complex), spec.make(foreign_complex)
    assert as_staff.get(_url(resource, own.pk)).status_code == 200
    assert as_staff.get(_url(resource, foreign.pk)).status_code == 404


@pytest.mark.parametrize("resource", WRITABLE)
def test_foreign_update_and_delete_are_404_and_change_nothing(as_staff, resource, foreign_complex):
    spec = RESOURCES[resource]
    foreign = spec.make(foreign_complex)
    field, value = spec.change
    before = getattr(foreign, field)
    audit_before = AuditEntry.objects.count()

    assert as_staff.patch(_url(resource, foreign.pk), {field: value}).status_code == 404
    assert as_staff.put(_url(resource, foreign.pk), {field: value}).status_code == 404
    assert as_staff.delete(_url(resource, foreign.pk)).status_code == 404

    foreign.refresh_from_db()
    assert getattr(foreign, field) == before
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("resource", WRITABLE)
def test_own_row_can_be_changed_and_deleted(as_staff, resource, own_complex):
    spec = RESOURCES[resource]
    own = spec.make(own_complex)
    field, value = spec.change

    response = as_staff.patch(_url(resource, own.pk), {field: value}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()[field] == value
    own.refresh_from_db()
    assert getattr(own, field) == value

    assert as_staff.delete(_url(resource, own.pk)).status_code == 204
    assert not spec.model.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("resource", WRITABLE)
def test_create_goes_through_the_service(as_staff, world, resource):
    spec = RESOURCES[resource]
    before = spec.model.objects.count()
    response = as_staff.post(_url(resource), spec.payload(world), format="json")
    assert response.status_code == 201, response.content
    assert spec.model.objects.count() == before + 1
    created = response.json()["id"]
    assert AuditEntry.objects.filter(
        model=spec.model._meta.label_lower, object_id=str(created), action="create"
    ).exists()
    assert as_staff.get(_url(resource, created)).json() == response.json()


# Related ids: only what the caller sees, only of the same complex --------------------------------

FOREIGN_RELATED = [
    ("complexes", "corporation", lambda f: f["corporation"]),
    ("galleries", "complex", lambda f: f["complex"]),
    ("galleries", "contact_person", lambda f: f["resident"]),
    ("residents", "complex", lambda f: f["complex"]),
    ("residents", "gallery", lambda f: f["gallery"]),
    ("groups", "complex", lambda f: f["complex"]),
    ("groups", "members", lambda f: [f["resident"]]),
    ("activities", "complex", lambda f: f["complex"]),
    ("activities", "group", lambda f: f["group"]),
    ("activities", "attendees", lambda f: [f["resident"]]),
    ("room-bookings", "complex", lambda f: f["complex"]),
    ("room-bookings", "group", lambda f: f["group"]),
    ("mutual-help", "complex", lambda f: f["complex"]),
    ("mutual-help", "residents", lambda f: [f["resident"]]),
]


@pytest.mark.parametrize(
    ("resource", "field", "pick"),
    FOREIGN_RELATED,
    ids=[f"{resource}-{field}" for resource, field, _ in FOREIGN_RELATED],
)
def test_create_with_a_foreign_related_id_is_400_and_writes_nothing(
    as_staff, world, foreign_complex, foreign_gallery, foreign_resident, resource, field, pick
):
    spec = RESOURCES[resource]
    foreign = {
        "corporation": foreign_complex.corporation_id,
        "complex": foreign_complex.pk,
        "gallery": foreign_gallery.pk,
        "resident": foreign_resident.pk,
        "group": ResidentGroupFactory(complex=foreign_complex).pk,
    }
    payload = {**spec.payload(world), field: pick(foreign)}
    before = spec.model.objects.count()
    audit_before = AuditEntry.objects.count()

    response = as_staff.post(_url(resource), payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert spec.model.objects.count() == before
    assert AuditEntry.objects.count() == audit_before
    # The answer never echoes the foreign object's name.
    assert "Huize Linde" not in response.content.decode()
    assert "Pietersen" not in response.content.decode()


SAME_COMPLEX = [
    ("galleries", "contact_person", lambda o: o["resident"]),
    ("residents", "gallery", lambda o: o["gallery"]),
    ("groups", "members", lambda o: [o["resident"]]),
    ("activities", "group", lambda o: o["group"]),
    ("activities", "attendees", lambda o: [o["resident"]]),
    ("room-bookings", "group", lambda o: o["group"]),
    ("mutual-help", "residents", lambda o: [o["resident"]]),
]


@pytest.mark.parametrize(
    ("resource", "field", "pick"),
    SAME_COMPLEX,
    ids=[f"{resource}-{field}" for resource, field, _ in SAME_COMPLEX],
)
def test_related_objects_must_be_of_the_same_complex(
    as_staff, world, corporation, resource, field, pick
):
    """Visible to the caller, but in another complex of the same corporation: still a 400."""
    spec = RESOURCES[resource]
    elsewhere = ComplexFactory(corporation=corporation)
    other = {
        "resident": ResidentFactory(complex=elsewhere).pk,
        "gallery": GalleryFactory(complex=elsewhere).pk,
        "group": ResidentGroupFactory(complex=elsewhere).pk,
    }
    payload = {**spec.payload(world), field: pick(other)}
    before = spec.model.objects.count()

    response = as_staff.post(_url(resource), payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert spec.model.objects.count() == before


@pytest.mark.parametrize("resource", ["galleries", "residents", "groups", "mutual-help"])
def test_a_record_cannot_move_to_another_complex(as_staff, own_complex, corporation, resource):
    spec = RESOURCES[resource]
    own = spec.make(own_complex)
    elsewhere = ComplexFactory(corporation=corporation)
    response = as_staff.patch(_url(resource, own.pk), {"complex": elsewhere.pk}, format="json")
    assert response.status_code == 400
    assert "complex" in response.json()
    own.refresh_from_db()
    assert own.complex_id == own_complex.pk


def test_staff_cannot_move_a_complex_to_another_corporation(
    as_staff, own_complex, other_corporation, corporation
):
    response = as_staff.patch(
        _url("complexes", own_complex.pk), {"corporation": other_corporation.pk}, format="json"
    )
    assert response.status_code == 400
    assert "corporation" in response.json()
    own_complex.refresh_from_db()
    assert own_complex.corporation_id == corporation.pk


def test_staff_create_their_complex_in_their_own_corporation(as_staff, world, corporation):
    payload = _complex_payload(world)
    del payload["corporation"]
    response = as_staff.post(_url("complexes"), payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["corporation"] == corporation.pk
    created = Complex.objects.get(pk=response.json()["id"])
    assert OccupancySnapshot.objects.filter(complex=created).count() == 1


def test_changing_vacancy_through_the_api_records_occupancy(as_staff, own_complex):
    response = as_staff.patch(_url("complexes", own_complex.pk), {"vacant_units": 9}, format="json")
    assert response.status_code == 200
    assert OccupancySnapshot.objects.get(complex=own_complex).vacant_units == 9


# Permissions per role ---------------------------------------------------------------------------

ROLES = [
    "corporation_staff",
    "welfare_professional",
    "official",
    "team_member",
    "functional_admin",
    "user_without_role",
]


def _may(role: str, resource: str) -> tuple[bool, bool]:
    """(may read, may create) per DESIGN.md's table "Who may do what"."""
    personal = RESOURCES[resource].personal if resource in RESOURCES else False
    if role == "user_without_role":
        return False, False
    if role in ("corporation_staff", "functional_admin"):
        return True, resource in RESOURCES
    if role == "welfare_professional":
        return True, personal
    return not personal, False  # official, intervention team: buildings only, read only


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", NINE)
def test_permission_matrix(request, api_client, world, role, resource):
    may_read, may_create = _may(role, resource)
    api_client.force_authenticate(request.getfixturevalue(role))

    listed = api_client.get(_url(resource))
    assert listed.status_code == (200 if may_read else 403)

    if resource not in RESOURCES:
        # Reference data is written in the admin: a 405 for the admin, a 403 for the others.
        expected = 405 if role == "functional_admin" else 403
        assert api_client.post(_url(resource), {"name": "X"}).status_code == expected
        return
    spec = RESOURCES[resource]
    before = spec.model.objects.count()
    created = api_client.post(_url(resource), spec.payload(world), format="json")
    assert created.status_code == (201 if may_create else 403), created.content
    assert spec.model.objects.count() == before + (1 if may_create else 0)


@pytest.mark.parametrize("resource", ["complexes", "galleries"])
def test_professional_reads_but_does_not_change_buildings(
    api_client, welfare_professional, own_complex, resource
):
    spec = RESOURCES[resource]
    row = spec.make(own_complex)
    field, value = spec.change
    api_client.force_authenticate(welfare_professional)
    assert api_client.get(_url(resource, row.pk)).status_code == 200
    assert api_client.patch(_url(resource, row.pk), {field: value}).status_code == 403
    assert api_client.delete(_url(resource, row.pk)).status_code == 403


# Bad input: a 400 naming the field, nothing written ----------------------------------------------

BAD_INPUT = [
    ("complexes", {"vacant_units": 99, "units": 10}, "vacant_units"),
    ("complexes", {"postcode": "12345"}, "postcode"),
    ("galleries", {"floor": 99}, "floor"),
    ("residents", {"birth_year": timezone.localdate().year + 1}, "birth_year"),
    ("residents", {"household": "unknown"}, "household"),
    ("groups", {"kind": "book_club"}, "kind"),
    ("activities", {"head_count": -1}, "head_count"),
    ("activities", {"date": "31-12-2025"}, "date"),
    ("room-bookings", {"end": _future(200, 13).isoformat()}, "end"),
    ("room-bookings", {"recurrence": "weekly"}, "until"),
    ("room-bookings", {"recurrence": "daily"}, "recurrence"),
    ("mutual-help", {"residents": [], "people_count": 0}, "people_count"),
    ("mutual-help", {"kind": "gardening"}, "kind"),
]


@pytest.mark.parametrize(
    ("resource", "changes", "field"),
    BAD_INPUT,
    ids=[f"{resource}-{field}" for resource, _, field in BAD_INPUT],
)
def test_bad_input_is_a_field_error_and_writes_nothing(as_staff, world, resource, changes, field):
    spec = RESOURCES[resource]
    before = spec.model.objects.count()
    audit_before = AuditEntry.objects.count()
    response = as_staff.post(_url(resource), {**spec.payload(world), **changes}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert spec.model.objects.count() == before
    assert AuditEntry.objects.count() == audit_before


# Filters match the list screens ---------------------------------------------------------------


@pytest.mark.parametrize("resource", WRITABLE[1:])
def test_complex_filter_narrows_the_list(as_staff, resource, own_complex, corporation):
    spec = RESOURCES[resource]
    here = spec.make(own_complex)
    elsewhere = spec.make(ComplexFactory(corporation=corporation))
    ids = _ids(as_staff.get(_url(resource), {"complex": own_complex.pk}))
    assert here.pk in ids
    assert elsewhere.pk not in ids


@pytest.mark.parametrize("resource", WRITABLE[1:])
def test_filtering_by_a_foreign_complex_is_refused(as_staff, resource, foreign_complex):
    RESOURCES[resource].make(foreign_complex)
    response = as_staff.get(_url(resource), {"complex": foreign_complex.pk})
    assert response.status_code == 400
    assert "complex" in response.json()


def test_complex_filters_of_the_list_screen(as_staff, corporation):
    gap = ComplexFactory(corporation=corporation, name="Met gat")
    GalleryFactory(complex=gap)
    ComplexFactory(corporation=corporation, name="Zonder galerijen")
    response = as_staff.get(_url("complexes"), {"without_contact": "true"})
    assert [row["name"] for row in response.json()["results"]] == ["Met gat"]


# Query ceilings ---------------------------------------------------------------------------------


def _rows(resource: str, complex_, count: int) -> None:
    """``count`` rows in a complex, each with two named residents where the resource has any."""
    if resource == "complexes":
        ComplexFactory.create_batch(count, corporation=complex_.corporation)
        return
    residents = ResidentFactory.create_batch(2, complex=complex_)
    for _ in range(count):
        if resource == "groups":
            ResidentGroupFactory(complex=complex_, members=residents)
        elif resource == "activities":
            ActivityFactory(complex=complex_, attendees=residents)
        elif resource == "mutual-help":
            MutualHelpFactory(complex=complex_, residents=residents)
        elif resource == "residents":
            ResidentFactory(complex=complex_, gallery=GalleryFactory(complex=complex_))
        else:
            RESOURCES[resource].make(complex_)


# count, the page, and one query per many-to-many of ids: never one per row.
LIST_CEILING = 3


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("resource", WRITABLE)
def test_list_query_count_does_not_grow(
    as_staff, corporation_staff, own_complex, django_assert_max_num_queries, resource, count
):
    _rows(resource, own_complex, count)
    expected = RESOURCES[resource].model.objects.visible_to(corporation_staff).count()
    as_staff.get(_url(resource))  # warm the role and permission caches of the user
    with django_assert_max_num_queries(LIST_CEILING):
        response = as_staff.get(_url(resource))
    assert response.json()["count"] == expected


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("resource", ["corporations", "districts"])
def test_reference_list_query_count_does_not_grow(
    api_client, official, django_assert_max_num_queries, resource, count
):
    ComplexFactory.create_batch(count)
    api_client.force_authenticate(official)
    api_client.get(_url(resource))
    with django_assert_max_num_queries(LIST_CEILING):
        response = api_client.get(_url(resource))
    assert response.json()["count"] >= count


# Token, schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", WRITABLE)
def test_token_authenticates_every_resource(api_client, corporation_staff, own_complex, resource):
    own = RESOURCES[resource].make(own_complex)
    token = Token.objects.create(user=corporation_staff)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get(_url(resource))
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert own.pk in _ids(response)


def test_a_bad_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token nietgeldig")
    assert api_client.get(_url("residents")).status_code == 401


def test_schema_lists_all_nine_resources(api_client, official):
    api_client.force_authenticate(official)
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in NINE:
        assert f"/api/v1/{resource}/" in paths, resource
        assert f"/api/v1/{resource}/{{id}}/" in paths, resource
    assert "/api/v1/residents/{id}/export/" in paths
    assert "/api/v1/galleries/{id}/contact-person/" in paths
    assert "post" in paths["/api/v1/room-bookings/"]


CONTRACT = {
    "complexes": {"id", "name", "corporation", "district", "address", "postcode", "units"}
    | {"vacant_units", "is_senior", "is_thuisplus", "latitude", "longitude", "year_built"}
    | {"has_communal_room", "room_managed_by", "room_opening_hours", "room_key_holders"},
    "galleries": {"id", "complex", "name", "floor", "homes", "contact_person", "contact_since"},
    "residents": {"id", "complex", "gallery", "name", "birth_year", "household", "moved_in"}
    | {"language", "consent_contact_person", "age_band"},
    "groups": {"id", "complex", "name", "kind", "members", "unnamed_members", "active"},
    "activities": {"id", "complex", "group", "kind", "date", "attendees", "head_count"},
    "room-bookings": {"id", "complex", "group", "start", "end", "status"}
    | {"title", "resident", "series"},
    "mutual-help": {"id", "complex", "month", "kind", "residents", "people_count"}
    | {"recorded_by"},
}


@pytest.mark.parametrize("resource", WRITABLE)
def test_rows_carry_the_contract_fields(as_staff, own_complex, resource):
    row = RESOURCES[resource].make(own_complex)
    body = as_staff.get(_url(resource, row.pk)).json()
    assert CONTRACT[resource] <= set(body)
    if resource != "complexes":
        assert body["complex"] == own_complex.pk


def test_many_to_many_fields_are_lists_of_ids(as_staff, own_complex, own_resident):
    group = ResidentGroupFactory(complex=own_complex, members=[own_resident])
    assert as_staff.get(_url("groups", group.pk)).json()["members"] == [own_resident.pk]
    resident = as_staff.get(_url("residents", own_resident.pk)).json()
    assert resident["age_band"] == "75_plus"  # born 1948


def test_service_errors_keep_their_field_and_whole_record_errors_become_non_field():
    from django.core.exceptions import ValidationError

    from leefbaarheid.api.base import drf_validation_error

    on_field = drf_validation_error(ValidationError({"start": "bezet", "__all__": "fout"}))
    assert set(on_field.detail) == {"start", "non_field_errors"}
    plain = drf_validation_error(ValidationError("fout"))
    assert set(plain.detail) == {"non_field_errors"}


def test_a_duplicate_complex_name_is_an_error_on_name(api_client, corporation_staff, own_complex):
    api_client.force_authenticate(corporation_staff)
    payload = {
        "name": own_complex.name,
        "district": own_complex.district_id,
        "address": "Kade 2",
        "postcode": "3011 AB",
        "units": 30,
    }
    response = api_client.post("/api/v1/complexes/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"name"}
