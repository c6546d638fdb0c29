"""The interventions app's selectors: overlapping grants, reports due, totals and who sees
which grants; the missing weeks, the weeks to approve and a complex's summary of welfare hours;
the welfare calendar and the norm that every figure reads from it."""

import datetime
from decimal import Decimal

import pytest

from interventions import calendar, selectors, services
from interventions.choices import GrantStatus, WeekStatus, WorkKind
from interventions.models import WelfareCalendar
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import (
    ComplexFactory,
    GrantFactory,
    InterventionFactory,
    SubsidySchemeFactory,
    UserFactory,
)
from tests.helpers import today
from tests.interventions.helpers import _entry, _open_week, _submit, _week_row, at, log

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_rules")]


# Overlap, reports due and totals --------------------------------------------------------------
def test_grants_of_two_schemes_in_overlapping_periods_are_flagged(official, own_complex):
    vitaal = SubsidySchemeFactory()
    opzoomeren = SubsidySchemeFactory(
        name="Opzoomeren mee", min_amount=Decimal("250.00"), max_amount=Decimal("2500.00")
    )
    first = GrantFactory(
        complex=own_complex,
        scheme=vitaal,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
    )
    second = GrantFactory(
        complex=own_complex,
        scheme=opzoomeren,
        amount_requested=Decimal("1000.00"),
        start=datetime.date(2025, 6, 30),
        end=datetime.date(2025, 12, 31),
    )
    # Same scheme later, another complex in the same period, and a rejected one: no overlap.
    later = GrantFactory(
        complex=own_complex,
        scheme=vitaal,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
    )
    elsewhere = GrantFactory(
        scheme=opzoomeren,
        amount_requested=Decimal("1000.00"),
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    GrantFactory(
        complex=own_complex,
        scheme=opzoomeren,
        amount_requested=Decimal("1000.00"),
        status=GrantStatus.REJECTED,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 3, 31),
    )

    flagged = set(
        selectors.grant_list(user=official).filter(has_overlap=True).values_list("pk", flat=True)
    )
    assert flagged == {first.pk, second.pk}
    assert list(selectors.overlapping_grants(grant=first, user=official)) == [second]
    assert not selectors.overlapping_grants(grant=later, user=official).exists()
    assert not selectors.overlapping_grants(grant=elsewhere, user=official).exists()


def test_reports_due_lists_pending_reports_due_soon_or_overdue(official, own_complex):
    def grant(status, due):
        return GrantFactory(complex=own_complex, status=status, report_due=due)

    overdue = grant(GrantStatus.RUNNING, today() - datetime.timedelta(days=3))
    soon = grant(GrantStatus.AWARDED, today() + datetime.timedelta(days=20))
    grant(GrantStatus.RUNNING, today() + datetime.timedelta(days=45))  # not yet
    grant(GrantStatus.REPORTED, today() - datetime.timedelta(days=30))  # report is in
    grant(GrantStatus.SETTLED, today() - datetime.timedelta(days=300))

    rows = list(selectors.reports_due(user=official))
    assert [row.pk for row in rows] == [overdue.pk, soon.pk]
    assert [row.overdue for row in rows] == [True, False]


def test_totals_add_up_per_grouping_and_leave_rejected_amounts_out(official):
    older = SubsidySchemeFactory(name="Thuisplus", min_amount=Decimal("1000.00"))
    rows = [
        (SubsidySchemeFactory(), 2024, "7500.00", "7000.00", GrantStatus.AWARDED),
        (SubsidySchemeFactory(), 2025, "6000.00", None, GrantStatus.APPLIED),
        (older, 2025, "2000.00", "2000.00", GrantStatus.SETTLED),
        (older, 2025, "3000.00", None, GrantStatus.REJECTED),
    ]
    for scheme, year, requested, awarded, status in rows:
        GrantFactory(
            scheme=scheme,
            start=datetime.date(year, 3, 1),
            end=datetime.date(year, 11, 30),
            amount_requested=Decimal(requested),
            amount_awarded=Decimal(awarded) if awarded else None,
            status=status,
        )
    grants = selectors.grant_list(user=official)
    totals = selectors.grant_totals(grants)
    assert totals["count"] == 4
    assert totals["requested"] == Decimal("15500.00")
    assert totals["awarded"] == Decimal("9000.00")

    by_year = {row["group"]: row for row in selectors.grant_totals_by(grants, "year")}
    assert by_year[2024]["awarded"] == Decimal("7000.00")
    assert by_year[2025]["requested"] == Decimal("8000.00")
    assert by_year[2025]["count"] == 3
    by_scheme = {row["group"]: row for row in selectors.grant_totals_by(grants, "scheme")}
    assert by_scheme["Thuisplus"]["awarded"] == Decimal("2000.00")


# Scoping --------------------------------------------------------------------------------------
def test_a_corporation_never_sees_anothers_grants_or_interventions(
    own_complex, foreign_complex, corporation_staff, other_corporation_staff
):
    own = GrantFactory(complex=own_complex)
    foreign = GrantFactory(complex=foreign_complex)
    InterventionFactory(complex=own_complex)
    InterventionFactory(complex=foreign_complex)

    assert list(selectors.grant_list(user=corporation_staff)) == [own]
    assert list(selectors.grant_list(user=other_corporation_staff)) == [foreign]
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.grant_get(user=corporation_staff, pk=foreign.pk)
    assert {i.complex for i in selectors.intervention_list(user=corporation_staff)} == {own_complex}


