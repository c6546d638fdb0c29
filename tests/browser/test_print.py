"""On paper (the print stylesheet, emulated): a list and a dashboard print without the menu,
buttons or pagination, and their tables whole — not clipped by a scrolling wrapper."""

import pytest

from tests.factories import ComplexFactory, DistrictFactory
from tests.helpers import sign_in, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An A4 page's printable width at 96 pixels per inch, roughly.
PAPER_WIDTH = 760

# What paper has no use for, still shown: the menu, buttons, submit rows, pagination.
SHOWN_CONTROLS = """
[...document.querySelectorAll(
  'header, nav, .navbar, .btn, button, [type=submit], .submit-row, .pagination'
)].filter(el => el.checkVisibility()).map(el => el.outerHTML.slice(0, 80))
"""

# Tables cut off: wider than the page, or inside an element that clips or scrolls sideways.
CUT_TABLES = """
[...document.querySelectorAll('main table')].filter(table => {
  const right = table.getBoundingClientRect().right;
  if (right > document.documentElement.clientWidth + 1) return true;
  for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
    if (getComputedStyle(el).overflowX !== 'visible') return true;
  }
  return false;
}).map(table => `${table.id || table.className}: ${table.getBoundingClientRect().right}px of ${
  document.documentElement.clientWidth}px`)
"""

ROWS_SPLIT = """
[...document.querySelectorAll('main table tr')]
  .filter(row => getComputedStyle(row).breakInside !== 'avoid').length
"""


@pytest.fixture
def city(corporation):
    for number in range(3):
        ComplexFactory(
            corporation=corporation,
            district=DistrictFactory(name=f"Wijk {number}", code=f"wijk-{number}"),
            name=f"Complex met een lange naam aan de Maas {number}",
        )


@pytest.mark.parametrize("path", ["/complexes/", "/interventions/hours/norm/"])
def test_a_list_and_a_dashboard_print_without_controls_and_whole_tables(
    browser, live_server, official, city, path
):
    page = watched_page(browser, PAPER_WIDTH, 1100)
    try:
        sign_in(page, live_server.url, official.username)
        page.goto(live_server.url + path)
        assert page.locator("main table").count() >= 1
        # On screen the menu and the buttons are there (the check below can fail).
        assert page.evaluate(SHOWN_CONTROLS) != []

        page.emulate_media(media="print")
        assert page.evaluate(SHOWN_CONTROLS) == []
        assert page.evaluate(CUT_TABLES) == []
        assert page.evaluate(ROWS_SPLIT) == 0
        # Links keep their text.
        assert "Complex met een lange naam aan de Maas 0" in page.locator("main").inner_text()
        assert page.problems == []
    finally:
        page.context.close()
