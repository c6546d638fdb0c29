"""The welfare calendar page: who may read and change it, the holidays unticked, an
organisation's own weeks, errors kept on the page, and the week grid judging funded weeks only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import WelfareCalendar
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

CALENDAR_URL = reverse("interventions:welfare_calendar")


RESET_URL = reverse("interventions:welfare_calendar_reset")


@pytest.fixture
def _english(client):
    client.cookies.load({"django_language": "en"})


def test_the_week_grid_judges_a_funded_week_only(client, summer, welfare_professional):
    client.force_login(welfare_professional)
    client.cookies.load({"django_language": "nl"})
    funded = client.get(reverse("interventions:hours_week", args=[2026, 37])).content.decode()
    assert "4 uur per gefinancierde week (42 van de 53 weken in 2026)" in funded
    assert "Onder de norm" in funded  # De Meidoorn's 2 of 4
    holiday = client.get(reverse("interventions:hours_week", args=[2026, 30])).content.decode()
    assert "Deze week is niet gefinancierd" in holiday
    assert "Geen norm deze week" in holiday
    assert "Onder de norm" not in holiday


# The calendar page -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "role", ["corporation_staff", "welfare_professional", "official", "functional_admin"]
)
def test_everyone_who_reads_hours_sees_the_calendar(client, request, role):
    with at(2026, 12, 7):
        client.force_login(request.getfixturevalue(role))
        response = client.get(CALENDAR_URL, {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 uur per gefinancierde week (42 van de 53 weken in 2026)" in html
    assert html.count('data-funded="true"') == 42
    assert html.count('data-funded="false"') == 11
    may_change = role in ("official", "functional_admin")
    assert ('id="welfare-calendar-form"' in html) is may_change


def test_the_intervention_team_is_refused_the_calendar(client, team_member):
    client.force_login(team_member)
    assert client.get(CALENDAR_URL).status_code == 403


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional"])
def test_readers_cannot_post_a_calendar(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(CALENDAR_URL + "?year=2027", {"funded_weeks": [2, 3]})
    assert response.status_code == 403
    assert client.post(RESET_URL + "?year=2027").status_code == 403
    assert not WelfareCalendar.objects.exists()


def test_the_municipality_unticks_the_holidays(client, official):
    client.force_login(official)
    funded = [week for week in range(1, 53) if week not in (1, 8, 18, 29, 30, 31, 43, 52)]
    response = client.post(
        CALENDAR_URL + "?year=2027",
        {"hours_per_week": "4,5", "funded_weeks": funded, "note": "Schoolvakanties regio Midden"},
    )
    assert response.status_code == 302
    row = WelfareCalendar.objects.get(year=2027, organisation="")
    assert row.unfunded_weeks == [1, 8, 18, 29, 30, 31, 43, 52]
    assert row.hours_per_week == Decimal("4.5")
    page = client.get(response["Location"]).content.decode()
    assert "4,5 uur per gefinancierde week (44 van de 52 weken in 2027)" in page


def test_a_wrong_calendar_on_the_page_keeps_what_was_typed_and_saves_nothing(client, official):
    client.force_login(official)
    response = client.post(CALENDAR_URL + "?year=2027", {"hours_per_week": "veel"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "hours_per_week" in form.errors
    assert not WelfareCalendar.objects.exists()
    response = client.post(CALENDAR_URL + "?year=2027", {"hours_per_week": "4"})
    assert "Laat minstens één week gefinancierd." in response.context["form"].errors["funded_weeks"]
    assert not WelfareCalendar.objects.exists()


@pytest.mark.parametrize("year", ["1899", "2101", "twee", "-1"])
def test_a_year_out_of_range_is_not_found(client, official, year):
    client.force_login(official)
    assert client.get(CALENDAR_URL, {"year": year}).status_code == 404


def test_an_unknown_organisation_is_not_found(client, official):
    client.force_login(official)
    assert client.get(CALENDAR_URL, {"organisation": "Niemand"}).status_code == 404


def test_an_organisation_ticks_its_own_weeks_and_drops_them_again(
    client, official, welfare_professional
):
    welfare_professional.organisation = "Welzijn Zuid"
    welfare_professional.save()
    client.force_login(official)
    page = client.get(CALENDAR_URL, {"year": 2027, "organisation": "Welzijn Zuid"})
    assert "hours_per_week" not in page.context["form"].fields  # the municipality's
    url = CALENDAR_URL + "?year=2027&organisation=Welzijn+Zuid"
    assert client.post(url, {"funded_weeks": list(range(2, 52))}).status_code == 302
    row = WelfareCalendar.objects.get(year=2027, organisation="Welzijn Zuid")
    assert (row.unfunded_weeks, row.hours_per_week) == ([1, 52], None)
    assert client.post(RESET_URL + "?year=2027&organisation=Welzijn+Zuid").status_code == 302
    assert not WelfareCalendar.objects.exists()


def test_the_menu_offers_the_calendar_to_those_who_read_hours(client, official, team_member):
    client.force_login(official)
    assert CALENDAR_URL in client.get(reverse("home")).content.decode()
    client.force_login(team_member)
    assert CALENDAR_URL not in client.get(reverse("home")).content.decode()
