"""The two care lists, "te verwelkomen" and "uit beeld", in a real browser on a phone (390 px)
and a laptop (1366 px): the page never scrolls sideways, nothing sticks out of it, every row's
form and button is within reach, and a welcome and a visit can be recorded from the phone."""

import datetime

import pytest
import time_machine

from complexes.models import Gallery
from residents.choices import ContactKind, Household
from residents.models import ResidentContact
from tests.factories import GalleryFactory, ResidentContactFactory, ResidentFactory
from tests.helpers import AMSTERDAM, SCROLLS_SIDEWAYS, UNLABELLED_FIELDS, sign_in, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A Wednesday; the clock ticks on, so the server and the browser stay in step.
NOW = datetime.datetime(2026, 3, 11, 10, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()
PHONE, LAPTOP = 390, 1366
# Long names, as real ones are: they must wrap, not push the page wider.
NEWCOMER = "Johanna Wilhelmina van der Heijden-Verschuren"
CONTACT = "Cornelis Adrianus Hoogendoorn-Vermeulen"
NEVER_SEEN = "Geertruida Theodora Schimmelpenninck"
LONG_AGO = "Hendrikus Bartholomeus van Oldenbarnevelt"

# Everything inside <main> that is drawn beyond the viewport's left or right edge (a table that
# scrolls on its own counts too: its cells are cut off), skipping screen-reader-only text.
OUTSIDE_THE_VIEWPORT = """
[...document.querySelectorAll('main *')].filter(el => {
  if (el.closest('.visually-hidden')) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
}).map(el => `${el.tagName.toLowerCase()}#${el.id} ${(el.textContent || '').trim().slice(0, 40)}`)
"""
# The right edge of every control and button of the rows' forms.
FORM_CONTROLS = "main form[method=post] :is(input:not([type=hidden]), select, button)"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def lists(welfare_professional, own_complex, own_gallery):
    """A new tenant to welcome on a gallery with a contact person, and two residents living
    alone who are out of sight: one never seen, one last visited 12 weeks ago."""
    contact = ResidentFactory(complex=own_complex, gallery=own_gallery, name=CONTACT)
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=contact, contact_since=datetime.date(2024, 1, 1)
    )
    newcomer = ResidentFactory(
        complex=own_complex,
        gallery=own_gallery,
        name=NEWCOMER,
        moved_in=TODAY - datetime.timedelta(days=40),
    )
    second = GalleryFactory(complex=own_complex, name="Galerij Zuidzijde boven", floor=7)
    ResidentFactory(
        complex=own_complex, gallery=second, name="Bewoner Zonder Contactpersoon", moved_in=TODAY
    )
    never = ResidentFactory(complex=own_complex, household=Household.ALONE, name=NEVER_SEEN)
    long_ago = ResidentFactory(
        complex=own_complex, gallery=second, household=Household.WIDOWED, name=LONG_AGO
    )
    ResidentContactFactory(resident=long_ago, date=TODAY - datetime.timedelta(weeks=12))
    return {"contact": contact, "newcomer": newcomer, "never": never, "long_ago": long_ago}


def _open(browser, live_server, width: int, path: str):
    page = watched_page(browser, width)
    sign_in(page, live_server.url, "wendy")
    page.goto(live_server.url + path)
    return page


def _assert_fits(page, width: int, rows: int) -> None:
    assert page.evaluate("window.innerWidth") == width
    assert not page.evaluate(SCROLLS_SIDEWAYS), page.evaluate(
        "document.documentElement.scrollWidth"
    )
    assert page.evaluate(OUTSIDE_THE_VIEWPORT) == []
    controls = page.locator(FORM_CONTROLS)
    assert controls.count() >= 3 * rows  # at least two fields and a button per row
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    buttons = page.locator("main form[method=post] button[type=submit]")
    assert buttons.count() == rows
    for index in range(rows):
        assert buttons.nth(index).is_visible()
    assert page.evaluate(UNLABELLED_FIELDS) == []


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_to_welcome_fits_the_screen(browser, live_server, lists, width):
    page = _open(browser, live_server, width, "/residents/to-welcome/")
    page.get_by_role("heading", name="Te verwelkomen nieuwe huurders").wait_for()
    assert page.get_by_role("link", name=NEWCOMER).is_visible()
    assert page.get_by_text(CONTACT).first.is_visible()
    _assert_fits(page, width, rows=2)
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_out_of_sight_fits_the_screen(browser, live_server, lists, width):
    page = _open(browser, live_server, width, "/residents/out-of-sight/")
    page.get_by_role("heading", name="Uit beeld").wait_for()
    assert page.get_by_text("12 weken geleden (17-12-2025)").is_visible()
    _assert_fits(page, width, rows=2)
    assert page.problems == []
    page.context.close()


def test_a_welcome_is_recorded_from_the_phone(browser, live_server, lists):
    page = _open(browser, live_server, PHONE, "/residents/to-welcome/")
    newcomer = lists["newcomer"]
    page.locator(f"#id_welcome_{newcomer.pk}_date").fill("2026-03-09")
    page.locator(f"#id_welcome_{newcomer.pk}_made_by").select_option(label=CONTACT)
    button = page.get_by_role("button", name=f"Verwelkomd {NEWCOMER}")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE
    button.click()
    page.wait_for_load_state()

    assert page.url.endswith("/residents/to-welcome/")
    page.get_by_text("Het welkomstbezoek is vastgelegd.").wait_for()
    assert page.get_by_role("link", name=NEWCOMER).count() == 0
    contact = ResidentContact.objects.get(resident=newcomer)
    assert (contact.kind, contact.date, contact.made_by) == (
        ContactKind.WELCOME,
        datetime.date(2026, 3, 9),
        lists["contact"],
    )
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    assert page.problems == []
    page.context.close()


def test_a_visit_is_recorded_from_the_phone(browser, live_server, lists):
    page = _open(browser, live_server, PHONE, "/residents/out-of-sight/")
    never = lists["never"]
    page.locator(f"#id_visit_{never.pk}_kind").select_option(label="Telefoongesprek")
    page.locator(f"#id_visit_{never.pk}_date").fill("2026-03-10")
    button = page.get_by_role("button", name=f"Vastleggen {NEVER_SEEN}")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE
    button.click()
    page.wait_for_load_state()

    assert page.url.endswith("/residents/out-of-sight/")
    page.get_by_text("Het contactmoment is vastgelegd.").wait_for()
    assert page.get_by_role("link", name=NEVER_SEEN).count() == 0
    assert page.get_by_role("link", name=LONG_AGO).is_visible()
    contact = ResidentContact.objects.get(resident=never)
    assert (contact.kind, contact.date) == (ContactKind.PHONE, datetime.date(2026, 3, 10))
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    assert page.problems == []
    page.context.close()
