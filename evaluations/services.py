"""Writes of the evaluations app: recalculating indicator snapshots (and scheduling that when an
input changes), the indicator settings, survey rounds and responses, budget scenarios and the
actual hours beside them."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex
from evaluations import calculation
from evaluations.choices import ITEM_FIELDS, LONELINESS_ITEMS, Answer
from evaluations.models import (
    REFERENCE_SCENARIO,
    BudgetActual,
    BudgetScenario,
    IndicatorSettings,
    IndicatorSnapshot,
    SurveyResponse,
    SurveyRound,
)
from interventions.models import HoursEntry
from leefbaarheid import roles
from leefbaarheid.services import delete_logged, save_validated
from leefbaarheid.weeks import Week

SNAPSHOT_FIELDS = ("index", "status", "components", "weights", "thresholds")
PENDING_KEY = "indicators:pending:{}"
PENDING_SECONDS = 60 * 60


# Recalculation ----------------------------------------------------------------------------------


def recalculation_weeks(
    *, today: datetime.date, since: Week | None = None, until: Week | None = None
) -> tuple[Week, Week]:
    """The weeks a recalculation covers: the recent ones, back to ``since`` when that is earlier,
    never further than the history kept."""
    last = until or Week.of(today)
    first = last.shifted(1 - settings.INDICATOR_RECENT_WEEKS)
    if since is not None and since.monday < first.monday:
        first = since
    oldest = last.shifted(1 - settings.INDICATOR_HISTORY_WEEKS)
    return (oldest if first.monday < oldest.monday else first), last


def _stored(index, *rest) -> tuple:
    return (index if index is None else Decimal(index), *rest)


def indicators_recalculate(
    *,
    complex_ids: list[int] | None = None,
    first: Week | None = None,
    last: Week | None = None,
    today: datetime.date | None = None,
) -> int:
    """Recalculate the snapshots of senior complexes (all, or ``complex_ids``) for the weeks
    ``first``–``last`` (by default the recent weeks up to this one); returns how many rows were
    written.

    Set-based: the inputs of every complex and week come in a fixed number of queries. A row is
    written only when its content changed, so a second run writes nothing; all weeks are written
    in one transaction, so a failure leaves none half-written.
    """
    today = today or timezone.localdate()
    if first is None or last is None:
        default_first, default_last = recalculation_weeks(today=today)
        first, last = first or default_first, last or default_last
    if first.monday > last.monday:
        return 0
    complexes = Complex.objects.filter(is_senior=True).order_by("pk")
    if complex_ids is not None:
        complexes = complexes.filter(pk__in=complex_ids)
    data = calculation.gather(complexes, first, last, today=today)
    changed = _changed_snapshots(data, first, last, _stored_snapshots(data, first, last))
    with transaction.atomic():
        IndicatorSnapshot.objects.bulk_create(
            changed,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["complex", "year", "week"],
            update_fields=[*SNAPSHOT_FIELDS, "week_start", "calculated_at"],
        )
    return len(changed)


def _stored_snapshots(
    data: calculation.Inputs, first: Week, last: Week
) -> dict[tuple[int, int, int], tuple]:
    """The stored content of the snapshots in the period, by (complex, year, week)."""
    # Streamed as plain values: a year of the city's snapshots is a lot of parsed JSON.
    return {
        (complex_id, year, week): _stored(*stored)
        for complex_id, year, week, *stored in IndicatorSnapshot.objects.filter(
            complex_id__in=list(data.complexes),
            week_start__gte=first.monday,
            week_start__lte=last.monday,
        )
        .values_list("complex_id", "year", "week", *SNAPSHOT_FIELDS)
        .iterator(chunk_size=2000)
    }


def _changed_snapshots(
    data: calculation.Inputs,
    first: Week,
    last: Week,
    existing: dict[tuple[int, int, int], tuple],
) -> list[IndicatorSnapshot]:
    """The snapshots of every complex and week whose calculated content differs from what is
    stored (or is not stored yet); unsaved, to be written in one go."""
    weeks = calculation.week_span(first, last)
    now = timezone.now()
    changed = []
    for complex_ in data.complexes.values():
        for week in weeks:
            fields = calculation.calculate(data, complex_, week)
            key = (complex_.pk, week.year, week.week)
            if existing.get(key) == tuple(fields[name] for name in SNAPSHOT_FIELDS):
                continue
            changed.append(
                IndicatorSnapshot(
                    complex_id=complex_.pk,
                    year=week.year,
                    week=week.week,
                    week_start=week.monday,
                    calculated_at=now,
                    **fields,
                )
            )
    return changed


# Which writes change an input of the index: model → (how to reach the complex id, the date
# from which weeks may have changed). Everything else leaves the index alone.
INDICATOR_INPUTS: dict[str, tuple[str, str | None]] = {
    # Its joined date decides from which week the hours norm applies.
    "complexes.complex": ("pk", "joined_on"),
    "complexes.gallery": ("complex_id", "contact_since"),
    "complexes.occupancysnapshot": ("complex_id", "date"),
    "residents.resident": ("complex_id", "moved_in"),
    "residents.residentgroup": ("complex_id", "started"),
    "residents.membership": ("group.complex_id", "joined"),
    "residents.activity": ("complex_id", "date"),
    "residents.mutualhelp": ("complex_id", "month"),
    "interventions.hoursentry": ("complex_id", "week_start"),
    "evaluations.surveyround": ("complex_id", "held_on"),
    "evaluations.surveyresponse": ("round.complex_id", "round.held_on"),
}


def _attribute(instance, path: str):
    for part in path.split("."):
        instance = getattr(instance, part, None)
        if instance is None:
            return None
    return instance


# Writes that change an input of every complex's index: model → the first week they touch.
CITY_WIDE_INPUTS: dict[str, Callable[[Any], Week]] = {
    # The welfare calendar decides which weeks the hours component counts, all year long.
    "interventions.welfarecalendar": lambda calendar: Week(calendar.year, 1),
}


def indicator_input_written(instance) -> None:
    """Called for every validated save and logged delete: when ``instance`` is an input of the
    index, schedule its complex's recalculation (see ``indicators_changed``), or the city's."""
    city_wide = CITY_WIDE_INPUTS.get(instance._meta.label_lower)
    if city_wide is not None:
        city_recalculation_soon(since=city_wide(instance))
        return
    spec = INDICATOR_INPUTS.get(instance._meta.label_lower)
    if spec is None:
        return
    complex_id = _attribute(instance, spec[0])
    if complex_id is None:
        return
    day = _attribute(instance, spec[1]) if spec[1] else None
    indicators_changed(complex_id, since=Week.of(day) if isinstance(day, datetime.date) else None)


# More complexes than this changed in one transaction (an import, say): one city-wide run.
CITY_WIDE_FROM = 20


class _Recalculations:
    """The after-commit callback of one transaction: the complexes whose inputs it wrote, each
    with the earliest week touched, however many writes there were."""

    def __init__(self) -> None:
        self.complexes: dict[int, Week | None] = {}

    def add(self, complex_id: int, since: Week | None) -> None:
        # No week means "the recent weeks"; a dated change widens that back to its week.
        known = self.complexes.get(complex_id)
        if known is None or (since is not None and since.monday < known.monday):
            self.complexes[complex_id] = since if since is not None else known

    def __call__(self) -> None:
        if len(self.complexes) > CITY_WIDE_FROM:
            from evaluations.tasks import recalculate_city

            weeks = [since for since in self.complexes.values() if since is not None]
            earliest = min(weeks, key=lambda week: week.monday) if weeks else None
            recalculate_city.delay(since=str(earliest) if earliest else None)
            return
        for complex_id, since in self.complexes.items():
            enqueue_recalculation(complex_id, since=since)


def indicators_changed(complex_id: int, *, since: Week | None = None) -> None:
    """Recalculate a complex once the current transaction commits (at once outside one).

    Edits coalesce twice: within a transaction into one callback, and across transactions through
    a pending marker per complex in the cache, so a burst of edits gives one task per complex.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Django keeps the callbacks of the open transaction (and drops those registered in a
        # savepoint that rolls back), so this transaction's collector is found there.
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Recalculations):
                callback.add(complex_id, since)
                return
    collector = _Recalculations()
    collector.add(complex_id, since)
    # Robust: the change itself is committed by then; a broker that fails to take the task is
    # logged and caught up by the nightly run, never turned into an error for the user.
    transaction.on_commit(collector, robust=True)


