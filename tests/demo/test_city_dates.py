"""The demo city on any day of the year: built with the clock set to a Monday, a Sunday,
1 January, the turn of the ISO year 2026 (which has a week 53) and a summer week, it keeps what the
README promises about "today" — the room calendar of this week and the next, a year of hours and
index history up to the last complete week, reports due and overdue, nothing dated in the future.

The clock is frozen with time-machine (not passed as ``today``), so the selectors the screens use
see the same day as the demo; each date gets its own small city (a dozen complexes: each promise
below holds for every complex, or is one the demo makes on purpose for its demo users)."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from complexes.models import Complex
from evaluations import selectors as evaluations
from evaluations.models import BudgetActual, IndicatorSnapshot, SurveyRound
from interventions import selectors as funding
from interventions.calendar import default_unfunded_weeks
from interventions.choices import InterventionStatus, Verdict, WeekStatus
from interventions.models import Grant, HoursEntry, HoursWeek, Intervention
from leefbaarheid.models import User
from leefbaarheid.site.demo import seed_demo_city
from leefbaarheid.site.demo.community import seed_bookings
from leefbaarheid.weeks import Week
from residents import selectors
from residents.models import Activity, MutualHelp, ResidentContact, RoomBooking
from tests.helpers import AMSTERDAM

pytestmark = pytest.mark.django_db

COMPLEXES = 12
# (the day, what it stands for); the ISO year 2026 has 53 weeks: 28 December 2026 to 3 January
# 2027 is week 53 of 2026, so "this year" by ISO week differs from the calendar year then.
DAYS = [
    (datetime.date(2026, 12, 7), "a Monday"),
    (datetime.date(2026, 12, 13), "a Sunday"),
    (datetime.date(2026, 12, 28), "the Monday of week 53"),
    (datetime.date(2027, 1, 1), "1 January, in week 53 of the year before"),
    (datetime.date(2027, 1, 3), "the Sunday that ends week 53"),
    (datetime.date(2027, 1, 4), "the Monday of week 1"),
    (datetime.date(2026, 7, 22), "a Wednesday in the summer holidays"),
    (datetime.date(2027, 3, 28), "the Sunday the clocks go forward"),
]


@pytest.mark.parametrize(("day", "what"), DAYS, ids=[day.isoformat() for day, _what in DAYS])
def test_the_demo_city_keeps_its_promises_on_any_day(day, what):
    # Mid-morning in Rotterdam; the clock stands still while the city is built and checked.
    moment = datetime.datetime.combine(day, datetime.time(10), AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        assert timezone.localdate() == day, what
        seed_demo_city(complexes=COMPLEXES)
        every_room_is_booked_this_week_and_the_next_three(day)
        the_rolling_records_end_today(day)
        a_year_of_hours_reaches_the_last_complete_week(day)
        a_year_of_index_history_reaches_this_week(day)
        grants_and_interventions_are_dated_up_to_today(day)


def every_room_is_booked_this_week_and_the_next_three(today):
    complexes = list(Complex.objects.all())
    assert len(complexes) == COMPLEXES
    for complex_ in complexes:
        for weeks in range(4):
            day = today + datetime.timedelta(weeks=weeks)
            assert selectors.week_bookings(complex=complex_, day=day).exists(), (complex_, day)
    # Nothing before this week's Monday: the calendar starts in the current week.
    monday = Week.of(today).monday
    first = RoomBooking.objects.aggregate(first=Min("start"))["first"]
    assert timezone.localtime(first).date() >= monday


def the_rolling_records_end_today(today):
    # Activities up to yesterday, in every complex, and reaching back a year and eight weeks.
    assert not Activity.objects.filter(date__gte=today).exists()
    assert not Complex.objects.filter(activities__isnull=True).exists()
    span = Activity.objects.aggregate(first=Min("date"), last=Max("date"))
    assert span["first"] <= today - datetime.timedelta(weeks=60)
    assert span["last"] >= today - datetime.timedelta(days=14)
    # Mutual help of this month and the fourteen before; contacts never in the future.
    months = set(MutualHelp.objects.values_list("month", flat=True))
    assert today.replace(day=1) in months and len(months) == 15
    assert not ResidentContact.objects.filter(date__gt=today).exists()
    # welzijn1 has new tenants to welcome and residents out of sight, whatever the day.
    wendy = User.objects.get(username="welzijn1")
    assert selectors.to_welcome(user=wendy).exists()
    assert selectors.out_of_sight(user=wendy).exists()


def a_year_of_hours_reaches_the_last_complete_week(today):
    this_week = Week.of(today)
    until = this_week.shifted(-1)
    # The index's oldest week of history (52 weeks back) looks back on the last four funded
    # weeks up to it (across the summer holiday): the hours reach at least that far, and up to
    # the last complete funded week (in an unfunded one most complexes log nothing), never into
    # this week.
    funded = [
        week
        for week in (this_week.shifted(-back) for back in range(1, 80))
        if week.week not in default_unfunded_weeks(week.year)
    ]
    oldest = this_week.shifted(-52).monday
    reach = [week for week in funded if week.monday <= oldest][3].monday
    entries = HoursEntry.objects.all()
    span = entries.aggregate(first=Min("week_start"), last=Max("week_start"))
    assert until.monday >= span["last"] >= funded[0].monday and span["first"] <= reach
    # Every entry's ISO year and week name the Monday it is stored under (week 53 too).
    for year, week, monday in entries.values_list("year", "week", "week_start").distinct():
        assert Week(year, week).monday == monday
    # A handed-in (or open) week per professional for every week of that span, none skipped.
    weeks = HoursWeek.objects.values("professional").annotate(
        n=Count("pk"), first=Min("week_start"), last=Max("week_start")
    )
    assert weeks
    for row in weeks:
        assert row["last"] == until.monday and row["first"] <= reach, row
        assert row["n"] == (row["last"] - row["first"]).days // 7 + 1, row
    wendy = User.objects.get(username="welzijn1")
    (missing,) = funding.hours_missing_weeks(user=wendy)
    assert until in [row["week"] for row in missing["weeks"]]
    assert wendy.hours_weeks.exclude(return_note="").filter(status=WeekStatus.RETURNED).exists()
    assert funding.hours_below_norm(user=wendy)


def a_year_of_index_history_reaches_this_week(today):
    this_week = Week.of(today)
    oldest = this_week.shifted(-52)
    weeks = (
        IndicatorSnapshot.objects.values("complex")
        .annotate(n=Count("pk"), first=Min("week_start"), last=Max("week_start"))
        .order_by()
    )
    assert len(weeks) == Complex.objects.filter(is_senior=True).count() > 0
    assert {(row["n"], row["first"], row["last"]) for row in weeks} == {
        (53, oldest.monday, this_week.monday)
    }
    # The oldest week is not hollow: every input but the survey's and the new tenants'.
    for snapshot in IndicatorSnapshot.objects.filter(week_start=oldest.monday):
        missing = {name for name, part in snapshot.components.items() if part["value"] is None}
        assert missing <= {"new_tenants", "loneliness"}, (snapshot, missing)
    # Survey rounds of the last year, none ahead; this year's actual hours match what was logged.
    rounds = SurveyRound.objects.all()
    assert rounds.exists()
    assert not rounds.exclude(held_on__gt=today - datetime.timedelta(days=365)).exists()
    assert not rounds.filter(held_on__gt=today).exists()
    # This (ISO) year's actual hours, up to its last complete week: none yet in its first week.
    last = this_week.shifted(-1)
    actuals = BudgetActual.objects.filter(year=this_week.year)
    assert actuals.count() == Complex.objects.filter(is_senior=True).count()
    through = actuals.values_list("through_week", flat=True).distinct().get()
    assert through == (last.week if last.year == this_week.year else 0)
    logged = HoursEntry.objects.filter(year=this_week.year, week__lte=through)
    hours = logged.aggregate(h=Sum("hours"))["h"] or Decimal(0)
    assert actuals.aggregate(h=Sum("hours"))["h"] == hours
    assert (hours > 0) == (through > 0)


def grants_and_interventions_are_dated_up_to_today(today):
    dates = ["applied_on", "decided_on", "started_on", "reported_on", "settled_on"]
    future = Q()
    for name in dates:
        future |= Q(**{f"{name}__gt": today})
    assert Grant.objects.exists() and not Grant.objects.filter(future).exists()
    gemeente = User.objects.get(username="gemeente")
    due = list(funding.reports_due(user=gemeente))
    assert any(grant.overdue for grant in due) and any(not grant.overdue for grant in due)
    carla = User.objects.get(username="corporatie1")
    assert any(grant.overdue for grant in funding.reports_due(user=carla))
    finished = Intervention.objects.filter(
        status__in=[InterventionStatus.COMPLETED, InterventionStatus.STOPPED]
    )
    assert finished.exists() and not finished.filter(end__gt=today).exists()
    assert not Intervention.objects.filter(status=InterventionStatus.PLANNED, start__lte=today)


def test_no_week_of_a_rooms_calendar_is_empty_through_a_year_of_top_ups():
    # The calendar is topped up week by week as "today" moves on; its weeks are drawn per complex
    # and week, so a year of them shows whether a week can lose all its bookings (a complex with a
    # single weekly slot whose booking was cancelled, as once happened to De Reiger).
    first = datetime.date(2026, 1, 5)
    city = seed_demo_city(complexes=COMPLEXES, today=first)
    for weeks in range(4, 52, 4):
        city.today = first + datetime.timedelta(weeks=weeks)
        seed_bookings(city)
    empty = [
        (complex_.name, day)
        for complex_ in Complex.objects.all()
        for day in (first + datetime.timedelta(weeks=weeks) for weeks in range(52))
        if not selectors.week_bookings(complex=complex_, day=day).exists()
    ]
    assert empty == []


# The handful of interventions whose effect the history shows needs complexes that suit their
# stories: a city of 60, on the turn of the ISO year and in the summer holidays.
@pytest.mark.parametrize("day", [datetime.date(2027, 1, 1), datetime.date(2026, 7, 22)], ids=str)
def test_the_history_shows_effects_that_held_faded_or_never_came_on_any_day(day):
    moment = datetime.datetime.combine(day, datetime.time(10), AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        seed_demo_city(complexes=60)
        gemeente = User.objects.get(username="gemeente")
        interventions = list(Intervention.objects.all())
        effects = evaluations.intervention_effects(interventions, user=gemeente)
    verdicts = Counter(effect.verdict for effect in effects.values())
    assert verdicts[Verdict.HELD] >= 2, verdicts
    assert verdicts[Verdict.FADED] >= 1, verdicts
    assert verdicts[Verdict.NO_EFFECT] >= 1, verdicts
    for effect in effects.values():
        if effect.judged is not None:
            assert effect.judged.last.sunday < day
