"""The city map: every complex the user may see with coordinates as a marker with the newest
week's status, index and trend; the complex list's filters plus status, kept in the URL; the
figures equal the cohesion index list's; a fixed number of queries at any size; the tiles from
``LEEFBAARHEID_MAP_TILES`` and the Content-Security-Policy allowing exactly their host."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, CorporationFactory, DistrictFactory
from tests.helpers import clean_env, nav_links, python_json, run_manage

pytestmark = pytest.mark.django_db

MAP = reverse("evaluations:complex_map")
NEWEST = Week.parse("2026-W40")
BEFORE = NEWEST.shifted(-4)


def snapshot(complex_, week: Week, status: str, index: str | None) -> IndicatorSnapshot:
    return IndicatorSnapshot.objects.create(
        complex=complex_,
        year=week.year,
        week=week.week,
        week_start=week.monday,
        index=None if index is None else Decimal(index),
        status=status,
        calculated_at=timezone.now(),
    )


def located(**fields):
    return ComplexFactory(latitude=Decimal("51.92"), longitude=Decimal("4.48"), **fields)


@pytest.fixture
def city(corporation, other_corporation):
    """Noord: Anker (Maasstad, red, falling), Bongerd (Maasstad, Thuisplus, green, rising);
    Zuid: Linde (Havenhuis, amber, level), Wilg (Havenhuis, no snapshot), Nergens (Havenhuis,
    green, no coordinates)."""
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Zuid", code="zuid")
    anker = located(name="Anker", corporation=corporation, district=noord, units=40)
    bongerd = located(name="Bongerd", corporation=corporation, district=noord, is_thuisplus=True)
    linde = located(name="Linde", corporation=other_corporation, district=zuid)
    located(name="Wilg", corporation=other_corporation, district=zuid)
    nergens = ComplexFactory(name="Nergens", corporation=other_corporation, district=zuid)
    for complex_, status, now, before in (
        (anker, Status.RED, "41.5", "48.0"),
        (bongerd, Status.GREEN, "72.0", "65.5"),
        (linde, Status.AMBER, "55.0", "55.0"),
        (nergens, Status.GREEN, "80.0", None),
    ):
        snapshot(complex_, NEWEST, status, now)
        if before:
            snapshot(complex_, BEFORE, status, before)
    return {"noord": noord, "zuid": zuid}


def markers(response) -> dict[str, dict]:
    return {marker["name"]: marker for marker in response.context["markers"]}


def embedded(response) -> list[dict]:
    """The markers as the page's script reads them (the json_script element)."""
    text = response.content.decode()
    start = text.index('id="complex-map-data"')
    start = text.index(">", start) + 1
    return json.loads(text[start : text.index("</script>", start)])


def test_every_located_complex_is_a_marker_with_status_index_and_trend(client, official, city):
    client.force_login(official)
    response = client.get(MAP)
    assert response.status_code == 200
    shown = markers(response)
    assert sorted(shown) == ["Anker", "Bongerd", "Linde", "Wilg"]  # Nergens has no coordinates
    assert embedded(response) == response.context["markers"]
    anker = shown["Anker"]
    assert (anker["status"], anker["status_label"], anker["index"], anker["trend"]) == (
        "red",
        "Rood",
        "41,5",
        "↓",
    )
    assert (anker["lat"], anker["lng"], anker["units"]) == (51.92, 4.48, 40)
    assert anker["url"] == reverse("complexes:complex_detail", args=[anker_pk(city, "Anker")])
    assert anker["trend_label"] == "lager dan vier weken eerder"
    assert (shown["Bongerd"]["status"], shown["Bongerd"]["trend"]) == ("green", "↑")
    assert (shown["Linde"]["status"], shown["Linde"]["trend"]) == ("amber", "→")
    assert (shown["Wilg"]["status"], shown["Wilg"]["index"], shown["Wilg"]["trend"]) == (
        "no_data",
        "–",
        "",
    )
    assert "1 zonder coördinaten" in response.content.decode()


def anker_pk(city, name) -> int:
    return IndicatorSnapshot.objects.filter(complex__name=name).first().complex_id


def test_corporation_staff_see_only_their_own_complexes(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(MAP)
    assert sorted(markers(response)) == ["Anker", "Bongerd"]
    assert "corporation" not in response.context["filter"].form.fields


def test_the_professional_sees_the_assigned_complexes(client, welfare_professional, city):
    client.force_login(welfare_professional)
    response = client.get(MAP)
    # The fixture's professional is assigned only "De Meidoorn", which has no coordinates.
    assert markers(response) == {}
    assert response.context["complex_count"] == 1


def test_the_intervention_team_sees_where_without_the_index(client, team_member, city):
    client.force_login(team_member)
    response = client.get(MAP)
    shown = markers(response)
    assert sorted(shown) == ["Anker", "Bongerd", "Linde", "Wilg"]
    assert {marker["status"] for marker in shown.values()} == {None}
    assert "index" not in shown["Anker"]
    assert "status" not in response.context["filter"].form.fields
    assert "Uw rol ziet de samenhangsindex niet" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=red", ["Anker"]),
        ("status=no_data", ["Wilg"]),  # without a snapshot this week: no data
        ("is_thuisplus=true", ["Bongerd"]),
        ("is_thuisplus=false", ["Anker", "Linde", "Wilg"]),
        ("district=ZUID", ["Linde", "Wilg"]),
        ("corporation=OTHER&status=amber", ["Linde"]),
    ],
)
def test_each_filter_narrows_the_markers_and_the_list_link_keeps_it(
    client, official, city, other_corporation, query, expected
):
    query = query.replace("ZUID", str(city["zuid"].pk)).replace("OTHER", str(other_corporation.pk))
    client.force_login(official)
    response = client.get(f"{MAP}?{query}")
    assert sorted(markers(response)) == expected
    list_url = reverse("complexes:complex_list") + "?" + query
    assert f'href="{list_url.replace("&", "&amp;")}"' in response.content.decode()