def city_recalculation_soon(*, since: Week | None = None) -> None:
    """Recalculate every senior complex, back to ``since``, once the transaction commits."""
    from evaluations.tasks import recalculate_city

    week = str(since) if since else None
    transaction.on_commit(lambda: recalculate_city.delay(since=week), robust=True)


def enqueue_recalculation(complex_id: int, *, since: Week | None = None) -> None:
    """Send the complex's recalculation, unless one is already waiting: then only widen the weeks
    it will cover. The task takes the marker when it starts, so a later edit sends a new one."""
    from evaluations.tasks import recalculate_complex

    key = PENDING_KEY.format(complex_id)
    value = str(since) if since else ""
    if cache.add(key, value, PENDING_SECONDS):
        recalculate_complex.apply_async(
            args=[complex_id], countdown=settings.INDICATOR_DELAY_SECONDS
        )
        return
    waiting = cache.get(key)
    if waiting is None:  # the task took the marker in between
        enqueue_recalculation(complex_id, since=since)
    elif value and (not waiting or Week.parse(value).monday < Week.parse(waiting).monday):
        cache.set(key, value, PENDING_SECONDS)


def take_pending(complex_id: int) -> Week | None:
    """Take a complex's pending marker: the earliest week an edit touched, if any."""
    key = PENDING_KEY.format(complex_id)
    waiting = cache.get(key)
    cache.delete(key)
    return Week.parse(waiting) if waiting else None


