"""The cohesion index city overview of a week: who may open the index pages, filters, counts per
status, averages per district and corporation, the week selector, the export, a complex without
data, and the home card.

Snapshots are made by the recalculation itself (``services.indicators_recalculate``) on
factory data, so the screens are tested on what the engine writes."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.models import IndicatorSettings
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.evaluations import helpers
from tests.evaluations.helpers import SETTINGS, galleries, newest, page_url, recalculate, url
from tests.factories import ComplexFactory, UserFactory
from tests.helpers import nav_links, today

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english = helpers._english
city = helpers.city


LIST = reverse("evaluations:indicator_list")


EXPORT = reverse("evaluations:indicator_export")


HTMX = {"HTTP_HX_REQUEST": "true"}


def rows_by_name(response) -> dict:
    return {row.record.complex.name: row.record for row in response.context["table"].rows}


# The engine's figures these tests rely on ------------------------------------------------------
def test_the_city_fixture_gives_the_hand_computed_indexes(city):
    assert newest(city["meidoorn"]).index == Decimal("57.9")
    assert newest(city["meidoorn"]).status == "amber"
    assert newest(city["anker"]).index == Decimal("31.7")
    assert newest(city["anker"]).status == "red"
    assert newest(city["linde"]).index == Decimal("47.5")


# Who may open what ------------------------------------------------------------------------------
def _paths(city) -> list[str]:
    return [LIST, EXPORT, SETTINGS, page_url(city["meidoorn"])]


def test_anonymous_is_sent_to_the_login_page(client, city):
    for path in _paths(city):
        response = client.get(path)
        assert response.status_code == 302, path
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize("fixture", ["team_member", "user_without_role"])
def test_the_intervention_team_and_roleless_users_are_refused(client, request, city, fixture):
    client.force_login(request.getfixturevalue(fixture))
    for path in _paths(city):
        assert client.get(path).status_code == 403, path


@pytest.mark.parametrize(
    ("fixture", "opens", "not_found"),
    [
        ("corporation_staff", {"meidoorn", "anker"}, {"linde"}),
        ("other_corporation_staff", {"linde"}, {"meidoorn", "anker"}),
        ("welfare_professional", {"meidoorn"}, {"anker", "linde"}),
        ("official", {"meidoorn", "anker", "linde"}, set()),
        ("functional_admin", {"meidoorn", "anker", "linde"}, set()),
    ],
)
def test_each_role_opens_the_indicator_pages_of_its_reach_only(
    client, request, city, fixture, opens, not_found
):
    client.force_login(request.getfixturevalue(fixture))
    for name in opens:
        assert client.get(page_url(city[name])).status_code == 200, name
    for name in not_found:
        assert client.get(page_url(city[name])).status_code == 404, name


@pytest.mark.parametrize(
    ("fixture", "listed"),
    [
        ("corporation_staff", {"De Meidoorn", "Het Anker"}),
        ("other_corporation_staff", {"Huize Linde"}),
        ("welfare_professional", {"De Meidoorn"}),
        ("official", {"De Meidoorn", "Het Anker", "Huize Linde"}),
        ("functional_admin", {"De Meidoorn", "Het Anker", "Huize Linde"}),
    ],
)
def test_the_overview_lists_each_role_its_reach(client, request, city, fixture, listed):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(LIST)
    assert response.status_code == 200
    assert set(rows_by_name(response)) == listed


def test_a_page_of_a_complex_that_does_not_exist_is_not_found(client, official, city):
    client.force_login(official)
    assert client.get(reverse("evaluations:complex_indicator", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("fixture", "offered"),
    [
        ("corporation_staff", True),
        ("welfare_professional", True),
        ("official", True),
        ("functional_admin", True),
        ("team_member", False),
    ],
)
def test_the_menu_offers_the_index_to_its_readers_only(client, request, fixture, offered):
    client.force_login(request.getfixturevalue(fixture))
    links = {link["url"]: str(link["label"]) for link in nav_links(client.get("/"))}
    assert (links.get(LIST) == "Cohesion index") is offered
    assert (links.get(SETTINGS) == "How the index works") is offered


# The overview -----------------------------------------------------------------------------------
def test_the_overview_shows_index_status_and_components(client, official, city):
    client.force_login(official)
    response = client.get(LIST)
    rows = rows_by_name(response)
    assert rows["De Meidoorn"].index == Decimal("57.9")
    html = response.content.decode()
    # The status is a word beside the colour.
    assert '<span class="badge text-bg-warning" data-status="amber">Amber</span>' in html
    assert '<span class="badge text-bg-danger" data-status="red">Red</span>' in html
    assert page_url(city["meidoorn"]) in html
    # The component columns: hours 53, galleries 83, occupancy 95 for De Meidoorn.
    table = response.context["table"]
    row = next(row for row in table.rows if row.record.complex.name == "De Meidoorn")
    assert row.get_cell("c_hours") == "53"
    assert row.get_cell("c_galleries") == "83"
    assert row.get_cell("c_core_group") == "0"
    assert "—" in row.get_cell("c_participation")  # no data, not 0


def test_the_overview_counts_complexes_per_status(client, official, corporation_staff, city):
    client.force_login(official)
    counts = {row["status"]: row["count"] for row in client.get(LIST).context["status_counts"]}
    assert counts == {"red": 2, "amber": 1, "green": 0, "no_data": 0}
    client.force_login(corporation_staff)
    counts = {row["status"]: row["count"] for row in client.get(LIST).context["status_counts"]}
    assert counts == {"red": 1, "amber": 1, "green": 0, "no_data": 0}


def test_the_counts_per_status_ignore_the_status_filter(client, official, city):
    client.force_login(official)
    response = client.get(url(LIST, status="amber"))
    assert set(rows_by_name(response)) == {"De Meidoorn"}
    counts = {row["status"]: row["count"] for row in response.context["status_counts"]}
    assert counts["red"] == 2


def test_the_overview_averages_per_district_and_corporation(client, official, city):
    client.force_login(official)
    response = client.get(LIST)
    district = {row["name"]: row for row in response.context["by_district"]}
    own = district[city["meidoorn"].district.name]
    # De Meidoorn 57.9 and Het Anker 31.7 share a district: mean 44.8, one red.
    assert (own["mean"], own["complexes"], own["red"]) == (Decimal("44.8"), 2, 1)
    corporations = {row["name"]: row for row in response.context["by_corporation"]}
    assert corporations["Maasstad Wonen"]["mean"] == Decimal("44.8")
    assert corporations["Havenhuis Wonen"]["mean"] == Decimal("47.5")
    assert corporations["Havenhuis Wonen"]["red"] == 1
    assert 'id="indicator-per-district"' in response.content.decode()


def test_staff_get_no_corporation_filter_column_or_average(client, corporation_staff, city):
    client.force_login(corporation_staff)
    response = client.get(LIST)
    assert "corporation" not in response.context["filter"].form.fields
    assert response.context["by_corporation"] is None
    assert "corporation" not in [column.name for column in response.context["table"].columns]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ({"status": "red"}, {"Het Anker", "Huize Linde"}),
        ({"q": "meid"}, {"De Meidoorn"}),
        ({"corporation": "other"}, {"Huize Linde"}),
        ({"district": "own"}, {"De Meidoorn", "Het Anker"}),
    ],
)
def test_the_overview_filters(client, official, other_corporation, city, query, listed):
    ids = {"other": other_corporation.pk, "own": city["meidoorn"].district_id}
    query = {key: ids.get(value, value) for key, value in query.items()}
    client.force_login(official)
    assert set(rows_by_name(client.get(url(LIST, **query)))) == listed


def test_the_overview_sorts_by_index_with_no_data_last(client, official, city):
    client.force_login(official)
    names = [
        row.record.complex.name
        for row in client.get(url(LIST, sort="-index")).context["table"].rows
    ]
    assert names == ["De Meidoorn", "Huize Linde", "Het Anker"]
    names = [
        row.record.complex.name
        for row in client.get(url(LIST, sort="c_galleries")).context["table"].rows
    ]
    assert names == ["Het Anker", "De Meidoorn", "Huize Linde"]  # Huize Linde: no data, last


def test_htmx_gets_just_the_results(client, official, city):
    client.force_login(official)
    response = client.get(url(LIST, status="red"), **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="indicator-table"' in html
    assert "De Meidoorn" not in html


@pytest.mark.parametrize("count", [2, 12])
def test_the_overview_query_count_does_not_grow_with_complexes(
    client, official, own_complex, django_assert_max_num_queries, count
):
    for number in range(count):
        complex_ = ComplexFactory(corporation=own_complex.corporation, name=f"Hof {number}")
        galleries(complex_, 2, 1)
    recalculate()
    client.force_login(official)
    with django_assert_max_num_queries(16):
        response = client.get(LIST)
    assert response.context["table"].paginator.count == count + 1


# The week selector ------------------------------------------------------------------------------
def test_an_older_week_can_be_chosen(client, official, city):
    older = Week.of(today()).shifted(-6)
    client.force_login(official)
    response = client.get(url(LIST, week=str(older)))
    assert response.context["week"] == older
    # Six weeks back no hours were logged yet: (0.8333 + 0.95 + 0) / 3 = 59.4.
    assert rows_by_name(response)["De Meidoorn"].index == Decimal("59.4")
    assert f"Week {older}" in response.content.decode()
    assert response.context["navigation"]["next"] == older.shifted(1)


def test_the_newest_week_is_shown_by_default_and_has_no_next(client, official, city):
    client.force_login(official)
    response = client.get(LIST)
    assert response.context["week"] == Week.of(today())
    assert response.context["navigation"]["next"] is None


def test_a_wrong_week_is_said_and_the_newest_shown(client, official, city):
    client.force_login(official)
    response = client.get(url(LIST, week="2026-W60"))
    assert response.context["week"] == Week.of(today())
    assert "“Week” is not an existing week" in response.content.decode()


def test_a_week_without_snapshots_shows_an_empty_table(client, official, city):
    client.force_login(official)
    response = client.get(url(LIST, week="2001-W10"))
    assert rows_by_name(response) == {}
    assert "No complexes with a cohesion index for this week." in response.content.decode()


def test_the_overview_without_any_snapshot(client, official, db):
    client.force_login(official)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "No cohesion index has been calculated yet." in response.content.decode()


# Export -----------------------------------------------------------------------------------------
def export_rows(response) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_csv_export_has_every_row_the_filters_select(client, corporation_staff, city):
    client.force_login(corporation_staff)
    rows = export_rows(client.get(url(EXPORT, format="csv")))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Complex", "Corporation", "District", "Week", "Index", "Status"]
    assert "Welfare hours" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_name) == {"De Meidoorn", "Het Anker"}  # not the other corporation's
    assert by_name["De Meidoorn"]["Index"] == "57,90"
    assert by_name["De Meidoorn"]["Welfare hours"] == "53"
    assert by_name["De Meidoorn"]["Participation"] == ""  # no data, not 0
    assert by_name["De Meidoorn"]["Week"] == str(Week.of(today()))


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"district": "abc"}, "District"),
        ({"status": "purple"}, "Status"),
        ({"week": "2026-W60"}, "Week"),
    ],
)
def test_a_wrong_export_filter_is_refused_naming_it(client, official, city, query, named):
    client.force_login(official)
    response = client.get(url(EXPORT, format="csv", **query))
    assert response.status_code == 400
    assert named in response.content.decode()


def test_an_export_of_an_older_week(client, official, city):
    older = Week.of(today()).shifted(-6)
    client.force_login(official)
    rows = export_rows(client.get(url(EXPORT, format="csv", week=str(older))))
    assert {row[3] for row in rows[1:]} == {str(older)}


def test_the_xlsx_export_follows_the_status_filter(client, official, city):
    client.force_login(official)
    rows = export_rows(client.get(url(EXPORT, format="xlsx", status="red")))
    assert {row[0] for row in rows[1:]} == {"Het Anker", "Huize Linde"}


@pytest.fixture
def hours_only(db):
    """Only welfare hours weigh: a complex without hours has no index at all."""
    IndicatorSettings.objects.update_or_create(
        pk=1,
        defaults={
            "weight_galleries": 0,
            "weight_occupancy": 0,
            "weight_core_group": 0,
            "weight_participation": 0,
            "weight_new_tenants": 0,
            "weight_mutual_help": 0,
            "weight_loneliness": 0,
        },
    )


def test_a_complex_without_data_has_no_index_not_0(client, official, hours_only, city):
    assert newest(city["anker"]).index is None
    client.force_login(official)
    html = client.get(page_url(city["anker"])).content.decode()
    assert 'id="index-value">no data<' in html
    assert "Why there is no index" in html
    list_response = client.get(LIST)
    row = next(
        row for row in list_response.context["table"].rows if row.record.complex.name == "Het Anker"
    )
    assert "—" in row.get_cell("index")
    assert 'data-status="no_data">No data<' in row.get_cell("status")
    counts = {entry["status"]: entry["count"] for entry in list_response.context["status_counts"]}
    assert counts["no_data"] == 2  # Het Anker and Huize Linde log no hours
    district = {entry["name"]: entry for entry in list_response.context["by_district"]}
    # The mean leaves the complex without data out: De Meidoorn's 53.1 alone.
    assert district[city["meidoorn"].district.name]["mean"] == Decimal("53.1")


def test_the_home_page_counts_complexes_per_status(client, official, corporation_staff, city):
    client.force_login(official)
    response = client.get("/")
    assert response.context["indicators"] == {"red": 2, "amber": 1, "green": 0, "no_data": 0}
    html = response.content.decode()
    assert "Complexes red / amber / green" in html
    assert LIST in html
    client.force_login(corporation_staff)
    assert client.get("/").context["indicators"]["red"] == 1


def test_the_home_card_reads_the_newest_week_only_in_one_query(client, official, city):
    client.force_login(official)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    touching = [query for query in queries if "evaluations_indicatorsnapshot" in query["sql"]]
    assert len(touching) == 2  # the red / amber / green card and the where-to-act tile
    # 13 weeks were calculated; only the newest is counted.
    assert sum(response.context["indicators"].values()) == 3


def test_the_home_page_has_no_index_card_for_the_team(client, team_member):
    client.force_login(team_member)
    response = client.get("/")
    assert response.context["indicators"] is None
    assert "Complexes red / amber / green" not in response.content.decode()


def test_an_unassigned_professional_gets_no_row_of_a_complex(client, city):
    other = UserFactory(username="piet", role=roles.WELFARE_PROFESSIONAL, complexes=[city["anker"]])
    client.force_login(other)
    assert set(rows_by_name(client.get(LIST))) == {"Het Anker"}
    assert client.get(page_url(city["meidoorn"])).status_code == 404
