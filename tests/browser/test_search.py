"""The search box in the header, in a real browser at desktop and phone width: type a term, see
the hits grouped, follow one — without sideways scrolling, console or CSP errors."""

import pytest

from tests.factories import GrantFactory
from tests.helpers import SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_searching_from_the_header_shows_groups_and_leads_to_a_hit(
    browser, live_server, corporation_staff, own_complex, own_resident, foreign_resident, width
):
    from playwright.sync_api import expect

    GrantFactory(complex=own_complex, title="Meidoornfeest")
    page = watched_page(browser, width)
    sign_in(page, live_server.url, "carla")
    if width < 1200:  # on a phone the box sits in the folded menu
        page.get_by_role("button", name="Menu openen of sluiten").click()
    box = page.get_by_role("searchbox", name="Zoekterm")
    expect(box).to_be_visible()
    box.fill("meidoorn")
    box.press("Enter")
    page.wait_for_load_state()
    assert "/search/?q=meidoorn" in page.url

    expect(page.get_by_role("heading", name="Complexen")).to_be_visible()
    expect(page.get_by_role("heading", name="Subsidies")).to_be_visible()
    expect(page.get_by_role("link", name="Meidoornfeest")).to_be_visible()
    assert page.evaluate(UNLABELLED_FIELDS) == []
    assert not page.evaluate(SCROLLS_SIDEWAYS)

    page.get_by_role("link", name="De Meidoorn", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="De Meidoorn")).to_be_visible()
    assert f"/complexes/{own_complex.pk}/" in page.url
    assert page.problems == []
    page.context.close()
