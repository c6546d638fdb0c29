"""The trends page (/evaluations/trends/): the weekly figures in the tables equal the chart's
data, one district on demand kept in the URL with a clear error for an unknown one, a query count
that does not grow with the city; and the index against the city average (100) in the index
list, on the complex's indicator page and section, and in the API (``index_vs_city``)."""

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leefbaarheid.weeks import Week
from tests.evaluations.test_selectors_trends import FUNDED, snapshot
from tests.factories import ComplexFactory, DistrictFactory, HoursEntryFactory

pytestmark = pytest.mark.django_db

TRENDS = reverse("evaluations:trends")
LIST = reverse("evaluations:indicator_list")
NOW = datetime.datetime(2026, 11, 11, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _wednesday_of_week_46():
    with time_machine.travel(NOW):
        yield


def _chart(response) -> dict[str, dict]:
    """The chart's rows, by week, as the page's json_script hands them to Chart.js."""
    text = response.content.decode()
    start = text.index('<script id="trends-data" type="application/json">')
    data = text[text.index(">", start) + 1 : text.index("</script>", start)]
    return {row["week"]: row for row in json.loads(data)}


def test_the_tables_hold_the_chart_figures(client, official):
    snapshot(ComplexFactory(), FUNDED, 40)
    snapshot(ComplexFactory(), FUNDED, 61)
    HoursEntryFactory(complex=ComplexFactory(), year=2026, week=40)
    client.force_login(official)
    response = client.get(TRENDS, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    chart = _chart(response)
    assert len(chart) == 52
    week = chart[str(FUNDED)]
    assert (week["red"], week["amber"], week["mean"]) == (1, 1, 50.5)
    assert (week["hours"], week["norm"]) == (2.0, 12.0)
    assert chart["2026-W30"]["norm"] is None
    rows = {row["week"]: row for row in response.context["rows"]}
    assert rows[str(FUNDED)]["mean"] == 50.5 and rows[str(FUNDED)]["red"] == 1
    html = response.content.decode()
    assert '<td class="text-end">50,5</td>' in html
    assert "geen norm (ongefinancierde week)" in html


def test_one_district_kept_in_the_url(client, official):
    noord, zuid = DistrictFactory(name="Noord"), DistrictFactory(name="Zuid")
    snapshot(ComplexFactory(district=noord), FUNDED, 40)
    snapshot(ComplexFactory(district=zuid), FUNDED, 80)
    client.force_login(official)
    response = client.get(TRENDS, {"district": zuid.pk})
    week = _chart(response)[str(FUNDED)]
    assert (week["red"], week["green"]) == (0, 1)
    assert f'<option value="{zuid.pk}" selected>' in response.content.decode()


def test_an_unknown_district_is_named_and_the_city_shown(client, official):
    snapshot(ComplexFactory(), FUNDED, 40)
    client.force_login(official)
    response = client.get(TRENDS, {"district": "999999"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "“Gebied”: dat gebied bestaat niet" in response.content.decode()
    assert _chart(response)[str(FUNDED)]["red"] == 1


def test_the_intervention_team_is_refused(client, team_member):
    client.force_login(team_member)
    assert client.get(TRENDS).status_code == 403


def _city(size: int) -> None:
    district = DistrictFactory()
    for _ in range(size):
        complex_ = ComplexFactory(district=district)
        for back in range(3):
            snapshot(complex_, FUNDED.shifted(-back), 45 + back * 10)
        HoursEntryFactory(complex=complex_, year=2026, week=40)


def test_the_page_takes_as_many_queries_for_a_city_three_times_as_big(
    client, official, django_assert_num_queries
):
    client.force_login(official)
    _city(2)
    client.get(TRENDS)  # sessions and caches warmed up
    with CaptureQueriesContext(connection) as small:
        client.get(TRENDS)
    _city(4)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(TRENDS)
    assert _chart(response)[str(FUNDED)]["red"] == 6


# Index against the city --------------------------------------------------------------------------
def _forty_and_sixty(own_complex):
    """Own complex 40, a foreign one 60 in the same week: city mean 50, so 80 and 120."""
    this_week = Week.of(NOW.date())
    snapshot(own_complex, this_week, 40)
    snapshot(ComplexFactory(name="Elders"), this_week, 60)


def test_the_index_list_has_index_vs_city(client, official, own_complex):
    _forty_and_sixty(own_complex)
    client.force_login(official)
    response = client.get(LIST)
    table = response.context["table"]
    shown = {row.record.complex.name: row.get_cell("index_vs_city") for row in table.rows}
    assert shown == {"De Meidoorn": "80", "Elders": "120"}


def test_the_list_query_count_does_not_grow_with_index_vs_city(
    client, official, own_complex, django_assert_num_queries
):
    _forty_and_sixty(own_complex)
    client.force_login(official)
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    for _ in range(4):
        snapshot(ComplexFactory(), Week.of(NOW.date()), 50)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(LIST)


def test_staff_see_their_complex_against_the_whole_city(client, corporation_staff, own_complex):
    _forty_and_sixty(own_complex)
    client.force_login(corporation_staff)
    page = client.get(reverse("evaluations:complex_indicator", args=[own_complex.pk]))
    assert page.context["index_vs_city"] == 80
    assert page.context["trend"][-1]["index_vs_city"] == 80
    section = client.get(own_complex.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    assert 'id="section-index-vs-city"' in section.content.decode()
    assert "Tegenover de stad: 80" in section.content.decode()


def test_the_api_gives_index_vs_city(api_client, official, own_complex):
    _forty_and_sixty(own_complex)
    snapshot(ComplexFactory(name="Leeg"), Week.of(NOW.date()), None)
    api_client.force_authenticate(official)
    results = api_client.get("/api/v1/indicators/").json()["results"]
    found = {row["complex_name"]: row["index_vs_city"] for row in results}
    assert found == {"De Meidoorn": 80, "Elders": 120, "Leeg": None}


def test_the_openapi_documents_index_vs_city(api_client, official):
    api_client.force_authenticate(official)
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    field = schema["components"]["schemas"]["IndicatorSnapshot"]["properties"]["index_vs_city"]
    assert field["type"] == "integer"
    assert field["nullable"] is True
    assert "100" in field["description"]
