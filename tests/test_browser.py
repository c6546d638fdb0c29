"""The interface in a real browser (Debian's Chromium driven by Playwright): sign in, navigate,
filter with htmx, switch language — with no console error or Content-Security-Policy violation."""

import os
import shutil

import pytest

from complexes.models import District
from tests.factories import PASSWORD, ComplexFactory, DistrictFactory, UserFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in these tests are
    # plain synchronous test set-up, so Django's async guard can stand down here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: page.problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def city(corporation):
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Charlois", code="charlois")
    ComplexFactory(corporation=corporation, district=noord, name="De Meidoorn")
    ComplexFactory(corporation=corporation, district=zuid, name="Huize Linde")
    return corporation


UNLABELLED_FIELDS = """
[...document.querySelectorAll(
  'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'
)].filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)
"""


def _sign_in(page, base_url, username):
    page.goto(base_url + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#submit-id-submit")
    page.wait_for_load_state()


def test_staff_member_signs_in_and_filters_complexes(page, live_server, city):
    from playwright.sync_api import expect

    from leefbaarheid import roles

    UserFactory(username="carla", role=roles.CORPORATION_STAFF, corporation=city)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Inloggen"
    assert page.evaluate(UNLABELLED_FIELDS) == []

    _sign_in(page, live_server.url, "carla")
    assert "Welkom" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Complexen", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("table tbody tr").count() == 2
    assert page.evaluate(UNLABELLED_FIELDS) == []

    # Choosing a district swaps only the table (htmx) and keeps the filter in the address bar.
    page.evaluate("window.__sameDocument = true")
    noord = District.objects.get(code="noord")
    page.select_option("#id_district", str(noord.pk))
    # Playwright's own waiting (not wait_for_function, which the page's CSP rightly refuses).
    expect(page.locator("table tbody tr")).to_have_count(1)
    assert page.locator("table tbody tr").inner_text().startswith("De Meidoorn")
    assert page.evaluate("window.__sameDocument") is True
    assert f"district={noord.pk}" in page.url
    assert page.problems == []


def test_language_switch_in_the_browser(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Sign in"
    assert page.problems == []


def test_wrong_password_is_announced_next_to_the_form(page, live_server, official):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "gerrit")
    page.fill("#id_password", "verkeerd")
    page.click("#submit-id-submit")
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "Voer een correcte gebruikersnaam en wachtwoord in" in alert.inner_text()
