"""Dutch numbers in a real browser (Debian's Chromium driven by Playwright), in the Dutch
interface: corporation staff type "8.500,50" as the amount of a grant and 8500.50 is saved and
shown as "€ 8.500,50"; a malformed amount is refused with a Dutch message on the field; the
survey's results follow every questionnaire typed in — without console errors or
Content-Security-Policy violations."""

import datetime
from decimal import Decimal

import pytest

from evaluations.models import SurveyResponse
from interventions.models import Grant
from tests.factories import SubsidySchemeFactory
from tests.helpers import sign_in, today
from tests.surveys import SurveyRoundFactory, respond_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMOUNT = "Aangevraagd bedrag (€)"


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory(
        name="Vitale Leefgemeenschappen",
        min_amount=Decimal("5000.00"),
        max_amount=Decimal("10000.00"),
        start=datetime.date(2019, 1, 1),
        active=True,
    )


def _fill_application(page, live_server, complex_, scheme, amount):
    page.goto(f"{live_server.url}/interventions/grants/apply/?complex={complex_.pk}")
    page.get_by_label("Regeling").select_option(value=str(scheme.pk))
    page.get_by_label("Titel").fill("Samen aan tafel")
    page.get_by_label("Periode van").fill(today().replace(month=1, day=1).isoformat())
    page.get_by_label("Periode tot").fill(today().replace(month=12, day=31).isoformat())
    page.get_by_label(AMOUNT).fill(amount)
    page.get_by_role("button", name="Aanvragen", exact=True).click()
    page.wait_for_load_state()


def test_a_dutch_user_types_8500_euros_50_as_a_grant_amount(
    page, live_server, corporation_staff, own_complex, scheme
):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.goto(f"{live_server.url}/interventions/grants/apply/?complex={own_complex.pk}")
    amount = page.get_by_label(AMOUNT)
    # A text input with a decimal keyboard: a type=number input would refuse "8.500,50".
    assert amount.get_attribute("type") == "text"
    assert amount.get_attribute("inputmode") == "decimal"

    _fill_application(page, live_server, own_complex, scheme, "8.500,50")

    grant = Grant.objects.get()
    assert grant.amount_requested == Decimal("8500.50")
    assert page.url.endswith(f"/interventions/grants/{grant.pk}/")
    expect(page.locator("main")).to_contain_text("€ 8.500,50")

    # The correction form offers the amount back the Dutch way.
    page.goto(f"{live_server.url}/interventions/grants/{grant.pk}/edit/")
    expect(page.get_by_label(AMOUNT)).to_have_value("8.500,50")
    assert page.problems == []


@pytest.mark.parametrize("typed", ["8,500.50.1", "abc"])
def test_a_malformed_amount_is_refused_in_dutch_on_the_field(
    page, live_server, corporation_staff, own_complex, scheme, typed
):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    _fill_application(page, live_server, own_complex, scheme, typed)

    error = page.locator("#div_id_amount_requested .invalid-feedback")
    expect(error).to_have_text("Vul het bedrag in als 8.500,50 (of 8500,50).")
    expect(page.get_by_label(AMOUNT)).to_have_value(typed)
    assert not Grant.objects.exists()
    assert page.problems == []


def test_the_results_follow_each_questionnaire_typed_in(
    page, live_server, welfare_professional, own_complex
):
    from playwright.sync_api import expect

    round_ = SurveyRoundFactory(complex=own_complex, name="Voorjaar")
    respond_many(round_, [1, 1, 2, 3])  # four: one short of showing results
    sign_in(page, live_server.url, "wendy")
    page.goto(f"{live_server.url}/evaluations/surveys/{round_.pk}/")
    expect(page.locator("#survey-counts")).to_have_text(
        "4 vragenlijsten, waarvan 4 geldig (met score)."
    )
    expect(page.locator("#survey-results-hidden")).to_be_visible()
    page.evaluate("window.__sameDocument = true")

    # yes, more or less, no | no, no, yes → 1 + 1 + 0 | 1 + 1 + 0 = 4; the fifth questionnaire.
    page.locator("#id_emptiness_0").focus()
    page.keyboard.type("123331")
    page.keyboard.press("Enter")
    expect(page.locator("#survey-entry-saved")).to_have_text("Vragenlijst 5 opgeslagen (score 4).")

    # The results block was swapped in with the response: now shown, mean 11/5.
    expect(page.locator("#survey-counts")).to_have_text(
        "5 vragenlijsten, waarvan 5 geldig (met score)."
    )
    expect(page.locator("#survey-mean")).to_have_text("2,20")
    expect(page.locator("#survey-level-rule")).to_have_text("gemiddeld 2,20, afgerond 2")
    expect(page.locator("#survey-levels tr[data-level='moderate'] td").last).to_have_text("60,0%")
    assert page.evaluate("window.__sameDocument") is True
    assert SurveyResponse.objects.filter(round=round_).count() == 5
    assert page.problems == []
