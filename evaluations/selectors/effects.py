"""Reads of whether an intervention's effect on its complex's cohesion index lasted: the index
before, during and 3, 6 and 12 months after, and the verdict."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from evaluations.models import IndicatorSettings, IndicatorSnapshot
from evaluations.selectors.indicators import indicator_settings
from interventions.choices import Verdict
from interventions.models import Intervention
from leefbaarheid.bounds import add_months, date_in_range
from leefbaarheid.weeks import Week

EFFECT_BEFORE_WEEKS = 8
EFFECT_AFTER_MONTHS = (3, 6, 12)
EFFECT_AFTER_WEEKS = 4
INDEX_STEP = Decimal("0.1")


@dataclass(frozen=True)
class EffectWindow:
    """One window of an intervention's effect: its first and last ISO week (both None when the
    window has no weeks yet), the mean index of the weeks in it that have one (None when none
    has), how many weeks that was, and whether the window is still to come ("not yet")."""

    key: str
    first: Week | None
    last: Week | None
    mean: Decimal | None = None
    weeks_with_data: int = 0
    to_come: bool = False


@dataclass(frozen=True)
class InterventionEffect:
    """Whether an intervention's effect on its complex's cohesion index lasted: the five
    windows, the gain (during − before), the share of that gain still there at the latest
    after-window with data (``judged``), in %, and the verdict."""

    before: EffectWindow
    during: EffectWindow
    after: tuple[EffectWindow, ...]
    gain: Decimal | None
    kept_share: Decimal | None
    judged: EffectWindow | None
    verdict: Verdict

    @property
    def after_3(self) -> EffectWindow:
        return self.after[0]

    @property
    def after_6(self) -> EffectWindow:
        return self.after[1]

    @property
    def after_12(self) -> EffectWindow:
        return self.after[2]

    @property
    def windows(self) -> tuple[EffectWindow, ...]:
        return (self.before, self.during, *self.after)


WINDOW_KEYS = ("before", "during", *(f"after_{months}" for months in EFFECT_AFTER_MONTHS))


def effect_windows(intervention: Intervention, today: datetime.date) -> list[EffectWindow]:
    """The weeks of an intervention's five windows (without their figures): see
    ``intervention_effects``. An intervention with a date outside ``leefbaarheid.bounds`` (stored
    before dates were checked) has windows without weeks: "no data", never an error."""
    if not date_in_range(intervention.start) or (
        intervention.end is not None and not date_in_range(intervention.end)
    ):
        return [EffectWindow(key, None, None) for key in WINDOW_KEYS]
    now = Week.of(today)
    start = Week.of(intervention.start)
    windows = [EffectWindow("before", start.shifted(-EFFECT_BEFORE_WEEKS), start.shifted(-1))]
    last = min(Week.of(intervention.end), now) if intervention.end else now
    if start <= last:
        windows.append(EffectWindow("during", start, last))
    else:  # not started yet
        windows.append(EffectWindow("during", None, None))
    for months in EFFECT_AFTER_MONTHS:
        key = f"after_{months}"
        if intervention.end is None:
            windows.append(EffectWindow(key, None, None, to_come=True))
            continue
        later = add_months(intervention.end, months)
        if later is None:  # unreachable for an end within the bounds; "no data" all the same
            windows.append(EffectWindow(key, None, None))
            continue
        first = Week.of(later)
        last = first.shifted(EFFECT_AFTER_WEEKS - 1)
        windows.append(EffectWindow(key, first, last, to_come=last.sunday >= today))
    return windows


def _with_figures(window: EffectWindow, indexes: dict[datetime.date, Decimal]) -> EffectWindow:
    if window.to_come or window.first is None or window.last is None:
        return window
    day, found = window.first.monday, []
    while day <= window.last.monday:
        if day in indexes:
            found.append(indexes[day])
        day += datetime.timedelta(weeks=1)
    if not found:
        return window
    mean = (sum(found, Decimal(0)) / len(found)).quantize(INDEX_STEP, ROUND_HALF_UP)
    return replace(window, mean=mean, weeks_with_data=len(found))


def _judge(windows: list[EffectWindow], settings_row) -> InterventionEffect:
    """The verdict on an intervention's windows with figures. ``settings_row()`` gives the
    indicator settings; it is called only when the thresholds are needed."""
    before, during, *after = windows
    passed = [window for window in after if not window.to_come]
    judged = next((window for window in reversed(passed) if window.mean is not None), None)
    gain = kept_share = kept = None
    if before.mean is not None and during.mean is not None:
        gain = during.mean - before.mean
        if judged is not None and judged.mean is not None:
            kept = judged.mean - before.mean
            if gain > 0:
                kept_share = (kept * 100 / gain).quantize(Decimal(1), ROUND_HALF_UP)
    if not passed:
        verdict = Verdict.TOO_EARLY
    elif gain is None:
        verdict = Verdict.NO_DATA
    elif gain <= 0 or gain < settings_row().effect_min_gain:
        verdict = Verdict.NO_EFFECT
    elif kept is None:
        verdict = Verdict.NO_DATA
    elif kept * 100 >= gain * settings_row().effect_kept_share:
        verdict = Verdict.HELD
    else:
        verdict = Verdict.FADED
    return InterventionEffect(
        before=before,
        during=during,
        after=tuple(after),
        gain=gain,
        kept_share=kept_share,
        judged=judged if verdict in (Verdict.HELD, Verdict.FADED) else None,
        verdict=verdict,
    )


def intervention_effects(
    interventions: Iterable[Intervention],
    *,
    user,
    today: datetime.date | None = None,
    settings: IndicatorSettings | None = None,
) -> dict[int, InterventionEffect]:
    """Whether each intervention's effect on its complex's cohesion index lasted, by the
    intervention's id. The snapshots of all of them come in one query (their complexes, the
    weeks from the earliest window to the latest), grouped here; the settings row is read only
    when a verdict needs its thresholds.

    The windows, in ISO weeks (weeks by their Monday):
    - before: the 8 weeks before the start week;
    - during: the start week up to the end week, or up to this week for an intervention that
      has not ended (never further than the end; no weeks at all before the start);
    - after 3, 6 and 12 months: the 4 weeks beginning with the week of the end date plus that
      many months; only once all four weeks are over (until then "not yet", ``to_come``), and
      never for an intervention without an end date.
    A window's figure is the mean index of its weeks that have a snapshot with an index (a week
    without a snapshot or with a "no data" snapshot is left out), rounded to 0.1; a window
    without such a week has no figure (None).

    The verdict: TOO_EARLY while no after-window is over (so also while the intervention runs);
    NO_DATA when before or during has no figure; NO_EFFECT when the gain (during − before) is
    below ``IndicatorSettings.effect_min_gain`` (or not a rise at all); then at the latest
    after-window that is over and has a figure: HELD when after − before is at least
    ``effect_kept_share`` % of the gain, FADED when less; NO_DATA when no after-window that is
    over has a figure. ``kept_share`` is (after − before) ÷ gain in % at that window.
    """
    today = today or timezone.localdate()
    rows = {
        intervention.pk: (intervention, effect_windows(intervention, today))
        for intervention in interventions
    }
    indexes = _snapshot_indexes(rows.values(), user)
    settings_row = _settings_once(settings)
    return {
        pk: _judge(
            [_with_figures(window, indexes[intervention.complex_id]) for window in windows],
            settings_row,
        )
        for pk, (intervention, windows) in rows.items()
    }


def _snapshot_indexes(
    rows: Collection[tuple[Intervention, list[EffectWindow]]], user
) -> dict[int, dict[datetime.date, Decimal]]:
    """The index per complex and week over all windows that are over, in one query: the
    interventions' complexes, from the earliest window's first week to the latest's last."""
    weeks = [
        week
        for _intervention, windows in rows
        for window in windows
        if not window.to_come
        for week in (window.first, window.last)
        if week is not None
    ]
    indexes: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    if not weeks:
        return indexes
    snapshots = (
        IndicatorSnapshot.objects.visible_to(user)
        .filter(
            complex_id__in={intervention.complex_id for intervention, _w in rows},
            week_start__gte=min(weeks).monday,
            week_start__lte=max(weeks).monday,
            index__isnull=False,
        )
        .values_list("complex_id", "week_start", "index")
    )
    for complex_id, week_start, index in snapshots:
        indexes[complex_id][week_start] = index
    return indexes


def _settings_once(settings: IndicatorSettings | None) -> Callable[[], IndicatorSettings]:
    """The settings row, read on the first call only (a verdict may not need its thresholds)."""
    cached: list[IndicatorSettings] = [settings] if settings is not None else []

    def settings_row() -> IndicatorSettings:
        if not cached:
            cached.append(indicator_settings())
        return cached[0]

    return settings_row


def intervention_effect(
    intervention: Intervention,
    *,
    user,
    today: datetime.date | None = None,
    settings: IndicatorSettings | None = None,
) -> InterventionEffect:
    """Whether one intervention's effect lasted (``intervention_effects`` for one)."""
    return intervention_effects([intervention], user=user, today=today, settings=settings)[
        intervention.pk
    ]
