"""The grant lifecycle and the rules around it, asked of the services: every legal
and illegal step, amounts within the scheme's bounds, who may decide, corrections, withdrawal,
and schemes and complexes with grants kept."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import override

from interventions import services
from interventions.choices import GRANT_STEPS, GrantStatus, GrantStep
from interventions.models import Grant, SubsidyScheme
from leefbaarheid.models import AuditEntry
from tests.factories import InterventionFactory, SubsidySchemeFactory
from tests.helpers import today
from tests.interventions.helpers import PATH_TO, STEP_DATA, apply, grant_in

pytestmark = pytest.mark.django_db


# Applying -----------------------------------------------------------------------------------
def test_an_application_is_for_the_complexs_corporation(own_complex, corporation_staff):
    grant = apply(own_complex, corporation_staff)
    assert grant.status == GrantStatus.APPLIED
    assert grant.corporation == own_complex.corporation
    assert grant.applied_by == corporation_staff
    assert grant.applied_on == today()
    assert AuditEntry.objects.filter(action="apply", object_id=str(grant.pk)).exists()


@pytest.mark.parametrize("amount", ["4999.99", "10000.01", "0.00", "250000.00"])
def test_it_refuses_an_amount_requested_outside_the_schemes_bounds(
    own_complex, corporation_staff, amount
):
    with override("nl"), pytest.raises(ValidationError) as error:
        apply(own_complex, corporation_staff, amount_requested=Decimal(amount))
    message = error.value.message_dict["amount_requested"][0]
    assert "Vitale Leefgemeenschappen" in message
    assert "€ 5.000,00" in message and "€ 10.000,00" in message
    assert not Grant.objects.exists()
    assert not AuditEntry.objects.filter(model="interventions.grant").exists()


@pytest.mark.parametrize("amount", ["5000.00", "10000.00"])
def test_the_bounds_themselves_are_allowed(own_complex, corporation_staff, amount):
    grant = apply(own_complex, corporation_staff, amount_requested=Decimal(amount))
    assert grant.amount_requested == Decimal(amount)


def test_it_refuses_a_closed_scheme(own_complex, corporation_staff):
    closed = SubsidySchemeFactory(name="Oude regeling", active=False)
    with pytest.raises(ValidationError) as error:
        apply(own_complex, corporation_staff, scheme=closed)
    assert "scheme" in error.value.message_dict
    assert not Grant.objects.exists()


def test_it_refuses_a_period_outside_the_schemes(own_complex, corporation_staff):
    scheme = SubsidySchemeFactory(
        name="Kort", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        apply(
            own_complex,
            corporation_staff,
            scheme=scheme,
            start=datetime.date(2023, 6, 1),
            end=datetime.date(2025, 6, 1),
        )
    assert set(error.value.message_dict) >= {"start", "end"}


def test_it_refuses_a_period_that_ends_before_it_starts(own_complex, corporation_staff):
    with pytest.raises(ValidationError) as error:
        apply(
            own_complex,
            corporation_staff,
            start=datetime.date(2025, 6, 1),
            end=datetime.date(2025, 1, 1),
        )
    assert "end" in error.value.message_dict


def test_an_application_cannot_set_its_own_status(own_complex, corporation_staff):
    with pytest.raises(ValidationError) as error:
        apply(own_complex, corporation_staff, status=GrantStatus.SETTLED)
    assert "status" in error.value.message_dict
    assert not Grant.objects.exists()


# Steps ----------------------------------------------------------------------------------------
LEGAL = {(GRANT_STEPS[step][0], step) for step in GRANT_STEPS}


ALL_MOVES = list(itertools.product(PATH_TO, GRANT_STEPS))


@pytest.mark.parametrize(
    ("status", "step"),
    sorted(LEGAL),
    ids=[f"{status}-{step}" for status, step in sorted(LEGAL)],
)
def test_every_legal_step_moves_the_grant_and_records_who_and_when(
    own_complex, corporation_staff, official, status, step
):
    grant = grant_in(status, complex_=own_complex, staff=corporation_staff, official=official)
    decider = step in (GrantStep.AWARD, GrantStep.REJECT, GrantStep.SETTLE)
    user = official if decider else corporation_staff

    grant = services.grant_step(grant=grant, step=step, user=user, data=STEP_DATA[step])

    grant.refresh_from_db()
    assert grant.status == GRANT_STEPS[step][1]
    date_field, user_field = services.STEP_STAMPS[step]
    assert getattr(grant, date_field) == today()
    assert getattr(grant, user_field) == user
    assert AuditEntry.objects.filter(
        action=str(step), object_id=str(grant.pk), user=user, model="interventions.grant"
    ).exists()


@pytest.mark.parametrize(
    ("status", "step"),
    [move for move in ALL_MOVES if move not in LEGAL],
    ids=[f"{status}-{step}" for status, step in ALL_MOVES if (status, step) not in LEGAL],
)
def test_every_illegal_step_is_refused_and_changes_nothing(
    own_complex, corporation_staff, official, functional_admin, status, step
):
    grant = grant_in(status, complex_=own_complex, staff=corporation_staff, official=official)
    before = Grant.objects.values().get(pk=grant.pk)
    entries = AuditEntry.objects.count()

    with override("nl"), pytest.raises(ValidationError) as error:
        services.grant_step(grant=grant, step=step, user=functional_admin, data=STEP_DATA[step])

    message = error.value.message_dict["status"][0]
    assert str(GrantStatus(status).label) in message or status in message
    assert Grant.objects.values().get(pk=grant.pk) == before
    assert AuditEntry.objects.count() == entries


def test_the_refusal_says_what_can_happen_next(own_complex, corporation_staff, functional_admin):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError) as error:
        services.grant_step(grant=grant, step=GrantStep.SETTLE, user=functional_admin, data={})
    message = error.value.message_dict["status"][0]
    assert str(GrantStep.AWARD.label) in message and str(GrantStep.REJECT.label) in message


def test_next_steps_follow_the_lifecycle(own_complex, corporation_staff, official):
    expected = {
        GrantStatus.APPLIED: [GrantStep.AWARD, GrantStep.REJECT],
        GrantStatus.AWARDED: [GrantStep.START],
        GrantStatus.RUNNING: [GrantStep.REPORT],
        GrantStatus.REPORTED: [GrantStep.SETTLE],
        GrantStatus.SETTLED: [],
        GrantStatus.REJECTED: [],
    }
    for status, steps in expected.items():
        grant = grant_in(status, complex_=own_complex, staff=corporation_staff, official=official)
        assert services.next_steps(grant) == steps


@pytest.mark.parametrize("step", [GrantStep.AWARD, GrantStep.REJECT])
def test_a_corporation_cannot_decide_on_its_own_application(own_complex, corporation_staff, step):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(PermissionDenied):
        services.grant_step(grant=grant, step=step, user=corporation_staff, data=STEP_DATA[step])
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPLIED


def test_a_welfare_professional_cannot_take_any_step(
    own_complex, corporation_staff, official, welfare_professional
):
    grant = grant_in(
        GrantStatus.AWARDED, complex_=own_complex, staff=corporation_staff, official=official
    )
    with pytest.raises(PermissionDenied):
        services.grant_step(grant=grant, step=GrantStep.START, user=welfare_professional)


def test_award_within_bounds_and_at_most_the_request(own_complex, corporation_staff, official):
    grant = apply(own_complex, corporation_staff, amount_requested=Decimal("6000.00"))
    for amount, field in (("4000.00", "amount_awarded"), ("6500.00", "amount_awarded")):
        with pytest.raises(ValidationError) as error:
            services.grant_step(
                grant=grant,
                step=GrantStep.AWARD,
                user=official,
                data={"amount_awarded": Decimal(amount)},
            )
        assert field in error.value.message_dict
        grant.refresh_from_db()
        assert grant.status == GrantStatus.APPLIED
        assert grant.amount_awarded is None


def test_award_needs_an_amount_and_sets_the_default_report_due(
    own_complex, corporation_staff, official
):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError) as error:
        services.grant_step(grant=grant, step=GrantStep.AWARD, user=official, data={})
    assert "amount_awarded" in error.value.message_dict

    grant = services.grant_step(
        grant=grant, step=GrantStep.AWARD, user=official, data={"amount_awarded": "7000.00"}
    )
    assert grant.report_due == grant.end + datetime.timedelta(weeks=12)


def test_reject_needs_a_reason(own_complex, corporation_staff, official):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError) as error:
        services.grant_step(
            grant=grant, step=GrantStep.REJECT, user=official, data={"decision_note": "  "}
        )
    assert "decision_note" in error.value.message_dict


def test_report_needs_a_summary(own_complex, corporation_staff, official):
    grant = grant_in(
        GrantStatus.RUNNING, complex_=own_complex, staff=corporation_staff, official=official
    )
    with pytest.raises(ValidationError) as error:
        services.grant_step(grant=grant, step=GrantStep.REPORT, user=corporation_staff, data={})
    assert "report_summary" in error.value.message_dict


@pytest.mark.parametrize("amount", ["7000.01", "-1.00"])
def test_settled_amount_is_between_zero_and_the_award(
    own_complex, corporation_staff, official, amount
):
    grant = grant_in(
        GrantStatus.REPORTED, complex_=own_complex, staff=corporation_staff, official=official
    )
    with pytest.raises(ValidationError) as error:
        services.grant_step(
            grant=grant,
            step=GrantStep.SETTLE,
            user=official,
            data={"amount_settled": Decimal(amount)},
        )
    assert "amount_settled" in error.value.message_dict
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REPORTED


def test_a_settlement_below_the_schemes_minimum_is_allowed(
    own_complex, corporation_staff, official
):
    grant = grant_in(
        GrantStatus.REPORTED, complex_=own_complex, staff=corporation_staff, official=official
    )
    grant = services.grant_step(
        grant=grant, step=GrantStep.SETTLE, user=official, data={"amount_settled": "1200.00"}
    )
    assert grant.status == GrantStatus.SETTLED


def test_a_step_may_be_backdated_but_not_future_or_before_the_previous_step(
    own_complex, corporation_staff, official
):
    grant = apply(own_complex, corporation_staff)
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.grant_step(
            grant=grant, step=GrantStep.AWARD, user=official, data=STEP_DATA["award"], on=tomorrow
        )
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.grant_step(
            grant=grant,
            step=GrantStep.AWARD,
            user=official,
            data=STEP_DATA["award"],
            on=today() - datetime.timedelta(days=1),
        )
    assert "date" in error.value.message_dict


def test_a_step_cannot_slip_in_other_fields(own_complex, corporation_staff, official):
    grant = grant_in(
        GrantStatus.AWARDED, complex_=own_complex, staff=corporation_staff, official=official
    )
    with pytest.raises(ValidationError) as error:
        services.grant_step(
            grant=grant,
            step=GrantStep.START,
            user=corporation_staff,
            data={"amount_awarded": Decimal("10000.00")},
        )
    assert "amount_awarded" in error.value.message_dict


# Corrections and withdrawal -------------------------------------------------------------------
def test_the_application_can_be_corrected_only_while_it_awaits_a_decision(
    own_complex, corporation_staff, official
):
    grant = apply(own_complex, corporation_staff)
    grant = services.grant_update(
        grant=grant, user=corporation_staff, data={"amount_requested": Decimal("8000.00")}
    )
    assert grant.amount_requested == Decimal("8000.00")
    assert AuditEntry.objects.filter(action="update", fields=["amount_requested"]).exists()

    grant = services.grant_step(
        grant=grant, step=GrantStep.AWARD, user=official, data=STEP_DATA["award"]
    )
    with pytest.raises(ValidationError) as error:
        services.grant_update(
            grant=grant, user=corporation_staff, data={"amount_requested": Decimal("9000.00")}
        )
    assert "amount_requested" in error.value.message_dict
    # Document references stay up to date in every status.
    grant = services.grant_update(
        grant=grant, user=corporation_staff, data={"documents": "Beschikking 2025-17"}
    )
    assert grant.document_list == ["Beschikking 2025-17"]


def test_only_the_municipality_moves_the_report_due_date(own_complex, corporation_staff, official):
    grant = grant_in(
        GrantStatus.AWARDED, complex_=own_complex, staff=corporation_staff, official=official
    )
    later = grant.report_due + datetime.timedelta(weeks=4)
    with pytest.raises(ValidationError) as error:
        services.grant_update(grant=grant, user=corporation_staff, data={"report_due": later})
    assert "report_due" in error.value.message_dict
    grant = services.grant_update(grant=grant, user=official, data={"report_due": later})
    assert grant.report_due == later


def test_status_never_changes_by_correction(own_complex, corporation_staff, functional_admin):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError) as error:
        services.grant_update(
            grant=grant, user=functional_admin, data={"status": GrantStatus.SETTLED}
        )
    assert "status" in error.value.message_dict


def test_only_an_application_can_be_withdrawn(own_complex, corporation_staff, official):
    grant = apply(own_complex, corporation_staff)
    intervention = InterventionFactory(complex=own_complex, grant=grant)
    services.grant_delete(grant=grant, user=corporation_staff)
    assert not Grant.objects.filter(pk=grant.pk).exists()
    intervention.refresh_from_db()
    assert intervention.grant is None

    awarded = grant_in(
        GrantStatus.AWARDED, complex_=own_complex, staff=corporation_staff, official=official
    )
    with pytest.raises(ValidationError):
        services.grant_delete(grant=awarded, user=official)
    assert Grant.objects.filter(pk=awarded.pk).exists()


def test_a_complex_with_grants_cannot_be_deleted(own_complex, corporation_staff):
    from complexes.services import complex_delete

    apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError):
        complex_delete(complex=own_complex, user=corporation_staff)
    assert type(own_complex).objects.filter(pk=own_complex.pk).exists()


def test_a_scheme_with_grants_can_only_be_closed(own_complex, corporation_staff, official):
    grant = apply(own_complex, corporation_staff)
    with pytest.raises(ValidationError):
        services.scheme_delete(scheme=grant.scheme, user=official)
    assert SubsidyScheme.objects.filter(pk=grant.scheme_id).exists()


def test_scheme_minimum_above_maximum_is_refused_on_the_maximum(official):
    with pytest.raises(ValidationError) as error:
        services.scheme_create(
            user=official,
            data={
                "name": "Omgekeerd",
                "min_amount": Decimal("900.00"),
                "max_amount": Decimal("100.00"),
                "start": today(),
            },
        )
    assert list(error.value.message_dict) == ["max_amount"]
