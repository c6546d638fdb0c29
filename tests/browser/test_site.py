"""The interface in a real browser (Debian's Chromium driven by Playwright): sign in, navigate,
filter with htmx, switch language — with no console error or Content-Security-Policy violation."""

import pytest

from complexes.models import District
from tests.factories import ComplexFactory, DistrictFactory, UserFactory
from tests.helpers import UNLABELLED_FIELDS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city(corporation):
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Charlois", code="charlois")
    ComplexFactory(corporation=corporation, district=noord, name="De Meidoorn")
    ComplexFactory(corporation=corporation, district=zuid, name="Huize Linde")
    return corporation


def test_staff_member_signs_in_and_filters_complexes(page, live_server, city):
    from playwright.sync_api import expect

    from leefbaarheid import roles

    UserFactory(username="carla", role=roles.CORPORATION_STAFF, corporation=city)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Inloggen"
    assert page.evaluate(UNLABELLED_FIELDS) == []

    sign_in(page, live_server.url, "carla")
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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_functional_admins_menu_bar_fits_a_1200_pixel_screen(
    page, live_server, functional_admin, language
):
    page.set_viewport_size({"width": 1200, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, live_server.url, functional_admin.username)
    # The widest menu of all roles: every menu item, the user and the language switch.
    assert page.locator("#main-nav").is_visible()
    assert page.evaluate("document.querySelector('nav').scrollWidth") <= 1200
    page.locator("#main-nav .dropdown-toggle").last.click()
    assert page.locator("#admin-link").is_visible()
    assert page.problems == []
