"""The welfare calendar: which weeks are funded (42 by default), the one norm every figure reads
(the week grid, the norm screens, the 3-week alert, the index, the budget), an organisation's
own calendar, the calendar page and who may change it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from evaluations.models import IndicatorSnapshot
from interventions import calendar, selectors, services
from interventions.models import WelfareCalendar
from leefbaarheid import roles
from leefbaarheid.models import AuditEntry
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursEntryFactory, UserFactory
from tests.helpers import AMSTERDAM

pytestmark = pytest.mark.django_db

CALENDAR_URL = reverse("interventions:welfare_calendar")
RESET_URL = reverse("interventions:welfare_calendar_reset")


def at(year, month, day, hour=10):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=AMSTERDAM))


def log(complex_, professional, week: Week, hours) -> None:
    HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        hours=Decimal(hours),
    )


@pytest.fixture
def _english(client):
    client.cookies.load({"django_language": "en"})


# The default ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "weeks", "unfunded"),
    [
        (2025, 52, (1, 28, 29, 30, 31, 32, 33, 34, 35, 52)),
        (2026, 53, (1, 28, 29, 30, 31, 32, 33, 34, 35, 52, 53)),
        (2027, 52, (1, 28, 29, 30, 31, 32, 33, 34, 35, 52)),
    ],
)
def test_the_default_funds_42_weeks_in_a_year_of_52_or_53(year, weeks, unfunded):
    assert calendar.default_unfunded_weeks(year) == unfunded
    year_calendar = selectors.welfare_calendar(year)
    assert (year_calendar.weeks, year_calendar.funded_count) == (weeks, 42)
    assert year_calendar.is_default
    assert year_calendar.hours_per_week == Decimal(4)


def test_the_norm_in_words_names_the_funded_weeks_of_the_year(client, official):
    with at(2026, 12, 7):
        assert selectors.welfare_norm_text(2026) == (
            "4 uur per gefinancierde week (42 van de 53 weken in 2026)"
        )
        WelfareCalendar.objects.create(
            year=2027, hours_per_week=Decimal("3.5"), unfunded_weeks=[1, 30, 31, 52]
        )
        assert selectors.welfare_norm_text(2027) == (
            "3,5 uur per gefinancierde week (48 van de 52 weken in 2027)"
        )


# The calendar's own rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"unfunded_weeks": [53]}, "unfunded_weeks", "2027 heeft de weken 1 tot en met 52"),
        ({"unfunded_weeks": list(range(1, 53))}, "unfunded_weeks", "minstens één week"),
        ({"unfunded_weeks": ["zomer"]}, "unfunded_weeks", "als weeknummers"),
        ({"hours_per_week": Decimal("0.1")}, "hours_per_week", "minstens"),
        ({"hours_per_week": None}, "hours_per_week", "bijvoorbeeld 4"),
        ({"year": 1899}, "year", "1900"),
    ],
)
def test_a_wrong_calendar_is_refused_naming_the_field_in_dutch(fields, field, message):
    data = {"year": 2027, "hours_per_week": Decimal(4), "unfunded_weeks": [1, 30], **fields}
    with pytest.raises(ValidationError) as error:
        WelfareCalendar(**data).full_clean()
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])


def test_an_organisation_sets_weeks_only(official):
    with pytest.raises(ValidationError) as error:
        services.calendar_save(
            user=official,
            year=2027,
            organisation="Welzijn Zuid",
            data={"hours_per_week": Decimal(5), "unfunded_weeks": [1]},
        )
    assert list(error.value.message_dict) == ["hours_per_week"]
    assert not WelfareCalendar.objects.exists()  # nothing half-written


def test_the_weeks_are_stored_once_each_in_order(official):
    saved = services.calendar_save(
        user=official, year=2027, data={"unfunded_weeks": [35, 1, 35, 2]}
    )
    saved.refresh_from_db()
    assert saved.unfunded_weeks == [1, 2, 35]
    assert saved.updated_by == official
    assert AuditEntry.objects.filter(model="interventions.welfarecalendar", action="create")


@pytest.mark.parametrize(
    "role", ["corporation_staff", "welfare_professional", "team_member", "user_without_role"]
)
def test_only_the_municipality_and_the_admin_set_the_calendar(request, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.calendar_save(user=user, year=2027, data={"unfunded_weeks": [1]})
    assert not WelfareCalendar.objects.exists()


def test_saving_again_changes_the_one_row_of_the_year(official, functional_admin):
    services.calendar_save(user=official, year=2027, data={"unfunded_weeks": [1]})
    services.calendar_save(
        user=functional_admin, year=2027, data={"unfunded_weeks": [1, 2], "note": "Griepgolf"}
    )
    (row,) = WelfareCalendar.objects.all()
    assert (row.unfunded_weeks, row.note, row.updated_by) == ([1, 2], "Griepgolf", functional_admin)


def test_a_new_calendar_recalculates_the_index_of_the_year(
    official, welfare_professional, own_complex, django_capture_on_commit_callbacks
):
    # Wednesday 25 November 2026; 2 hours in each of the four weeks before: half the norm of 4.
    with at(2026, 11, 25):
        this_week = Week.of(datetime.date(2026, 11, 25))
        for back in range(1, 5):
            log(own_complex, welfare_professional, this_week.shifted(-back), 2)
        with django_capture_on_commit_callbacks(execute=True):
            services.calendar_save(
                user=official,
                year=2026,
                data={"hours_per_week": Decimal(2), "unfunded_weeks": [1, 52, 53]},
            )
        snapshot = IndicatorSnapshot.objects.get(
            complex=own_complex, year=this_week.year, week=this_week.week
        )
    assert snapshot.components["hours"]["value"] == 1.0  # 2 a week against the new norm of 2
    assert snapshot.thresholds["hours_norm"] == "2.00"


# One norm for every figure -----------------------------------------------------------------------


@pytest.fixture
def summer(own_complex, welfare_professional):
    """Wednesday 16 September 2026: the last complete week is W37. The weeks the norm looks at,
    newest first: W37, W36, then (the summer weeks W28-W35 skipped) W27, W26, W25…

    De Meidoorn: 2 h in W37, 1 h in W36, nothing in the summer, 3 h in W27, 5 h in W26.
    Het Anker: 4 h in W37 and W36, nothing in the summer, 4 h in W27 and W26."""
    anker = ComplexFactory(corporation=own_complex.corporation, name="Het Anker")
    welfare_professional.assigned_complexes.add(anker)
    for number, hours in ((37, 2), (36, 1), (27, 3), (26, 5)):
        log(own_complex, welfare_professional, Week(2026, number), hours)
    for number in (37, 36, 27, 26):
        log(anker, welfare_professional, Week(2026, number), 4)
    with at(2026, 9, 16):
        yield {"meidoorn": own_complex, "anker": anker}


def test_the_alert_skips_the_unfunded_weeks(summer, official):
    alerts = {alert["name"]: alert for alert in selectors.hours_below_norm(user=official)}
    # W37, W36 and W27 below 4, W26 at 5: three funded weeks in a row. Counted by calendar
    # week it would be ten (W28-W37).
    assert alerts["De Meidoorn"]["weeks"] == 3
    assert "Het Anker" not in alerts  # the empty summer weeks break nothing


def test_the_norm_screen_expects_4_hours_per_funded_week_only(summer, official):
    rows = {row["label"]: row for row in selectors.hours_norm_rows(user=official)}
    anker = rows["Het Anker"]
    # 13 weeks W25-W37: W28-W35 unfunded, so 5 funded weeks × 4 h = 20; logged 16.
    assert (anker["h13"], anker["funded13"], anker["norm13"]) == (16, 5, 20)
    assert anker["avg13"] == Decimal("3.20")  # 16 / 5
    assert (anker["h4"], anker["funded4"], anker["norm4"], anker["met4"]) == (8, 2, 8, True)


def test_hours_in_an_unfunded_week_count_as_hours_but_set_no_norm(summer, official):
    log(summer["anker"], UserFactory(role=roles.WELFARE_PROFESSIONAL), Week(2026, 30), 6)
    rows = {row["label"]: row for row in selectors.hours_norm_rows(user=official)}
    assert rows["Het Anker"]["h13"] == 22  # the 6 summer hours count
    assert rows["Het Anker"]["norm13"] == 20  # the norm does not grow
    (week,) = selectors.hours_complex_summary(
        user=official, complex=summer["anker"], start=Week(2026, 30), end=Week(2026, 30)
    )
    assert (week["hours"], week["funded"], week["norm"], week["met"]) == (6, False, None, None)


def test_a_complex_counts_from_the_week_it_joined(summer, official):
    # Joined on Thursday 10 September 2026 (W37): its 4- and 13-week norm is one week.
    summer["anker"].joined_on = datetime.date(2026, 9, 10)
    summer["anker"].save()
    rows = {row["label"]: row for row in selectors.hours_norm_rows(user=official)}
    assert (rows["Het Anker"]["funded4"], rows["Het Anker"]["norm4"]) == (1, 4)
    assert (rows["Het Anker"]["funded13"], rows["Het Anker"]["norm13"]) == (1, 4)


def test_a_complex_imported_today_is_not_behind(official, welfare_professional):
    with at(2026, 12, 7):
        new = ComplexFactory(name="Nieuwbouw", joined_on=datetime.date(2026, 12, 7))
        welfare_professional.assigned_complexes.add(new)
        alerts = [alert["name"] for alert in selectors.hours_below_norm(user=official)]
        rows = {row["label"]: row for row in selectors.hours_norm_rows(user=official)}
    assert "Nieuwbouw" not in alerts
    assert (rows["Nieuwbouw"]["funded52"], rows["Nieuwbouw"]["norm52"]) == (0, 0)


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


def test_an_organisations_calendar_applies_where_its_professionals_work(
    official, own_complex, welfare_professional
):
    # Welzijn Zuid works through the summer and stops in the autumn: W43-W50 unfunded.
    welfare_professional.organisation = "Welzijn Zuid"
    welfare_professional.save()
    shared = ComplexFactory(name="Gedeeld")
    other = UserFactory(role=roles.WELFARE_PROFESSIONAL, organisation="Welzijn Noord")
    welfare_professional.assigned_complexes.add(shared)
    other.assigned_complexes.add(shared)
    services.calendar_save(
        user=official,
        year=2026,
        organisation="Welzijn Zuid",
        data={"unfunded_weeks": [1, *range(43, 51), 52, 53]},
    )
    week_30, week_45 = Week(2026, 30), Week(2026, 45)

    def funded(complex_, week):
        (row,) = selectors.hours_complex_summary(
            user=official, complex=complex_, start=week, end=week
        )
        return row["funded"]

    assert (funded(own_complex, week_30), funded(own_complex, week_45)) == (True, False)
    # Professionals of two organisations: the municipality's calendar.
    assert (funded(shared, week_30), funded(shared, week_45)) == (False, True)
    assert selectors.calendar_overview(year=2026)["followers"] == {"Welzijn Zuid": 1}


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