def indicators_recalculate_complex(
    *, complex_id: int, since: Week | None = None, today: datetime.date | None = None
) -> int:
    """Recalculate one complex's recent weeks, back to ``since``; nothing when it is gone."""
    today = today or timezone.localdate()
    first, last = recalculation_weeks(today=today, since=since)
    return indicators_recalculate(complex_ids=[complex_id], first=first, last=last, today=today)


# Settings ----------------------------------------------------------------------------------------


def _require_admin(user) -> None:
    if not roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        raise PermissionDenied(_("Only a functional admin may change this."))


@transaction.atomic
def indicator_settings_update(*, user, data: dict[str, Any]) -> IndicatorSettings:
    """Change the weights and thresholds; the next recalculation uses them (past snapshots keep
    theirs until recalculated). Enqueues the recalculation of the recent weeks of the city."""
    _require_admin(user)
    settings_row = IndicatorSettings.objects.select_for_update().filter(pk=1).first()
    settings_row = settings_row or calculation.indicator_settings()
    settings_row = save_validated(settings_row, {**data, "updated_by": user}, user=user)
    from evaluations.tasks import recalculate_city

    recalculate_city.delay_on_commit()
    return settings_row


# Surveys -----------------------------------------------------------------------------------------


def loneliness_score(answers: dict[str, str]) -> int | None:
    """The De Jong Gierveld short-scale total: the number of lonely answers (0–6), or None when
    more than one of the six items is unanswered. With one item unanswered the total is the
    count over the five answered, as the scale's manual prescribes."""
    missing = sum(1 for field in ITEM_FIELDS if not answers.get(field))
    if missing > 1:
        return None
    return sum(1 for field, _wording, lonely in LONELINESS_ITEMS if answers.get(field) in lonely)


def _check_survey_writer(user, complex_: Complex) -> None:
    if not roles.has_role(user, roles.WELFARE_PROFESSIONAL, roles.FUNCTIONAL_ADMIN):
        raise PermissionDenied(_("Only welfare professionals enter survey responses."))
    if not Complex.objects.visible_to(user).filter(pk=complex_.pk).exists():
        raise PermissionDenied(_("This complex is not assigned to you."))


@transaction.atomic
def survey_round_save(
    *, user, data: dict[str, Any], round_: SurveyRound | None = None
) -> SurveyRound:
    """Create or change a survey round of a complex the user may enter responses for."""
    round_ = round_ or SurveyRound(created_by=user)
    if round_.pk and data.get("complex") not in (None, round_.complex):
        raise ValidationError(
            {
                "complex": _(
                    "A survey round stays in its complex; create a new round in the other "
                    "complex instead."
                )
            }
        )
    complex_ = data.get("complex") or (round_.complex if round_.complex_id else None)
    if complex_ is not None:
        _check_survey_writer(user, complex_)
    if data.get("held_on") and data["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": _("A survey round cannot be held in the future.")})
    return save_validated(round_, data, user=user)


@transaction.atomic
def survey_round_delete(*, round_: SurveyRound, user) -> None:
    _check_survey_writer(user, round_.complex)
    if round_.responses.exists():
        raise ValidationError(
            _("This round has responses; delete them first if the round was entered by mistake.")
        )
    delete_logged(round_, user=user)


@transaction.atomic
def survey_response_add(*, round_: SurveyRound, user, answers: dict[str, str]) -> SurveyResponse:
    """Enter one paper questionnaire. Refuses an answer that is not yes / more or less / no and a
    questionnaire with no answer at all; with more than one item skipped it is kept but has no
    score."""
    _check_survey_writer(user, round_.complex)
    errors = {}
    for field in ITEM_FIELDS:
        value = answers.get(field) or ""
        if value and value not in Answer.values:
            errors[field] = [_("Choose yes, more or less, or no, or leave the item empty.")]
    if errors:
        raise ValidationError(errors)
    if not any(answers.get(field) for field in ITEM_FIELDS):
        raise ValidationError(
            {ITEM_FIELDS[0]: [_("This questionnaire has no answers; there is nothing to enter.")]}
        )
    response = SurveyResponse(
        round=round_,
        entered_by=user,
        score=loneliness_score(answers),
        **{field: answers.get(field) or "" for field in ITEM_FIELDS},
    )
    return save_validated(response, user=user, action="create")


