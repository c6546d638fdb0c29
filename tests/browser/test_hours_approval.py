"""Approval in one place (issue 15, point 6), in a real browser, in Dutch, at 1366 and 390 px:
the team lead opens a submitted week from the list, sees each complex against the norm and
approves it there, returns another with a reason (first refused without one), and approves two
weeks at once from the list. No console errors, and at 390 px no page scrolls sideways."""

import datetime

import pytest
import time_machine

from interventions.choices import WeekStatus
from interventions.models import HoursWeek
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursWeekFactory, UserFactory
from tests.helpers import AMSTERDAM, SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, watched_page
from tests.interventions import helpers
from tests.interventions.helpers import ORGANISATION, grant_approval, log

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

wendy = helpers.wendy

APPROVAL = "/interventions/hours/approval/"


@pytest.fixture(params=[1366, 390], ids=["1366px", "390px"])
def screen(browser, request):
    """A page at the width asked, collecting console errors in ``problems``."""
    page = watched_page(browser, request.param)
    page.narrow = request.param < 768
    yield page
    page.context.close()


@pytest.fixture
def december():
    """Wednesday 9 December 2026, the clock running: W47–W49 are funded weeks."""
    moment = datetime.datetime(2026, 12, 9, 10, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def team(december, wendy, own_complex):
    """Tessa leads Wendy's team. Wendy handed in W47, W48 and W49 (W49: De Meidoorn 5 hours,
    Het Anker 1 hour); her colleague Pieter handed in W49."""
    lead = UserFactory(
        username="tessa",
        first_name="Tessa",
        last_name="Teamleider",
        role=roles.WELFARE_PROFESSIONAL,
        organisation=ORGANISATION,
    )
    grant_approval(lead)
    anker = ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
    wendy.assigned_complexes.add(anker)
    log(own_complex, wendy, Week(2026, 49), 5)
    log(anker, wendy, Week(2026, 49), 1)
    pieter = UserFactory(
        username="pieter",
        first_name="Pieter",
        last_name="Jansen",
        role=roles.WELFARE_PROFESSIONAL,
        organisation=ORGANISATION,
        complexes=[own_complex],
    )
    weeks = {
        (name, number): HoursWeekFactory(
            professional=professional,
            year=2026,
            week=number,
            status=WeekStatus.SUBMITTED,
            submitted_at=datetime.datetime.combine(
                Week(2026, number).monday + datetime.timedelta(days=4),
                datetime.time(16),
                tzinfo=AMSTERDAM,
            ),
        )
        for name, professional, number in (
            ("wendy", wendy, 47),
            ("wendy", wendy, 48),
            ("wendy", wendy, 49),
            ("pieter", pieter, 49),
        )
    }
    return weeks


def status(hours_week) -> str:
    return HoursWeek.objects.get(pk=hours_week.pk).status


def no_sideways_scroll(page) -> None:
    assert not page.evaluate(SCROLLS_SIDEWAYS), page.url


def open_week_from_the_list(page, base: str, hours_week) -> None:
    page.goto(base + APPROVAL)
    row = page.locator(f"#week-{hours_week.pk}")
    row.get_by_role("link", name=f"Week {hours_week.week} van 2026").click()
    page.wait_for_load_state()


def test_the_team_lead_decides_from_the_week_page(screen, live_server, team):
    from playwright.sync_api import expect

    page = screen
    sign_in(page, live_server.url, "tessa")
    open_week_from_the_list(page, live_server.url, team[("wendy", 49)])
    decision = page.locator("#hours-decision")
    expect(decision).to_be_visible()
    expect(page.locator("#hours-lock")).to_have_text(
        "Ingediend op 4 december 2026 — wacht op uw beslissing."
    )
    expect(decision).to_contain_text("1 complex onder de norm")
    anker = decision.locator("[data-below-norm]")
    expect(anker).to_contain_text("Het Anker")
    expect(anker).to_contain_text("1 / 4 u")
    expect(anker).to_contain_text("Onder de norm")
    expect(page.get_by_text("trek de indiening in")).to_have_count(0)
    no_sideways_scroll(page)
    assert page.evaluate(UNLABELLED_FIELDS) == []

    page.locator("#hours-approve").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Week 49 van Wendy de Wit is goedgekeurd.")).to_be_visible()
    expect(page.locator("#hours-decision")).to_have_count(0)
    assert status(team[("wendy", 49)]) == WeekStatus.APPROVED

    # Another week goes back: first without a reason (refused, on the field), then with one.
    open_week_from_the_list(page, live_server.url, team[("wendy", 48)])
    page.locator("#hours-return").click()
    page.wait_for_load_state()
    expect(page.locator("#hours-return-note-error")).to_have_text(
        "Geef aan waarom de week wordt teruggestuurd."
    )
    assert status(team[("wendy", 48)]) == WeekStatus.SUBMITTED
    no_sideways_scroll(page)
    page.get_by_label("Reden van terugsturen").fill("Het Anker ontbreekt")
    page.locator("#hours-return").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Week 48 van Wendy de Wit is teruggestuurd.")).to_be_visible()
    returned = HoursWeek.objects.get(pk=team[("wendy", 48)].pk)
    assert (returned.status, returned.return_note) == (WeekStatus.RETURNED, "Het Anker ontbreekt")
    assert page.problems == []


def test_the_team_lead_approves_two_weeks_at_once(screen, live_server, team):
    from playwright.sync_api import expect

    page = screen
    sign_in(page, live_server.url, "tessa")
    expect(page.get_by_role("link", name="4 weken wachten op goedkeuring")).to_be_visible()
    page.goto(live_server.url + APPROVAL)
    no_sideways_scroll(page)
    assert page.evaluate(UNLABELLED_FIELDS) == []
    select_all = page.get_by_label("Alles selecteren")
    expect(select_all).to_be_visible()
    select_all.check()
    for hours_week in team.values():
        expect(page.locator(f"#select-week-{hours_week.pk}")).to_be_checked()
    page.locator(f"#select-week-{team[('wendy', 49)].pk}").uncheck()
    page.locator(f"#select-week-{team[('wendy', 48)].pk}").uncheck()
    expect(select_all).not_to_be_checked()
    page.get_by_role("button", name="Geselecteerde weken goedkeuren").click()
    page.wait_for_load_state()
    expect(page.get_by_text("2 weken zijn goedgekeurd")).to_be_visible()
    assert status(team[("wendy", 47)]) == WeekStatus.APPROVED
    assert status(team[("pieter", 49)]) == WeekStatus.APPROVED
    assert status(team[("wendy", 48)]) == WeekStatus.SUBMITTED
    assert status(team[("wendy", 49)]) == WeekStatus.SUBMITTED
    no_sideways_scroll(page)
    assert page.problems == []
