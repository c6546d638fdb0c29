"""The grant application form: applying for a complex, amounts outside a scheme's bounds, the
overlap warning, and correcting an application (and its references after the award)."""

import datetime
from decimal import Decimal

import pytest

from interventions import services
from interventions.choices import GrantStatus
from interventions.models import Grant
from leefbaarheid.models import AuditEntry
from tests.factories import GrantFactory, SubsidySchemeFactory
from tests.interventions.helpers import _apply_data, move_to, step_url, url

pytestmark = pytest.mark.django_db


# Applying ---------------------------------------------------------------------------------------
def test_apply_without_complex_offers_own_complexes(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = client.get(url("grant_apply"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]


def test_staff_apply_for_their_complex(client, corporation_staff, own_complex, scheme):
    SubsidySchemeFactory(name="Gesloten regeling", active=False)
    client.force_login(corporation_staff)
    address = url("grant_apply", complex=own_complex.pk)
    form = client.get(address).context["form"]
    assert list(form.fields["scheme"].queryset) == [scheme]  # closed schemes are not offered
    assert "€ 5.000,00" in form.fields["scheme"].label_from_instance(scheme)
    response = client.post(address, _apply_data(scheme))
    grant = Grant.objects.get(title="Koffie op de galerij")
    assert response.status_code == 302
    assert response["Location"] == grant.get_absolute_url()
    assert grant.status == GrantStatus.APPLIED
    assert grant.complex == own_complex
    assert grant.amount_requested == Decimal("7500.00")
    assert grant.applied_by == corporation_staff


@pytest.mark.parametrize("amount", ["4999,99", "10000,01"])
def test_amount_outside_the_schemes_bounds_is_a_field_error_and_saves_nothing(
    client, corporation_staff, own_complex, scheme, amount
):
    client.force_login(corporation_staff)
    entries = AuditEntry.objects.count()
    response = client.post(
        url("grant_apply", complex=own_complex.pk), _apply_data(scheme, amount_requested=amount)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["amount_requested"]
    assert len(errors) == 1 and "Vitale Leefgemeenschappen" in errors[0]
    assert not Grant.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_award_outside_the_bounds_is_a_field_error_and_saves_nothing(client, official, own_grant):
    client.force_login(official)
    entries = AuditEntry.objects.count()
    response = client.post(step_url(own_grant, "award"), {"amount_awarded": "12000,00"})
    assert response.status_code == 200
    assert "amount_awarded" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED
    assert own_grant.amount_awarded is None
    assert AuditEntry.objects.count() == entries


def test_applying_in_an_overlapping_period_warns_with_the_other_grant(
    client, corporation_staff, own_complex, scheme
):
    other = SubsidySchemeFactory(name="Opzoomeren mee", min_amount=Decimal("500.00"))
    GrantFactory(complex=own_complex, scheme=other, title="Straatfeest", amount_requested=800)
    client.force_login(corporation_staff)
    response = client.post(
        url("grant_apply", complex=own_complex.pk), _apply_data(scheme), follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "Straatfeest" in warnings[0] and "Opzoomeren mee" in warnings[0]


# Correcting and withdrawing ---------------------------------------------------------------------
def test_an_application_can_be_corrected_while_it_awaits_a_decision(
    client, corporation_staff, own_grant, scheme
):
    client.force_login(corporation_staff)
    form = client.get(url("grant_update", own_grant.pk)).context["form"]
    assert set(form.fields) == services.APPLICATION_FIELDS | services.RECORD_FIELDS
    response = client.post(
        url("grant_update", own_grant.pk),
        _apply_data(scheme, title="Koffie en kaarten", reference="Z-2025-1"),
    )
    assert response.status_code == 302
    own_grant.refresh_from_db()
    assert own_grant.title == "Koffie en kaarten"
    assert own_grant.reference == "Z-2025-1"


def test_after_the_award_only_references_change_and_officials_move_the_report_due(
    client, corporation_staff, official, own_grant, scheme
):
    grant = move_to(own_grant, GrantStatus.AWARDED, official=official)
    client.force_login(corporation_staff)
    form = client.get(url("grant_update", grant.pk)).context["form"]
    assert set(form.fields) == {"reference", "documents"}
    client.post(
        url("grant_update", grant.pk),
        {"reference": "Z-1", "documents": "besluit.pdf", "title": "Anders", "report_due": ""},
    )
    grant.refresh_from_db()
    assert (grant.reference, grant.documents, grant.title) == (
        "Z-1",
        "besluit.pdf",
        "Samen aan tafel",
    )
    client.force_login(official)
    form = client.get(url("grant_update", grant.pk)).context["form"]
    assert set(form.fields) == {"reference", "documents", "report_due"}
    later = (grant.report_due + datetime.timedelta(days=30)).isoformat()
    client.post(
        url("grant_update", grant.pk),
        {"reference": "Z-1", "documents": "besluit.pdf", "report_due": later},
    )
    grant.refresh_from_db()
    assert grant.report_due.isoformat() == later


def test_correction_outside_the_bounds_is_a_field_error(
    client, corporation_staff, own_grant, scheme
):
    client.force_login(corporation_staff)
    response = client.post(
        url("grant_update", own_grant.pk), _apply_data(scheme, amount_requested="20000")
    )
    assert response.status_code == 200
    assert "amount_requested" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.amount_requested == Decimal("7500.00")
