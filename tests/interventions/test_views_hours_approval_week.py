"""Approving or returning a submitted week from its own page (issue 15, point 6): the approver
sees when it was submitted, each complex's hours against the norm with those below it counted,
an earlier return's reason, and decides there; nobody else sees the forms or gets past them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interventions.choices import WeekStatus
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursWeekFactory
from tests.helpers import AMSTERDAM
from tests.interventions import helpers
from tests.interventions.helpers import at, grid, log

pytestmark = pytest.mark.django_db

_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy

# Wednesday 9 December 2026: the last complete week, W49, is funded (4 hours per complex).
W49 = Week(2026, 49)
SUBMITTED_AT = datetime.datetime(2026, 12, 4, 16, 30, tzinfo=AMSTERDAM)


@pytest.fixture
def week49(wendy, own_complex):
    """Wendy's W49, submitted on Friday 4 December: De Meidoorn 5 hours (the norm met), Het
    Anker 1 hour (below the norm of 4)."""
    with at(2026, 12, 9):
        anker = ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
        wendy.assigned_complexes.add(anker)
        log(own_complex, wendy, W49, 5)
        log(anker, wendy, W49, 1)
        yield HoursWeekFactory(
            professional=wendy,
            year=2026,
            week=49,
            status=WeekStatus.SUBMITTED,
            submitted_at=SUBMITTED_AT,
        )


def decide(client, hours_week, **data):
    url = reverse("interventions:hours_week_decide", args=[hours_week.pk])
    return client.post(url, {"back": "grid", **data})


def test_the_team_lead_sees_the_figures_and_the_decision(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    response = client.get(grid(W49, wendy))
    assert response.status_code == 200
    decision = response.context["decision"]
    assert [
        (row["name"], row["hours"], row["norm"], row["below"]) for row in decision["figures"]
    ] == [
        ("De Meidoorn", Decimal("5.00"), Decimal("4.00"), False),
        ("Het Anker", Decimal("1.00"), Decimal("4.00"), True),
    ]
    assert decision["below"] == 1
    html = response.content.decode()
    assert "1 complex below the norm" in html
    assert "Submitted on 4 December 2026 — waiting for your decision." in html
    assert "withdraw the submission" not in html
    action = reverse("interventions:hours_week_decide", args=[week49.pk])
    assert html.count(f'action="{action}"') == 2
    assert 'name="back" value="grid"' in html


def test_the_team_lead_sees_it_in_dutch(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    html = client.get(grid(W49, wendy)).content.decode()
    assert "Ingediend op 4 december 2026 — wacht op uw beslissing." in html
    assert "1 complex onder de norm" in html
    assert "Goedkeuren" in html
    assert "Terugsturen" in html
    assert "trek de indiening in" not in html


def test_approving_from_the_week_page_goes_back_to_it(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    with at(2026, 12, 9):
        response = decide(client, week49, decision="approve")
    assert response.status_code == 302
    assert response["Location"] == grid(W49, wendy)
    week49.refresh_from_db()
    assert week49.status == WeekStatus.APPROVED
    assert week49.decided_by == team_lead
    page = client.get(response["Location"])
    assert "Week 49 of Wendy de Wit is approved." in page.content.decode()
    assert page.context["decision"] is None  # decided: no forms any more


def test_returning_without_a_reason_is_refused_on_the_week_page(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    with at(2026, 12, 9):
        response = decide(client, week49, decision="return", return_note="   ")
    assert response.status_code == 200
    assert "interventions/hours_week.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'id="hours-return-note-error"' in html
    assert "Say why the week goes back." in html
    assert response.context["decision"]["errors"] == {"return_note": "Say why the week goes back."}
    week49.refresh_from_db()
    assert week49.status == WeekStatus.SUBMITTED
    assert week49.returned_at is None
    assert week49.return_note == ""


def test_returning_without_a_reason_in_dutch(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    with at(2026, 12, 9):
        html = decide(client, week49, decision="return", return_note="").content.decode()
    assert "Geef aan waarom de week wordt teruggestuurd." in html
    assert 'id="hours-return-note-error"' in html  # on the week page, on the reason's field
    week49.refresh_from_db()
    assert week49.status == WeekStatus.SUBMITTED


def test_returning_with_a_reason_from_the_week_page(client, team_lead, wendy, week49):
    client.force_login(team_lead)
    with at(2026, 12, 9):
        response = decide(client, week49, decision="return", return_note="Anker mist uren")
    assert response.status_code == 302
    assert response["Location"] == grid(W49, wendy)
    week49.refresh_from_db()
    assert week49.status == WeekStatus.RETURNED
    assert week49.return_note == "Anker mist uren"
    client.force_login(wendy)
    assert "Anker mist uren" in client.get(grid(W49)).content.decode()


def test_an_earlier_return_is_shown_to_the_approver(client, team_lead, wendy, week49):
    week49.return_note = "Graag het Anker aanvullen"
    week49.returned_at = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=AMSTERDAM)
    week49.save()
    client.force_login(team_lead)
    response = client.get(grid(W49, wendy))
    assert response.context["decision"]["previous_note"] == "Graag het Anker aanvullen"
    assert 'id="hours-decision-previous"' in response.content.decode()


def test_the_functional_admin_decides_from_the_week_page(client, functional_admin, wendy, week49):
    client.force_login(functional_admin)
    assert client.get(grid(W49, wendy)).context["decision"]["below"] == 1
    with at(2026, 12, 9):
        assert decide(client, week49, decision="approve").status_code == 302
    week49.refresh_from_db()
    assert week49.status == WeekStatus.APPROVED


def test_the_owner_sees_no_decision_and_keeps_her_own_text(client, wendy, week49):
    client.force_login(wendy)
    response = client.get(grid(W49))
    assert response.context["decision"] is None
    html = response.content.decode()
    assert 'id="hours-decision"' not in html
    assert "withdraw the submission" in html


@pytest.mark.parametrize("status", [WeekStatus.OPEN, WeekStatus.APPROVED, WeekStatus.RETURNED])
def test_a_week_not_submitted_has_no_decision(client, team_lead, wendy, week49, status):
    week49.status = status
    week49.save()
    client.force_login(team_lead)
    response = client.get(grid(W49, wendy))
    assert response.context["decision"] is None
    assert 'id="hours-decision"' not in response.content.decode()


def test_a_professional_without_the_permission_sees_no_forms_and_cannot_post(
    client, colleague, wendy, week49
):
    client.force_login(colleague)
    assert client.get(grid(W49, wendy)).status_code == 404  # not a grid they may open
    assert decide(client, week49, decision="approve").status_code == 403
    week49.refresh_from_db()
    assert week49.status == WeekStatus.SUBMITTED


def test_a_team_lead_of_another_organisation_cannot_decide(client, other_team_lead, wendy, week49):
    client.force_login(other_team_lead)
    assert client.get(grid(W49, wendy)).status_code == 404
    assert decide(client, week49, decision="return", return_note="Nee").status_code == 404
    week49.refresh_from_db()
    assert week49.status == WeekStatus.SUBMITTED


def test_the_approvers_figures_take_the_same_queries_for_more_complexes(
    client, team_lead, wendy, week49, django_assert_max_num_queries
):
    client.force_login(team_lead)
    with CaptureQueriesContext(connection) as few:
        client.get(grid(W49, wendy))
    for number in range(5):
        extra = ComplexFactory(name=f"Extra {number}")
        wendy.assigned_complexes.add(extra)
        log(extra, wendy, W49, 2)
    with django_assert_max_num_queries(len(few)):
        response = client.get(grid(W49, wendy))
    assert response.context["decision"]["below"] == 6
