"""The funding API's subsidy schemes and providers: money as decimal strings, a
scheme's bounds, and schemes and providers in use kept."""

import pytest

from interventions.models import Provider, SubsidyScheme
from leefbaarheid.models import AuditEntry
from tests.factories import InterventionFactory, SubsidySchemeFactory
from tests.interventions.helpers import RESOURCES, _grant, _ids, _url

pytestmark = pytest.mark.django_db


# Schemes and providers ------------------------------------------------------------------------
def test_official_creates_a_scheme_with_money_as_decimal_strings(as_official):
    response = as_official.post(_url("schemes"), RESOURCES["schemes"].payload({}), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["min_amount"], body["max_amount"]) == ("1000.00", "4000.00")
    assert body["active"] is True
    assert AuditEntry.objects.filter(
        model="interventions.subsidyscheme", object_id=str(body["id"]), action="create"
    ).exists()


def test_a_scheme_whose_minimum_exceeds_its_maximum_is_refused(as_official):
    payload = {**RESOURCES["schemes"].payload({}), "min_amount": "9000.00"}
    response = as_official.post(_url("schemes"), payload, format="json")
    assert response.status_code == 400
    assert "max_amount" in response.json()
    assert not SubsidyScheme.objects.filter(name=payload["name"]).exists()


def test_a_scheme_with_grants_cannot_be_deleted(as_official, own_complex, scheme):
    _grant(own_complex, scheme=scheme)
    response = as_official.delete(_url("schemes", scheme.pk))
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert SubsidyScheme.objects.filter(pk=scheme.pk).exists()


def test_a_provider_with_interventions_cannot_be_deleted(as_official, own_complex):
    provider = InterventionFactory(complex=own_complex).provider
    response = as_official.delete(_url("providers", provider.pk))
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Provider.objects.filter(pk=provider.pk).exists()


def test_scheme_filter_on_active(as_staff):
    open_ = SubsidySchemeFactory(name="Vitale Leefgemeenschappen")
    closed = SubsidySchemeFactory(name="Opzoomeren mee", active=False)
    ids = _ids(as_staff.get(_url("schemes"), {"active": "false"}))
    assert ids == [closed.pk]
    assert open_.pk not in ids
