"""Where to act in a real browser at 390 px, in Dutch: corporation staff follow the home tile
to the list, then "apply for a grant" to the form that shows the complex's need; no sideways
scroll, no console or Content-Security-Policy errors."""

import pytest

from leefbaarheid.weeks import Week
from tests.evaluations.helpers import red, statuses
from tests.helpers import SCROLLS_SIDEWAYS, sign_in, today, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_follow_the_tile_to_the_list_and_the_need(
    browser, live_server, corporation_staff, own_complex, foreign_complex
):
    from playwright.sync_api import expect

    this_week = Week.of(today())
    statuses(own_complex, *red(9), last=this_week)
    statuses(foreign_complex, *red(2), last=this_week)
    page = watched_page(browser, 390)
    try:
        sign_in(page, live_server.url, "carla")
        tile = page.locator("#home-act a.stretched-link")
        expect(tile).to_have_text("1")
        assert not page.evaluate(SCROLLS_SIDEWAYS)
        tile.click()
        page.wait_for_load_state()
        assert page.url.endswith("/evaluations/act/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Waar ingrijpen")
        rows = page.locator("#act-list tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(own_complex.name)
        assert not page.evaluate(SCROLLS_SIDEWAYS)

        rows.first.get_by_role("link", name="Subsidie aanvragen").click()
        page.wait_for_load_state()
        assert f"complex={own_complex.pk}" in page.url
        panel = page.locator("#complex-need")
        expect(panel).to_contain_text("De nood van dit complex")
        expect(panel.locator("[data-need-status]")).to_have_text("Rood")
        expect(panel.locator("td[data-week]")).to_have_count(8)
        assert not page.evaluate(SCROLLS_SIDEWAYS)
        assert page.problems == []
    finally:
        page.context.close()
