"""The funding API's interventions: recorded with their checklists, a grant of
their own complex only, an end date once completed, and the filters."""

import pytest

from interventions.models import Intervention
from leefbaarheid.models import AuditEntry
from tests.factories import ComplexFactory, InterventionFactory
from tests.interventions.helpers import RESOURCES, _grant, _ids, _url

pytestmark = pytest.mark.django_db


# Interventions --------------------------------------------------------------------------------
def test_staff_record_an_intervention_with_its_checklists(as_staff, world, own_complex):
    grant = _grant(own_complex)
    payload = {
        **RESOURCES["interventions"].payload(world),
        "grant": grant.pk,
        "approach": ["club_feeling", "low_threshold"],
        "challenges": ["vacancy"],
    }
    response = as_staff.post(_url("interventions"), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    # Kept in the evaluation's order, whatever order they were sent in.
    assert body["success_factors"] == ["motivated_group", "personal_approach"]
    assert body["approach"] == ["low_threshold", "club_feeling"]
    assert body["grant"] == grant.pk
    intervention = Intervention.objects.get(pk=body["id"])
    assert intervention.challenges == ["vacancy"]
    assert AuditEntry.objects.filter(
        model="interventions.intervention", object_id=str(intervention.pk), action="create"
    ).exists()


def test_an_unknown_checklist_item_is_refused(as_staff, world):
    payload = {**RESOURCES["interventions"].payload(world), "success_factors": ["luck"]}
    response = as_staff.post(_url("interventions"), payload, format="json")
    assert response.status_code == 400
    assert "success_factors" in response.json()
    assert not Intervention.objects.exists()


def test_an_intervention_takes_a_grant_of_its_own_complex_only(as_staff, world, corporation):
    elsewhere = _grant(ComplexFactory(corporation=corporation))
    payload = {**RESOURCES["interventions"].payload(world), "grant": elsewhere.pk}
    response = as_staff.post(_url("interventions"), payload, format="json")
    assert response.status_code == 400
    assert "grant" in response.json()
    assert not Intervention.objects.exists()


def test_an_intervention_cannot_take_a_foreign_grant(as_staff, world, foreign_complex):
    payload = {**RESOURCES["interventions"].payload(world), "grant": _grant(foreign_complex).pk}
    response = as_staff.post(_url("interventions"), payload, format="json")
    assert response.status_code == 400
    assert "grant" in response.json()
    assert not Intervention.objects.exists()


def test_a_completed_intervention_needs_an_end_date(as_staff, own_complex):
    intervention = InterventionFactory(complex=own_complex)
    response = as_staff.patch(
        _url("interventions", intervention.pk), {"status": "completed"}, format="json"
    )
    assert response.status_code == 400
    assert "end" in response.json()
    intervention.refresh_from_db()
    assert intervention.status == "running"


def test_interventions_filter_by_status_and_provider(as_official, own_complex):
    running = InterventionFactory(complex=own_complex)
    planned = InterventionFactory(complex=own_complex, status="planned")
    assert _ids(as_official.get(_url("interventions"), {"status": "planned"})) == [planned.pk]
    by_provider = _ids(as_official.get(_url("interventions"), {"provider": running.provider_id}))
    assert by_provider == [running.pk]
