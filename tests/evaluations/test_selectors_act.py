"""Where to act: red in the newest week, or amber for 8+ weeks in a row, without a running
intervention or grant; scoped like the complexes; one query however large the city."""

import datetime

import pytest

from complexes.models import Complex
from evaluations import selectors
from evaluations.choices import Status
from interventions.choices import GrantStatus, InterventionStatus
from leefbaarheid import roles
from tests.evaluations.helpers import THIS_WEEK, TODAY, amber, red, statuses
from tests.factories import ComplexFactory, GrantFactory, InterventionFactory
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with at(TODAY.year, TODAY.month, TODAY.day):
        yield


def _names(user) -> list[str]:
    return [row.complex.name for row in selectors.act_list(user=user)]


def test_red_and_long_amber_ask_for_action_short_amber_and_green_do_not(official):
    statuses(ComplexFactory(name="Rood"), *red(1))
    statuses(ComplexFactory(name="Lang oranje"), *amber(8))
    statuses(ComplexFactory(name="Kort oranje"), *amber(7))
    statuses(ComplexFactory(name="Groen"), Status.GREEN, Status.GREEN)
    statuses(ComplexFactory(name="Geen gegevens"), Status.NO_DATA)

    assert _names(official) == ["Rood", "Lang oranje"]


def test_only_the_newest_week_counts(official):
    """Red last week and green now: nothing to do; a complex without this week's snapshot is
    not judged on an old one."""
    statuses(ComplexFactory(name="Hersteld"), Status.RED, Status.GREEN)
    statuses(ComplexFactory(name="Nu rood"), Status.GREEN, Status.RED)
    statuses(ComplexFactory(name="Oud rood"), Status.RED, last=THIS_WEEK.shifted(-1))

    assert _names(official) == ["Nu rood"]


def test_weeks_in_status_counts_the_run_up_to_the_newest_week(official):
    statuses(ComplexFactory(name="A"), Status.RED, Status.GREEN, Status.RED, Status.RED)
    statuses(ComplexFactory(name="B"), Status.AMBER, Status.AMBER, Status.AMBER)
    statuses(ComplexFactory(name="C"), *(Status.AMBER,) * 10)

    rows = {row.complex.name: row for row in selectors.act_list(user=official)}

    assert rows["A"].weeks == 2
    assert "B" not in rows  # amber for only 3 weeks, since its first snapshot
    assert rows["C"].weeks == 10
    assert [reason["component"] for reason in rows["A"].reasons] == ["occupancy", "hours"]


def test_red_comes_first_then_the_longest_in_its_status(official):
    statuses(ComplexFactory(name="Oranje"), *amber(12))
    statuses(ComplexFactory(name="Rood kort"), *red(1))
    statuses(ComplexFactory(name="Rood lang"), *red(5))

    assert _names(official) == ["Rood lang", "Rood kort", "Oranje"]


def test_a_running_intervention_or_grant_takes_a_complex_off_the_list(official):
    since = TODAY - datetime.timedelta(days=30)
    for name in ("Interventie", "Gepland", "Subsidie", "Toegekend", "Afgerond", "Aangevraagd"):
        statuses(ComplexFactory(name=name), *red(2))
    complexes = {complex_.name: complex_ for complex_ in Complex.objects.all()}
    InterventionFactory(complex=complexes["Interventie"], status=InterventionStatus.RUNNING)
    InterventionFactory(
        complex=complexes["Gepland"], status=InterventionStatus.PLANNED, start=since
    )
    InterventionFactory(
        complex=complexes["Afgerond"],
        status=InterventionStatus.COMPLETED,
        start=since,
        end=TODAY - datetime.timedelta(days=1),
    )
    GrantFactory(complex=complexes["Subsidie"], status=GrantStatus.RUNNING)
    GrantFactory(complex=complexes["Toegekend"], status=GrantStatus.AWARDED)
    GrantFactory(complex=complexes["Aangevraagd"], status=GrantStatus.APPLIED)

    assert sorted(_names(official)) == ["Aangevraagd", "Afgerond"]


def test_a_planned_intervention_that_has_not_started_does_not_count(official):
    complex_ = ComplexFactory(name="Later")
    statuses(complex_, *red(1))
    InterventionFactory(
        complex=complex_,
        status=InterventionStatus.PLANNED,
        start=TODAY + datetime.timedelta(days=14),
    )

    assert _names(official) == ["Later"]


def test_corporation_staff_see_their_own_the_city_roles_all(
    own_complex, foreign_complex, corporation_staff, official, team_member, functional_admin
):
    statuses(own_complex, *red(1))
    statuses(foreign_complex, *red(1))
    everything = sorted([own_complex.name, foreign_complex.name])

    assert _names(corporation_staff) == [own_complex.name]
    for user in (official, team_member, functional_admin):
        assert sorted(_names(user)) == everything
    assert selectors.act_count(user=corporation_staff) == 1


def test_a_professional_sees_the_assigned_complexes(welfare_professional, foreign_complex):
    assigned = welfare_professional.assigned_complexes.get()
    statuses(assigned, *red(1))
    statuses(foreign_complex, *red(1))

    assert _names(welfare_professional) == [assigned.name]


def _city(times: int) -> None:
    for _number in range(times):
        statuses(ComplexFactory(), *red(3))
        statuses(ComplexFactory(), *amber(9))
        statuses(ComplexFactory(), *amber(2))
        InterventionFactory(complex=ComplexFactory())
        GrantFactory(status=GrantStatus.RUNNING)


def test_one_query_however_large_the_city(official, django_assert_num_queries):
    roles.user_roles(official)  # the roles cached on the user, as in a request
    _city(1)
    with django_assert_num_queries(1):
        assert len(selectors.act_list(user=official)) == 2
    _city(2)
    with django_assert_num_queries(1):
        assert len(selectors.act_list(user=official)) == 6


def test_the_need_of_a_complex_for_the_grant_screens(own_complex, corporation_staff, team_member):
    statuses(own_complex, *(Status.GREEN,) * 4, *(Status.AMBER,) * 4, Status.RED)

    need = selectors.complex_need(own_complex, corporation_staff)

    assert need["snapshot"].status == Status.RED
    assert [snapshot.status for snapshot in need["trend"]] == [Status.GREEN] * 3 + [
        Status.AMBER
    ] * 4 + [Status.RED]
    assert need["change"] == -50
    assert [row["component"] for row in need["reasons"]] == ["occupancy", "hours"]
    assert selectors.complex_need(own_complex, team_member) is None


def test_no_need_without_an_index(own_complex, corporation_staff, foreign_complex):
    statuses(foreign_complex, *red(1))

    assert selectors.complex_need(own_complex, corporation_staff) is None
    assert selectors.complex_need(foreign_complex, corporation_staff) is None
