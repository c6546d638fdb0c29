"""The cohesion index engine's calculation: each component on hand-computed cases with
its no-data rule, and the weighted index and its status."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations import calculation
from evaluations.choices import Component, Status
from evaluations.models import IndicatorSnapshot
from interventions.models import WelfareCalendar
from leefbaarheid.weeks import Week
from residents.choices import GroupKind
from residents.models import Membership
from tests.evaluations.helpers import (
    LONG_AGO,
    THIS_WEEK,
    TODAY,
    _hours,
    _recalculate,
    _response,
    _round,
    _settings,
    _snapshot,
)
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    MutualHelpFactory,
    OccupancySnapshotFactory,
    ResidentFactory,
    ResidentGroupFactory,
)

pytestmark = pytest.mark.django_db


def _component(complex_, component: str, week=THIS_WEEK):
    part = _snapshot(complex_, week).components[component]
    return part["value"], part["inputs"]


# Welfare hours -----------------------------------------------------------------------------------


def test_hours_of_the_current_week_are_judged_on_the_four_complete_weeks_before(
    complex_, professional
):
    for back, hours in ((4, 1), (3, 2), (2, 3), (1, 2)):
        _hours(complex_, professional, THIS_WEEK.shifted(-back), hours)
    _hours(complex_, professional, THIS_WEEK, 12)  # the week under way does not count yet
    value, inputs = _component(complex_, Component.HOURS)
    assert value == 0.5  # (1 + 2 + 3 + 2) / 4 = 2 hours a week against the norm of 4
    assert inputs == {
        "hours": "8.00",
        "weeks": 4,
        "from_week": "2025-W07",
        "until_week": "2025-W10",
        "norm": "4.00",
        "mean": "2.00",
    }
    # A past week is judged on itself and the three before it.
    value, inputs = _component(complex_, Component.HOURS, THIS_WEEK.shifted(-2))
    assert value == 0.375  # (0 + 1 + 2 + 3) / 4 = 1.5 hours
    assert (inputs["from_week"], inputs["until_week"]) == ("2025-W06", "2025-W09")


def test_hours_are_capped_at_the_norm(complex_, professional):
    _hours(complex_, professional, THIS_WEEK.shifted(-1), 20)  # 5 a week over four weeks
    assert _component(complex_, Component.HOURS)[0] == 1.0


def test_hours_norm_is_read_from_the_welfare_calendar(complex_, professional):
    for back in range(1, 5):
        _hours(complex_, professional, THIS_WEEK.shifted(-back), 2)
    WelfareCalendar.objects.create(year=2025, hours_per_week=Decimal(8), unfunded_weeks=[1])
    value, inputs = _component(complex_, Component.HOURS)
    assert value == 0.25  # 2 a week against 8
    assert inputs["norm"] == "8.00"
    assert _snapshot(complex_).thresholds["hours_norm"] == "8.00"


def test_hours_look_back_over_the_last_four_funded_weeks(complex_, professional):
    # Wednesday 10 September 2025 (W37): the weeks before it are W36, then the summer weeks
    # W28-W35 the default calendar does not fund, then W27, W26, W25. Hours logged in a summer
    # week count as hours; the norm is 4 × 4 funded weeks = 16.
    today, week = datetime.date(2025, 9, 10), Week(2025, 37)
    for number, hours in ((36, 4), (30, 6), (27, 2), (26, 2), (25, 2), (24, 9)):
        _hours(complex_, professional, Week(2025, number), hours)
    _recalculate(complex_, first=week, last=week, today=today)
    part = IndicatorSnapshot.objects.get(complex=complex_, year=2025, week=37).components["hours"]
    assert part["value"] == 1.0  # (4 + 6 + 2 + 2 + 2) / 16
    assert part["inputs"] == {
        "hours": "16.00",
        "weeks": 4,
        "from_week": "2025-W25",
        "until_week": "2025-W36",
        "norm": "4.00",
        "mean": "4.00",
    }


def test_hours_count_from_the_week_the_complex_joined(complex_, professional):
    # Joined on Tuesday 4 March 2025 (W10): the current week W11 looks back on W10 alone.
    complex_.joined_on = datetime.date(2025, 3, 4)
    complex_.save()
    _hours(complex_, professional, Week(2025, 10), 3)
    _hours(complex_, professional, Week(2025, 9), 8)  # before it joined: outside the span
    value, inputs = _component(complex_, Component.HOURS)
    assert value == 0.75  # 3 against 4
    assert (inputs["weeks"], inputs["from_week"], inputs["hours"]) == (1, "2025-W10", "3.00")


def test_hours_have_no_data_before_the_first_logged_hours_and_zero_after(complex_, professional):
    _hours(complex_, professional, THIS_WEEK, 6)
    # The current week looks at the weeks before it, when nothing was logged yet.
    assert _component(complex_, Component.HOURS)[0] is None
    assert _component(complex_, Component.HOURS, THIS_WEEK.shifted(-3))[0] is None
    # Hours long ago and none lately: 0, not "no data".
    other = ComplexFactory()
    _hours(other, professional, Week(2024, 1), 4)
    assert _component(other, Component.HOURS)[0] == 0.0


# Gallery coverage --------------------------------------------------------------------------------
def test_galleries_count_contact_persons_serving_by_the_weeks_end(complex_):
    person = ResidentFactory(complex=complex_, consent_contact_person=True)
    GalleryFactory(complex=complex_, contact_person=person, contact_since=LONG_AGO)
    GalleryFactory(complex=complex_, contact_person=person, contact_since=THIS_WEEK.sunday)
    GalleryFactory(complex=complex_, contact_person=person, contact_since=TODAY.replace(day=20))
    GalleryFactory(complex=complex_)
    value, inputs = _component(complex_, Component.GALLERIES)
    assert value == 0.5
    assert inputs == {"galleries": 4, "with_contact_person": 2}
    # A week earlier only the longest-serving contact person counts.
    assert _component(complex_, Component.GALLERIES, THIS_WEEK.shifted(-1))[0] == 0.25


def test_galleries_have_no_data_without_galleries(complex_):
    value, inputs = _component(complex_, Component.GALLERIES)
    assert value is None
    assert inputs == {"galleries": 0, "with_contact_person": 0}


# Occupancy ---------------------------------------------------------------------------------------
def test_occupancy_is_taken_from_the_latest_snapshot_by_the_weeks_end(complex_):
    OccupancySnapshotFactory(complex=complex_, date=datetime.date(2025, 1, 1), vacant_units=6)
    OccupancySnapshotFactory(complex=complex_, date=datetime.date(2025, 3, 1), vacant_units=12)
    # The current week: the complex as it is today.
    value, inputs = _component(complex_, Component.OCCUPANCY)
    assert value == 0.95
    assert inputs == {"units": 60, "vacant_units": 3, "as_of": "2025-03-12"}
    # Week 9 ends on Sunday 2 March: the snapshot of 1 March.
    value, inputs = _component(complex_, Component.OCCUPANCY, Week(2025, 9))
    assert value == 0.8
    assert inputs["as_of"] == "2025-03-01"
    assert _component(complex_, Component.OCCUPANCY, Week(2025, 5))[0] == 0.9
    # Before the first snapshot the complex's own figures stand in.
    assert _component(complex_, Component.OCCUPANCY, Week(2024, 52))[0] == 0.95


# Core group --------------------------------------------------------------------------------------
def _join(group, day: datetime.date, count: int = 1) -> None:
    for _ in range(count):
        resident = ResidentFactory(complex=group.complex)
        Membership.objects.create(group=group, resident=resident, joined=day)


def test_core_group_counts_from_the_minimum_members_named_by_the_weeks_end(complex_):
    group = ResidentGroupFactory(
        complex=complex_, kind=GroupKind.CORE_GROUP, started=LONG_AGO, unnamed_members=1
    )
    _join(group, LONG_AGO)
    _join(group, THIS_WEEK.monday)
    value, inputs = _component(complex_, Component.CORE_GROUP)
    assert value == 1.0  # two named and one counted without a name
    assert inputs == {"core_groups": 1, "largest_members": 3, "min_members": 3}
    # The week before, the second member had not joined yet.
    assert _component(complex_, Component.CORE_GROUP, THIS_WEEK.shifted(-1))[0] == 0.0
    # The minimum is a setting.
    _settings(core_group_min_members=4)
    assert _component(complex_, Component.CORE_GROUP)[0] == 0.0


def test_a_committee_or_an_inactive_or_later_core_group_is_no_core_group(complex_):
    committee = ResidentGroupFactory(complex=complex_, kind=GroupKind.COMMITTEE)
    _join(committee, LONG_AGO, 8)
    asleep = ResidentGroupFactory(complex=complex_, kind=GroupKind.CORE_GROUP, active=False)
    _join(asleep, LONG_AGO, 5)
    later = ResidentGroupFactory(
        complex=complex_, kind=GroupKind.CORE_GROUP, started=TODAY.replace(day=20)
    )
    _join(later, LONG_AGO, 5)
    value, inputs = _component(complex_, Component.CORE_GROUP)
    # Never "no data": without an active core group the component is 0.
    assert value == 0.0
    assert inputs == {"core_groups": 0, "largest_members": 0, "min_members": 3}


# Participation -----------------------------------------------------------------------------------
def test_participation_is_distinct_residents_of_eight_weeks_over_occupied_units(complex_):
    people = ResidentFactory.create_batch(10, complex=complex_)
    ActivityFactory(complex=complex_, date=TODAY, head_count=6, attendees=people[:6])
    ActivityFactory(complex=complex_, date=datetime.date(2025, 1, 16), attendees=people[4:])
    # Nine weeks ago: outside the window (16 January is its first day).
    ActivityFactory(complex=complex_, date=datetime.date(2025, 1, 15), head_count=40)
    value, inputs = _component(complex_, Component.PARTICIPATION)
    assert value == round(10 / 57, 4)
    assert inputs == {
        "residents": 10,
        "named": 10,
        "largest_head_count": 8,
        "occupied_units": 57,
        "weeks": 8,
    }


def test_participation_takes_a_larger_head_count_as_a_lower_bound_and_caps_at_one(complex_):
    people = ResidentFactory.create_batch(3, complex=complex_)
    ActivityFactory(complex=complex_, date=TODAY, head_count=3, attendees=people)
    ActivityFactory(complex=complex_, date=TODAY - datetime.timedelta(days=7), head_count=12)
    value, inputs = _component(complex_, Component.PARTICIPATION)
    assert value == round(12 / 57, 4)
    assert (inputs["residents"], inputs["named"], inputs["largest_head_count"]) == (12, 3, 12)
    small = ComplexFactory(units=5, vacant_units=0)
    ActivityFactory(complex=small, date=TODAY, head_count=9)
    assert _component(small, Component.PARTICIPATION)[0] == 1.0


def test_participation_has_no_data_before_the_first_activity(complex_):
    ActivityFactory(complex=complex_, date=THIS_WEEK.monday, head_count=5)
    assert _component(complex_, Component.PARTICIPATION, THIS_WEEK.shifted(-1))[0] is None
    # After the first activity, eight weeks without one are 0.
    quiet = ComplexFactory()
    ActivityFactory(complex=quiet, date=datetime.date(2024, 6, 1), head_count=5)
    assert _component(quiet, Component.PARTICIPATION)[0] == 0.0


# New-tenant reach --------------------------------------------------------------------------------
def test_new_tenants_are_reached_by_an_activity_or_a_group_after_moving_in(complex_):
    moved = datetime.date(2024, 9, 1)
    by_activity, by_group, not_yet, _nobody = ResidentFactory.create_batch(
        4, complex=complex_, moved_in=moved
    )
    # Twelve months before 12 March 2025 is 12 March 2024: moved in just too early to count.
    ResidentFactory(complex=complex_, moved_in=datetime.date(2024, 3, 12))
    ActivityFactory(complex=complex_, date=datetime.date(2024, 10, 2), attendees=[by_activity])
    group = ResidentGroupFactory(complex=complex_, kind=GroupKind.WOMENS_GROUP)
    Membership.objects.create(group=group, resident=by_group, joined=datetime.date(2025, 1, 6))
    # Reached only after this week.
    ActivityFactory(complex=complex_, date=datetime.date(2025, 3, 20), attendees=[not_yet])
    value, inputs = _component(complex_, Component.NEW_TENANTS)
    assert value == 0.5
    assert inputs == {"new_tenants": 4, "reached": 2, "months": 12}
    # In December the early tenant was new too, and only one of the five was reached.
    value, inputs = _component(complex_, Component.NEW_TENANTS, Week(2024, 50))
    assert value == 0.2
    assert inputs == {"new_tenants": 5, "reached": 1, "months": 12}


def test_new_tenants_have_no_data_without_new_tenants(complex_):
    ResidentFactory(complex=complex_, moved_in=LONG_AGO)
    assert _component(complex_, Component.NEW_TENANTS)[0] is None


# Mutual help -------------------------------------------------------------------------------------
def test_mutual_help_counts_the_months_overlapping_the_last_eight_weeks(complex_):
    one, two, three, *earlier = ResidentFactory.create_batch(7, complex=complex_)
    # The window runs 16 January – 12 March, so January counts as a whole month.
    MutualHelpFactory(
        complex=complex_, month=datetime.date(2025, 1, 1), people_count=3, residents=[one, two]
    )
    MutualHelpFactory(
        complex=complex_, month=datetime.date(2025, 3, 1), people_count=2, residents=[two, three]
    )
    MutualHelpFactory(
        complex=complex_, month=datetime.date(2024, 12, 1), people_count=8, residents=earlier
    )
    value, inputs = _component(complex_, Component.MUTUAL_HELP)
    assert value == round(3 / 57, 4)
    assert inputs == {
        "residents": 3,
        "named": 3,
        "largest_count": 3,
        "occupied_units": 57,
        "weeks": 8,
    }


def test_mutual_help_has_no_data_before_the_first_record(complex_):
    MutualHelpFactory(complex=complex_, month=datetime.date(2025, 3, 1), people_count=4)
    assert _component(complex_, Component.MUTUAL_HELP, Week(2025, 8))[0] is None
    assert _component(complex_, Component.MUTUAL_HELP)[0] == round(4 / 57, 4)


# Loneliness --------------------------------------------------------------------------------------


def test_loneliness_comes_from_the_latest_round_with_five_valid_responses(complex_):
    _round(complex_, "Najaar 2024", datetime.date(2024, 10, 1), [0, 1, 2, 2, 3, 4, None])
    # Four valid responses: too few to show, so the autumn round still counts.
    spring = _round(complex_, "Voorjaar 2025", datetime.date(2025, 3, 1), [6, 6, 6, 5, None])
    value, inputs = _component(complex_, Component.LONELINESS)
    assert value == round(1 - 2 / 6, 4)
    assert inputs == {
        "round": "Najaar 2024",
        "held_on": "2024-10-01",
        "responses": 6,
        "mean_score": "2.00",
        "min_responses": 5,
    }
    _response(spring, 5)
    value, inputs = _component(complex_, Component.LONELINESS)
    assert value == round(1 - 28 / 5 / 6, 4)
    assert (inputs["round"], inputs["responses"]) == ("Voorjaar 2025", 5)
    # Before the autumn round there was nothing to show.
    assert _component(complex_, Component.LONELINESS, Week(2024, 39))[0] is None


def test_loneliness_has_no_data_when_no_round_reaches_five_valid_responses(complex_):
    _round(complex_, "Voorjaar 2025", datetime.date(2025, 3, 1), [1, 1, 1, 1, None, None])
    value, inputs = _component(complex_, Component.LONELINESS)
    assert value is None
    assert inputs == {"min_responses": 5}


# The index and its status ------------------------------------------------------------------------
def test_a_component_without_data_is_left_out_of_the_index_not_counted_as_zero(complex_):
    """Only occupancy (0.95) and the core group (0: none) have data."""
    snapshot = _snapshot(complex_)
    values = {name: part["value"] for name, part in snapshot.components.items()}
    assert {name for name, value in values.items() if value is not None} == {
        Component.OCCUPANCY,
        Component.CORE_GROUP,
    }
    assert snapshot.index == Decimal("47.5")  # not 0.95 / 8 = 11.9
    assert snapshot.status == Status.RED


def test_weighted_index_weighs_the_components_with_data():
    weights = {"hours": Decimal(1), "galleries": Decimal(3), "occupancy": Decimal(0)}
    values = {"hours": 0.5, "galleries": 1.0, "occupancy": 0.0, "loneliness": None}
    assert calculation.weighted_index(values, weights) == Decimal("87.5")
    assert calculation.weighted_index({"hours": None}, weights) is None
    # A component with data but weight 0 counts for nothing.
    assert calculation.weighted_index({"occupancy": 0.9}, weights) is None


@given(
    st.dictionaries(
        st.sampled_from([component.value for component in Component]),
        st.tuples(
            st.none() | st.floats(min_value=0, max_value=1),
            st.decimals(min_value=0, max_value=100, places=2),
        ),
        min_size=1,
    )
)
def test_index_stays_between_0_and_100_and_ignores_components_without_data(parts):
    values = {name: value for name, (value, _weight) in parts.items()}
    weights = {name: weight for name, (_value, weight) in parts.items()}
    index = calculation.weighted_index(values, weights)
    with_data = {name: value for name, value in values.items() if value is not None}
    assert index == calculation.weighted_index(with_data, weights)
    if any(weights[name] > 0 for name in with_data):
        assert Decimal(0) <= index <= Decimal(100)
    else:
        assert index is None


@pytest.mark.parametrize(
    ("index", "status"),
    [
        (None, Status.NO_DATA),
        (Decimal("0"), Status.RED),
        (Decimal("49.9"), Status.RED),
        (Decimal("50.0"), Status.AMBER),
        (Decimal("69.9"), Status.AMBER),
        (Decimal("70.0"), Status.GREEN),
        (Decimal("100"), Status.GREEN),
    ],
)
def test_status_is_red_below_50_and_green_from_70(index, status):
    assert calculation.status_of(index, red_below=Decimal(50), green_from=Decimal(70)) == status


def test_a_complex_without_any_data_has_no_index():
    # No units would be refused by a form; straight in the table it is the "nothing known" case.
    empty = ComplexFactory(units=0, vacant_units=0)
    _settings(weight_core_group=0)
    snapshot = _snapshot(empty)
    assert snapshot.index is None
    assert snapshot.status == Status.NO_DATA
