"""The demo city: deterministic, idempotent, and enough for every role to see something."""

import datetime
import itertools
from collections import defaultdict

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from complexes.models import Complex, District, Gallery
from leefbaarheid.demo import seed_demo_city
from leefbaarheid.models import User
from residents import selectors
from residents.choices import BookingStatus, ContactKind, GroupKind
from residents.models import Activity, Resident, ResidentContact, ResidentGroup, RoomBooking

pytestmark = pytest.mark.django_db

# The contract of DESIGN.md, spelled out here rather than read from the code under test.
DEMO_USERNAMES = ["admin", "gemeente", "corporatie1", "corporatie2", "welzijn1", "interventieteam"]
DEMO_MODELS = [
    "complexes.corporation",
    "complexes.district",
    "complexes.complex",
    "complexes.occupancysnapshot",
    "complexes.gallery",
    "residents.resident",
    "residents.residentgroup",
    "residents.membership",
    "residents.activity",  # with its attendees
    "residents.roombooking",
    "residents.mutualhelp",  # with the residents involved
    "residents.residentcontact",
    "leefbaarheid.user",
]


def _snapshot() -> str:
    """Every demo row (and each user's groups and complexes) as JSON, ordered by key."""
    querysets = [apps.get_model(label).objects.order_by("pk") for label in DEMO_MODELS]
    return "".join(serializers.serialize("json", queryset) for queryset in querysets)


def test_seeding_twice_gives_the_same_database():
    call_command("seed_demo", "--complexes", "40", "--seed", "7", stdout=None)
    first = _snapshot()
    # The snapshot really holds the building map, so the comparison can fail.
    assert '"model": "residents.activity"' in first and '"attendees": [' in first
    call_command("seed_demo", "--complexes", "40", "--seed", "7")
    assert _snapshot() == first


def _clashes() -> list[tuple[int, int]]:
    by_room = defaultdict(list)
    for pk, complex_id, start, end in (
        RoomBooking.objects.exclude(status=BookingStatus.CANCELLED)
        .order_by("complex_id", "start")
        .values_list("pk", "complex_id", "start", "end")
    ):
        by_room[complex_id].append((start, end, pk))
    clashes = []
    for bookings in by_room.values():
        for (_s1, end1, pk1), (start2, _e2, pk2) in itertools.pairwise(bookings):
            if start2 < end1:
                clashes.append((pk1, pk2))
    return clashes


def test_a_later_run_tops_up_the_rolling_records_without_clashes():
    today = timezone.localdate()
    seed_demo_city(complexes=8, seed=3, today=today)
    residents = Resident.objects.count()
    seed_demo_city(complexes=8, seed=3, today=today + datetime.timedelta(days=9))
    # Residents are built once; activities and bookings follow the calendar, one per slot and day.
    assert Resident.objects.count() == residents
    assert RoomBooking.objects.filter(start__date__gt=today + datetime.timedelta(weeks=4)).exists()
    duplicates = Activity.objects.values("complex", "date").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert _clashes() == []


def test_every_complex_has_a_building_map():
    seed_demo_city(complexes=60)
    complexes = Complex.objects.count()
    # Galleries on every complex, homes adding up to the units, some without a contact person.
    assert Complex.objects.filter(galleries__isnull=False).distinct().count() == complexes
    for complex_ in Complex.objects.prefetch_related("galleries"):
        assert sum(gallery.homes for gallery in complex_.galleries.all()) == complex_.units
    without = Gallery.objects.filter(contact_person__isnull=True).count()
    assert 0 < without < Gallery.objects.count() / 2
    # Every contact person is a consenting resident of the gallery's complex.
    for gallery in Gallery.objects.filter(contact_person__isnull=False).select_related(
        "contact_person"
    ):
        assert gallery.contact_person.complex_id == gallery.complex_id
        assert gallery.contact_person.consent_contact_person
        assert gallery.contact_since is not None
    # A committee in many complexes, a core group in some; activities and bookings everywhere.
    committees = ResidentGroup.objects.filter(kind=GroupKind.COMMITTEE)
    core_groups = ResidentGroup.objects.filter(kind=GroupKind.CORE_GROUP)
    assert committees.values("complex").distinct().count() > complexes / 2
    assert 0 < core_groups.values("complex").distinct().count() < complexes / 2
    assert not core_groups.annotate(n=Count("memberships")).filter(n__lt=3).exists()
    assert Complex.objects.filter(activities__isnull=True).count() == 0
    assert Complex.objects.filter(bookings__isnull=True).count() == 0
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    for complex_ in Complex.objects.all():
        assert selectors.week_bookings(complex=complex_, day=monday).exists(), complex_
    assert Activity.objects.filter(attendees__isnull=False).exists()
    assert not Activity.objects.filter(head_count=0).exists()
    assert _clashes() == []
    # Who runs the room varies, and every complex says when it is open.
    assert Complex.objects.values("room_managed_by").distinct().count() == 5
    assert not Complex.objects.filter(Q(room_opening_hours="") | Q(room_key_holders="")).exists()
    # Data-minimal residents, mostly 55+, many living alone, several languages.
    year = timezone.localdate().year
    assert Resident.objects.filter(birth_year__gt=year - 55).count() < Resident.objects.count() / 10
    assert Resident.objects.living_alone().count() > Resident.objects.count() / 3
    assert Resident.objects.values("language").distinct().count() >= 5


