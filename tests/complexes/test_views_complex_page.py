"""The complex page: what each role sees of one complex (names or counts, chart, calendar, the
links to its records) in a fixed number of queries, and tables that scroll on small screens."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from complexes import services
from complexes.models import Gallery
from tests.factories import (
    ActivityFactory,
    GalleryFactory,
    GrantFactory,
    InterventionFactory,
    MutualHelpFactory,
    OccupancySnapshotFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)

pytestmark = pytest.mark.django_db


# --- The complex page -------------------------------------------------------------------------


def _fill_complex(complex_, count: int) -> None:
    """``count`` galleries (half with a contact person), residents, groups, activities,
    bookings this week, snapshots and mutual help records in one complex."""
    today = timezone.localdate()
    monday = datetime.datetime.combine(
        today - datetime.timedelta(days=today.weekday()), datetime.time(8)
    )
    monday = timezone.make_aware(monday)
    galleries = GalleryFactory.create_batch(count, complex=complex_)
    residents = [
        ResidentFactory(complex=complex_, gallery=gallery, moved_in=today - datetime.timedelta(30))
        for gallery in galleries
    ]
    for gallery, resident in list(zip(galleries, residents, strict=True))[::2]:
        Gallery.objects.filter(pk=gallery.pk).update(contact_person=resident, contact_since=today)
    for n in range(count):
        group = ResidentGroupFactory(complex=complex_, members=residents[: n % 4])
        ActivityFactory(complex=complex_, group=group, attendees=residents[:2], date=today)
        RoomBookingFactory(
            complex=complex_,
            group=group,
            start=monday + datetime.timedelta(hours=5 * n),
            end=monday + datetime.timedelta(hours=5 * n + 1),
        )
        OccupancySnapshotFactory(complex=complex_)
        MutualHelpFactory(complex=complex_, residents=residents[:2])
        GrantFactory(complex=complex_)
        InterventionFactory(complex=complex_)


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("role_fixture", ["corporation_staff", "official"])
def test_complex_page_query_count_does_not_grow(
    client, request, own_complex, django_assert_max_num_queries, count, role_fixture
):
    _fill_complex(own_complex, count)
    client.force_login(request.getfixturevalue(role_fixture))
    # 20, plus one for the cohesion index section (issue 6), plus the welfare calendar of the
    # hours section.
    with django_assert_max_num_queries(22):
        response = client.get(own_complex.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["galleries"]) == count


def test_complex_page_shows_names_to_staff(client, corporation_staff, own_complex, own_resident):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    services.gallery_set_contact_person(
        gallery=own_resident.gallery, user=None, resident=own_resident
    )
    GalleryFactory(complex=own_complex, name="Galerij Leeg")
    ResidentGroupFactory(complex=own_complex, name="Trekkers", members=[own_resident])
    client.force_login(corporation_staff)
    content = client.get(own_complex.get_absolute_url()).content.decode()
    assert "Mevrouw Jansen" in content
    assert "Trekkers" in content
    assert 'class="badge text-bg-warning"' in content  # the gap on Galerij Leeg
    assert reverse("complexes:gallery_create", args=[own_complex.pk]) in content
    assert reverse("complexes:complex_update", args=[own_complex.pk]) in content


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_complex_page_shows_officials_counts_not_names(
    client, request, own_complex, own_resident, role_fixture
):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    services.gallery_set_contact_person(
        gallery=own_resident.gallery, user=None, resident=own_resident
    )
    ResidentGroupFactory(complex=own_complex, name="Trekkers", members=[own_resident])
    ActivityFactory(complex=own_complex, attendees=[own_resident])
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(own_complex.get_absolute_url())
    content = response.content.decode()
    assert "Mevrouw Jansen" not in content
    assert "Trekkers" not in content
    assert response.context["groups"] is None
    assert response.context["activities"] is None
    assert response.context["counts"]["groups"] == 1
    assert response.context["counts"]["activities_8_weeks"] == 1
    assert response.context["galleries_covered"] == 1
    assert response.context["mix"]["total"] == 1
    assert reverse("complexes:complex_update", args=[own_complex.pk]) not in content
    assert reverse("complexes:gallery_create", args=[own_complex.pk]) not in content


def test_complex_page_has_chart_data_and_week_calendar(client, corporation_staff, own_complex):
    services.occupancy_record(complex=own_complex, date=datetime.date(2024, 1, 1), vacant_units=6)
    services.occupancy_record(complex=own_complex, date=datetime.date(2025, 1, 1), vacant_units=3)
    RoomBookingFactory(complex=own_complex, start=_this_week(10), end=_this_week(12))
    RoomBookingFactory(
        complex=own_complex,
        start=_this_week(10) + datetime.timedelta(weeks=2),
        end=_this_week(12) + datetime.timedelta(weeks=2),
    )
    client.force_login(corporation_staff)
    response = client.get(own_complex.get_absolute_url())
    content = response.content.decode()
    assert 'id="vacancy-data"' in content
    assert "js/vacancy-chart.js" in content
    assert [row["vacant_units"] for row in response.context["history"]] == [6, 3]
    week = response.context["week"]
    assert len(week) == 7
    assert week[0]["date"].weekday() == 0
    assert sum(len(day["bookings"]) for day in week) == 1


def test_complex_page_counts_new_tenants_to_welcome(client, official, own_complex):
    today = timezone.localdate()
    ResidentFactory(complex=own_complex, moved_in=today - datetime.timedelta(days=20))
    welcomed = ResidentFactory(complex=own_complex, moved_in=today - datetime.timedelta(days=20))
    ResidentContactFactory(resident=welcomed, kind="welcome")
    ResidentFactory(complex=own_complex, moved_in=datetime.date(2001, 1, 1))
    client.force_login(official)
    response = client.get(own_complex.get_absolute_url())
    assert response.context["to_welcome"] == 1
    assert response.context["mix"]["new_tenants"] == 2


def _this_week(hour: int) -> datetime.datetime:
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time(hour)))


# --- UX review: links, rounding, empty states, labels, one corporation, mobile tables -----------

RESIDENT_LINKS = {
    "residents:resident_list": "residents.view_resident",
    "residents:group_list": "residents.view_residentgroup",
    "residents:group_create": "residents.add_residentgroup",
    "residents:activity_list": "residents.view_activity",
    "residents:activity_create": "residents.add_activity",
    "residents:booking_calendar": "residents.view_roombooking",
    "residents:booking_create": "residents.add_roombooking",
    "residents:mutual_help_list": "residents.view_mutualhelp",
    "residents:mutual_help_create": "residents.add_mutualhelp",
}


def _complex_link(name: str, complex_) -> str:
    return f'href="{reverse(name)}?complex={complex_.pk}"'


def test_complex_page_links_to_this_complexs_records(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    content = client.get(own_complex.get_absolute_url()).content.decode()
    for name in RESIDENT_LINKS:
        assert _complex_link(name, own_complex) in content, name


def test_complex_page_shows_each_link_only_with_its_permission(client, official, own_complex):
    client.force_login(official)
    content = client.get(own_complex.get_absolute_url()).content.decode()
    for name in RESIDENT_LINKS:
        assert reverse(name) not in content, name
    official.user_permissions.add(
        Permission.objects.get(content_type__app_label="residents", codename="view_activity")
    )
    content = client.get(own_complex.get_absolute_url()).content.decode()
    assert _complex_link("residents:activity_list", own_complex) in content
    assert reverse("residents:activity_create") not in content
    assert reverse("residents:group_list") not in content


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _TableParents(HTMLParser):
    """The classes of the element around every <table> of a page."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.parents: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.parents.append(self.stack[-1] if self.stack else "")
        if tag not in VOID_TAGS:
            self.stack.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()


def test_complex_page_tables_scroll_on_small_screens(client, corporation_staff, own_complex):
    GalleryFactory(complex=own_complex)
    ResidentGroupFactory(complex=own_complex)
    ActivityFactory(complex=own_complex, date=timezone.localdate())
    client.force_login(corporation_staff)
    parser = _TableParents()
    parser.feed(client.get(own_complex.get_absolute_url()).content.decode())
    assert len(parser.parents) >= 3  # galleries, groups, activities
    assert all("table-responsive" in parent.split() for parent in parser.parents), parser.parents
