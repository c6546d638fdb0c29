"""The API's schema and docs page, served from this site without a CDN."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
