"""Helpers shared by several test modules of the evaluations app: budget scenarios, the
index recalculated on factory data, the recalculation's week, and interventions with a
history of weekly snapshots."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.choices import LONELINESS_ITEMS, Answer, Scope, Status
from evaluations.models import (
    REFERENCE_SCENARIO,
    BudgetScenario,
    IndicatorSettings,
    IndicatorSnapshot,
    SurveyResponse,
    SurveyRound,
)
from interventions.choices import InterventionStatus
from leefbaarheid.weeks import Week
from tests.factories import HoursEntryFactory, InterventionFactory
from tests.helpers import today

YEAR = 2026  # an ISO year of 53 weeks


def reference() -> BudgetScenario:
    return BudgetScenario.objects.get(name=REFERENCE_SCENARIO)


def scenario(name="Proef", **fields) -> BudgetScenario:
    data = {
        "name": name,
        "scope": Scope.ALL,
        "hours_per_week": Decimal(4),
        "hourly_rate": Decimal(75),
        "weeks_per_year": 42,
        **fields,
    }
    return BudgetScenario.objects.create(**data)


def _this_week() -> Week:
    return Week.of(today())


TODAY = datetime.date(2025, 3, 12)  # a Wednesday


THIS_WEEK = Week.of(TODAY)  # 2025-W11, Monday 10 March to Sunday 16 March


LONG_AGO = datetime.date(2010, 5, 1)


def _recalculate(*complexes, first=THIS_WEEK, last=THIS_WEEK, today=TODAY) -> int:
    return services.indicators_recalculate(
        complex_ids=[complex_.pk for complex_ in complexes], first=first, last=last, today=today
    )


def _snapshot(complex_, week=THIS_WEEK) -> IndicatorSnapshot:
    _recalculate(complex_, first=week, last=week)
    return IndicatorSnapshot.objects.get(complex=complex_, year=week.year, week=week.week)


def _settings(**values) -> None:
    IndicatorSettings.objects.filter(pk=1).update(**values)


def _hours(complex_, professional, week: Week, hours) -> None:
    HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        hours=Decimal(str(hours)),
    )


def _response(round_, score: int | None) -> None:
    """A questionnaire with ``score`` lonely answers, or (None) two items skipped."""
    answers = {}
    for index, (field, _wording, lonely) in enumerate(LONELINESS_ITEMS):
        fine = Answer.NO if Answer.YES in lonely else Answer.YES
        answers[field] = Answer.MORE_OR_LESS if index < (score or 0) else fine
    if score is None:
        answers["emptiness"] = answers["trust"] = ""
    assert services.loneliness_score(answers) == score
    SurveyResponse.objects.create(round=round_, score=score, **answers)


def _round(complex_, name: str, held_on: datetime.date, scores) -> SurveyRound:
    round_ = SurveyRound.objects.create(complex=complex_, name=name, held_on=held_on)
    for score in scores:
        _response(round_, score)
    return round_


# Start in 2024-W10, end in 2024-W35; a year and a quarter later every window is over.
START = datetime.date(2024, 3, 6)


END = datetime.date(2024, 8, 30)


LATER = datetime.date(2025, 12, 1)


LIST = reverse("interventions:intervention_list")


def _history(complex_, *, start, end, before, during, after, first=None, last=None, weeks=None):
    """Weekly snapshots of ``complex_`` from ``first`` to ``last``: index ``before`` up to the
    start week, ``during`` through the end week, ``after`` since (a number, or a function of the
    week's Monday). ``weeks`` overrides single weeks ({Week: index or None for "no data"}, a
    week mapped to ``...`` gets no snapshot at all)."""
    first = Week.of(first or start - datetime.timedelta(weeks=12))
    last = Week.of(last or today())
    start_monday, end_monday = Week.of(start).monday, Week.of(end).monday if end else None
    rows, week = [], first
    while week <= last:
        if week.monday < start_monday:
            index = before
        elif end_monday is None or week.monday <= end_monday:
            index = during
        else:
            index = after(week.monday) if callable(after) else after
        index = (weeks or {}).get(week, index)
        if index is not ...:
            rows.append(
                IndicatorSnapshot(
                    complex=complex_,
                    year=week.year,
                    week=week.week,
                    week_start=week.monday,
                    index=None if index is None else Decimal(index),
                    status=Status.NO_DATA if index is None else Status.AMBER,
                    calculated_at=timezone.now(),
                )
            )
        week = week.shifted(1)
    IndicatorSnapshot.objects.bulk_create(rows)


def _intervention(complex_, *, start=START, end=END, **history):
    status = InterventionStatus.COMPLETED if end else InterventionStatus.RUNNING
    intervention = InterventionFactory(complex=complex_, start=start, end=end, status=status)
    if history:
        history.setdefault("last", LATER if start == START else None)
        _history(complex_, start=start, end=end, **history)
    return intervention


def _lasting_intervention(complex_, *, after=55):
    """An intervention a year and a half ago, with its index history up to today."""
    start = today() - datetime.timedelta(days=600)
    end = start + datetime.timedelta(days=100)
    return _intervention(complex_, start=start, end=end, before=40, during=60, after=after)


def _detail(intervention) -> str:
    return reverse("interventions:intervention_detail", args=[intervention.pk])
