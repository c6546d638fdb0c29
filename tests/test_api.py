"""The REST API: token sign-in, scoping of the resources, the schema and the docs."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from complexes.models import Complex
from tests.factories import PASSWORD, ComplexFactory

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_valid_credentials(api_client, official):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "gerrit", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=official).key}


def test_token_is_refused_for_wrong_password(api_client, official):
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": "gerrit", "password": "fout"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert "Kan niet inloggen" in response.json()["non_field_errors"][0]


def test_token_request_names_missing_field_in_dutch(api_client, db):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "gerrit"}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert response.json()["password"] == ["Dit veld is vereist."]


def test_token_authenticates_later_calls(api_client, corporation_staff, own_complex):
    token = Token.objects.create(user=corporation_staff)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get("/api/v1/complexes/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [row["name"] for row in body["results"]] == ["De Meidoorn"]


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


def test_user_without_role_gets_403(api_client, user_without_role):
    api_client.force_authenticate(user_without_role)
    assert api_client.get("/api/v1/complexes/").status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_api_complex_list_query_count_does_not_grow(
    api_client, official, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count)
    api_client.force_authenticate(official)
    with django_assert_max_num_queries(6):
        response = api_client.get("/api/v1/complexes/")
    assert response.json()["count"] == count


def test_schema_documents_the_resources(api_client, official):
    api_client.force_authenticate(official)
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in (
        "corporations",
        "districts",
        "complexes",
        "galleries",
        "residents",
        "groups",
        "activities",
        "room-bookings",
        "mutual-help",
    ):
        assert f"/api/v1/{resource}/" in paths
    assert "/api/v1/auth/token/" in paths


def test_docs_page_is_served_without_cdn(client, official):
    client.force_login(official)
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/complexes/{id}/" in target.read_text()
