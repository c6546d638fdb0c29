"""The home page's weeks of hours (issue 15, point 6), a section the interventions app adds to
page "home": an approver counts the submitted weeks waiting for them, a welfare professional
sees their returned weeks with the reasons; nobody else sees either."""

import pytest
from django.urls import reverse

from interventions.choices import WeekStatus
from leefbaarheid.weeks import Week
from tests.factories import HoursWeekFactory
from tests.interventions import helpers
from tests.interventions.helpers import at, grid

pytestmark = pytest.mark.django_db

_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy

HOME = reverse("home")
APPROVAL = reverse("interventions:hours_approval")


@pytest.fixture
def weeks(wendy, colleague):
    """Wendy: W47 and W49 submitted, W48 returned ("Anker ontbreekt"), W46 approved; her
    colleague Pieter: W49 submitted."""
    with at(2026, 12, 9):
        made = {
            number: HoursWeekFactory(professional=wendy, year=2026, week=number, status=status)
            for number, status in (
                (46, WeekStatus.APPROVED),
                (47, WeekStatus.SUBMITTED),
                (48, WeekStatus.RETURNED),
                (49, WeekStatus.SUBMITTED),
            )
        }
        made[48].return_note = "Anker ontbreekt"
        made[48].save()
        HoursWeekFactory(professional=colleague, year=2026, week=49, status=WeekStatus.SUBMITTED)
        yield made


def test_a_team_lead_sees_the_weeks_waiting(client, team_lead, weeks):
    client.force_login(team_lead)
    response = client.get(HOME)
    assert response.context["hours_waiting"] == 3
    html = response.content.decode()
    assert "3 weeks waiting for approval" in html
    assert f'href="{APPROVAL}"' in html


def test_a_team_lead_sees_the_weeks_waiting_in_dutch(client, team_lead, weeks):
    client.force_login(team_lead)
    assert "3 weken wachten op goedkeuring" in client.get(HOME).content.decode()


def test_a_team_lead_of_another_organisation_has_none_waiting(client, other_team_lead, weeks):
    client.force_login(other_team_lead)
    response = client.get(HOME)
    assert response.context["hours_waiting"] == 0
    assert "0 weeks waiting for approval" in response.content.decode()


def test_a_professional_sees_her_returned_weeks_with_the_reason(client, wendy, weeks):
    client.force_login(wendy)
    response = client.get(HOME)
    assert [item["hours_week"].week for item in response.context["hours_returned"]] == [48]
    assert response.context["hours_waiting"] is None
    html = response.content.decode()
    assert "1 returned week" in html
    assert "Anker ontbreekt" in html
    assert f'href="{grid(Week(2026, 48))}"' in html
    assert "waiting for approval" not in html


def test_a_professional_sees_her_returned_weeks_in_dutch(client, wendy, weeks):
    client.force_login(wendy)
    html = client.get(HOME).content.decode()
    assert "1 teruggestuurde week" in html
    assert "Week 48 van 2026" in html


def test_a_professional_without_returned_weeks_sees_nothing_of_it(client, colleague, weeks):
    client.force_login(colleague)
    response = client.get(HOME)
    assert "interventions/_home_hours_weeks.html" not in response.context["sections"]
    assert 'id="home-hours"' not in response.content.decode()


@pytest.mark.parametrize(
    "role_fixture", ["official", "corporation_staff", "team_member", "user_without_role"]
)
def test_nobody_else_sees_these(client, request, role_fixture, weeks):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "interventions/_home_hours_weeks.html" not in response.context["sections"]
    assert response.context["hours_waiting"] is None
    assert response.context["hours_returned"] == []
    html = response.content.decode()
    assert 'id="home-hours"' not in html
    assert "Anker ontbreekt" not in html


def test_the_functional_admin_approves_so_sees_the_count(client, functional_admin, weeks):
    client.force_login(functional_admin)
    assert client.get(HOME).context["hours_waiting"] == 3
