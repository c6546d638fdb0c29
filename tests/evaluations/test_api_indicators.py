"""The indicators API (/api/v1/indicators/): read-only snapshots of the cohesion index, scoped
like the screens (a foreign snapshot is a 404, the intervention team a 403, anonymous a 401),
the contract fields, the filters (complex, district, corporation, status, a range of weeks,
the newest week) with a 400 naming a wrong one, and a query count that does not grow.

Snapshots are made by ``services.indicators_recalculate`` on factory data."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from evaluations import services
from evaluations.models import IndicatorSnapshot
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, GalleryFactory, ResidentFactory, UserFactory
from tests.helpers import today

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators/"


CONTRACT = {"complex", "year", "week", "index", "status", "components"}


COMPONENTS = {
    "hours",
    "galleries",
    "occupancy",
    "core_group",
    "participation",
    "new_tenants",
    "mutual_help",
    "loneliness",
}


WEEKS = 4


def _this_week() -> Week:
    return Week.of(today())


def recalculate() -> None:
    """The last ``WEEKS`` weeks of every senior complex."""
    this_week = _this_week()
    services.indicators_recalculate(
        first=this_week.shifted(1 - WEEKS), last=this_week, today=today()
    )


def covered_galleries(complex_, total: int, covered: int) -> None:
    since = today() - datetime.timedelta(days=365)
    for number in range(total):
        person = ResidentFactory(complex=complex_) if number < covered else None
        GalleryFactory(
            complex=complex_,
            name=f"Galerij {number + 1}",
            contact_person=person,
            contact_since=since if person else None,
        )


@pytest.fixture
def anker(own_complex):
    return ComplexFactory(
        corporation=own_complex.corporation, district=own_complex.district, name="Het Anker"
    )


@pytest.fixture
def city(own_complex, anker, foreign_complex):
    """De Meidoorn: 2 of 2 galleries covered → (1 + 0.95 + 0) / 3 = 65.0, amber;
    Het Anker: 0 of 2 → (0 + 0.95 + 0) / 3 = 31.7, red; Huize Linde (other corporation):
    no galleries → (0.95 + 0) / 2 = 47.5, red. Four weeks each."""
    covered_galleries(own_complex, 2, 2)
    covered_galleries(anker, 2, 0)
    recalculate()
    return {"meidoorn": own_complex, "anker": anker, "linde": foreign_complex}


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _complexes(response) -> set[str]:
    return {row["complex_name"] for row in _rows(response)}


def _errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()


def _snapshot(complex_, week: Week | None = None) -> IndicatorSnapshot:
    week = week or _this_week()
    return IndicatorSnapshot.objects.get(complex=complex_, year=week.year, week=week.week)


# Who reads what ---------------------------------------------------------------------------------
def test_anonymous_gets_401(api_client, city):
    assert api_client.get(URL).status_code == 401
    assert api_client.get(f"{URL}{_snapshot(city['meidoorn']).pk}/").status_code == 401


@pytest.mark.parametrize("fixture", ["team_member", "user_without_role"])
def test_the_team_and_roleless_users_get_403(request, api_client, city, fixture):
    client = _client(api_client, request.getfixturevalue(fixture))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{_snapshot(city['meidoorn']).pk}/").status_code == 403


@pytest.mark.parametrize(
    ("fixture", "sees"),
    [
        ("corporation_staff", {"De Meidoorn", "Het Anker"}),
        ("other_corporation_staff", {"Huize Linde"}),
        ("welfare_professional", {"De Meidoorn"}),
        ("official", {"De Meidoorn", "Het Anker", "Huize Linde"}),
        ("functional_admin", {"De Meidoorn", "Het Anker", "Huize Linde"}),
    ],
)
def test_the_list_shows_each_role_its_reach(request, api_client, city, fixture, sees):
    response = _client(api_client, request.getfixturevalue(fixture)).get(URL)
    assert _complexes(response) == sees
    assert response.json()["count"] == len(sees) * WEEKS


@pytest.mark.parametrize(
    ("fixture", "found", "not_found"),
    [
        ("corporation_staff", {"meidoorn", "anker"}, {"linde"}),
        ("other_corporation_staff", {"linde"}, {"meidoorn", "anker"}),
        ("welfare_professional", {"meidoorn"}, {"anker", "linde"}),
        ("official", {"meidoorn", "anker", "linde"}, set()),
    ],
)
def test_a_snapshot_outside_the_reach_is_not_found(
    request, api_client, city, fixture, found, not_found
):
    client = _client(api_client, request.getfixturevalue(fixture))
    for name in found:
        assert client.get(f"{URL}{_snapshot(city[name]).pk}/").status_code == 200, name
    for name in not_found:
        assert client.get(f"{URL}{_snapshot(city[name]).pk}/").status_code == 404, name


def test_filtering_on_a_foreign_complex_gives_nothing(api_client, corporation_staff, city):
    client = _client(api_client, corporation_staff)
    assert _rows(client.get(URL, {"complex": city["linde"].pk})) == []
    assert _rows(client.get(URL, {"complex": 999999})) == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(api_client, functional_admin, city, method):
    client = _client(api_client, functional_admin)
    snapshot = _snapshot(city["meidoorn"])
    target = URL if method == "post" else f"{URL}{snapshot.pk}/"
    response = getattr(client, method)(target, {"index": "99.0"}, format="json")
    # Nobody holds a write permission on snapshots (403); the method is not there either.
    assert response.status_code in (403, 405)
    snapshot.refresh_from_db()
    assert snapshot.index == Decimal("65.0")


# The contract -----------------------------------------------------------------------------------
def test_a_snapshot_has_the_contract_fields(api_client, official, city):
    snapshot = _snapshot(city["meidoorn"])
    body = _client(api_client, official).get(f"{URL}{snapshot.pk}/").json()
    assert set(body) >= CONTRACT
    week = _this_week()
    assert body["complex"] == city["meidoorn"].pk
    assert body["complex_name"] == "De Meidoorn"
    assert body["corporation"] == city["meidoorn"].corporation_id
    assert body["district"] == city["meidoorn"].district_id
    assert (body["year"], body["week"]) == tuple(week)
    assert body["week_start"] == week.monday.isoformat()
    assert body["index"] == "65.0"  # a decimal string
    assert body["status"] == "amber"
    assert set(body["components"]) == COMPONENTS
    assert body["components"]["galleries"] == {
        "value": 1.0,
        "inputs": {"galleries": 2, "with_contact_person": 2},
    }
    # No data is null, never 0.
    assert body["components"]["participation"]["value"] is None
    assert body["weights"]["hours"] == "1.00"
    assert body["thresholds"]["red_below"] == "50.0"
    assert body["thresholds"]["green_from"] == "70.0"
    assert body["calculated_at"]


def test_the_list_is_paginated_newest_week_first(api_client, official, city):
    body = _client(api_client, official).get(URL).json()
    assert {"count", "next", "previous", "results"} <= set(body)
    weeks = [(row["year"], row["week"]) for row in body["results"]]
    assert weeks == sorted(weeks, reverse=True)
    assert weeks[0] == tuple(_this_week())


# Filters ----------------------------------------------------------------------------------------
def test_latest_gives_the_newest_week_only(api_client, official, city):
    rows = _rows(_client(api_client, official).get(URL, {"latest": "true"}))
    assert {(row["year"], row["week"]) for row in rows} == {tuple(_this_week())}
    assert len(rows) == 3
    assert len(_rows(_client(api_client, official).get(URL, {"latest": "false"}))) == 3 * WEEKS


def test_a_range_of_weeks(api_client, official, city):
    this_week = _this_week()
    query = {"week_from": str(this_week.shifted(-2)), "week_to": str(this_week.shifted(-1))}
    rows = _rows(_client(api_client, official).get(URL, query))
    weeks = {(row["year"], row["week"]) for row in rows}
    assert weeks == {tuple(this_week.shifted(-2)), tuple(this_week.shifted(-1))}
    assert len(rows) == 6


@pytest.mark.parametrize(
    ("query", "sees"),
    [
        ({"status": "red"}, {"Het Anker", "Huize Linde"}),
        ({"status": "amber"}, {"De Meidoorn"}),
        ({"complex": "anker"}, {"Het Anker"}),
        ({"district": "own"}, {"De Meidoorn", "Het Anker"}),
        ({"corporation": "other"}, {"Huize Linde"}),
        ({"q": "linde"}, {"Huize Linde"}),
    ],
)
def test_the_list_filters(api_client, official, other_corporation, city, query, sees):
    ids = {
        "anker": city["anker"].pk,
        "own": city["meidoorn"].district_id,
        "other": other_corporation.pk,
    }
    query = {key: ids.get(value, value) for key, value in query.items()}
    query["latest"] = "true"
    assert _complexes(_client(api_client, official).get(URL, query)) == sees


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"week_from": "2026-W60"}, "week_from"),
        ({"week_to": "week 4"}, "week_to"),
        ({"week_from": "40"}, "week_from"),  # a bare number needs the year
        ({"week_from": "2026-W47", "week_to": "2026-W40"}, "week_to"),
        ({"status": "purple"}, "status"),
        ({"complex": "abc"}, "complex"),
        ({"district": "abc"}, "district"),
        ({"latest": "perhaps"}, "latest"),
        ({"year": "twenty"}, "year"),
    ],
)
def test_a_wrong_filter_is_a_400_naming_it(api_client, official, city, query, field):
    assert field in _errors(_client(api_client, official).get(URL, query))


def test_a_wrong_week_is_told_in_dutch(api_client, official, city):
    errors = _errors(_client(api_client, official).get(URL, {"week_from": "2026-W60"}))
    with translation.override("nl"):
        expected = translation.gettext(
            "“%(field)s” is not an existing week: give it as 2026-W05, or a week number "
            "from 1 to 52 (53 in some years) with the year."
        ) % {"field": translation.gettext("From week")}
    assert errors["week_from"] == [expected]


def test_the_list_can_be_ordered_by_index(api_client, official, city):
    rows = _rows(_client(api_client, official).get(URL, {"latest": "true", "ordering": "index"}))
    assert [row["complex_name"] for row in rows] == ["Het Anker", "Huize Linde", "De Meidoorn"]


# Query counts -----------------------------------------------------------------------------------
@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("fixture", ["official", "corporation_staff", "welfare_professional"])
def test_the_list_query_count_does_not_grow(
    request, api_client, own_complex, django_assert_max_num_queries, count, fixture
):
    user = request.getfixturevalue(fixture)
    for number in range(count):
        complex_ = ComplexFactory(corporation=own_complex.corporation, name=f"Hof {number}")
        covered_galleries(complex_, 2, 1)
        if fixture == "welfare_professional":
            user.assigned_complexes.add(complex_)
    recalculate()
    client = _client(api_client, user)
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"latest": "true", "corporation": own_complex.corporation_id})
    assert response.json()["count"] == count + 1


def test_a_professional_assigned_later_sees_the_complex(api_client, city):
    piet = UserFactory(username="piet", role=roles.WELFARE_PROFESSIONAL)
    client = _client(api_client, piet)
    assert _rows(client.get(URL)) == []
    piet.assigned_complexes.add(city["anker"])
    assert _complexes(client.get(URL)) == {"Het Anker"}


# The schema -------------------------------------------------------------------------------------
def test_the_schema_documents_indicators_and_their_filters(api_client, official):
    response = _client(api_client, official).get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    schema = response.json()
    operation = schema["paths"]["/api/v1/indicators/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {
        "complex",
        "district",
        "corporation",
        "status",
        "week_from",
        "week_to",
        "latest",
    } <= parameters
    snapshot = schema["components"]["schemas"]["IndicatorSnapshot"]
    assert set(snapshot["properties"]) >= CONTRACT
    assert "/api/v1/indicators/{id}/" in schema["paths"]
