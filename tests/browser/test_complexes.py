"""The building map in a real browser: the complex page with its chart, menus, booking the
communal room (and being refused an overlap), the gallery choices following the complex, and
erasing a resident — all without console errors or Content-Security-Policy violations."""

import datetime

import pytest
from django.utils import timezone

from complexes.models import Gallery
from leefbaarheid import roles
from residents.models import Resident, RoomBooking
from tests.factories import (
    ComplexFactory,
    GalleryFactory,
    OccupancySnapshotFactory,
    ResidentFactory,
    UserFactory,
)
from tests.helpers import UNLABELLED_FIELDS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def carla(corporation):
    return UserFactory(username="carla", role=roles.CORPORATION_STAFF, corporation=corporation)


@pytest.fixture
def meidoorn(corporation):
    complex_ = ComplexFactory(corporation=corporation, name="De Meidoorn", units=60)
    for month, vacant in enumerate([2, 4, 6, 3], start=1):
        OccupancySnapshotFactory(
            complex=complex_, date=datetime.date(2026, month, 1), units=60, vacant_units=vacant
        )
    GalleryFactory(complex=complex_, name="Galerij A", floor=1)
    GalleryFactory(complex=complex_, name="Galerij B", floor=2)
    return complex_


def test_complex_page_draws_the_vacancy_chart_and_marks_gaps(page, live_server, carla, meidoorn):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    page.goto(f"{live_server.url}/complexes/{meidoorn.pk}/")
    expect(page.locator("h1")).to_have_text("De Meidoorn")
    canvas = page.locator("#vacancy-chart")
    expect(canvas).to_be_visible()
    # Chart.js sized the canvas: it drew something.
    assert canvas.evaluate("el => el.width") > 100
    assert page.get_by_text("geen contactpersoon").count() >= 2
    assert page.problems == []


def test_menus_fold_into_dropdowns(page, live_server, carla, meidoorn):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    page.get_by_role("button", name="Samenleven").or_(
        page.get_by_role("link", name="Samenleven")
    ).first.click()
    page.get_by_role("link", name="Zaalreserveringen").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Gemeenschappelijke ruimte: De Meidoorn")
    assert page.url.endswith("/residents/bookings/")
    assert page.problems == []


def _book(page, base_url, complex_, start, end, title, *, weekly_until=None):
    page.goto(f"{base_url}/residents/bookings/new/?complex={complex_.pk}")
    page.fill("#id_title", title)
    page.fill("#id_start", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_end", end.strftime("%Y-%m-%dT%H:%M"))
    if weekly_until:
        page.check("input[name=recurrence][value=weekly]")
        page.fill("#id_until", weekly_until.isoformat())
    page.click("button[type=submit]:has-text('Opslaan')")
    page.wait_for_load_state()


def test_booking_the_room_and_being_refused_an_overlap(page, live_server, carla, meidoorn):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "carla")
    day = timezone.localdate() + datetime.timedelta(days=2)
    ten = datetime.datetime.combine(day, datetime.time(10))

    page.goto(f"{live_server.url}/residents/bookings/new/?complex={meidoorn.pk}")
    assert page.evaluate(UNLABELLED_FIELDS) == []
    # "Weekly until" only shows once "weekly" is chosen.
    expect(page.locator("#id_until")).to_be_hidden()
    page.check("input[name=recurrence][value=weekly]")
    expect(page.locator("#id_until")).to_be_visible()

    _book(
        page,
        live_server.url,
        meidoorn,
        ten,
        ten + datetime.timedelta(hours=2),
        "Koffieochtend",
        weekly_until=day + datetime.timedelta(weeks=3),
    )
    assert RoomBooking.objects.filter(complex=meidoorn, title="Koffieochtend").count() == 4
    expect(page.get_by_text("Koffieochtend").first).to_be_visible()

    _book(
        page,
        live_server.url,
        meidoorn,
        ten + datetime.timedelta(weeks=1, hours=1),
        ten + datetime.timedelta(weeks=1, hours=3),
        "Bingo",
    )
    error = page.locator("#id_start").locator("xpath=..").locator(".invalid-feedback")
    expect(error).to_contain_text("al gereserveerd")
    assert not RoomBooking.objects.filter(title="Bingo").exists()
    assert page.problems == []


def test_gallery_choices_follow_the_chosen_complex(page, live_server, carla, meidoorn):
    from playwright.sync_api import expect

    ComplexFactory(corporation=meidoorn.corporation, name="De Vlier")
    sign_in(page, live_server.url, "carla")
    page.goto(f"{live_server.url}/residents/")
    assert page.locator("#id_gallery option").count() == 1  # only "Alle"
    page.select_option("#id_complex", str(meidoorn.pk))
    expect(page.locator("#id_gallery option")).to_have_count(3)
    assert page.evaluate(UNLABELLED_FIELDS) == []
    assert page.problems == []


def test_erasing_a_resident_keeps_the_gallery_and_forgets_the_person(
    page, live_server, carla, meidoorn
):
    from playwright.sync_api import expect

    gallery = Gallery.objects.get(complex=meidoorn, name="Galerij A")
    resident = ResidentFactory(complex=meidoorn, gallery=gallery, name="Mevrouw Visser")
    Gallery.objects.filter(pk=gallery.pk).update(
        contact_person=resident, contact_since=datetime.date(2025, 1, 1)
    )
    sign_in(page, live_server.url, "carla")
    page.goto(f"{live_server.url}/residents/{resident.pk}/erase/")
    expect(page.get_by_text("Mevrouw Visser").first).to_be_visible()
    page.locator("form button[type=submit].btn-danger").click()
    page.wait_for_load_state()
    assert not Resident.objects.filter(pk=resident.pk).exists()
    gallery.refresh_from_db()
    assert gallery.contact_person is None
    assert page.problems == []