def test_a_wrong_filter_value_names_its_field(client, official, city):
    client.force_login(official)
    response = client.get(f"{MAP}?status=purple")
    assert response.status_code == 200
    assert "status" in response.context["filter"].errors
    assert "purple" in response.content.decode()


@pytest.mark.parametrize("place", ["district", "corporation"])
def test_the_status_counts_equal_the_index_lists(client, official, city, corporation, place):
    client.force_login(official)
    value = city["noord"].pk if place == "district" else corporation.pk
    on_map = client.get(MAP, {place: value}).context["status_counts"]
    in_list = client.get(reverse("evaluations:indicator_list"), {place: value}).context[
        "status_counts"
    ]
    # Wilg has no snapshot at all; the list only counts complexes with one.
    counts = {row["status"]: row["count"] for row in on_map}
    assert counts == {row["status"]: row["count"] for row in in_list}
    assert sum(counts.values()) == 2


def _more_of_the_city(times: int) -> None:
    for n in range(times):
        corporation = CorporationFactory(name=f"Corporatie {n}")
        district = DistrictFactory(name=f"Wijk {n}", code=f"wijk-{n}")
        for status in Status.values:
            complex_ = located(corporation=corporation, district=district)
            snapshot(complex_, NEWEST, status, None if status == Status.NO_DATA else "60.0")
            snapshot(complex_, BEFORE, status, "50.0")


def test_the_query_count_does_not_grow_with_the_city(client, official, django_assert_num_queries):
    client.force_login(official)
    _more_of_the_city(1)
    with CaptureQueriesContext(connection) as once:
        assert len(client.get(MAP).context["markers"]) == 4
    _more_of_the_city(2)
    with django_assert_num_queries(len(once.captured_queries)):
        assert len(client.get(MAP).context["markers"]) == 12


@override_settings(MAP_TILES="")
def test_without_tiles_the_page_says_the_background_is_missing(client, official, city):
    client.force_login(official)
    text = client.get(MAP).content.decode()
    assert 'data-tiles=""' in text
    assert 'class="alert alert-secondary py-2" id="map-no-tiles"' in text
    assert "Kaartachtergrond niet beschikbaar" in text


@override_settings(MAP_TILES="https://tiles.example.nl/{z}/{x}/{y}.png")
def test_with_tiles_the_note_waits_for_a_failing_tile(client, official, city):
    client.force_login(official)
    text = client.get(MAP).content.decode()
    assert 'data-tiles="https://tiles.example.nl/{z}/{x}/{y}.png"' in text
    assert 'class="alert alert-secondary py-2 d-none" id="map-no-tiles"' in text
    assert "© OpenStreetMap-bijdragers" in text


IMG_SRC = "print(json.dumps(__import__('django.conf').conf.settings.CONTENT_SECURITY_POLICY"
IMG_SRC += "['DIRECTIVES']['img-src']))"


@pytest.mark.parametrize(
    ("tiles", "allowed"),
    [
        (None, ["'self'", "data:", "https://tile.openstreetmap.org"]),
        (
            "https://kaart.example.nl/tegels/{z}/{x}/{y}.png",
            ["'self'", "data:", "https://kaart.example.nl"],
        ),
        ("", ["'self'", "data:"]),
    ],
)
def test_the_csp_allows_exactly_the_tiles_host(tiles, allowed):
    env = clean_env(DJANGO_DEBUG="1")
    env.pop("LEEFBAARHEID_MAP_TILES", None)
    if tiles is not None:
        env["LEEFBAARHEID_MAP_TILES"] = tiles
    assert python_json(IMG_SRC, env=env) == allowed


def test_a_tiles_setting_that_is_no_web_address_stops_the_start():
    env = clean_env(DJANGO_DEBUG="1", LEEFBAARHEID_MAP_TILES="tile.example.nl/{z}/{x}/{y}.png")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "LEEFBAARHEID_MAP_TILES must be a URL starting with https:// or http://" in result.stderr


@pytest.mark.parametrize(
    "role", ["official", "team_member", "corporation_staff", "functional_admin"]
)
def test_the_menu_links_to_the_map(client, request, role):
    client.force_login(request.getfixturevalue(role))
    links = nav_links(client.get(reverse("home")))
    assert MAP in [link["url"] for link in links]
