"""Interventions that last: the complex's cohesion index before, during and 3, 6
and 12 months after an intervention, and whether the effect held — on hand-written weekly
snapshots, since snapshots are exactly what the selector reads."""

import datetime
from decimal import Decimal

import pytest

from evaluations.models import IndicatorSettings
from evaluations.selectors import intervention_effect, intervention_effects
from interventions.choices import Verdict
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.evaluations.helpers import END, LATER, START, _intervention
from tests.factories import ComplexFactory

pytestmark = pytest.mark.django_db


def _effect(intervention, user, on=LATER):
    return intervention_effect(intervention, user=user, today=on)


def _figures(effect) -> list:
    return [window.mean for window in effect.windows]


def _settings(**values) -> None:
    IndicatorSettings.objects.update_or_create(pk=1, defaults=values)


# The verdicts ---------------------------------------------------------------------------------
def test_an_effect_that_stayed_held(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    effect = _effect(intervention, official)
    assert _figures(effect) == [Decimal("40.0"), Decimal("60.0"), *[Decimal("55.0")] * 3]
    assert effect.gain == Decimal("20.0")
    assert effect.kept_share == 75
    assert effect.verdict == Verdict.HELD
    assert effect.judged == effect.after_12


def test_an_effect_that_fell_back_faded(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=44)
    effect = _effect(intervention, official)
    assert effect.kept_share == 20
    assert effect.verdict == Verdict.FADED


def test_the_latest_after_window_decides(own_complex, official):
    # Held at 3 and 6 months, gone after a year: it did not last.
    fell_back = datetime.date(2025, 6, 1)
    intervention = _intervention(
        own_complex, before=40, during=60, after=lambda monday: 55 if monday < fell_back else 42
    )
    effect = _effect(intervention, official)
    assert [effect.after_3.mean, effect.after_6.mean, effect.after_12.mean] == [
        Decimal("55.0"),
        Decimal("55.0"),
        Decimal("42.0"),
    ]
    assert effect.verdict == Verdict.FADED
    assert effect.judged == effect.after_12


def test_the_latest_after_window_with_data_decides(foreign_complex, official):
    # No snapshots at all a year after: the 6-month figure is the latest there is.
    after_12 = Week.of(datetime.date(2025, 8, 30))
    gap = {after_12.shifted(n): ... for n in range(4)}
    intervention = _intervention(foreign_complex, before=40, during=60, after=55, weeks=gap)
    effect = _effect(intervention, official)
    assert effect.after_12.mean is None
    assert not effect.after_12.to_come
    assert effect.judged == effect.after_6
    assert effect.verdict == Verdict.HELD


def test_a_small_rise_is_no_effect_until_the_smallest_effect_is_lowered(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=43, after=43)
    assert _effect(intervention, official).verdict == Verdict.NO_EFFECT
    _settings(effect_min_gain=Decimal("2.0"))
    effect = _effect(intervention, official)
    assert effect.verdict == Verdict.HELD
    assert effect.kept_share == 100


def test_the_share_that_must_last_is_a_setting(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)  # 75 % kept
    _settings(effect_kept_share=80)
    assert _effect(intervention, official).verdict == Verdict.FADED
    _settings(effect_kept_share=75)
    assert _effect(intervention, official).verdict == Verdict.HELD


def test_no_rise_is_no_effect_even_when_any_gain_counts(own_complex, official):
    _settings(effect_min_gain=Decimal(0))
    intervention = _intervention(own_complex, before=50, during=50, after=50)
    effect = _effect(intervention, official)
    assert effect.gain == Decimal("0.0")
    assert effect.kept_share is None
    assert effect.verdict == Verdict.NO_EFFECT


def test_a_running_intervention_is_too_early(own_complex, official):
    intervention = _intervention(own_complex, end=None, before=40, during=60, after=None)
    effect = _effect(intervention, official, on=datetime.date(2024, 6, 5))
    assert effect.verdict == Verdict.TOO_EARLY
    assert (effect.before.mean, effect.during.mean, effect.gain) == (
        Decimal("40.0"),
        Decimal("60.0"),
        Decimal("20.0"),
    )
    # During runs up to this week (2024-W23), and nothing is after yet.
    assert (effect.during.first, effect.during.last) == (Week(2024, 10), Week(2024, 23))
    assert all(window.to_come and window.mean is None for window in effect.after)


def test_an_intervention_that_ended_a_month_ago_is_too_early(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=20)
    effect = _effect(intervention, official, on=END + datetime.timedelta(days=31))
    assert effect.verdict == Verdict.TOO_EARLY
    # The snapshots after the end exist, but no after-window is over: none is read.
    assert all(window.to_come and window.mean is None for window in effect.after)


def test_three_months_after_the_first_window_judges(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    effect = _effect(intervention, official, on=datetime.date(2024, 12, 23))  # 2024-W52
    assert not effect.after_3.to_come
    assert effect.after_6.to_come and effect.after_12.to_come
    assert effect.judged == effect.after_3
    assert effect.verdict == Verdict.HELD


def test_without_snapshots_before_the_start_there_is_no_data(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55, first=START)
    effect = _effect(intervention, official)
    assert effect.before.mean is None
    assert effect.gain is None
    assert effect.verdict == Verdict.NO_DATA


def test_without_snapshots_after_the_end_there_is_no_data(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55, last=END)
    effect = _effect(intervention, official)
    assert effect.gain == Decimal("20.0")
    assert effect.verdict == Verdict.NO_DATA


def test_weeks_without_an_index_are_left_out_not_counted_as_zero(own_complex, official):
    # The 8 weeks before 2024-W10 are W02–W09: two without a snapshot, two "no data".
    weeks = {
        Week(2024, 2): ...,
        Week(2024, 3): ...,
        Week(2024, 4): None,
        Week(2024, 5): None,
        Week(2024, 6): 40,
        Week(2024, 7): 42,
        Week(2024, 8): 44,
        Week(2024, 9): 46,
        Week(2024, 20): None,  # one "no data" week while it ran
    }
    intervention = _intervention(own_complex, before=40, during=60, after=55, weeks=weeks)
    effect = _effect(intervention, official)
    assert (effect.before.mean, effect.before.weeks_with_data) == (Decimal("43.0"), 4)
    assert (effect.during.mean, effect.during.weeks_with_data) == (Decimal("60.0"), 25)
    assert effect.gain == Decimal("17.0")


def test_the_windows_are_exactly_the_weeks_defined(own_complex, official):
    after_3 = Week.of(datetime.date(2024, 11, 30))  # end + 3 months: 2024-W48
    # A week just outside each window would pull its mean to 0 if it were counted.
    outside = {Week(2024, 1): 0, after_3.shifted(-1): 0, after_3.shifted(4): 0}
    intervention = _intervention(own_complex, before=40, during=60, after=55, weeks=outside)
    effect = _effect(intervention, official)
    bounds = [(window.first, window.last) for window in effect.windows]
    assert bounds == [
        (Week(2024, 2), Week(2024, 9)),
        (Week(2024, 10), Week(2024, 35)),
        (Week(2024, 48), Week(2024, 51)),
        (Week(2025, 9), Week(2025, 12)),
        (Week(2025, 35), Week(2025, 38)),
    ]
    assert _figures(effect) == [Decimal("40.0"), Decimal("60.0"), *[Decimal("55.0")] * 3]
    assert [window.weeks_with_data for window in effect.windows] == [8, 26, 4, 4, 4]


def test_an_end_on_the_31st_counts_months_to_the_months_last_day(own_complex, official):
    intervention = _intervention(own_complex, end=datetime.date(2024, 8, 31))
    effect = _effect(intervention, official)
    assert effect.after_6.first == Week.of(datetime.date(2025, 2, 28))


def test_the_figures_of_a_complex_out_of_reach_stay_hidden(
    own_complex, other_corporation_staff, corporation_staff
):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    assert _effect(intervention, corporation_staff).verdict == Verdict.HELD
    effect = _effect(intervention, other_corporation_staff)
    assert _figures(effect) == [None] * 5
    assert effect.verdict == Verdict.NO_DATA


def test_many_interventions_take_one_query_for_their_snapshots(official, django_assert_num_queries):
    interventions = []
    for n in range(12):
        complex_ = ComplexFactory()
        after = 55 if n % 2 else 44
        interventions.append(_intervention(complex_, before=40, during=60, after=after))
    _settings()  # the row exists; reading it is the second query
    roles.user_roles(official)  # the roles are read once per request, not per query
    with django_assert_num_queries(2):
        effects = intervention_effects(interventions, user=official, today=LATER)
    assert [effects[i.pk].verdict for i in interventions] == [Verdict.FADED, Verdict.HELD] * 6
    assert effects[interventions[1].pk] == _effect(interventions[1], official)