def test_demo_users_have_residents_to_welcome_and_out_of_sight():
    seed_demo_city(complexes=60)
    wendy = User.objects.get(username="welzijn1")
    carla = User.objects.get(username="corporatie1")
    assert selectors.to_welcome(user=wendy).count() >= 3
    assert selectors.to_welcome(user=carla).count() >= 3
    assert selectors.out_of_sight(user=wendy).count() >= 3
    # Some new tenants were welcomed already, by the gallery's contact person where there is one.
    welcomes = ResidentContact.objects.filter(kind=ContactKind.WELCOME)
    assert welcomes.exists()
    assert welcomes.filter(made_by__isnull=False).exists()
    assert (
        not welcomes.exclude(made_by__isnull=True)
        .exclude(made_by__complex=F("resident__complex"))
        .exists()
    )


def test_same_seed_gives_same_city_and_other_seed_another():
    seed_demo_city(complexes=30, seed=1)
    first = list(Complex.objects.order_by("name").values_list("name", "units", "postcode"))
    Complex.objects.all().delete()
    seed_demo_city(complexes=30, seed=1)
    assert list(Complex.objects.order_by("name").values_list("name", "units", "postcode")) == first
    seed_demo_city(complexes=30, seed=2)
    assert list(Complex.objects.order_by("name").values_list("name", "units", "postcode")) != first


def test_full_city_has_266_complexes_in_rotterdams_districts():
    city = seed_demo_city()
    assert Complex.objects.count() == 266 == len(city.complexes)
    # The building map reaches all 266 complexes.
    for related in ("galleries", "residents", "activities", "bookings", "snapshots"):
        assert not Complex.objects.filter(**{f"{related}__isnull": True}).exists(), related
    assert District.objects.count() == 14
    assert {"Charlois", "Feijenoord", "Prins Alexander", "Hoek van Holland"} <= set(
        District.objects.values_list("name", flat=True)
    )
    # Every district has complexes, some have worrying vacancy, some are Thuisplus flats.
    assert not District.objects.filter(complexes__isnull=True).exists()
    assert Complex.objects.filter(is_thuisplus=True).count() > 20
    assert any(c.vacancy_rate > 0.08 for c in Complex.objects.all())


def test_fewer_complexes_removes_the_rest():
    seed_demo_city(complexes=30)
    seed_demo_city(complexes=10)
    assert Complex.objects.count() == 10


def test_demo_users_can_sign_in_with_the_demo_password(client, settings):
    seed_demo_city(complexes=20)
    for username in [
        "admin",
        "gemeente",
        "corporatie1",
        "corporatie2",
        "welzijn1",
        "interventieteam",
    ]:
        response = client.post(
            "/accounts/login/", {"username": username, "password": settings.DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        client.post("/accounts/logout/")


def test_demo_users_see_what_their_role_reaches():
    seed_demo_city(complexes=60)
    carla, kees = User.objects.get(username="corporatie1"), User.objects.get(username="corporatie2")
    own = set(Complex.objects.visible_to(carla))
    assert own and own.isdisjoint(Complex.objects.visible_to(kees))
    wendy = User.objects.get(username="welzijn1")
    assert 0 < Complex.objects.visible_to(wendy).count() <= 12
    assert Complex.objects.visible_to(User.objects.get(username="gemeente")).count() == 60


def test_command_prints_the_demo_logins(capsys):
    call_command("seed_demo", "--complexes", "5")
    out = capsys.readouterr().out
    for username in [
        "admin",
        "gemeente",
        "corporatie1",
        "corporatie2",
        "welzijn1",
        "interventieteam",
    ]:
        assert username in out
    assert "leefbaar-demo" in out


def test_command_refuses_zero_complexes():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--complexes"):
        call_command("seed_demo", "--complexes", "0")