def test_who_sees_grants_schemes_and_providers(
    own_complex,
    foreign_complex,
    welfare_professional,
    official,
    team_member,
    functional_admin,
    user_without_role,
):
    GrantFactory(complex=own_complex)
    GrantFactory(complex=foreign_complex)
    assert selectors.grant_list(user=welfare_professional).count() == 1
    assert selectors.grant_list(user=official).count() == 2
    assert selectors.grant_list(user=functional_admin).count() == 2
    assert selectors.grant_list(user=team_member).count() == 0
    assert selectors.grant_list(user=user_without_role).count() == 0
    assert selectors.scheme_list(user=team_member).count() == 0
    assert selectors.scheme_list(user=welfare_professional).count() == 1
    assert selectors.provider_list(user=user_without_role).count() == 0
    assert not selectors.complexes_for_grants(user=team_member).exists()


# Selectors ----------------------------------------------------------------------------------------
def test_missing_weeks_are_those_not_handed_in_with_their_hours(
    functional_admin, wendy, own_complex
):
    until = _open_week()
    weeks = [until.shifted(-offset) for offset in range(3, -1, -1)]  # oldest first
    _week_row(wendy, weeks[0], status=WeekStatus.SUBMITTED)
    _week_row(wendy, weeks[1], status=WeekStatus.APPROVED)
    _week_row(wendy, weeks[2], status=WeekStatus.OPEN)
    _entry(wendy, own_complex, weeks[2], hours=Decimal("1.5"))
    _entry(wendy, own_complex, weeks[2], kind=WorkKind.OTHER, hours=Decimal("2"))
    _entry(wendy, own_complex, weeks[1], hours=Decimal("6"))
    everyone_in = UserFactory(role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])
    for week in weeks:
        _week_row(everyone_in, week, status=WeekStatus.SUBMITTED)
    UserFactory(role=roles.WELFARE_PROFESSIONAL)  # no complexes: owes no hours

    rows = selectors.hours_missing_weeks(user=functional_admin, until=until, count=4)
    assert [row["professional"] for row in rows] == [wendy]
    assert rows[0]["weeks"] == [
        {"week": weeks[2], "hours": Decimal("3.50")},
        {"week": weeks[3], "hours": Decimal("0")},
    ]


def test_a_professional_sees_only_own_missing_weeks(wendy, own_complex):
    UserFactory(role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])
    rows = selectors.hours_missing_weeks(user=wendy, until=_open_week(), count=2)
    assert [row["professional"] for row in rows] == [wendy]
    assert len(rows[0]["weeks"]) == 2


def test_weeks_to_approve_are_submitted_ones_oldest_first_with_their_totals(
    functional_admin, wendy, own_complex, corporation
):
    second = ComplexFactory(corporation=corporation)
    older, newer = _open_week().shifted(-2), _open_week()
    first = _week_row(wendy, older, status=WeekStatus.SUBMITTED)
    _entry(wendy, own_complex, older, hours=Decimal("2.25"))
    _entry(wendy, second, older, kind=WorkKind.OTHER, hours=Decimal("1"))
    empty = _week_row(wendy, newer, status=WeekStatus.SUBMITTED)
    _week_row(wendy, older.shifted(1), status=WeekStatus.APPROVED)
    _week_row(wendy, older.shifted(-1), status=WeekStatus.OPEN)
    _entry(wendy, own_complex, older.shifted(1), hours=Decimal("9"))
    _week_row(functional_admin, newer, status=WeekStatus.SUBMITTED)  # never one's own

    rows = list(selectors.hours_weeks_to_approve(user=functional_admin))
    assert [(row.pk, row.total) for row in rows] == [
        (first.pk, Decimal("3.25")),
        (empty.pk, Decimal("0")),
    ]


def test_a_team_lead_has_only_the_teams_weeks_to_approve(team, own_complex):
    colleague_week = _submit(team["colleague"], own_complex)
    _submit(team["outsider"], own_complex)
    _submit(team["lead"], own_complex)
    rows = list(selectors.hours_weeks_to_approve(user=team["lead"]))
    assert [(row.pk, row.total) for row in rows] == [(colleague_week.pk, Decimal("2.00"))]


def test_the_complex_summary_has_every_week_with_zeros(
    official, wendy, own_complex, foreign_complex
):
    # Across a year boundary: 2025 has 52 ISO weeks.
    start, end = Week(2025, 51), Week(2026, 2)
    _entry(wendy, own_complex, Week(2025, 52), hours=Decimal("3"))
    _entry(wendy, own_complex, Week(2025, 52), kind=WorkKind.OTHER, hours=Decimal("1.5"))
    _entry(wendy, own_complex, Week(2026, 2), hours=Decimal("4"))
    _entry(wendy, own_complex, Week(2026, 3), hours=Decimal("8"))  # after the range
    _entry(wendy, foreign_complex, Week(2026, 1), hours=Decimal("8"))  # another complex

    rows = selectors.hours_complex_summary(user=official, complex=own_complex, start=start, end=end)
    # 2025-W52 and 2026-W01 are the Christmas weeks the default calendar does not fund: their
    # hours count, but no norm applies and they are not judged.
    assert [
        (row["year"], row["week"], row["hours"], row["funded"], row["norm"], row["met"])
        for row in rows
    ] == [
        (2025, 51, Decimal("0"), True, Decimal(4), False),
        (2025, 52, Decimal("4.50"), False, None, None),
        (2026, 1, Decimal("0"), False, None, None),
        (2026, 2, Decimal("4.00"), True, Decimal(4), True),
    ]


def test_the_complex_summary_counts_only_what_the_user_may_see(
    other_corporation_staff, wendy, own_complex
):
    _entry(wendy, own_complex, Week(2026, 2), hours=Decimal("5"))
    rows = selectors.hours_complex_summary(
        user=other_corporation_staff, complex=own_complex, start=Week(2026, 2), end=Week(2026, 2)
    )
    assert [row["hours"] for row in rows] == [Decimal("0")]


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


# One norm for every figure -----------------------------------------------------------------------


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
