"""The city map in a real browser, at 1366 and 390 px: a marker per complex with coordinates, a
filter that narrows them and stays in the URL, a popup that links to the complex; without tiles,
and with tiles that fail to load, the note "Kaartachtergrond niet beschikbaar" — and no console
error or Content-Security-Policy violation either way."""

import base64

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from evaluations.choices import Status
from tests.evaluations.test_views_map import NEWEST, located, snapshot
from tests.factories import ComplexFactory
from tests.helpers import SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKERS = ".leaflet-interactive"
NOTE = "#map-no-tiles"
FAILED_TILE = "Failed to load resource: the server responded with a status of 404 (Not Found)"
TILES_PATH = "/map-tiles-offline/{z}/{x}/{y}.png"
# A transparent 1×1 PNG: a tile that loads.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def city(official):
    """Three complexes on the map (one red), one without coordinates."""
    red = located(name="Anker", units=80)
    snapshot(red, NEWEST, Status.RED, "41.5")
    for name, status in (("Bongerd", Status.GREEN), ("Linde", Status.AMBER)):
        snapshot(located(name=name), NEWEST, status, "70.0")
    ComplexFactory(name="Nergens")
    return red


def _open_map(browser, live_server, width):
    page = watched_page(browser, width)
    sign_in(page, live_server.url, "gerrit")
    page.goto(live_server.url + reverse("evaluations:complex_map"))
    page.wait_for_selector(MARKERS)
    return page


@pytest.mark.parametrize("width", [1366, 390])
def test_markers_a_filter_kept_in_the_url_and_a_popup_link(browser, live_server, city, width):
    with override_settings(MAP_TILES=""):
        page = _open_map(browser, live_server, width)
        assert page.locator(MARKERS).count() == 3
        assert page.locator(NOTE).is_visible()
        assert page.locator(NOTE).inner_text() == "Kaartachtergrond niet beschikbaar"
        assert page.evaluate(UNLABELLED_FIELDS) == []
        page.select_option("#id_status", "red")
        page.click("form[aria-label='Kaart filteren'] button[type=submit]")
        page.wait_for_url("**status=red**")
        page.wait_for_selector(MARKERS)
        assert page.locator(MARKERS).count() == 1
        assert "status=red" in page.locator("#map-as-list").get_attribute("href")
        page.locator(MARKERS).first.click()
        link = page.locator(".leaflet-popup-content a")
        link.wait_for()
        assert link.get_attribute("href") == reverse("complexes:complex_detail", args=[city.pk])
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert "Anker" in popup
        assert "Rood · index 41,5" in popup
        assert not page.evaluate(SCROLLS_SIDEWAYS)
        assert page.problems == []
        page.context.close()


def test_tiles_that_fail_to_load_leave_the_markers_and_show_the_note(browser, live_server, city):
    with override_settings(MAP_TILES=live_server.url + TILES_PATH):
        page = _open_map(browser, live_server, 1366)
        page.locator(NOTE).wait_for(state="visible")
        assert page.locator(MARKERS).count() == 3
        # The tile layer is gone after the first failure: no tile images left on the map.
        assert page.locator(".leaflet-tile-pane img").count() == 0
        # Chromium reports each failed request itself; the page adds no error of its own.
        print("PROBLEMS", page.problems)
        assert [p for p in page.problems if "Failed to load resource" not in p] == []
        page.context.close()


def test_tiles_that_load_hide_the_note(browser, live_server, city):
    with override_settings(MAP_TILES=live_server.url + TILES_PATH):
        page = watched_page(browser, 390)
        page.route(
            "**/map-tiles-offline/**",
            lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
        )
        sign_in(page, live_server.url, "gerrit")
        page.goto(live_server.url + reverse("evaluations:complex_map"))
        page.wait_for_selector(".leaflet-tile-loaded")
        assert page.locator(MARKERS).count() == 3
        assert page.locator(NOTE).is_hidden()
        assert (
            "© OpenStreetMap-bijdragers"
            in page.locator(".leaflet-control-attribution").inner_text()
        )
        assert not page.evaluate(SCROLLS_SIDEWAYS)
        assert page.problems == []
        page.context.close()
