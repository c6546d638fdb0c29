"""Fixtures shared by several test modules of the interventions app: the funding API's
world and clients, a subsidy scheme, the welfare-hours rules' professionals and team, the hours
screens' team leads, colleague and handed-in weeks, and the grant screens' own grant."""

import pytest

from interventions.choices import WeekStatus
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.weeks import Week
from tests.factories import (
    ComplexFactory,
    GrantFactory,
    HoursEntryFactory,
    HoursWeekFactory,
    ProviderFactory,
    SubsidySchemeFactory,
    UserFactory,
)
from tests.interventions.helpers import (
    ORGANISATION,
    _with_permission,
    at,
    grant_approval,
    log,
    this_week,
)


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory()


@pytest.fixture
def world(own_complex, scheme):
    """What a valid payload refers to: the caller's own complex, a scheme and a provider."""
    return {"complex": own_complex, "scheme": scheme, "provider": ProviderFactory()}


@pytest.fixture
def as_staff(api_client, corporation_staff):
    api_client.force_authenticate(corporation_staff)
    return api_client


@pytest.fixture
def as_official(api_client, official):
    api_client.force_authenticate(official)
    return api_client


@pytest.fixture
def _rules(settings):
    settings.HOURS_GRACE_WEEKS = 2
    settings.HOURS_MAX_PER_COMPLEX_WEEK = 40


@pytest.fixture
def wendy(welfare_professional):
    return welfare_professional


@pytest.fixture
def team(own_complex):
    """A team lead of Welzijn Zuid with a colleague, and a professional of Welzijn Noord."""

    def professional(name: str, organisation: str) -> User:
        return UserFactory(
            username=name,
            role=roles.WELFARE_PROFESSIONAL,
            organisation=organisation,
            complexes=[own_complex],
        )

    lead = _with_permission(professional("tessa", "Welzijn Zuid"), roles.APPROVE_HOURS)
    return {
        "lead": lead,
        "colleague": professional("wim", "Welzijn Zuid"),
        "outsider": professional("otto", "Welzijn Noord"),
    }


@pytest.fixture
def summer(own_complex, welfare_professional):
    """Wednesday 16 September 2026: the last complete week is W37. The weeks the norm looks at,
    newest first: W37, W36, then (the summer weeks W28-W35 skipped) W27, W26, W25…

    De Meidoorn: 2 h in W37, 1 h in W36, nothing in the summer, 3 h in W27, 5 h in W26.
    Het Anker: 4 h in W37 and W36, nothing in the summer, 4 h in W27 and W26."""
    anker = ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
    welfare_professional.assigned_complexes.add(anker)
    for number, hours in ((37, 2), (36, 1), (27, 3), (26, 5)):
        log(own_complex, welfare_professional, Week(2026, number), hours)
    for number in (37, 36, 27, 26):
        log(anker, welfare_professional, Week(2026, number), 4)
    with at(2026, 9, 16):
        yield {"meidoorn": own_complex, "anker": anker}


@pytest.fixture
def team_lead(db):
    """A welfare professional of Wendy's organisation who may approve hours."""
    lead = UserFactory(username="tessa", role=roles.WELFARE_PROFESSIONAL, organisation=ORGANISATION)
    grant_approval(lead)
    return lead


@pytest.fixture
def other_team_lead(db):
    lead = UserFactory(
        username="otto", role=roles.WELFARE_PROFESSIONAL, organisation="Welzijn Noord"
    )
    grant_approval(lead)
    return lead


@pytest.fixture
def colleague(foreign_complex):
    """Another professional, without the approve permission."""
    return UserFactory(
        username="pieter",
        role=roles.WELFARE_PROFESSIONAL,
        complexes=[foreign_complex],
        organisation=ORGANISATION,
    )


@pytest.fixture
def submitted_week(wendy):
    week = this_week().shifted(-1)
    HoursEntryFactory(professional=wendy, complex=wendy.assigned_complexes.get(), hours=3)
    return HoursWeekFactory(
        professional=wendy, year=week.year, week=week.week, status=WeekStatus.SUBMITTED
    )


@pytest.fixture
def approved_week(wendy, functional_admin):
    week = this_week().shifted(-2)
    return HoursWeekFactory(
        professional=wendy,
        year=week.year,
        week=week.week,
        status=WeekStatus.APPROVED,
        decided_by=functional_admin,
    )


@pytest.fixture
def english(client, settings):
    """Read the messages in English (the Dutch catalogue is checked in its own test)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def own_grant(own_complex, scheme, corporation_staff):
    return GrantFactory(
        complex=own_complex, scheme=scheme, title="Samen aan tafel", applied_by=corporation_staff
    )
