"""The residents' selectors: tenants to welcome, residents out of sight, the resident mix."""

import datetime

import pytest
from django.utils import timezone

from leefbaarheid import roles
from residents import selectors, services
from residents.choices import ContactKind, Household
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


# Lists for the professional -------------------------------------------------------------------


def test_new_tenant_leaves_the_welcome_list_after_a_welcome_visit(
    own_complex, welfare_professional
):
    newcomer = ResidentFactory(
        complex=own_complex, moved_in=timezone.localdate() - datetime.timedelta(days=30)
    )
    ResidentFactory(complex=own_complex, moved_in=datetime.date(2001, 1, 1))
    assert list(selectors.to_welcome(user=welfare_professional)) == [newcomer]
    services.contact_record(resident=newcomer, user=welfare_professional, kind=ContactKind.VISIT)
    assert list(selectors.to_welcome(user=welfare_professional)) == [newcomer]
    services.contact_record(resident=newcomer, user=welfare_professional, kind=ContactKind.WELCOME)
    assert list(selectors.to_welcome(user=welfare_professional)) == []


def test_out_of_sight_is_for_the_professional_of_the_complex_only(
    own_complex, welfare_professional, corporation_staff, functional_admin
):
    alone = ResidentFactory(complex=own_complex, household=Household.WIDOWED)
    ResidentFactory(complex=own_complex, household=Household.COUPLE)
    assert list(selectors.out_of_sight(user=welfare_professional)) == [alone]
    assert not selectors.out_of_sight(user=corporation_staff).exists()
    assert not selectors.out_of_sight(user=functional_admin).exists()
    other_professional = UserFactory(role=roles.WELFARE_PROFESSIONAL)
    assert not selectors.out_of_sight(user=other_professional).exists()


def test_resident_mix_counts_bands_and_households(own_complex):
    year = timezone.localdate().year
    ResidentFactory(complex=own_complex, birth_year=year - 80, household=Household.WIDOWED)
    ResidentFactory(complex=own_complex, birth_year=year - 60, household=Household.COUPLE)
    ResidentFactory(
        complex=own_complex,
        birth_year=year - 70,
        household=Household.DIVORCED,
        moved_in=timezone.localdate(),
        language="Turks",
    )
    mix = selectors.resident_mix(complex=own_complex)
    assert mix["total"] == 3
    assert mix["age_bands"] == {"75_plus": 1, "55_74": 2}
    assert mix["living_alone"] == 2
    assert mix["new_tenants"] == 1
    assert mix["languages"]["Turks"] == 1
