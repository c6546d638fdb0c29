"""The intervention services: a live grant of the intervention's own complex
only, known checklist items once, and an end for a completed intervention."""

import pytest
from django.core.exceptions import ValidationError

from interventions import services
from interventions.choices import GrantStatus, SuccessFactor
from interventions.models import Intervention
from tests.factories import ComplexFactory
from tests.helpers import today
from tests.interventions.helpers import apply, grant_in

pytestmark = pytest.mark.django_db


# Interventions --------------------------------------------------------------------------------
def test_an_intervention_takes_only_a_live_grant_of_its_own_complex(
    own_complex, corporation_staff, official
):
    other = ComplexFactory(corporation=own_complex.corporation, name="Elders")
    foreign_grant = apply(other, corporation_staff)
    rejected = grant_in(
        GrantStatus.REJECTED, complex_=own_complex, staff=corporation_staff, official=official
    )
    for grant in (foreign_grant, rejected):
        with pytest.raises(ValidationError) as error:
            services.intervention_create(
                complex=own_complex,
                user=corporation_staff,
                data={"title": "Buurtkamer", "start": today(), "grant": grant},
            )
        assert "grant" in error.value.message_dict
    assert not Intervention.objects.exists()


def test_an_intervention_checklist_takes_known_items_once(own_complex, corporation_staff):
    base = {"title": "Buurtkamer", "start": today()}
    for bad in (["motivated_group", "motivated_group"], ["nonsense"], "motivated_group"):
        with pytest.raises(ValidationError) as error:
            services.intervention_create(
                complex=own_complex, user=corporation_staff, data={**base, "success_factors": bad}
            )
        assert "success_factors" in error.value.message_dict
    intervention = services.intervention_create(
        complex=own_complex,
        user=corporation_staff,
        data={**base, "success_factors": ["personal_approach", "motivated_group"]},
    )
    checklist = intervention.checklist("success_factors", SuccessFactor)
    assert [item for item, ticked in checklist if ticked] == [
        SuccessFactor.MOTIVATED_GROUP.label,
        SuccessFactor.PERSONAL_APPROACH.label,
    ]


def test_a_completed_intervention_needs_an_end(own_complex, corporation_staff):
    with pytest.raises(ValidationError) as error:
        services.intervention_create(
            complex=own_complex,
            user=corporation_staff,
            data={"title": "Buurtkamer", "start": today(), "status": "completed"},
        )
    assert "end" in error.value.message_dict