@transaction.atomic
def survey_response_delete(*, response: SurveyResponse, user) -> None:
    """Remove a questionnaire entered by mistake."""
    _check_survey_writer(user, response.round.complex)
    delete_logged(response, user=user)


# Budget -----------------------------------------------------------------------------------------


def _require_budget_writer(user) -> None:
    if not roles.has_role(user, roles.MUNICIPALITY_OFFICIAL, roles.FUNCTIONAL_ADMIN):
        raise PermissionDenied(_("Only the municipality keeps budget scenarios."))


@transaction.atomic
def scenario_save(
    *, user, data: dict[str, Any], scenario: BudgetScenario | None = None
) -> BudgetScenario:
    """Create or change a scenario. The evaluation's reference may change its figures but not
    its name: the name is what marks it as the reference."""
    _require_budget_writer(user)
    renamed = data.get("name", REFERENCE_SCENARIO) != REFERENCE_SCENARIO
    if scenario is not None and scenario.is_reference and renamed:
        raise ValidationError(
            {
                "name": _(
                    "“%(name)s” is the evaluation's reference scenario and keeps its name. "
                    "Create a new scenario to try other figures under another name."
                )
                % {"name": REFERENCE_SCENARIO}
            }
        )
    scenario = scenario or BudgetScenario(created_by=user)
    return save_validated(scenario, data, user=user)


@transaction.atomic
def scenario_delete(*, scenario: BudgetScenario, user) -> None:
    """Delete a scenario; the evaluation's reference scenario stays."""
    _require_budget_writer(user)
    if scenario.is_reference:
        raise ValidationError(
            _(
                "“%(name)s” is the evaluation's reference scenario and cannot be deleted. "
                "You can change its figures."
            )
            % {"name": scenario.name}
        )
    delete_logged(scenario, user=user)


def budget_through_week(year: int, today: datetime.date) -> int:
    """The last complete week of ``year`` as of ``today`` (0 before its first week ends)."""
    last = Week.of(today).shifted(-1)
    if last.year > year:
        return Week.of(datetime.date(year, 12, 28)).week
    if last.year < year:
        return 0
    return last.week


@transaction.atomic
def budget_refresh(*, year: int | None = None, today: datetime.date | None = None) -> int:
    """Refresh the actual welfare hours of every senior complex for ``year`` (this year by
    default), up to its last complete week: one upsert per complex, idempotent."""
    cache.delete(BUDGET_PENDING_KEY)  # a refresh asked for from now on is sent again
    today = today or timezone.localdate()
    year = year or Week.of(today).year
    through = budget_through_week(year, today)
    totals = dict(
        HoursEntry.objects.filter(year=year, week__lte=through)
        .values("complex_id")
        .annotate(total=Sum("hours"))
        .values_list("complex_id", "total")
        .order_by()
    )
    now = timezone.now()
    rows = [
        BudgetActual(
            complex_id=pk,
            year=year,
            hours=totals.get(pk, Decimal("0.00")),
            through_week=through,
            refreshed_at=now,
        )
        for pk in Complex.objects.filter(is_senior=True).values_list("pk", flat=True)
    ]
    BudgetActual.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["complex", "year"],
        update_fields=["hours", "through_week", "refreshed_at"],
    )
    BudgetActual.objects.filter(year=year).exclude(
        complex__in=Complex.objects.filter(is_senior=True)
    ).delete()
    return len(rows)


# Budget (helper "budget") -----------------------------------------------------------------------

BUDGET_PENDING_KEY = "budget:refresh:pending"
BUDGET_PENDING_SECONDS = 15 * 60


def budget_refresh_soon(*, user) -> bool:
    """Send the city-wide refresh of this year's actual hours once the current transaction
    commits (at once where tasks run inline). While one is waiting none is sent again; the
    refresh takes the marker when it starts. Returns whether a refresh was sent."""
    _require_budget_writer(user)
    if not cache.add(BUDGET_PENDING_KEY, 1, BUDGET_PENDING_SECONDS):
        return False
    from evaluations.tasks import refresh_budget

    transaction.on_commit(refresh_budget.delay)
    return True
