"""The grant lifecycle taken step by step on screen: every legal step, the forms' defaults, a
reason for rejecting, illegal, future and backdated steps, and withdrawing an application."""

import datetime
from decimal import Decimal

import pytest

from interventions.choices import GrantStatus, GrantStep
from interventions.models import Grant
from leefbaarheid.models import AuditEntry
from tests.helpers import today
from tests.interventions.helpers import STEP_POST, move_to, step_url, url

pytestmark = pytest.mark.django_db


# The lifecycle on screen ------------------------------------------------------------------------
def test_every_legal_step_on_screen_up_to_settlement(
    client, corporation_staff, official, own_grant
):
    official.first_name, official.last_name = "Gerrit", "de Wethouder"
    official.save()
    for step, user in [
        (GrantStep.AWARD, official),
        (GrantStep.START, corporation_staff),
        (GrantStep.REPORT, corporation_staff),
        (GrantStep.SETTLE, official),
    ]:
        client.force_login(user)
        assert client.get(step_url(own_grant, step)).status_code == 200
        response = client.post(step_url(own_grant, step), STEP_POST[step])
        assert response.status_code == 302, response.context["form"].errors
        assert response["Location"] == own_grant.get_absolute_url()
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.SETTLED
    assert own_grant.amount_awarded == Decimal("7000.00")
    assert own_grant.amount_settled == Decimal("6800.00")
    assert own_grant.report_summary == "Een trekkersgroep van zes bewoners."
    assert own_grant.decided_by == official and own_grant.started_by == corporation_staff
    response = client.get(url("grant_detail", own_grant.pk))
    timeline = response.context["timeline"]
    assert [stage["done"] for stage in timeline] == [True] * 5
    assert timeline[1]["by"] == "Gerrit de Wethouder"
    assert timeline[2]["by"] == "carla"
    assert response.context["steps"] == []


def test_award_form_defaults_to_the_amount_requested_and_the_schemes_report_due(
    client, official, own_grant
):
    client.force_login(official)
    form = client.get(step_url(own_grant, "award")).context["form"]
    assert form.initial["amount_awarded"] == own_grant.amount_requested
    assert form.initial["on"] == today()
    client.post(step_url(own_grant, "award"), {"amount_awarded": "7500,00", "report_due": ""})
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.AWARDED
    assert own_grant.report_due == own_grant.end + datetime.timedelta(weeks=12)


def test_settle_form_defaults_to_the_amount_awarded(client, official, own_grant):
    grant = move_to(own_grant, GrantStatus.REPORTED, official=official)
    client.force_login(official)
    form = client.get(step_url(grant, "settle")).context["form"]
    assert form.initial["amount_settled"] == Decimal("7000.00")


def test_reject_on_screen_needs_a_reason(client, official, own_grant):
    client.force_login(official)
    response = client.post(step_url(own_grant, "reject"), {"decision_note": ""})
    assert response.status_code == 200
    assert "decision_note" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED
    response = client.post(step_url(own_grant, "reject"), STEP_POST["reject"], follow=True)
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.REJECTED
    assert own_grant.decision_note == "Past niet bij de regeling."
    timeline = response.context["timeline"]
    assert len(timeline) == 2
    assert timeline[1]["done"] and timeline[1]["by"] == "gerrit"
    assert response.context["steps"] == []


def test_an_illegal_step_shows_the_reason_and_changes_nothing(client, official, own_grant):
    client.force_login(official)
    before = Grant.objects.values().get(pk=own_grant.pk)
    entries = AuditEntry.objects.count()
    page = client.get(step_url(own_grant, "settle"))
    assert page.context["possible"] is False
    response = client.post(step_url(own_grant, "settle"), STEP_POST["settle"])
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert str(GrantStatus.APPLIED.label) in errors[0]
    assert errors[0] in response.content.decode()
    assert Grant.objects.values().get(pk=own_grant.pk) == before
    assert AuditEntry.objects.count() == entries


def test_a_step_dated_in_the_future_is_refused(client, official, own_grant):
    client.force_login(official)
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(
        step_url(own_grant, "award"), {**STEP_POST["award"], "on": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED


def test_a_backdated_step_keeps_its_date(client, official, own_grant):
    client.force_login(official)
    on = max(own_grant.applied_on, today() - datetime.timedelta(days=3))
    client.post(step_url(own_grant, "award"), {**STEP_POST["award"], "on": on.isoformat()})
    own_grant.refresh_from_db()
    assert own_grant.decided_on == on


def test_an_unknown_step_is_404(client, official, own_grant):
    client.force_login(official)
    assert client.get(step_url(own_grant, "approve")).status_code == 404
    assert client.post(step_url(own_grant, "approve")).status_code == 404


def test_staff_cannot_decide_on_their_own_application(client, corporation_staff, own_grant):
    client.force_login(corporation_staff)
    for step in ("award", "reject", "settle"):
        assert client.post(step_url(own_grant, step), STEP_POST[step]).status_code == 403
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED


def test_staff_withdraw_an_application(client, corporation_staff, own_grant):
    client.force_login(corporation_staff)
    assert client.get(url("grant_delete", own_grant.pk)).status_code == 200
    response = client.post(url("grant_delete", own_grant.pk))
    assert response.status_code == 302
    assert not Grant.objects.filter(pk=own_grant.pk).exists()


def test_a_decided_grant_cannot_be_withdrawn(client, corporation_staff, official, own_grant):
    grant = move_to(own_grant, GrantStatus.AWARDED, official=official)
    client.force_login(corporation_staff)
    page = client.get(url("grant_delete", grant.pk))
    assert page.context["possible"] is False
    response = client.post(url("grant_delete", grant.pk), follow=True)
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and str(GrantStatus.AWARDED.label) in errors[0]
    assert Grant.objects.filter(pk=grant.pk, status=GrantStatus.AWARDED).exists()
