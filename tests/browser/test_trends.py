"""The trends page in a real browser, in Dutch, on a laptop and a phone: the three charts draw
on their canvases, the table fallback under the status chart holds the same figures, without
console or Content-Security-Policy errors and without sideways scroll."""

import json

import pytest

from leefbaarheid.weeks import Week
from tests.evaluations.test_selectors_trends import snapshot
from tests.factories import ComplexFactory
from tests.helpers import SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, today, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, LAPTOP = 390, 1366

# Whether a canvas has been drawn on: some pixel is not transparent.
DRAWN = """id => {
  const canvas = document.getElementById(id);
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return canvas.width > 0 && pixels.some((value, index) => index % 4 === 3 && value > 0);
}"""


@pytest.fixture
def this_week(db):
    """Two complexes this week (red 40 and green 80), whatever day the test runs."""
    week = Week.of(today())
    snapshot(ComplexFactory(name="Rood"), week, 40)
    snapshot(ComplexFactory(name="Groen"), week, 80)
    return week


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_the_charts_draw_and_the_tables_hold_the_figures(
    browser, live_server, official, this_week, width
):
    page = watched_page(browser, width)
    sign_in(page, live_server.url, "gerrit")
    page.goto(f"{live_server.url}/evaluations/trends/")
    page.get_by_role("heading", name="Trends van de samenhangsindex").wait_for()
    page.wait_for_function("window.Chart && Object.keys(window.Chart.instances).length === 3")
    for canvas in ("trends-status-chart", "trends-mean-chart", "trends-hours-chart"):
        assert page.evaluate(DRAWN, canvas), canvas
    chart = {row["week"]: row for row in json.loads(page.locator("#trends-data").text_content())}
    page.locator("#trends-status-table").locator("xpath=ancestor::details/summary").click()
    row = page.locator(f'#trends-status-table tr[data-week="{this_week}"]')
    assert (
        row.locator('[data-status="red"]').inner_text() == "1" == str(chart[str(this_week)]["red"])
    )
    assert row.locator('[data-status="green"]').inner_text() == "1"
    page.locator("#trends-mean-table").locator("xpath=ancestor::details/summary").click()
    mean = page.locator(f'#trends-mean-table tr[data-week="{this_week}"] td').inner_text()
    assert mean == "60,0" and chart[str(this_week)]["mean"] == 60.0
    assert not page.evaluate(SCROLLS_SIDEWAYS), page.evaluate(
        "document.documentElement.scrollWidth"
    )
    assert page.evaluate(UNLABELLED_FIELDS) == []
    assert page.problems == []
    page.context.close()
