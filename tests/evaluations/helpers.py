"""Helpers shared by several test modules of the evaluations app: budget scenarios, the
index recalculated on factory data, the recalculation's week, interventions with a
history of weekly snapshots, the index screens' addresses, city and autouse English (bound by
those modules: they differ from the conftest's), and the survey screens' addresses and answers."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
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
from tests.factories import (
    GalleryFactory,
    HoursEntryFactory,
    InterventionFactory,
    ResidentFactory,
    last_week,
)
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


SETTINGS = reverse("evaluations:indicator_settings")


@pytest.fixture(autouse=True)
def _english(client):
    """The screens in English, the words these tests look for."""
    client.cookies.load({"django_language": "en"})


def page_url(complex_) -> str:
    return reverse("evaluations:complex_indicator", args=[complex_.pk])


def url(base: str, **query) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def galleries(complex_, total: int, covered: int) -> None:
    """``total`` galleries of which ``covered`` have had a contact person for a year."""
    since = today() - datetime.timedelta(days=365)
    for number in range(total):
        person = None
        if number < covered:
            person = ResidentFactory(complex=complex_, name=f"Contact {complex_.pk}-{number}")
        GalleryFactory(
            complex=complex_,
            name=f"Galerij {number + 1}",
            contact_person=person,
            contact_since=since if person else None,
        )


def log_hours(complex_, professional, weeks_back: int, hours: str) -> None:
    """Hours ``weeks_back`` weeks before the last complete week (0 = that week)."""
    week = last_week().shifted(-weeks_back)
    HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        hours=Decimal(hours),
    )


def recalculate() -> None:
    services.indicators_recalculate(today=today())


@pytest.fixture
def city(own_complex, anker, foreign_complex, welfare_professional):
    """Three senior complexes, their index calculated by the engine:

    - De Meidoorn (own, wendy): 5 of 6 galleries covered, 8.50 h in the last 4 complete weeks,
      3 of 60 units vacant, no core group → (0.5313 + 0.8333 + 0.95 + 0) / 4 = 57.9, amber;
    - Het Anker (own corporation, same district): 0 of 4 galleries covered, no hours, no core
      group → (0 + 0.95 + 0) / 3 = 31.7, red;
    - Huize Linde (other corporation): no galleries, no hours → (0.95 + 0) / 2 = 47.5, red.
    """
    galleries(own_complex, 6, 5)
    log_hours(own_complex, welfare_professional, 0, "4")
    log_hours(own_complex, welfare_professional, 2, "4.5")
    galleries(anker, 4, 0)
    recalculate()
    return {"meidoorn": own_complex, "anker": anker, "linde": foreign_complex}


def newest(complex_) -> IndicatorSnapshot:
    return IndicatorSnapshot.objects.filter(complex=complex_).order_by("-week_start").first()


CREATE_URL = reverse("evaluations:survey_create")


HTMX = {"HTTP_HX_REQUEST": "true"}


def detail_url(round_) -> str:
    return reverse("evaluations:survey_detail", args=[round_.pk])


def entry_url(round_) -> str:
    return reverse("evaluations:survey_response_add", args=[round_.pk])


def delete_url(round_) -> str:
    return reverse("evaluations:survey_delete", args=[round_.pk])


def post_answers(client, round_, values: dict, **extra):
    return client.post(entry_url(round_), values, **extra)


# Where to act -----------------------------------------------------------------------------------

STATUS_INDEX = {Status.RED: "30.0", Status.AMBER: "50.0", Status.GREEN: "80.0"}
# Occupancy costs the most points, then the hours; the galleries are perfect.
ACT_COMPONENTS = {
    "hours": {"value": 0.6, "inputs": {}},
    "occupancy": {"value": 0.2, "inputs": {}},
    "galleries": {"value": 1.0, "inputs": {}},
}
ACT_WEIGHTS = {"hours": "1", "occupancy": "1", "galleries": "1"}


def statuses(complex_, *history: str, last: Week = THIS_WEEK) -> None:
    """Weekly snapshots of ``complex_`` with the statuses ``history``, oldest first, the last
    one in week ``last``."""
    first = last.shifted(1 - len(history))
    rows = []
    for offset, status in enumerate(history):
        week = first.shifted(offset)
        index = STATUS_INDEX.get(status)
        rows.append(
            IndicatorSnapshot(
                complex=complex_,
                year=week.year,
                week=week.week,
                week_start=week.monday,
                index=None if index is None else Decimal(index),
                status=status,
                components=ACT_COMPONENTS,
                weights=ACT_WEIGHTS,
                calculated_at=timezone.now(),
            )
        )
    IndicatorSnapshot.objects.bulk_create(rows)


def red(weeks: int = 1) -> tuple[str, ...]:
    """Green, then red for ``weeks`` weeks."""
    return (Status.GREEN,) + (Status.RED,) * weeks


def amber(weeks: int) -> tuple[str, ...]:
    """Green, then amber for ``weeks`` weeks."""
    return (Status.GREEN,) + (Status.AMBER,) * weeks
