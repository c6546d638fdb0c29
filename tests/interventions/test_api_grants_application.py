"""A grant application through the API: created in one's own complex, amounts within the
scheme's bounds, the status only through the step endpoints, corrections and references."""

import datetime

import pytest

from interventions.choices import GrantStatus
from interventions.models import Grant
from leefbaarheid.models import AuditEntry
from tests.factories import SubsidySchemeFactory
from tests.helpers import today
from tests.interventions.helpers import RESOURCES, _grant, _url

pytestmark = pytest.mark.django_db


# Applying for and correcting a grant ----------------------------------------------------------
def test_staff_apply_for_their_complex(as_staff, corporation_staff, world, corporation):
    response = as_staff.post(_url("grants"), RESOURCES["grants"].payload(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "applied"
    assert body["corporation"] == corporation.pk
    assert body["amount_requested"] == "7500.00"
    assert body["amount_awarded"] is None
    assert body["applied_on"] == today().isoformat()
    assert body["next_steps"] == ["award", "reject"]
    grant = Grant.objects.get(pk=body["id"])
    assert grant.applied_by == corporation_staff
    assert AuditEntry.objects.filter(
        model="interventions.grant", object_id=str(grant.pk), action="apply"
    ).exists()
    assert as_staff.get(_url("grants", grant.pk)).json() == body


def test_the_corporation_follows_from_the_complex_not_from_the_payload(
    as_official, world, foreign_complex, corporation, other_corporation
):
    payload = {
        **RESOURCES["grants"].payload(world),
        "complex": foreign_complex.pk,
        "corporation": corporation.pk,
    }
    response = as_official.post(_url("grants"), payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["corporation"] == other_corporation.pk


@pytest.mark.parametrize("amount", ["4999.99", "10000.01"])
def test_amount_requested_outside_the_schemes_bounds_is_refused(as_staff, world, amount):
    payload = {**RESOURCES["grants"].payload(world), "amount_requested": amount}
    response = as_staff.post(_url("grants"), payload, format="json")
    assert response.status_code == 400
    # The message is the service's (Dutch once the lead has translated it).
    assert list(response.json()) == ["amount_requested"]
    assert not Grant.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_application_to_a_closed_scheme_is_refused(as_staff, world):
    closed = SubsidySchemeFactory(name="Opzoomeren mee", active=False)
    payload = {**RESOURCES["grants"].payload(world), "scheme": closed.pk}
    response = as_staff.post(_url("grants"), payload, format="json")
    assert response.status_code == 400
    assert "scheme" in response.json()
    assert not Grant.objects.exists()


def test_an_application_cannot_set_a_later_status(as_staff, world):
    payload = {**RESOURCES["grants"].payload(world), "status": "awarded"}
    response = as_staff.post(_url("grants"), payload, format="json")
    assert response.status_code == 400
    assert "status" in response.json()
    assert not Grant.objects.exists()


def test_an_application_cannot_set_a_report_due_date(as_official, world):
    payload = {**RESOURCES["grants"].payload(world), "report_due": "2030-01-01"}
    response = as_official.post(_url("grants"), payload, format="json")
    assert response.status_code == 400
    assert "report_due" in response.json()
    assert not Grant.objects.exists()


@pytest.mark.parametrize("method", ["patch", "put"])
def test_changing_the_status_directly_is_refused_with_a_pointer_to_the_steps(
    as_official, own_complex, method
):
    grant = _grant(own_complex)
    body = as_official.get(_url("grants", grant.pk)).json()
    payload = {"status": "awarded"} if method == "patch" else {**body, "status": "awarded"}
    response = getattr(as_official, method)(_url("grants", grant.pk), payload, format="json")
    assert response.status_code == 400
    assert "award/" in response.json()["status"][0]
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPLIED


def test_a_full_put_with_the_unchanged_status_is_accepted(as_staff, own_complex):
    grant = _grant(own_complex)
    body = as_staff.get(_url("grants", grant.pk)).json()
    response = as_staff.put(_url("grants", grant.pk), {**body, "title": "Nieuw"}, format="json")
    assert response.status_code == 200, response.content
    grant.refresh_from_db()
    assert grant.title == "Nieuw"


def test_the_application_cannot_be_corrected_once_awarded(as_staff, own_complex):
    grant = _grant(own_complex, GrantStatus.AWARDED)
    response = as_staff.patch(_url("grants", grant.pk), {"title": "Anders"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()
    grant.refresh_from_db()
    assert grant.title != "Anders"


def test_document_references_can_be_kept_up_to_date_in_every_status(as_staff, own_complex):
    grant = _grant(own_complex, GrantStatus.RUNNING)
    response = as_staff.patch(
        _url("grants", grant.pk), {"documents": "DOC-1\nDOC-2"}, format="json"
    )
    assert response.status_code == 200, response.content
    grant.refresh_from_db()
    assert grant.document_list == ["DOC-1", "DOC-2"]


def test_the_municipality_moves_the_report_due_date_and_staff_may_not(
    api_client, corporation_staff, official, own_complex
):
    grant = _grant(own_complex, GrantStatus.RUNNING)
    api_client.force_authenticate(corporation_staff)
    refused = api_client.patch(_url("grants", grant.pk), {"report_due": "2031-01-01"})
    assert refused.status_code == 400
    assert "report_due" in refused.json()

    api_client.force_authenticate(official)
    moved = api_client.patch(_url("grants", grant.pk), {"report_due": "2031-01-01"})
    assert moved.status_code == 200, moved.content
    grant.refresh_from_db()
    assert grant.report_due == datetime.date(2031, 1, 1)


def test_an_awarded_grant_cannot_be_withdrawn(as_staff, own_complex):
    grant = _grant(own_complex, GrantStatus.AWARDED)
    response = as_staff.delete(_url("grants", grant.pk))
    assert response.status_code == 400
    assert "status" in response.json()
    assert Grant.objects.filter(pk=grant.pk).exists()
