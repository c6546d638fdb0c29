"""The subsidy lifecycle in a real browser, in Dutch: corporation staff apply for a grant (and
are first refused an amount above the scheme's maximum), the municipality awards it, and the
applicant starts it — all without console errors or Content-Security-Policy violations."""

import datetime
from decimal import Decimal

import pytest

from interventions.choices import GrantStatus, WorkKind
from interventions.models import Grant, HoursEntry
from tests.factories import GrantFactory, SubsidySchemeFactory
from tests.helpers import UNLABELLED_FIELDS, sign_in, today
from tests.interventions import helpers
from tests.interventions.helpers import cell, grid, this_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
wendy = helpers.wendy


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory(
        name="Vitale Leefgemeenschappen",
        min_amount=Decimal("5000.00"),
        max_amount=Decimal("10000.00"),
        start=datetime.date(2019, 1, 1),
        active=True,
    )


def _status_badge(page):
    return page.locator("h1 .badge")


def test_applying_is_refused_above_the_maximum_then_saved(
    page, live_server, corporation_staff, own_complex, scheme
):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    page.goto(f"{live_server.url}/interventions/grants/apply/")
    expect(page.get_by_role("heading", name="Subsidie aanvragen")).to_be_visible()
    page.get_by_label("Complex").select_option(label="De Meidoorn")
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
    assert f"complex={own_complex.pk}" in page.url
    assert page.evaluate(UNLABELLED_FIELDS) == []

    start = today().replace(month=1, day=1)
    end = today().replace(month=12, day=31)
    page.get_by_label("Regeling").select_option(value=str(scheme.pk))
    page.get_by_label("Titel").fill("Samen aan tafel")
    page.get_by_label("Periode van").fill(start.isoformat())
    page.get_by_label("Periode tot").fill(end.isoformat())
    page.get_by_label("Aangevraagd bedrag (€)").fill("12000")
    page.get_by_role("button", name="Aanvragen", exact=True).click()
    page.wait_for_load_state()

    error = page.locator("#div_id_amount_requested .invalid-feedback")
    expect(error).to_contain_text("Vitale Leefgemeenschappen geeft tussen")
    expect(error).to_contain_text("vul een bedrag binnen die")
    assert Grant.objects.count() == 0

    page.get_by_label("Aangevraagd bedrag (€)").fill("7500")
    page.get_by_role("button", name="Aanvragen", exact=True).click()
    page.wait_for_load_state()

    grant = Grant.objects.get()
    assert page.url.endswith(f"/interventions/grants/{grant.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samen aan tafel")
    expect(_status_badge(page)).to_have_text("Aangevraagd")
    expect(page.get_by_text("De aanvraag “Samen aan tafel” is opgeslagen.")).to_be_visible()
    assert grant.status == GrantStatus.APPLIED
    assert grant.amount_requested == Decimal("7500.00")
    assert grant.complex == own_complex
    assert grant.scheme == scheme
    assert grant.applied_by == corporation_staff
    assert (grant.start, grant.end) == (start, end)
    assert page.problems == []


def test_the_municipality_awards_and_the_applicant_starts(
    page, live_server, corporation_staff, official, own_complex, scheme
):
    from playwright.sync_api import expect

    grant = GrantFactory(
        complex=own_complex,
        scheme=scheme,
        title="Samen aan tafel",
        amount_requested=Decimal("7500.00"),
        applied_by=corporation_staff,
    )
    detail = f"{live_server.url}/interventions/grants/{grant.pk}/"

    # The municipality awards.
    sign_in(page, live_server.url, "gerrit")
    page.goto(detail)
    expect(_status_badge(page)).to_have_text("Aangevraagd")
    page.get_by_role("link", name="Toekennen", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/interventions/grants/{grant.pk}/step/award/")
    assert page.evaluate(UNLABELLED_FIELDS) == []
    page.get_by_label("Toegekend bedrag (€)").fill("7000")
    page.get_by_role("button", name="Toekennen", exact=True).click()
    page.wait_for_load_state()

    assert page.url == detail
    expect(_status_badge(page)).to_have_text("Toegekend")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.AWARDED
    assert grant.decided_by == official
    assert grant.decided_on == today()
    assert grant.amount_awarded == Decimal("7000.00")
    assert grant.report_due == grant.end + datetime.timedelta(weeks=scheme.report_within_weeks)

    # The applicant starts.
    page.context.clear_cookies()
    sign_in(page, live_server.url, "carla")
    page.goto(detail)
    expect(_status_badge(page)).to_have_text("Toegekend")
    expect(page.get_by_role("link", name="Toekennen", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Starten", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Starten", exact=True).click()
    page.wait_for_load_state()

    assert page.url == detail
    expect(_status_badge(page)).to_have_text("Lopend")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.RUNNING
    assert grant.started_by == corporation_staff
    assert page.problems == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_professional_adds_a_row_saves_and_goes_back_a_week_in_the_browser(
    page, live_server, wendy, own_complex
):
    from playwright.sync_api import expect

    from tests.helpers import UNLABELLED_FIELDS, sign_in

    sign_in(page, live_server.url, "wendy")
    page.goto(live_server.url + grid())
    assert page.evaluate(UNLABELLED_FIELDS) == []
    page.evaluate("window.__sameDocument = true")

    # A row added without a reload, in its complex's rows, ready to type in.
    page.select_option("#id_add_complex", str(own_complex.pk))
    page.select_option("#id_add_kind", WorkKind.COORDINATION)
    page.click("#hours-add button")
    new_input = page.locator(f"input[name='{cell(own_complex, WorkKind.COORDINATION)}']")
    expect(new_input).to_have_count(1)
    in_its_complex = page.locator(f"#hours-complex-{own_complex.pk} input[inputmode=decimal]")
    expect(in_its_complex).to_have_count(1)
    expect(new_input).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True
    # The same row twice: a message, no second row.
    page.click("#hours-add button")
    expect(page.locator("#hours-add-message .alert")).to_have_count(1)
    expect(new_input).to_have_count(1)

    new_input.fill("1:30")
    page.click("#hours-grid button[type=submit]")
    page.wait_for_load_state()
    assert HoursEntry.objects.get().hours == Decimal("1.50")

    # The previous week swaps in with htmx and lands in the address bar.
    previous = this_week().shifted(-1)
    page.evaluate("window.__sameDocument = true")
    page.click("#hours-previous")
    expect(page.locator("#hours-week h1")).to_contain_text(str(previous.week))
    assert page.url.endswith(f"/hours/{previous.year}/{previous.week}/")
    assert page.evaluate("window.__sameDocument") is True
    assert page.problems == []
