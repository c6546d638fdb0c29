"""The demo city: deterministic, idempotent, and enough for every role to see something."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from complexes.models import Complex, District
from leefbaarheid.demo import seed_demo_city
from leefbaarheid.models import User

pytestmark = pytest.mark.django_db

# The contract of DESIGN.md, spelled out here rather than read from the code under test.
DEMO_USERNAMES = ["admin", "gemeente", "corporatie1", "corporatie2", "welzijn1", "interventieteam"]
DEMO_MODELS = [
    "complexes.corporation",
    "complexes.district",
    "complexes.complex",
    "leefbaarheid.user",
]


def _snapshot() -> str:
    """Every demo row (and each user's groups and complexes) as JSON, ordered by key."""
    querysets = [apps.get_model(label).objects.order_by("pk") for label in DEMO_MODELS]
    return "".join(serializers.serialize("json", queryset) for queryset in querysets)


def test_seeding_twice_gives_the_same_database():
    call_command("seed_demo", "--complexes", "40", "--seed", "7", stdout=None)
    first = _snapshot()
    call_command("seed_demo", "--complexes", "40", "--seed", "7")
    assert _snapshot() == first


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
