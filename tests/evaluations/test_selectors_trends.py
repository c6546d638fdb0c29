"""The index over time (``selectors.index_trends``): the weekly counts per status equal
``status_counts`` of that week, the mean index, the hours against the norm in a funded and an
unfunded week; and a complex's index against the city average (100 = the city mean)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations import selectors
from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot
from interventions import selectors as funding_selectors
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, DistrictFactory, HoursEntryFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 11)  # a Wednesday of 2026-W46
FUNDED = Week(2026, 40)
UNFUNDED = Week(2026, 30)  # a summer week: no norm by default


def snapshot(complex_, week: Week, index) -> IndicatorSnapshot:
    """A snapshot of ``index`` (None: no data) with the status the default thresholds give."""
    if index is None:
        status = Status.NO_DATA
    else:
        status = Status.RED if index < 50 else Status.AMBER if index < 70 else Status.GREEN
    return IndicatorSnapshot.objects.create(
        complex=complex_,
        year=week.year,
        week=week.week,
        week_start=week.monday,
        index=None if index is None else Decimal(str(index)),
        status=status,
        calculated_at=timezone.now(),
    )


def trends(user, district=None):
    with time_machine.travel(datetime.datetime(2026, 11, 11, 10, tzinfo=datetime.UTC)):
        return {
            row["week"]: row
            for row in selectors.index_trends(
                user=user,
                complexes=funding_selectors.hours_complexes(user=user),
                district=district,
                weeks=selectors.trend_weeks(),
            )
        }


def test_52_weeks_up_to_this_week_oldest_first(official):
    with time_machine.travel(datetime.datetime(2026, 11, 11, 10, tzinfo=datetime.UTC)):
        weeks = selectors.trend_weeks()
    assert len(weeks) == 52
    assert weeks[-1] == Week.of(TODAY)
    assert weeks[0] == Week.of(TODAY).shifted(-51)


def test_the_weekly_counts_equal_status_counts_of_that_week(official):
    complexes = [ComplexFactory() for _ in range(5)]
    for complex_, index in zip(complexes, [30, 45, 60, 80, None], strict=True):
        snapshot(complex_, FUNDED, index)
    snapshot(complexes[0], FUNDED.shifted(-1), 75)
    rows = trends(official)
    expected = selectors.status_counts(selectors.current_snapshots(user=official, week=FUNDED))
    assert {status: rows[str(FUNDED)][status] for status in Status.values} == expected
    assert expected == {"red": 2, "amber": 1, "green": 1, "no_data": 1}
    assert rows[str(FUNDED.shifted(-1))]["green"] == 1
    assert rows[str(FUNDED.shifted(-2))]["red"] == 0


def test_the_mean_index_leaves_no_data_out(official):
    complexes = [ComplexFactory() for _ in range(3)]
    for complex_, index in zip(complexes, [40, 61, None], strict=True):
        snapshot(complex_, FUNDED, index)
    rows = trends(official)
    assert rows[str(FUNDED)]["mean"] == Decimal("50.5")
    assert rows[str(FUNDED.shifted(-1))]["mean"] is None


def test_corporation_staff_count_only_their_own_complexes(corporation_staff, own_complex):
    snapshot(own_complex, FUNDED, 40)
    snapshot(ComplexFactory(), FUNDED, 80)
    row = trends(corporation_staff)[str(FUNDED)]
    assert (row["red"], row["green"], row["mean"]) == (1, 0, Decimal("40.0"))


def test_one_district_on_demand(official):
    noord, zuid = DistrictFactory(name="Noord"), DistrictFactory(name="Zuid")
    snapshot(ComplexFactory(district=noord), FUNDED, 40)
    snapshot(ComplexFactory(district=zuid), FUNDED, 80)
    row = trends(official, district=zuid)[str(FUNDED)]
    assert (row["red"], row["green"], row["mean"]) == (0, 1, Decimal("80.0"))


def test_hours_against_the_norm_of_senior_complexes_in_a_funded_week(official):
    first, second = ComplexFactory(), ComplexFactory()
    not_senior = ComplexFactory(is_senior=False)
    for complex_, hours in ((first, "3.00"), (second, "2.50"), (not_senior, "7.00")):
        HoursEntryFactory(complex=complex_, year=2026, week=40, hours=Decimal(hours))
    row = trends(official)[str(FUNDED)]
    assert row["hours"] == Decimal("5.50")
    assert row["norm"] == Decimal("8.00")  # two senior complexes × 4 hours


def test_a_funded_week_without_hours_is_zero_hours(official):
    ComplexFactory()
    row = trends(official)[str(FUNDED.shifted(1))]
    assert (row["hours"], row["norm"]) == (Decimal("0.00"), Decimal("4.00"))


def test_an_unfunded_week_is_a_gap_not_a_zero(official):
    complex_ = ComplexFactory()
    HoursEntryFactory(complex=complex_, year=2026, week=30, hours=Decimal("3.00"))
    row = trends(official)[str(UNFUNDED)]
    assert row["hours"] is None
    assert row["norm"] is None


def test_index_vs_city_rounds_against_the_mean():
    assert selectors.index_vs_city(Decimal("40"), Decimal("50")) == 80
    assert selectors.index_vs_city(Decimal("60"), 50.0) == 120
    assert selectors.index_vs_city(Decimal("33.3"), Decimal("50")) == 67
    assert selectors.index_vs_city(None, Decimal("50")) is None
    assert selectors.index_vs_city(Decimal("40"), None) is None


def test_index_vs_city_is_against_all_senior_complexes_of_that_week(corporation_staff, own_complex):
    """Indexes 40 and 60 make a city mean of 50: 80 and 120. The foreign complex counts in the
    mean though the staff member does not see it; no data and another week do not."""
    snapshot(own_complex, FUNDED, 40)
    snapshot(ComplexFactory(), FUNDED, 60)
    snapshot(ComplexFactory(), FUNDED, None)
    snapshot(ComplexFactory(), FUNDED.shifted(-1), 99)
    rows = list(
        selectors.with_city_mean(IndicatorSnapshot.objects.filter(week_start=FUNDED.monday))
    )
    found = {float(row.index): selectors.snapshot_index_vs_city(row) for row in rows if row.index}
    assert found == {40.0: 80, 60.0: 120}
    own = selectors.with_city_mean(IndicatorSnapshot.objects.visible_to(corporation_staff)).get()
    assert selectors.snapshot_index_vs_city(own) == 80


def test_the_trends_take_a_fixed_number_of_queries(official, django_assert_num_queries):
    def city(size):
        for _ in range(size):
            complex_ = ComplexFactory()
            snapshot(complex_, FUNDED, 55)
            HoursEntryFactory(complex=complex_, year=2026, week=40)

    city(2)
    trends(official)  # the process-wide caches (content types) warmed up, whatever ran before
    with CaptureQueriesContext(connection) as small:
        trends(official)
    assert len(small.captured_queries) <= 5
    city(4)
    with django_assert_num_queries(len(small.captured_queries)):
        rows = trends(official)
    assert rows[str(FUNDED)]["amber"] == 6
