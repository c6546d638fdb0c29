"""The API base: token sign-in and what a caller without a role gets."""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD

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


def test_user_without_role_gets_403(api_client, user_without_role):
    api_client.force_authenticate(user_without_role)
    assert api_client.get("/api/v1/complexes/").status_code == 403
