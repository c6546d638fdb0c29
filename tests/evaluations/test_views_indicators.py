"""The cohesion index screens: the city overview of a week (filters, counts per status, averages
per district and corporation, the week selector, the export), one complex's indicator page
(each component in words, why it is red or amber, "no data" never shown as 0, the trend), the
page that explains the index and where the functional admin sets weights and thresholds, the
compact section on the complex page, the home card, the menu, and who may open what.

Snapshots are made by the recalculation itself (``services.indicators_recalculate``) on
factory data, so the screens are tested on what the engine writes."""

import csv
import datetime
import io
import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from evaluations import services
from evaluations.models import IndicatorSettings, IndicatorSnapshot
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import (
    ComplexFactory,
    GalleryFactory,
    HoursEntryFactory,
    ResidentFactory,
    UserFactory,
    last_week,
)
from tests.helpers import nav_links, today

pytestmark = pytest.mark.django_db

LIST = reverse("evaluations:indicator_list")


EXPORT = reverse("evaluations:indicator_export")


SETTINGS = reverse("evaluations:indicator_settings")


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    """The screens in English, the words these tests look for."""
    client.cookies.load({"django_language": "en"})


def page_url(complex_) -> str:
    return reverse("evaluations:complex_indicator", args=[complex_.pk])


def url(base: str, **query) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def galleries(complex_, total: int, covered: int) -> None:
    """``total`` galleries of which ``covered`` have had a contact person for a year."""
    since = today() - datetime.timedelta(days=365)
    for number in range(total):
        person = None
        if number < covered:
            person = ResidentFactory(complex=complex_, name=f"Contact {complex_.pk}-{number}")
        GalleryFactory(
            complex=complex_,
            name=f"Galerij {number + 1}",
            contact_person=person,
            contact_since=since if person else None,
        )


def log_hours(complex_, professional, weeks_back: int, hours: str) -> None:
    """Hours ``weeks_back`` weeks before the last complete week (0 = that week)."""
    week = last_week().shifted(-weeks_back)
    HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        hours=Decimal(hours),
    )


def recalculate() -> None:
    services.indicators_recalculate(today=today())


@pytest.fixture
def anker(own_complex):
    """A second complex of the own corporation, in the same district, assigned to nobody."""
    return ComplexFactory(
        corporation=own_complex.corporation, district=own_complex.district, name="Het Anker"
    )


@pytest.fixture
def city(own_complex, anker, foreign_complex, welfare_professional):
    """Three senior complexes, their index calculated by the engine:

    - De Meidoorn (own, wendy): 5 of 6 galleries covered, 8.50 h in the last 4 complete weeks,
      3 of 60 units vacant, no core group → (0.5313 + 0.8333 + 0.95 + 0) / 4 = 57.9, amber;
    - Het Anker (own corporation, same district): 0 of 4 galleries covered, no hours, no core
      group → (0 + 0.95 + 0) / 3 = 31.7, red;
    - Huize Linde (other corporation): no galleries, no hours → (0.95 + 0) / 2 = 47.5, red.
    """
    galleries(own_complex, 6, 5)
    log_hours(own_complex, welfare_professional, 0, "4")
    log_hours(own_complex, welfare_professional, 2, "4.5")
    galleries(anker, 4, 0)
    recalculate()
    return {"meidoorn": own_complex, "anker": anker, "linde": foreign_complex}


def newest(complex_) -> IndicatorSnapshot:
    return IndicatorSnapshot.objects.filter(complex=complex_).order_by("-week_start").first()


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


def test_the_page_query_count_is_bounded(client, official, city, django_assert_max_num_queries):
    client.force_login(official)
    with django_assert_max_num_queries(10):
        assert client.get(page_url(city["meidoorn"])).status_code == 200


