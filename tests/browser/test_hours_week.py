"""The week grid of welfare hours in a real browser, in Dutch, on a wide screen (1366 px) and on
a phone (390 px): an edit is submitted without saving first, leaving a week with unsaved edits
asks, last week is taken over on request, a returned old week is corrected and submitted again,
totals follow the typing, and the page never scrolls sideways. Every week used is past its
Friday, whatever day the tests run."""

from decimal import Decimal

import pytest
from django.conf import settings

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek, WelfareCalendar
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import UserFactory
from tests.helpers import SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, watched_page
from tests.interventions import helpers
from tests.interventions.helpers import cell, grid, logged, returned_week, this_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name.
wendy = helpers.wendy

VIEWPORTS = {
    "wide": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser):
    """A page at each width, collecting console errors (and CSP violations) in ``problems``."""
    page = watched_page(browser, **VIEWPORTS[request.param])
    yield page
    page.context.close()


def hours_input(page, complex_, kind=WorkKind.GROUP_WORK):
    return page.locator(f"input[name='{cell(complex_, kind)}']")


def open_grid(page, live_server, week: Week) -> None:
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "wendy")
    page.goto(live_server.url + grid(week))
    expect(page.locator("#hours-week h1")).to_contain_text(f"week {week.week}")
    assert page.evaluate(UNLABELLED_FIELDS) == []
    assert not page.evaluate(SCROLLS_SIDEWAYS), "the grid page scrolls sideways"


def week_status(professional, week: Week) -> str:
    row = HoursWeek.objects.filter(professional=professional, year=week.year, week=week.week)
    return row.get().status if row.exists() else WeekStatus.OPEN


def test_an_edit_is_submitted_without_saving_first(screen, live_server, wendy, own_complex):
    from playwright.sync_api import expect

    week = this_week().shifted(-1)
    logged(wendy, own_complex, week, hours="1.50")
    open_grid(screen, live_server, week)

    hours_input(screen, own_complex).fill("3")
    screen.get_by_role("button", name="Week indienen").click()
    screen.wait_for_load_state()

    expect(screen.locator("#hours-week-status")).to_contain_text("Ingediend")
    assert HoursEntry.objects.get().hours == Decimal("3.00")
    assert week_status(wendy, week) == WeekStatus.SUBMITTED
    assert screen.problems == []


def test_leaving_a_week_with_an_unsaved_edit_asks_first(screen, live_server, wendy, own_complex):
    from playwright.sync_api import expect

    week = this_week().shifted(-1)
    logged(wendy, own_complex, week, hours="1.50")
    open_grid(screen, live_server, week)
    questions = []

    def dismiss(dialog):
        questions.append((dialog.type, dialog.message))
        dialog.dismiss()

    hours_input(screen, own_complex).fill("3")
    screen.once("dialog", dismiss)
    screen.click("#hours-previous")
    expect(hours_input(screen, own_complex)).to_have_value("3")
    assert questions == [
        (
            "confirm",
            "Deze week heeft wijzigingen die niet zijn opgeslagen. Weggaan en ze kwijtraken?",
        )
    ]
    expect(screen.locator("#hours-week h1")).to_contain_text(f"week {week.week}")
    assert screen.url.endswith(grid(week))

    screen.once("dialog", lambda dialog: dialog.accept())
    screen.click("#hours-previous")
    previous = week.shifted(-1)
    expect(screen.locator("#hours-week h1")).to_contain_text(f"week {previous.week}")
    assert screen.url.endswith(grid(previous))
    assert HoursEntry.objects.get().hours == Decimal("1.50")  # left unsaved, as asked

    # Nothing typed in this week: its week buttons do not ask.
    screen.on("dialog", lambda dialog: questions.append((dialog.type, dialog.message)))
    screen.click("#hours-next")
    expect(screen.locator("#hours-week h1")).to_contain_text(f"week {week.week}")
    assert len(questions) == 1
    assert screen.problems == []


