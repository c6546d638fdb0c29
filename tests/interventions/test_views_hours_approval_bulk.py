"""The approval list (issue 15, point 6): several submitted weeks approved at once, all or
nothing; per week the number of complexes below the norm, in a fixed number of queries; returned
weeks are not on it, and count as not handed in on the missing-weeks page."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interventions.choices import WeekStatus
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursWeekFactory, UserFactory
from tests.interventions import helpers
from tests.interventions.helpers import ORGANISATION, at, log

pytestmark = pytest.mark.django_db

_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy

APPROVAL = reverse("interventions:hours_approval")
BULK = reverse("interventions:hours_weeks_approve")


@pytest.fixture
def december():
    """Wednesday 9 December 2026: W48 and W49 are funded weeks (4 hours per complex)."""
    with at(2026, 12, 9):
        yield


def submitted(professional, number: int, hours=None, status=WeekStatus.SUBMITTED):
    """``professional``'s week ``number`` of 2026, with ``hours`` logged in each assigned
    complex."""
    if hours is not None:
        for complex_ in professional.assigned_complexes.all():
            log(complex_, professional, Week(2026, number), hours)
    return HoursWeekFactory(professional=professional, year=2026, week=number, status=status)


def teammate(name: str, organisation: str = ORGANISATION, complexes=None):
    return UserFactory(
        username=name,
        first_name=name.capitalize(),
        last_name="Jansen",
        role=roles.WELFARE_PROFESSIONAL,
        organisation=organisation,
        complexes=complexes or [ComplexFactory()],
    )


def bulk(client, *weeks):
    return client.post(BULK, {"weeks": [week.pk for week in weeks]})


def test_the_team_lead_approves_two_weeks_at_once(client, december, team_lead, wendy):
    first, second = submitted(wendy, 48, 4), submitted(wendy, 49, 1)
    left = submitted(teammate("pieter"), 49)
    client.force_login(team_lead)
    response = bulk(client, first, second)
    assert response.status_code == 302
    assert response["Location"] == APPROVAL
    for week in (first, second):
        week.refresh_from_db()
        assert (week.status, week.decided_by) == (WeekStatus.APPROVED, team_lead)
    left.refresh_from_db()
    assert left.status == WeekStatus.SUBMITTED
    message = "2 weeks are approved: week 48 of Wendy de Wit, week 49 of Wendy de Wit."
    assert message in client.get(APPROVAL).content.decode()


def test_one_stale_week_and_none_is_approved(client, december, team_lead, wendy):
    pieter = teammate("pieter")
    fresh, stale = submitted(wendy, 49), submitted(pieter, 48)
    client.force_login(team_lead)
    page = client.get(APPROVAL)
    assert {item.pk for item in page.context["to_approve"]} == {fresh.pk, stale.pk}
    stale.status = WeekStatus.APPROVED  # meanwhile approved by someone else
    stale.save()
    response = bulk(client, fresh, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Week 48 of 2026 of Pieter Jansen is not submitted (any longer)." in html
    assert "No week was approved." in html
    fresh.refresh_from_db()
    assert fresh.status == WeekStatus.SUBMITTED
    assert fresh.decided_at is None
    assert f'id="select-week-{fresh.pk}" checked' in html  # the choice is kept


def test_one_stale_week_named_in_dutch(client, december, team_lead, wendy):
    fresh, returned = submitted(wendy, 49), submitted(wendy, 48, status=WeekStatus.RETURNED)
    client.force_login(team_lead)
    html = bulk(client, fresh, returned).content.decode()
    assert "Week 48 van 2026 van Wendy de Wit is niet (meer) ingediend." in html
    assert "Er is geen week goedgekeurd." in html
    fresh.refresh_from_db()
    assert fresh.status == WeekStatus.SUBMITTED


def test_nothing_selected(client, december, team_lead, wendy):
    week = submitted(wendy, 49)
    client.force_login(team_lead)
    response = client.post(BULK, {})
    assert response.status_code == 200
    assert "Choose the weeks to approve." in response.content.decode()
    week.refresh_from_db()
    assert week.status == WeekStatus.SUBMITTED


def test_nothing_selected_in_dutch(client, december, team_lead, wendy):
    submitted(wendy, 49)
    client.force_login(team_lead)
    assert "Kies de weken die u wilt goedkeuren." in client.post(BULK, {}).content.decode()


def test_a_team_lead_of_another_organisation_cannot_bulk_approve(
    client, december, other_team_lead, wendy
):
    own = submitted(teammate("nora", organisation="Welzijn Noord"), 49)
    foreign = submitted(wendy, 49)
    client.force_login(other_team_lead)
    assert bulk(client, foreign).status_code == 404
    assert bulk(client, own, foreign).status_code == 404
    for week in (own, foreign):
        week.refresh_from_db()
        assert week.status == WeekStatus.SUBMITTED


def test_nobody_bulk_approves_their_own_week(client, december, team_lead):
    own = submitted(team_lead, 49)
    client.force_login(team_lead)
    assert bulk(client, own).status_code == 404
    own.refresh_from_db()
    assert own.status == WeekStatus.SUBMITTED


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999999999999"])
def test_an_id_that_is_no_id_is_a_404(client, december, team_lead, wendy, value):
    week = submitted(wendy, 49)
    client.force_login(team_lead)
    assert client.post(BULK, {"weeks": [week.pk, value]}).status_code == 404
    week.refresh_from_db()
    assert week.status == WeekStatus.SUBMITTED


def test_a_professional_without_the_permission_gets_403(client, december, colleague, wendy):
    week = submitted(wendy, 49)
    client.force_login(colleague)
    assert bulk(client, week).status_code == 403
    assert client.get(BULK).status_code == 403
    week.refresh_from_db()
    assert week.status == WeekStatus.SUBMITTED


def test_the_list_offers_the_selection_and_keeps_the_single_decisions(
    client, december, team_lead, wendy
):
    week = submitted(wendy, 49)
    client.force_login(team_lead)
    html = client.get(APPROVAL).content.decode()
    assert f'action="{BULK}"' in html
    assert f'name="weeks" value="{week.pk}" form="bulk-approve"' in html
    assert 'id="select-all-weeks"' in html
    assert "Approve selected weeks" in html
    decide = reverse("interventions:hours_week_decide", args=[week.pk])
    assert html.count(f'action="{decide}"') == 2  # approve, and return with a reason


def test_the_list_counts_the_complexes_below_the_norm(client, december, team_lead, wendy):
    """W49: De Meidoorn 1 hour and a second senior complex nothing (both below 4); a complex
    that is no senior complex has no norm; W48: 4 hours in each (the norm met)."""
    second = ComplexFactory(name="Het Anker")
    street = ComplexFactory(name="Straat", is_senior=False)
    wendy.assigned_complexes.add(second, street)
    low = submitted(wendy, 49)
    log(wendy.assigned_complexes.get(name="De Meidoorn"), wendy, Week(2026, 49), 1)
    met = submitted(wendy, 48, 4)
    client.force_login(team_lead)
    response = client.get(APPROVAL)
    below = {item.pk: item.below_norm for item in response.context["to_approve"]}
    assert below == {low.pk: 2, met.pk: 0}
    assert 'data-below-norm="2"' in response.content.decode()


@pytest.mark.parametrize("more", [1, 12])
def test_the_list_takes_the_same_queries_for_one_week_or_many(
    client, december, functional_admin, wendy, django_assert_max_num_queries, more
):
    submitted(wendy, 49, 1)
    client.force_login(functional_admin)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(APPROVAL).context["to_approve"]) == 1
    for number in range(more):
        submitted(teammate(f"collega{number}"), 40 + number % 9, Decimal(number % 5 + 1))
    with django_assert_max_num_queries(len(one)):
        response = client.get(APPROVAL)
    assert len(response.context["to_approve"]) == 1 + more


def test_a_returned_week_is_not_on_the_list(client, december, team_lead, wendy):
    waiting = submitted(wendy, 49)
    submitted(wendy, 48, status=WeekStatus.RETURNED)
    client.force_login(team_lead)
    listed = client.get(APPROVAL).context["to_approve"]
    assert [item.pk for item in listed] == [waiting.pk]


def test_a_returned_week_counts_as_not_handed_in(client, december, team_lead, wendy):
    submitted(wendy, 49)
    submitted(wendy, 48, status=WeekStatus.RETURNED)
    client.force_login(team_lead)
    response = client.get(reverse("interventions:hours_missing"))
    rows = {row["professional"].username: row for row in response.context["rows"]}
    missing = [item["week"] for item in rows["wendy"]["weeks"]]
    assert Week(2026, 48) in missing
    assert Week(2026, 49) not in missing


def test_too_many_weeks_at_once_are_refused(client, december, team_lead, wendy):
    week = submitted(wendy, 49)
    client.force_login(team_lead)
    ids = [week.pk, *range(100_000, 100_500)]
    response = client.post(BULK, {"weeks": ids})
    assert response.status_code == 200
    assert "Approve at most 500 weeks at once." in response.content.decode()
    week.refresh_from_db()
    assert week.status == WeekStatus.SUBMITTED
