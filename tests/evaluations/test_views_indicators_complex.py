"""One complex's cohesion index page (each component in words, why it is red or amber, "no data"
never shown as 0, the trend, the weights used) and the compact section on the complex page."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evaluations import helpers
from tests.evaluations.helpers import page_url

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english = helpers._english
city = helpers.city


# One complex's page -----------------------------------------------------------------------------
def test_the_page_shows_each_component_in_words(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(page_url(city["meidoorn"]))
    html = response.content.decode()
    assert 'id="index-value">57.9<' in html
    words = {row["component"]: row["words"] for row in response.context["components"]}
    assert words["galleries"] == "5 of 6 galleries have a contact person."
    assert words["hours"].startswith("8.50 hours over the last 4 funded weeks (")
    assert "2.13 per funded week, against a norm of 4 h per funded week." in words["hours"]
    assert words["occupancy"].startswith("3 of 60 units vacant (as of ")
    assert words["core_group"] == "No active core group (one needs at least 3 members)."
    assert "5 of 6 galleries have a contact person." in html


def test_no_data_is_shown_as_no_data_never_as_0(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(page_url(city["meidoorn"]))
    rows = {row["component"]: row for row in response.context["components"]}
    for component in ("participation", "new_tenants", "mutual_help", "loneliness"):
        assert rows[component]["value"] is None
    assert rows["participation"]["words"] == "No activities recorded yet."
    assert rows["loneliness"]["words"] == "No survey round with at least 5 valid responses."
    html = response.content.decode()
    row_html = html.split('data-component="participation"')[1].split("</tr>")[0]
    assert "no data" in row_html
    assert ">0<" not in row_html


def test_the_page_says_why_a_complex_is_amber_costliest_first(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(page_url(city["meidoorn"]))
    reasons = [(row["component"], row["points_lost"]) for row in response.context["reasons"]]
    assert reasons == [
        ("core_group", Decimal("25.0")),
        ("hours", Decimal("11.7")),
        ("galleries", Decimal("4.2")),
        ("occupancy", Decimal("1.3")),
    ]
    assert "Why is this complex amber?" in response.content.decode()


def test_the_page_says_why_a_complex_is_red(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(page_url(city["anker"]))
    html = response.content.decode()
    assert "Why is this complex red?" in html
    reasons = response.context["reasons"]
    assert {reasons[0]["component"], reasons[1]["component"]} == {"galleries", "core_group"}
    assert reasons[0]["points_lost"] == Decimal("33.3")
    assert "0 of 4 galleries have a contact person." in html
    # A component without data costs nothing and is not a reason.
    assert "hours" not in [row["component"] for row in reasons]


def test_the_page_shows_the_trend_with_thresholds_and_a_table(client, official, city):
    client.force_login(official)
    response = client.get(page_url(city["meidoorn"]))
    html = response.content.decode()
    trend = response.context["trend"]
    assert len(trend) == 13  # the recalculated recent weeks
    assert trend[-1]["index"] == 57.9
    assert trend[-1]["red_below"] == 50.0
    assert trend[-1]["green_from"] == 70.0
    data = json.loads(
        html.split('id="indicator-trend-data" type="application/json">')[1].split("<")[0]
    )
    assert data == trend
    assert 'id="indicator-chart"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/indicator-chart.js" in html
    assert 'id="trend-table"' in html
    # No inline script: the data travels as JSON (json_script), the code from static files.
    assert "<script>" not in html


def test_the_page_shows_the_weights_and_thresholds_used(client, official, city):
    client.force_login(official)
    response = client.get(page_url(city["meidoorn"]))
    thresholds = dict(response.context["thresholds"])
    assert thresholds["Red below"] == "50"
    assert thresholds["Green from"] == "70"
    weights = {row["component"]: row["weight"] for row in response.context["components"]}
    assert weights["hours"] == Decimal("1.00")


def test_a_complex_without_snapshots_says_so(client, official, own_complex):
    client.force_login(official)
    response = client.get(page_url(own_complex))
    assert response.status_code == 200
    assert 'id="no-snapshot"' in response.content.decode()


def test_the_page_query_count_is_bounded(client, official, city, django_assert_max_num_queries):
    client.force_login(official)
    with django_assert_max_num_queries(10):
        assert client.get(page_url(city["meidoorn"])).status_code == 200


# The complex page and the home page -------------------------------------------------------------
def test_the_complex_page_shows_the_index_and_the_two_costliest_reasons(
    client, corporation_staff, city
):
    client.force_login(corporation_staff)
    response = client.get(city["meidoorn"].get_absolute_url())
    indicator = response.context["indicator"]
    assert indicator["snapshot"].index == Decimal("57.9")
    assert [row["component"] for row in indicator["reasons"]] == ["core_group", "hours"]
    html = response.content.decode()
    section = html.split('id="complex-cohesion-index"')[1].split("</section>")[0]
    assert "57.9" in section
    assert "Amber" in section
    assert page_url(city["meidoorn"]) in section
    assert "No active core group" in section
    assert "Gallery coverage" not in section  # the third reason is left for the indicator page


def test_the_complex_page_has_no_index_section_for_the_team(client, team_member, city):
    client.force_login(team_member)
    response = client.get(city["meidoorn"].get_absolute_url())
    assert response.status_code == 200
    assert response.context["indicator"] is None
    assert 'id="complex-cohesion-index"' not in response.content.decode()


def test_the_complex_page_reads_the_index_in_one_query(client, corporation_staff, city):
    client.force_login(corporation_staff)
    with CaptureQueriesContext(connection) as queries:
        client.get(city["meidoorn"].get_absolute_url())
    touching = [query for query in queries if "evaluations_indicatorsnapshot" in query["sql"]]
    assert len(touching) == 1
