"""The residents' records below the services: scoping per role and the database's constraints."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from residents.models import (
    Activity,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)
from tests.residents.helpers import _at

pytestmark = pytest.mark.django_db


def _one_of_each(complex_):
    """One row of every residents-app model in a complex."""
    resident = ResidentFactory(complex=complex_)
    return {
        Resident: resident,
        ResidentGroup: ResidentGroupFactory(complex=complex_, members=[resident]),
        Activity: ActivityFactory(complex=complex_, attendees=[resident]),
        RoomBooking: RoomBookingFactory(complex=complex_),
        MutualHelp: MutualHelpFactory(complex=complex_, residents=[resident]),
        ResidentContact: ResidentContactFactory(resident=resident),
    }


# Scoping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role_fixture", "sees_own", "sees_foreign"),
    [
        ("corporation_staff", True, False),
        ("other_corporation_staff", False, True),
        ("welfare_professional", True, False),
        ("official", False, False),
        ("team_member", False, False),
        ("functional_admin", True, True),
        ("user_without_role", False, False),
    ],
)
def test_personal_and_local_records_reach_only_their_building_people(
    request, role_fixture, sees_own, sees_foreign, own_complex, foreign_complex
):
    user = request.getfixturevalue(role_fixture)
    own, foreign = _one_of_each(own_complex), _one_of_each(foreign_complex)
    for model in own:
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert (own[model].pk in visible) is sees_own, model.__name__
        assert (foreign[model].pk in visible) is sees_foreign, model.__name__


def test_professional_does_not_reach_unassigned_complex_of_same_corporation(
    welfare_professional, own_complex
):
    unassigned = ComplexFactory(corporation=own_complex.corporation)
    ResidentFactory(complex=unassigned, name="Niet van Wendy")
    names = set(Resident.objects.visible_to(welfare_professional).values_list("name", flat=True))
    assert "Niet van Wendy" not in names


def test_database_refuses_a_booking_that_ends_before_it_starts(own_complex):
    start = _at(datetime.date(2026, 12, 1), 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            complex=own_complex, title="Bingo", start=start, end=start - datetime.timedelta(hours=1)
        )


def test_a_group_member_must_live_in_the_groups_complex(own_complex, foreign_resident):
    group = ResidentGroupFactory(complex=own_complex)
    membership = group.memberships.model(group=group, resident=foreign_resident)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert list(error.value.message_dict) == ["resident"]
