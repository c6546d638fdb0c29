"""Welfare hours against the norm: the norm table per grouping on hand-computed cases, the
alert for complexes below the norm three weeks running, the export of the hours (CSV for Dutch
spreadsheets, XLSX, filters, scoping), the home card, the complex page's section, and who may
open what."""

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from interventions import selectors
from interventions.choices import WorkKind
from leefbaarheid import roles
from tests.factories import ComplexFactory, HoursEntryFactory, UserFactory, last_week
from tests.helpers import AMSTERDAM, nav_links

pytestmark = pytest.mark.django_db

NORM_URL = reverse("interventions:hours_norm")


EXPORT_URL = reverse("interventions:hours_export")


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _late_november():
    """Wednesday 25 November 2026: the last complete week is 2026-W47, and every window of the
    norm is worked out by hand on the default welfare calendar. The 4 weeks W44-W47 are all
    funded; of the 13 weeks W35-W47, W35 (summer) is not: 12 funded; of the 52 weeks 2025-W48 to
    2026-W47, 2025-W52, 2026-W01 and 2026-W28-W35 are not: 42 funded."""
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)):
        yield


@pytest.fixture(autouse=True)
def _english(client):
    """The screens in English, the words these tests look for (numbers: see ``dutch``)."""
    client.cookies.load({"django_language": "en"})


def dutch(client):
    client.cookies.load({"django_language": "nl"})


def url(base: str, **query) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def log(complex_, professional, weeks_back: int, hours, kind=WorkKind.GROUP_WORK, note=""):
    """Hours in the week ``weeks_back`` weeks before the last complete week (0 = that week)."""
    week = last_week().shifted(-weeks_back)
    return HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        kind=kind,
        hours=Decimal(hours),
        note=note,
    )


def table_rows(response) -> dict:
    """The norm table's rows by label."""
    return {row.record["label"]: row.record for row in response.context["table"].rows}


# Who may open what ------------------------------------------------------------------------------
VIEWS = [NORM_URL, EXPORT_URL]


@pytest.mark.parametrize("path", VIEWS)
def test_anonymous_is_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("path", VIEWS)
def test_intervention_team_and_roleless_users_are_refused(
    client, team_member, user_without_role, path
):
    for user in (team_member, user_without_role):
        client.force_login(user)
        assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", VIEWS)
