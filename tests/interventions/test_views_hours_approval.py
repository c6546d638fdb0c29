"""The welfare-hours screens around the grid: approving, returning and unlocking a week (admin
and team lead), the missing weeks, the menu, and their query counts."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interventions.choices import WeekStatus
from interventions.models import HoursEntry, HoursWeek
from leefbaarheid import roles
from tests.factories import ComplexFactory, HoursEntryFactory, HoursWeekFactory, UserFactory
from tests.helpers import nav_links
from tests.interventions import helpers
from tests.interventions.helpers import ORGANISATION, cell, decide, grid, this_week

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy


def test_admin_approves_a_submitted_week(client, functional_admin, submitted_week):
    client.force_login(functional_admin)
    response = client.get(reverse("interventions:hours_approval"))
    assert response.status_code == 200
    listed = response.context["to_approve"]
    assert [item.pk for item in listed] == [submitted_week.pk]
    assert listed[0].total == Decimal("3.00")
    response = decide(client, submitted_week, decision="approve")
    assert response.status_code == 302
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.APPROVED
    assert submitted_week.decided_by == functional_admin


def test_returning_needs_a_reason(client, functional_admin, submitted_week):
    client.force_login(functional_admin)
    response = decide(client, submitted_week, decision="return", return_note="  ")
    assert response.status_code == 200
    assert "Say why the week goes back" in response.content.decode()
    assert f'id="return-error-{submitted_week.pk}"' in response.content.decode()
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.SUBMITTED
    response = decide(client, submitted_week, decision="return", return_note="Week 3 ontbreekt")
    assert response.status_code == 302
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.RETURNED
    assert submitted_week.return_note == "Week 3 ontbreekt"


def test_the_professional_sees_why_a_week_was_returned(client, wendy, submitted_week):
    submitted_week.status, submitted_week.return_note = WeekStatus.RETURNED, "Graag aanvullen"
    submitted_week.save()
    client.force_login(wendy)
    response = client.get(grid(submitted_week.iso_week))
    assert "Graag aanvullen" in response.content.decode()


def test_deciding_a_week_that_is_not_submitted_is_refused(client, functional_admin, approved_week):
    client.force_login(functional_admin)
    response = decide(client, approved_week, decision="return", return_note="Nee")
    assert response.status_code == 200
    assert "Only a submitted week" in response.content.decode()
    approved_week.refresh_from_db()
    assert approved_week.status == WeekStatus.APPROVED


def test_a_bad_decision_is_refused(client, functional_admin, submitted_week):
    client.force_login(functional_admin)
    response = decide(client, submitted_week, decision="maybe")
    assert response.status_code == 200
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.SUBMITTED


def test_team_lead_of_the_same_organisation_approves(client, team_lead, submitted_week):
    client.force_login(team_lead)
    response = client.get(reverse("interventions:hours_approval"))
    assert [item.pk for item in response.context["to_approve"]] == [submitted_week.pk]
    assert response.context["may_unlock"] is False
    assert decide(client, submitted_week, decision="approve").status_code == 302
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.APPROVED
    # Unlocking is the functional admin's.
    unlock = reverse("interventions:hours_week_unlock", args=[submitted_week.pk])
    assert client.post(unlock).status_code == 403


def test_team_lead_of_another_organisation_gets_404(client, other_team_lead, submitted_week):
    client.force_login(other_team_lead)
    response = client.get(reverse("interventions:hours_approval"))
    assert response.status_code == 200
    assert list(response.context["to_approve"]) == []
    assert decide(client, submitted_week, decision="approve").status_code == 404
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.SUBMITTED


def test_nobody_approves_their_own_week(client, team_lead):
    week = this_week().shifted(-1)
    own = HoursWeekFactory(
        professional=team_lead, year=week.year, week=week.week, status=WeekStatus.SUBMITTED
    )
    client.force_login(team_lead)
    assert decide(client, own, decision="approve").status_code == 404
    own.refresh_from_db()
    assert own.status == WeekStatus.SUBMITTED


def test_a_professional_without_the_permission_gets_403(client, colleague, submitted_week):
    client.force_login(colleague)
    assert client.get(reverse("interventions:hours_approval")).status_code == 403
    assert decide(client, submitted_week, decision="approve").status_code == 403
    submitted_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.SUBMITTED


def test_admin_unlocks_an_approved_week(client, functional_admin, approved_week, wendy):
    client.force_login(functional_admin)
    response = client.get(reverse("interventions:hours_approval"))
    assert [item.pk for item in response.context["approved"]] == [approved_week.pk]
    unlock = reverse("interventions:hours_week_unlock", args=[approved_week.pk])
    assert client.get(unlock).status_code == 405
    assert client.post(unlock).status_code == 302
    approved_week.refresh_from_db()
    assert approved_week.status == WeekStatus.OPEN
    assert approved_week.unlocked_by == functional_admin
    # Open again: the professional can change it.
    client.force_login(wendy)
    assert client.get(grid(approved_week.iso_week)).context["editable"] is True


def test_admin_unlocks_a_week_past_the_grace_period_from_the_grid(
    client, functional_admin, wendy, own_complex
):
    old = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 2))
    client.force_login(functional_admin)
    # A forgotten week: nothing was ever saved in it, so it has no row yet.
    response = client.get(grid(old, wendy))
    assert response.context["may_unlock"] is True
    assert client.post(grid(old, wendy), {cell(own_complex): "2"}).status_code == 200
    assert not HoursEntry.objects.exists()
    unlock = reverse("interventions:hours_week_unlock_at", args=[old.year, old.week])
    response = client.post(f"{unlock}?professional={wendy.pk}")
    assert response["Location"] == grid(old, wendy)
    assert HoursWeek.objects.get(professional=wendy, week=old.week).unlocked_by == functional_admin
    response = client.post(grid(old, wendy), {cell(own_complex): "2"})
    assert response.status_code == 302
    assert HoursEntry.objects.get().week == old.week


def test_a_team_lead_cannot_unlock_from_the_grid(client, team_lead, wendy):
    old = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 2))
    client.force_login(team_lead)
    unlock = reverse("interventions:hours_week_unlock_at", args=[old.year, old.week])
    assert client.post(f"{unlock}?professional={wendy.pk}").status_code == 403
    assert not HoursWeek.objects.filter(unlocked_at__isnull=False).exists()


def test_unlocking_an_open_week_is_refused(client, functional_admin, wendy):
    week = this_week()
    hours_week = HoursWeekFactory(professional=wendy, year=week.year, week=week.week)
    client.force_login(functional_admin)
    unlock = reverse("interventions:hours_week_unlock", args=[hours_week.pk])
    response = client.post(unlock, follow=True)
    assert "not locked" in response.content.decode()
    hours_week.refresh_from_db()
    assert hours_week.unlocked_at is None


# Missing weeks ------------------------------------------------------------------------------
def test_missing_weeks_per_professional(
    client, functional_admin, official, wendy, own_complex, colleague
):
    last = this_week().shifted(-1)
    HoursEntryFactory(professional=wendy, complex=own_complex, hours=Decimal("2.75"))
    client.force_login(functional_admin)
    response = client.get(reverse("interventions:hours_missing"))
    assert response.status_code == 200
    rows = {row["professional"].username: row for row in response.context["rows"]}
    assert set(rows) == {"wendy", "pieter"}
    latest = rows["wendy"]["weeks"][-1]
    assert latest["week"] == last
    assert latest["hours"] == Decimal("2.75")
    assert latest["url"] == grid(last, wendy)
    assert f'href="{grid(last, wendy)}"' in response.content.decode()
    # The municipality reads the list but opens no grid.
    client.force_login(official)
    response = client.get(reverse("interventions:hours_missing"))
    assert response.status_code == 200
    assert all(item["url"] == "" for row in response.context["rows"] for item in row["weeks"])


def test_a_handed_in_week_is_not_missing(client, functional_admin, submitted_week):
    client.force_login(functional_admin)
    response = client.get(reverse("interventions:hours_missing"))
    weeks = [item["week"] for row in response.context["rows"] for item in row["weeks"]]
    assert submitted_week.iso_week not in weeks


def test_team_lead_sees_the_missing_weeks_of_the_team_only(
    client, team_lead, wendy, foreign_complex, submitted_week
):
    stranger = UserFactory(
        username="sven", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )
    client.force_login(team_lead)
    response = client.get(reverse("interventions:hours_missing"))
    names = {row["professional"].username for row in response.context["rows"]}
    assert "wendy" in names
    assert stranger.username not in names


@pytest.mark.parametrize("role_fixture", ["corporation_staff", "team_member"])
def test_missing_weeks_refused_without_hours_rights(client, request, role_fixture, wendy):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("interventions:hours_missing")).status_code == 403


# Navigation ---------------------------------------------------------------------------------
def hours_nav(response) -> set[str]:
    hours_pages = {
        reverse("interventions:hours_week"): "mine",
        reverse("interventions:hours_approval"): "approve",
        reverse("interventions:hours_missing"): "missing",
    }
    return {hours_pages[link["url"]] for link in nav_links(response) if link["url"] in hours_pages}


@pytest.mark.parametrize(
    ("role_fixture", "expected"),
    [
        ("wendy", {"mine"}),
        ("team_lead", {"mine", "approve", "missing"}),
        ("functional_admin", {"approve", "missing"}),
        ("official", {"missing"}),
        ("corporation_staff", set()),
        ("team_member", set()),
    ],
)
def test_menu_shows_the_hours_screens_a_role_may_open(client, request, role_fixture, expected):
    client.force_login(request.getfixturevalue(role_fixture))
    assert hours_nav(client.get(reverse("home"))) == expected


def test_team_lead_sees_a_team_member_who_never_handed_anything_in(client, team_lead, wendy):
    client.force_login(team_lead)
    response = client.get(reverse("interventions:hours_missing"))
    assert "wendy" in {row["professional"].username for row in response.context["rows"]}


def _more_professionals_with_submitted_weeks(count: int) -> None:
    week = this_week().shifted(-1)
    for _number in range(count):
        complex_ = ComplexFactory()
        professional = UserFactory(
            role=roles.WELFARE_PROFESSIONAL, complexes=[complex_], organisation=ORGANISATION
        )
        HoursEntryFactory(professional=professional, complex=complex_)
        HoursWeekFactory(
            professional=professional, year=week.year, week=week.week, status=WeekStatus.SUBMITTED
        )


@pytest.mark.parametrize("page", ["hours_approval", "hours_missing"])
def test_approval_and_missing_weeks_take_the_same_queries_for_more_professionals(
    client, functional_admin, django_assert_max_num_queries, page
):
    _more_professionals_with_submitted_weeks(2)
    client.force_login(functional_admin)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(f"interventions:{page}")).status_code == 200
    _more_professionals_with_submitted_weeks(8)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse(f"interventions:{page}"))
    rows = response.context["rows"] if page == "hours_missing" else response.context["to_approve"]
    assert len(rows) == 10
