"""A grant's lifecycle through the API's step endpoints: who takes each step, illegal steps,
amounts against the bounds, missing data as Dutch field errors, and dates."""

import datetime
import itertools
from decimal import Decimal

import pytest

from interventions.choices import GRANT_STEPS, GrantStatus, GrantStep
from leefbaarheid.models import AuditEntry
from tests.helpers import today
from tests.interventions.helpers import YEAR_END, YEAR_START, _grant, _url

pytestmark = pytest.mark.django_db


# The lifecycle through the step endpoints ------------------------------------------------------
def test_the_whole_lifecycle_by_the_people_who_take_each_step(
    api_client, corporation_staff, official, own_complex
):
    grant = _grant(own_complex)
    steps = [
        (official, "award", {"amount_awarded": "7000.00"}, "awarded", "decided_on"),
        (corporation_staff, "start", {}, "running", "started_on"),
        (corporation_staff, "report", {"report_summary": "Zes trekkers."}, "reported", None),
        (official, "settle", {"amount_settled": "6800.00"}, "settled", "settled_on"),
    ]
    for user, step, data, status, _stamp in steps:
        api_client.force_authenticate(user)
        response = api_client.post(_url("grants", grant.pk, f"{step}/"), data, format="json")
        assert response.status_code == 200, (step, response.content)
        assert response.json()["status"] == status
        assert AuditEntry.objects.filter(object_id=str(grant.pk), action=step).exists()

    body = response.json()
    assert (body["amount_awarded"], body["amount_settled"]) == ("7000.00", "6800.00")
    assert body["report_summary"] == "Zes trekkers."
    assert body["next_steps"] == []
    assert body["decided_on"] == body["started_on"] == body["reported_on"] == today().isoformat()
    grant.refresh_from_db()
    assert (grant.decided_by, grant.started_by) == (official, corporation_staff)
    assert (grant.reported_by, grant.settled_by) == (corporation_staff, official)
    # Awarded without a due date: the period's end plus the scheme's 12 weeks.
    assert grant.report_due == YEAR_END + datetime.timedelta(weeks=12)