# Settings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "welfare_professional", "official", "functional_admin"]
)
def test_every_reader_sees_how_the_index_is_calculated(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(SETTINGS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The status is red below 50, amber from 50 up to 70, and green from 70." in html
    assert "divided by the norm of 4 hours per funded week" in html
    # The norm itself lives in the welfare calendar, which the page names and links to.
    assert "Hours norm" in html and reverse("interventions:welfare_calendar") in html
    assert len(response.context["components"]) == 8
    assert response.context["components"][0]["share"] == Decimal("12.5")  # 1 of 8 equal
    may_change = fixture == "functional_admin"
    assert (response.context["form"] is not None) is may_change
    assert ('id="indicator-settings-form"' in html) is may_change


def _settings_data(**overrides) -> dict:
    data = {
        "weight_hours": "2",
        "weight_galleries": "1",
        "weight_occupancy": "1",
        "weight_core_group": "1",
        "weight_participation": "1",
        "weight_new_tenants": "1",
        "weight_mutual_help": "1",
        "weight_loneliness": "1",
        "red_below": "45",
        "green_from": "75",
        "hours_norm": "4",
        "core_group_min_members": "3",
        "survey_min_responses": "5",
        "effect_min_gain": "5",
        "effect_kept_share": "50",
    }
    data.update(overrides)
    return data


def test_the_functional_admin_saves_weights_and_the_city_is_recalculated(
    client, functional_admin, city, django_capture_on_commit_callbacks
):
    client.force_login(functional_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS, _settings_data())
    assert response.status_code == 302
    row = IndicatorSettings.objects.get(pk=1)
    assert (row.weight_hours, row.red_below, row.green_from) == (
        Decimal("2"),
        Decimal("45"),
        Decimal("75"),
    )
    assert row.updated_by == functional_admin
    # After the commit the task (inline in tests) recalculates the recent weeks.
    snapshot = newest(city["meidoorn"])
    assert snapshot.weights["hours"] == "2.00"
    assert snapshot.thresholds["red_below"] == "45.0"
    # (2 × 0.5313 + 0.8333 + 0.95 + 0) / 5 = 56.9
    assert snapshot.index == Decimal("56.9")


@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "welfare_professional", "official", "team_member"]
)
def test_others_may_not_change_the_settings(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.post(SETTINGS, _settings_data())
    assert response.status_code == 403
    assert not IndicatorSettings.objects.filter(weight_hours=2).exists()


def test_red_above_green_is_refused_in_dutch_on_the_field(client, functional_admin):
    client.cookies.load({"django_language": "nl"})
    client.force_login(functional_admin)
    response = client.post(SETTINGS, _settings_data(red_below="80", green_from="60"))
    assert response.status_code == 200
    with translation.override("nl"):
        expected = translation.gettext("Green must start at or above the red threshold.")
    assert list(response.context["form"].errors["green_from"]) == [expected]
    assert not IndicatorSettings.objects.filter(red_below=80).exists()


def test_all_weights_zero_is_refused_on_the_first_weight(client, functional_admin):
    client.force_login(functional_admin)
    zero = {
        f"weight_{name}": "0"
        for name in (
            "hours",
            "galleries",
            "occupancy",
            "core_group",
            "participation",
            "new_tenants",
            "mutual_help",
            "loneliness",
        )
    }
    response = client.post(SETTINGS, _settings_data(**zero))
    assert response.context["form"].errors["weight_hours"] == [
        "Give at least one component a weight above 0."
    ]


def test_a_weight_out_of_range_names_the_field(client, functional_admin):
    client.force_login(functional_admin)
    response = client.post(SETTINGS, _settings_data(weight_loneliness="150"))
    assert "weight_loneliness" in response.context["form"].errors


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
    assert len(touching) == 1
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


# Admin ------------------------------------------------------------------------------------------
SNAPSHOT_ADMIN = reverse("admin:evaluations_indicatorsnapshot_changelist")


SETTINGS_ADMIN = reverse("admin:evaluations_indicatorsettings_changelist")


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def test_the_admin_lists_snapshots_read_only(client, functional_admin, city):
    client.force_login(functional_admin)
    response = client.get(url(SNAPSHOT_ADMIN, status="red"))
    assert response.status_code == 200
    shown = response.context["cl"].queryset
    assert {snapshot.complex.name for snapshot in shown} == {"Het Anker", "Huize Linde"}
    assert not response.context["has_add_permission"]
    snapshot = newest(city["meidoorn"])
    change = reverse("admin:evaluations_indicatorsnapshot_change", args=[snapshot.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert client.post(change, {"index": "99"}).status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.index == Decimal("57.9")


def test_the_admin_searches_snapshots_by_complex(client, functional_admin, city):
    client.force_login(functional_admin)
    response = client.get(url(SNAPSHOT_ADMIN, q="anker"))
    assert {snapshot.complex.name for snapshot in response.context["cl"].queryset} == {"Het Anker"}


def test_the_admin_lists_only_the_snapshots_a_user_may_see(client, corporation_staff, city):
    client.force_login(_staff(corporation_staff))
    response = client.get(SNAPSHOT_ADMIN)
    assert response.status_code == 200
    names = {snapshot.complex.name for snapshot in response.context["cl"].queryset}
    assert names == {"De Meidoorn", "Het Anker"}
    foreign = newest(city["linde"])
    change = reverse("admin:evaluations_indicatorsnapshot_change", args=[foreign.pk])
    # A foreign snapshot is "not found": the admin redirects to its index with a message.
    assert client.get(change).status_code == 302


def test_the_admin_changes_the_settings_through_the_service(
    client, functional_admin, city, django_capture_on_commit_callbacks
):
    client.force_login(functional_admin)
    response = client.get(SETTINGS_ADMIN)
    change = reverse("admin:evaluations_indicatorsettings_change", args=[1])
    assert response.status_code == 302
    assert response["Location"] == change
    assert client.get(reverse("admin:evaluations_indicatorsettings_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, _settings_data(weight_hours="3"))
    assert response.status_code == 302
    row = IndicatorSettings.objects.get(pk=1)
    assert row.weight_hours == Decimal("3")
    assert row.updated_by == functional_admin
    assert newest(city["meidoorn"]).weights["hours"] == "3.00"
    refused = client.post(change, _settings_data(red_below="90", green_from="10"))
    assert refused.status_code == 200
    assert "green_from" in refused.context["adminform"].form.errors
    assert IndicatorSettings.objects.get(pk=1).red_below == Decimal("45")