def test_last_week_is_taken_over_on_request(screen, live_server, wendy, own_complex):
    from playwright.sync_api import expect

    week = this_week().shifted(-1)
    logged(wendy, own_complex, week.shifted(-1), WorkKind.GROUP_WORK, "2", "Koffie")
    logged(wendy, own_complex, week.shifted(-1), WorkKind.HOME_VISIT, "1.25")
    logged(wendy, own_complex, week, WorkKind.HOME_VISIT, "0.50")
    open_grid(screen, live_server, week)
    assert screen.locator("#hours-grid input[placeholder]").count() == 0
    expect(screen.locator(f"#hint_{cell(own_complex)}")).to_contain_text("Vorige week: 2 u")
    expect(hours_input(screen, own_complex)).to_have_value("")

    screen.get_by_role("button", name="Neem vorige week over").click()

    expect(hours_input(screen, own_complex)).to_have_value("2")
    expect(hours_input(screen, own_complex, WorkKind.HOME_VISIT)).to_have_value("0,5")
    expect(screen.locator(f"input[name='n-{own_complex.pk}-{WorkKind.GROUP_WORK}']")).to_have_value(
        ""
    )
    expect(screen.locator("#hours-taken-over")).to_be_visible()
    expect(screen.locator("#hours-week-total")).to_contain_text("2,5")
    assert not HoursEntry.objects.filter(week=week.week, kind=WorkKind.GROUP_WORK).exists()

    # Taken over is not saved: leaving the page asks first (dismissed: it stays).
    questions = []

    def dismiss(dialog):
        questions.append(dialog.type)
        dialog.dismiss()

    screen.once("dialog", dismiss)
    # The click only returns once the page has its answer: the question was asked by then.
    screen.click("a.navbar-brand", no_wait_after=True)
    assert questions == ["beforeunload"]
    assert screen.url.endswith(grid(week))
    expect(hours_input(screen, own_complex)).to_have_value("2")

    screen.get_by_role("button", name="Week opslaan").click()
    screen.wait_for_load_state()
    saved = HoursEntry.objects.filter(year=week.year, week=week.week)
    assert dict(saved.values_list("kind", "hours")) == {
        WorkKind.GROUP_WORK: Decimal("2.00"),
        WorkKind.HOME_VISIT: Decimal("0.50"),
    }
    assert saved.get(kind=WorkKind.GROUP_WORK).note == ""
    assert screen.problems == []


def test_a_returned_old_week_is_corrected_and_submitted_again(
    screen, live_server, wendy, own_complex
):
    from playwright.sync_api import expect

    team_lead = UserFactory(
        username="tessa",
        first_name="Tessa",
        last_name="Bakker",
        role=roles.WELFARE_PROFESSIONAL,
        organisation=helpers.ORGANISATION,
    )
    helpers.grant_approval(team_lead)
    week = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 3))
    logged(wendy, own_complex, week, hours="1.50")
    returned_week(wendy, week, by=team_lead, note="Het overleg ontbreekt.")
    open_grid(screen, live_server, week)
    returned = screen.locator("#hours-returned")
    expect(returned).to_contain_text("Teruggestuurd")
    expect(returned).to_contain_text("Het overleg ontbreekt.")
    expect(returned).to_contain_text("Teruggestuurd door Tessa Bakker op")
    expect(screen.locator("#hours-week-status")).not_to_contain_text("Vergrendeld")

    hours_input(screen, own_complex).fill("2,5")
    screen.get_by_role("button", name="Week indienen").click()
    screen.wait_for_load_state()

    expect(screen.locator("#hours-week-status")).to_contain_text("Ingediend")
    assert HoursEntry.objects.get().hours == Decimal("2.50")
    assert week_status(wendy, week) == WeekStatus.SUBMITTED
    assert screen.problems == []


def test_totals_follow_the_typing_against_the_norm(screen, live_server, wendy, own_complex):
    from playwright.sync_api import expect

    week = this_week().shifted(-1)
    # Every week of that year funded, 4 hours a week: the norm applies whatever the date.
    WelfareCalendar.objects.create(year=week.year, hours_per_week=4, unfunded_weeks=[])
    logged(wendy, own_complex, week, WorkKind.HOME_VISIT, "1")
    open_grid(screen, live_server, week)
    total = screen.locator(f"[data-total='{own_complex.pk}']")
    expect(total).to_contain_text("1 / 4 u")
    expect(total.locator(".badge")).to_have_text("Onder de norm")

    screen.select_option("#id_add_complex", str(own_complex.pk))
    screen.select_option("#id_add_kind", WorkKind.ACTIVITY)
    screen.click("#hours-add button")
    activity = hours_input(screen, own_complex, WorkKind.ACTIVITY)
    activity.fill("1:30")
    expect(total).to_contain_text("2,5 / 4 u")
    expect(screen.locator("#hours-week-total")).to_contain_text("2,5 u")
    activity.fill("3,1")  # rounded to the quarter, as the server does
    expect(total).to_contain_text("4 / 4 u")
    expect(total.locator(".badge")).to_have_text("Norm gehaald")
    activity.fill("abc")  # unreadable: not counted, the server will say why
    expect(total).to_contain_text("1 / 4 u")
    expect(total.locator(".badge")).to_have_text("Onder de norm")
    assert not screen.evaluate(SCROLLS_SIDEWAYS)
    assert not HoursEntry.objects.filter(kind=WorkKind.ACTIVITY).exists()
    assert screen.problems == []