def test_the_municipality_rejects_with_a_reason(as_official, own_complex):
    grant = _grant(own_complex)
    response = as_official.post(
        _url("grants", grant.pk, "reject/"), {"decision_note": "Past niet."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_note"] == "Past niet."


def test_award_takes_the_report_due_date_and_the_day_of_the_decision(as_official, own_complex):
    grant = _grant(own_complex)
    decided = YEAR_START + datetime.timedelta(days=1)
    if decided > today():
        decided = today()
    response = as_official.post(
        _url("grants", grant.pk, "award/"),
        {
            "amount_awarded": "6000",
            "report_due": "2031-03-01",
            "decision_note": "Mooi plan.",
            "date": decided.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["amount_awarded"], body["report_due"]) == ("6000.00", "2031-03-01")
    assert body["decided_on"] == decided.isoformat()


ILLEGAL = [
    (status, step)
    for status, step in itertools.product(GrantStatus.values, GrantStep.values)
    if GRANT_STEPS[step][0] != status
]


STEP_PAYLOAD = {
    "award": {"amount_awarded": "7000.00"},
    "reject": {"decision_note": "Past niet."},
    "start": {},
    "report": {"report_summary": "Goed verlopen."},
    "settle": {"amount_settled": "6000.00"},
}


@pytest.mark.parametrize(("status", "step"), ILLEGAL, ids=[f"{s}-{t}" for s, t in ILLEGAL])
def test_an_illegal_step_is_400_on_status_and_changes_nothing(
    as_official, own_complex, status, step
):
    grant = _grant(own_complex, status)
    updated_at = grant.updated_at
    audit_before = AuditEntry.objects.count()
    response = as_official.post(
        _url("grants", grant.pk, f"{step}/"), STEP_PAYLOAD[step], format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["status"]
    grant.refresh_from_db()
    assert (grant.status, grant.updated_at) == (status, updated_at)
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("step", ["award", "reject", "settle"])
def test_staff_may_not_decide_on_their_own_grant(as_staff, own_complex, step):
    status = GrantStatus.REPORTED if step == "settle" else GrantStatus.APPLIED
    grant = _grant(own_complex, status)
    response = as_staff.post(
        _url("grants", grant.pk, f"{step}/"), STEP_PAYLOAD[step], format="json"
    )
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.status == status


def test_a_step_on_a_foreign_grant_is_404(as_staff, foreign_complex):
    grant = _grant(foreign_complex, GrantStatus.AWARDED)
    assert as_staff.post(_url("grants", grant.pk, "start/")).status_code == 404
    grant.refresh_from_db()
    assert grant.status == GrantStatus.AWARDED


@pytest.mark.parametrize("role", ["welfare_professional", "team_member"])
def test_roles_without_the_change_permission_take_no_step(request, api_client, own_complex, role):
    grant = _grant(own_complex, GrantStatus.AWARDED)
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.post(_url("grants", grant.pk, "start/")).status_code == 403
    grant.refresh_from_db()
    assert grant.status == GrantStatus.AWARDED


@pytest.mark.parametrize("amount", ["4000.00", "12000.00"])
def test_amount_awarded_outside_the_schemes_bounds_is_refused(as_official, own_complex, amount):
    grant = _grant(own_complex)
    response = as_official.post(
        _url("grants", grant.pk, "award/"), {"amount_awarded": amount}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["amount_awarded"]
    grant.refresh_from_db()
    assert (grant.status, grant.amount_awarded) == (GrantStatus.APPLIED, None)


def test_amount_awarded_above_the_amount_requested_is_refused(as_official, own_complex):
    grant = _grant(own_complex, amount_requested=Decimal("6000.00"))
    response = as_official.post(
        _url("grants", grant.pk, "award/"), {"amount_awarded": "6500.00"}, format="json"
    )
    assert response.status_code == 400
    assert "amount_awarded" in response.json()
    grant.refresh_from_db()
    assert grant.amount_awarded is None


def test_amount_settled_above_the_amount_awarded_is_refused(as_official, own_complex):
    grant = _grant(own_complex, GrantStatus.REPORTED)
    response = as_official.post(
        _url("grants", grant.pk, "settle/"), {"amount_settled": "7000.01"}, format="json"
    )
    assert response.status_code == 400
    assert "amount_settled" in response.json()
    grant.refresh_from_db()
    assert (grant.status, grant.amount_settled) == (GrantStatus.REPORTED, None)


STEP_MISSING = [
    ("award", GrantStatus.APPLIED, "amount_awarded"),
    ("reject", GrantStatus.APPLIED, "decision_note"),
    ("report", GrantStatus.RUNNING, "report_summary"),
    ("settle", GrantStatus.REPORTED, "amount_settled"),
]


@pytest.mark.parametrize(("step", "status", "field"), STEP_MISSING)
def test_a_step_without_what_it_needs_is_a_dutch_field_error(
    as_official, own_complex, step, status, field
):
    grant = _grant(own_complex, status)
    response = as_official.post(_url("grants", grant.pk, f"{step}/"), {}, format="json")
    assert response.status_code == 400
    assert response.json()[field] == ["Dit veld is vereist."]
    grant.refresh_from_db()
    assert grant.status == status


def test_a_step_cannot_be_dated_in_the_future(as_official, own_complex):
    grant = _grant(own_complex)
    tomorrow = today() + datetime.timedelta(days=1)
    response = as_official.post(
        _url("grants", grant.pk, "award/"),
        {"amount_awarded": "7000.00", "date": tomorrow.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "date" in response.json()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPLIED


def test_the_answer_follows_accept_language(as_official, own_complex):
    grant = _grant(own_complex)
    response = as_official.post(
        _url("grants", grant.pk, "reject/"), {}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["decision_note"] == ["This field is required."]