@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "welfare_professional", "official", "functional_admin"]
)
def test_every_role_that_reads_hours_opens_the_screens(client, request, own_complex, path, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(path).status_code == 200


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
def test_menu_offers_the_norm_to_readers_of_hours_only(client, request, fixture, offered):
    client.force_login(request.getfixturevalue(fixture))
    links = {link["url"]: str(link["label"]) for link in nav_links(client.get("/"))}
    assert (links.get(NORM_URL) == "Hours against the norm") is offered


# The norm table, hand-computed ------------------------------------------------------------------
@pytest.fixture
def city(own_complex, foreign_complex, welfare_professional, other_corporation):
    """Hours over four complexes:

    - De Meidoorn (own, senior, wendy): 5 h in weeks 0, 1 and 3 back (a gap in week 2), plus
      10 h 52 weeks back (just outside the year) and 7 h in the running week (not complete);
    - Het Anker (own corporation, senior, same district, piet): 4 h in each of the last 4 weeks;
    - De Bongerd (other corporation, not senior, same district, rob): 8 h last week;
    - Huize Linde (foreign, senior, other district): nothing.
    """
    district = own_complex.district
    anker = ComplexFactory(corporation=own_complex.corporation, district=district, name="Het Anker")
    bongerd = ComplexFactory(
        corporation=other_corporation, district=district, name="De Bongerd", is_senior=False
    )
    professional = roles.WELFARE_PROFESSIONAL
    piet = UserFactory(
        username="piet", first_name="Piet", last_name="Bakker", role=professional, complexes=[anker]
    )
    rob = UserFactory(username="rob", first_name="Rob", last_name="Smit", role=professional)
    welfare_professional.first_name, welfare_professional.last_name = "Wendy", "de Vries"
    welfare_professional.save()
    for weeks_back in (0, 1, 3):
        log(own_complex, welfare_professional, weeks_back, "5")
    log(own_complex, welfare_professional, 52, "10")
    log(own_complex, welfare_professional, -1, "7")
    for weeks_back in range(4):
        log(anker, piet, weeks_back, "4")
    log(bongerd, rob, 0, "8")
    return {"anker": anker, "bongerd": bongerd, "piet": piet, "rob": rob, "district": district}


def test_norm_per_complex_adds_up_the_windows_by_hand(client, official, city, own_complex):
    client.force_login(official)
    dutch(client)
    response = client.get(url(NORM_URL, by="complex"))
    rows = table_rows(response)
    meidoorn = rows["De Meidoorn"]
    # 3 weeks × 5 h, one gap; the year-old and the running week are outside every window.
    assert (meidoorn["h4"], meidoorn["h13"], meidoorn["h52"]) == (15, 15, 15)
    # 4 h × 4, 12 and 42 funded weeks.
    assert (meidoorn["norm4"], meidoorn["norm13"], meidoorn["norm52"]) == (16, 48, 168)
    assert (meidoorn["funded4"], meidoorn["funded13"], meidoorn["funded52"]) == (4, 12, 42)
    assert meidoorn["avg4"] == Decimal("3.75")  # 15 / 4
    assert meidoorn["avg13"] == Decimal("1.25")  # 15 / 12
    assert meidoorn["avg52"] == Decimal("0.36")  # 15 / 42
    assert not meidoorn["met4"]
    anker = rows["Het Anker"]
    assert (anker["h4"], anker["avg4"], anker["met4"]) == (16, Decimal("4.00"), True)
    assert not anker["met13"]
    # Not a senior complex: hours, but no norm.
    bongerd = rows["De Bongerd"]
    assert (bongerd["h4"], bongerd["norm4"], bongerd["avg4"]) == (8, 0, None)
    assert not bongerd["met4"]
    assert rows["Huize Linde"]["h52"] == 0
    content = response.content.decode()
    assert "15,00 / 16,00" in content
    assert "text-bg-success" in content and "text-bg-danger" in content
    assert reverse("complexes:complex_detail", args=[own_complex.pk]) in content


def test_norm_per_corporation_counts_senior_complexes_only(client, official, city):
    client.force_login(official)
    rows = table_rows(client.get(url(NORM_URL, by="corporation")))
    own = rows["Maasstad Wonen"]
    assert own["complexes"] == 2
    assert (own["h4"], own["norm4"], own["avg4"], own["met4"]) == (31, 32, Decimal("3.88"), False)
    other = rows["Havenhuis Wonen"]
    # Huize Linde is its one senior complex; De Bongerd's 8 h count, its norm does not.
    assert (other["complexes"], other["h4"], other["norm4"], other["met4"]) == (1, 8, 16, False)


def test_norm_per_district_takes_every_complex_in_it(client, official, city):
    client.force_login(official)
    rows = table_rows(client.get(url(NORM_URL, by="district")))
    district = rows[city["district"].name]
    assert district["complexes"] == 2  # Meidoorn and Anker; Bongerd is no senior complex
    assert (district["h4"], district["norm4"], district["avg4"]) == (39, 32, Decimal("4.88"))
    assert district["met4"]
    assert (district["h13"], district["norm13"], district["met13"]) == (39, 96, False)  # 2×48


def test_norm_per_professional_against_their_assigned_complexes(client, official, city):
    client.force_login(official)
    rows = table_rows(client.get(url(NORM_URL, by="professional")))
    wendy, piet, rob = rows["Wendy de Vries"], rows["Piet Bakker"], rows["Rob Smit"]
    assert (wendy["complexes"], wendy["h4"], wendy["norm4"], wendy["met4"]) == (1, 15, 16, False)
    assert (piet["complexes"], piet["h4"], piet["avg4"], piet["met4"]) == (1, 16, 4, True)
    # Rob has no assigned complex: his hours show, no norm.
    assert (rob["complexes"], rob["h4"], rob["avg4"]) == (0, 8, None)
    assert "no norm" in client.get(url(NORM_URL, by="professional")).content.decode()


def test_htmx_swaps_only_the_table_and_keeps_the_grouping(client, official, city):
    client.force_login(official)
    response = client.get(url(NORM_URL, by="district"), **HTMX)
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="hours-norm-table"' in content
    assert 'aria-current="page"' in content and "?by=district" in content
    assert "Vary" in response and "HX-Request" in response["Vary"]
    # Restoring a page from htmx's history needs the whole page.
    restored = client.get(NORM_URL, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in restored.content.decode()


def test_table_sorts_by_the_hours_of_a_window(client, official, city):
    client.force_login(official)
    response = client.get(url(NORM_URL, by="complex", sort="-h4"))
    labels = [row.record["label"] for row in response.context["table"].rows]
    assert labels[:3] == ["Het Anker", "De Meidoorn", "De Bongerd"]
    ascending = client.get(url(NORM_URL, by="complex", sort="avg4"))
    assert [row.record["label"] for row in ascending.context["table"].rows][-1] == "Het Anker"


def test_unknown_grouping_falls_back_to_complexes(client, official, city):
    client.force_login(official)
    response = client.get(url(NORM_URL, by="planet"))
    assert response.status_code == 200
    assert response.context["by"] == "complex"


def test_staff_see_the_norm_of_their_own_complexes_only(client, corporation_staff, city):
    client.force_login(corporation_staff)
    rows = table_rows(client.get(url(NORM_URL, by="complex")))
    assert set(rows) == {"De Meidoorn", "Het Anker"}
    # One corporation: no grouping per corporation is offered, it falls back to complexes.
    response = client.get(url(NORM_URL, by="corporation"))
    assert response.context["by"] == "complex"
    districts = table_rows(client.get(url(NORM_URL, by="district")))
    assert districts[city["district"].name]["h4"] == 31  # without the other corporation's 8 h


def test_professional_sees_the_norm_of_assigned_complexes_only(client, welfare_professional, city):
    client.force_login(welfare_professional)
    assert set(table_rows(client.get(NORM_URL))) == {"De Meidoorn"}
    professionals = table_rows(client.get(url(NORM_URL, by="professional")))
    assert set(professionals) == {"Wendy de Vries"}


def test_norm_page_keeps_a_fixed_number_of_queries(
    client, official, city, django_assert_max_num_queries
):
    for number in range(10):
        complex_ = ComplexFactory(name=f"Extra {number}")
        log(complex_, city["piet"], number % 4, "2")
    client.force_login(official)
    client.get(NORM_URL)
    for by in ("complex", "professional", "corporation", "district"):
        # Signing in 5, the rows and their calendars 2 (3 per professional: who works where),
        # the alerts 3, the norm in words 1, the export form's four lists of choices 4.
        with django_assert_max_num_queries(16):
            client.get(url(NORM_URL, by=by))
        with django_assert_max_num_queries(9):
            client.get(url(NORM_URL, by=by), **HTMX)
    with django_assert_max_num_queries(6):
        rows = export_rows(client.get(url(EXPORT_URL, format="xlsx")))
    assert len(rows) == 1 + 20  # every entry, the year-old and the running week too


# The alert: below the norm three weeks running --------------------------------------------------
def below_norm(user) -> dict:
    return {alert["name"]: alert for alert in selectors.hours_below_norm(user=user)}


def history(complex_, professional, hours_per_week_back: dict[int, str]):
    """At the norm (4 h) in each of the last 13 weeks, except where given."""
    for weeks_back in range(13):
        hours = hours_per_week_back.get(weeks_back, "4")
        if hours != "0":
            log(complex_, professional, weeks_back, hours)


@pytest.mark.parametrize(
    ("pattern", "streak"),
    [
        ({0: "2", 1: "0"}, None),  # two weeks below: no alert yet
        ({0: "2", 1: "0", 2: "3.75"}, 3),  # three weeks below: the alert
        ({0: "2", 1: "0", 2: "4", 3: "0", 4: "0"}, None),  # a week at the norm breaks it
        ({0: "0", 1: "0", 2: "0", 3: "1", 4: "4.25"}, 4),  # above the norm ends it too
        ({}, None),  # at the norm every week
    ],
)
def test_alert_after_three_weeks_running_below_the_norm(
    official, own_complex, welfare_professional, pattern, streak
):
    history(own_complex, welfare_professional, pattern)
    alert = below_norm(official).get("De Meidoorn")
    if streak is None:
        assert alert is None
    else:
        assert (alert["weeks"], alert["open_ended"]) == (streak, False)


def test_a_complex_without_hours_is_below_the_norm_open_ended(
    client, official, own_complex, foreign_complex
):
    ComplexFactory(name="Niet senior", is_senior=False)
    client.force_login(official)
    response = client.get(NORM_URL)
    alerts = {alert["name"]: alert for alert in response.context["alerts"]}
    assert set(alerts) == {"De Meidoorn", "Huize Linde"}
    assert alerts["De Meidoorn"]["open_ended"]
    content = response.content.decode()
    assert "13+" in content
    assert reverse("complexes:complex_detail", args=[own_complex.pk]) in content


def test_alert_list_is_scoped_to_the_user(
    client, corporation_staff, welfare_professional, own_complex, foreign_complex
):
    other = ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
    client.force_login(corporation_staff)
    names = {alert["name"] for alert in client.get(NORM_URL).context["alerts"]}
    assert names == {"De Meidoorn", "Het Anker"}
    client.force_login(welfare_professional)
    names = {alert["name"] for alert in client.get(NORM_URL).context["alerts"]}
    assert names == {"De Meidoorn"}
    assert other.name not in client.get(NORM_URL).content.decode()


# Export -------------------------------------------------------------------------------------
def export_rows(response) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def logged(own_complex, foreign_complex, welfare_professional):
    welfare_professional.first_name, welfare_professional.last_name = "Wendy", "de Vries"
    welfare_professional.save()
    log(own_complex, welfare_professional, 0, "2.5", note="Koffieochtend")
    log(own_complex, welfare_professional, 1, "1.25", kind=WorkKind.HOME_VISIT)
    log(own_complex, welfare_professional, 5, "3")
    log(foreign_complex, UserFactory(role=roles.WELFARE_PROFESSIONAL), 0, "6", note="Vreemd")


def test_csv_export_is_written_for_dutch_spreadsheets(client, official, logged, own_complex):
    client.force_login(official)
    response = client.get(url(EXPORT_URL, format="csv", complex=own_complex.pk))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = export_rows(client.get(url(EXPORT_URL, format="csv", complex=own_complex.pk)))
    header, *body = rows
    assert len(header) == 10
    week = last_week()
    newest = body[-1]
    assert newest[:3] == [str(week.year), str(week.week), week.monday.strftime("%d-%m-%Y")]
    assert newest[3:6] == ["Wendy de Vries", "De Meidoorn", own_complex.district.name]
    assert newest[6] == "Maasstad Wonen"
    assert newest[8:] == ["2,50", "Koffieochtend"]
    assert [row[8] for row in body] == ["3,00", "1,25", "2,50"]  # oldest week first
    assert ";" in content.splitlines()[1]


def test_xlsx_export_opens_and_holds_the_rows(client, official, logged, own_complex):
    client.force_login(official)
    response = client.get(url(EXPORT_URL, format="xlsx", complex=own_complex.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    _header, *body = export_rows(response)
    assert len(body) == 3
    week = last_week()
    newest = body[-1]
    assert newest[0:2] == [week.year, week.week]
    assert newest[2].date() == week.monday
    assert newest[4] == "De Meidoorn"
    assert newest[8] == 2.5
    assert newest[9] == "Koffieochtend"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_staff_export_never_holds_another_corporations_hours(
    client, corporation_staff, logged, foreign_complex, fmt
):
    client.force_login(corporation_staff)
    body = export_rows(client.get(url(EXPORT_URL, format=fmt)))[1:]
    assert {row[4] for row in body} == {"De Meidoorn"}
    assert all(row[9] != "Vreemd" for row in body)
    # Asking for the foreign complex is a wrong filter, never a wider export.
    refused = client.get(url(EXPORT_URL, format=fmt, complex=foreign_complex.pk))
    assert refused.status_code == 400
    assert "complex" in refused.context["filter"].errors


def test_professional_exports_the_assigned_complexes_only(client, welfare_professional, logged):
    client.force_login(welfare_professional)
    body = export_rows(client.get(url(EXPORT_URL, format="csv")))[1:]
    assert {row[4] for row in body} == {"De Meidoorn"}


def test_export_respects_kind_and_weeks(client, official, logged):
    client.force_login(official)
    kind = export_rows(client.get(url(EXPORT_URL, kind=WorkKind.HOME_VISIT)))[1:]
    assert [row[8] for row in kind] == ["1,25"]
    week = last_week()
    recent = export_rows(client.get(url(EXPORT_URL, week_from=str(week.shifted(-1)))))[1:]
    assert sorted(row[8] for row in recent) == ["1,25", "2,50", "6,00"]
    before = export_rows(client.get(url(EXPORT_URL, week_to=str(week.shifted(-1)))))[1:]
    assert sorted(row[8] for row in before) == ["1,25", "3,00"]


def test_export_takes_week_numbers_with_a_year(client, official, logged):
    client.force_login(official)
    week = last_week().shifted(-1)
    query = {"year": week.year, "week_from": week.week, "week_to": week.week}
    body = export_rows(client.get(url(EXPORT_URL, **query)))[1:]
    assert [row[8] for row in body] == ["1,25"]


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"week_from": "week vijf"}, "week_from", "From week"),
        ({"week_to": "2026-W54"}, "week_to", "To week"),
        ({"week_from": "7"}, "week_from", "year"),
        ({"week_from": "2026-W10", "week_to": "2026-W09"}, "week_to", "To week"),
        ({"year": "twintig"}, "year", ""),
        ({"kind": "dansen"}, "kind", ""),
    ],
)
def test_a_wrong_filter_exports_nothing_and_names_the_field(
    client, official, logged, query, field, words
):
    client.force_login(official)
    response = client.get(url(EXPORT_URL, format="csv", **query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    errors = response.context["filter"].errors
    assert field in errors
    assert words in " ".join(errors[field])
    assert "Koffieochtend" not in response.content.decode()


def test_a_wrong_file_type_exports_nothing(client, official, logged):
    client.force_login(official)
    response = client.get(url(EXPORT_URL, format="pdf"))
    assert response.status_code == 400
    assert "format" in response.context["format_form"].errors


def test_norm_page_offers_the_export_form(client, official):
    client.force_login(official)
    content = client.get(NORM_URL).content.decode()
    assert f'action="{EXPORT_URL}"' in content
    assert 'name="week_from"' in content and 'name="format"' in content


def test_filterset_works_without_a_screen(official, logged, own_complex):
    """The API reuses the filter set: the same rules through data alone."""
    from interventions.filters import HoursFilterSet

    class Request:
        user = official

    week = last_week()
    filterset = HoursFilterSet(
        {"complex": own_complex.pk, "week_from": str(week), "week_to": str(week)},
        queryset=selectors.hours_list(user=official),
        request=Request(),
    )
    assert filterset.is_valid(), filterset.errors
    assert [entry.note for entry in filterset.qs] == ["Koffieochtend"]


# The home card --------------------------------------------------------------------------------
def test_home_card_counts_complexes_below_the_norm(
    client, corporation_staff, own_complex, foreign_complex, welfare_professional
):
    ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
    history(own_complex, welfare_professional, {})  # at the norm: no alert
    client.force_login(corporation_staff)
    response = client.get("/")
    assert response.context["hours_alerts"]["count"] == 1  # Het Anker; never Huize Linde
    content = response.content.decode()
    assert NORM_URL in content
    assert "(3+" in content


def test_home_card_only_for_readers_of_hours(client, team_member, official, own_complex):
    client.force_login(team_member)
    response = client.get("/")
    assert response.context["hours_alerts"] is None
    assert NORM_URL not in response.content.decode()
    client.force_login(official)
    assert client.get("/").context["hours_alerts"]["count"] == 1


# The complex page -----------------------------------------------------------------------------
def complex_url(complex_) -> str:
    return reverse("complexes:complex_detail", args=[complex_.pk])


def test_complex_page_shows_the_hours_against_the_norm(
    client, corporation_staff, own_complex, welfare_professional
):
    for weeks_back in (0, 1, 3):
        log(own_complex, welfare_professional, weeks_back, "5")
    client.force_login(corporation_staff)
    dutch(client)
    response = client.get(complex_url(own_complex))
    hours = response.context["hours"]
    assert [(w["weeks"], w["hours"], w["norm"], w["funded"]) for w in hours["windows"]] == [
        (4, 15, 16, 4),
        (13, 15, 48, 12),
        (52, 15, 168, 42),
    ]
    assert hours["windows"][0]["average"] == Decimal("3.75")
    assert "4 uur per gefinancierde week (42 van de 53 weken in 2026)" in hours["norm_text"]
    # Weeks 0 and 1 are at 5 h: no streak, no alert.
    assert (hours["weeks"], hours["alert"]) == (0, False)
    content = response.content.decode()
    assert 'id="welfare-hours"' in content
    assert 'id="hours-alert"' not in content
    assert "15,00" in content


def test_complex_page_alerts_after_three_weeks_below_the_norm(
    client, official, own_complex, welfare_professional
):
    history(own_complex, welfare_professional, {0: "1", 1: "0", 2: "3"})
    client.force_login(official)
    response = client.get(complex_url(own_complex))
    assert (response.context["hours"]["weeks"], response.context["hours"]["alert"]) == (3, True)
    assert 'id="hours-alert"' in response.content.decode()
    # The same verdict as the alert list.
    assert below_norm(official)["De Meidoorn"]["weeks"] == 3


def test_complex_page_reads_the_hours_in_one_query(
    client, official, own_complex, welfare_professional
):
    history(own_complex, welfare_professional, {})
    client.force_login(official)
    with CaptureQueriesContext(connection) as queries:
        client.get(complex_url(own_complex))
    assert sum("interventions_hoursentry" in query["sql"] for query in queries) == 1


def test_complex_page_of_a_complex_without_norm(client, official, welfare_professional):
    flat = ComplexFactory(name="Gewone flat", is_senior=False)
    log(flat, welfare_professional, 0, "3")
    client.force_login(official)
    response = client.get(complex_url(flat))
    assert response.context["hours"]["alert"] is False
    assert 'id="hours-norm-complex"' not in response.content.decode()


def test_complex_page_has_no_hours_for_the_intervention_team(client, team_member, own_complex):
    client.force_login(team_member)
    response = client.get(complex_url(own_complex))
    assert response.status_code == 200  # the team reads the building, not the hours
    assert response.context["hours"] is None
    assert 'id="welfare-hours"' not in response.content.decode()


def test_complex_page_of_a_foreign_complex_is_404(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert client.get(complex_url(foreign_complex)).status_code == 404
