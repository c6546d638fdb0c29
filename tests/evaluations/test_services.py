"""The evaluations services: the De Jong Gierveld 6-item scale as DESIGN.md scores it and
the service that enters a paper questionnaire; the recalculation of the cohesion index (weights
and thresholds kept with every snapshot, idempotent, set-based and never half-written)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from evaluations import services
from evaluations.choices import ITEM_FIELDS, Answer, Component, Status
from evaluations.models import IndicatorSnapshot, SurveyResponse
from evaluations.services import loneliness_score
from leefbaarheid.weeks import Week
from residents.choices import GroupKind
from residents.models import Membership
from tests.evaluations.helpers import (
    LONG_AGO,
    THIS_WEEK,
    TODAY,
    _hours,
    _recalculate,
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
from tests.surveys import LONELY, NOT_LONELY, SurveyRoundFactory, answers

pytestmark = pytest.mark.django_db


def test_thresholds_edited_in_the_settings_change_the_status_on_recalculation(
    complex_, functional_admin
):
    assert _snapshot(complex_).status == Status.RED  # 47.5
    services.indicator_settings_update(
        user=functional_admin, data={"red_below": Decimal(40), "green_from": Decimal(60)}
    )
    snapshot = _snapshot(complex_)
    assert snapshot.status == Status.AMBER
    assert snapshot.thresholds["red_below"] == "40.0"
    assert snapshot.thresholds["green_from"] == "60.0"
    services.indicator_settings_update(user=functional_admin, data={"green_from": Decimal(45)})
    assert _snapshot(complex_).status == Status.GREEN


def test_weights_are_stored_with_the_snapshot_and_kept_until_recalculated(
    complex_, functional_admin
):
    before = _snapshot(complex_)
    assert before.weights == {component.value: "1.00" for component in Component}
    services.indicator_settings_update(user=functional_admin, data={"weight_occupancy": 3})
    before.refresh_from_db()
    # The old week still says how it was judged.
    assert before.weights["occupancy"] == "1.00"
    assert (before.index, before.status) == (Decimal("47.5"), Status.RED)
    after = _snapshot(complex_)
    assert after.weights["occupancy"] == "3.00"
    assert after.index == Decimal("71.3")  # (3 × 0.95 + 0) / 4, rounded half up
    assert after.status == Status.GREEN
    assert after.calculated_at > before.calculated_at


# Recalculation -----------------------------------------------------------------------------------
def _lively(count: int, professional) -> list:
    """Complexes with some of every input, so every query of the engine has rows to fetch."""
    complexes = []
    for _ in range(count):
        complex_ = ComplexFactory(units=40, vacant_units=2)
        person, newcomer = ResidentFactory.create_batch(2, complex=complex_)
        newcomer.moved_in = datetime.date(2024, 12, 1)
        newcomer.consent_contact_person = True
        newcomer.save()
        GalleryFactory(complex=complex_, contact_person=newcomer, contact_since=TODAY)
        OccupancySnapshotFactory(complex=complex_, date=datetime.date(2025, 1, 1))
        _hours(complex_, professional, THIS_WEEK.shifted(-1), 3)
        group = ResidentGroupFactory(complex=complex_, kind=GroupKind.CORE_GROUP)
        Membership.objects.create(group=group, resident=person, joined=LONG_AGO)
        ActivityFactory(complex=complex_, date=TODAY, attendees=[person, newcomer])
        MutualHelpFactory(complex=complex_, month=TODAY.replace(day=1), residents=[person])
        _round(complex_, "Voorjaar", datetime.date(2025, 2, 1), [1, 2, 3, 1, 0])
        complexes.append(complex_)
    return complexes


def _rows() -> list[tuple]:
    return list(
        IndicatorSnapshot.objects.order_by("pk").values_list(
            "pk", "complex", "year", "week", "week_start", "index", "status", "components",
            "weights", "thresholds", "calculated_at",
        )
    )  # fmt: skip


def test_recalculating_twice_writes_nothing_the_second_time(professional):
    complexes = _lively(3, professional)
    first = THIS_WEEK.shifted(-12)
    assert _recalculate(*complexes, first=first) == 3 * 13
    rows = _rows()
    assert _recalculate(*complexes, first=first) == 0
    assert _rows() == rows
    # A changed input rewrites only the weeks it changes.
    ActivityFactory(complex=complexes[0], date=TODAY, head_count=30)
    assert _recalculate(*complexes, first=first) == 1


def test_only_senior_complexes_get_snapshots(complex_):
    ComplexFactory(is_senior=False)
    services.indicators_recalculate(first=THIS_WEEK, last=THIS_WEEK, today=TODAY)
    assert list(IndicatorSnapshot.objects.values_list("complex", flat=True)) == [complex_.pk]


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_the_query_count_does_not_grow_with_complexes_or_weeks(professional):
    few, many, others = (_lively(count, professional) for count in (2, 12, 2))
    first = THIS_WEEK.shifted(-7)
    for_few = _queries(lambda: _recalculate(*few, first=first))
    for_many = _queries(lambda: _recalculate(*many, first=first))
    for_more_weeks = _queries(lambda: _recalculate(*others, first=THIS_WEEK.shifted(-40)))
    # Every run wrote all its rows, each in one batch of the upsert (under 99 rows, SQLite's
    # batch; only the batches of a larger run add a query per hundreds of rows) ...
    assert IndicatorSnapshot.objects.count() == 14 * 8 + 2 * 41
    # ... in the same number of queries.
    assert for_few == for_many == for_more_weeks


def test_the_city_wide_run_stays_within_a_fixed_number_of_queries(
    professional, django_assert_max_num_queries
):
    _lively(12, professional)
    with django_assert_max_num_queries(26):  # 25 and the welfare calendars
        services.indicators_recalculate(first=THIS_WEEK.shifted(-25), today=TODAY)


def test_a_failure_mid_write_leaves_no_row_of_that_run(monkeypatch):
    # 10 complexes × 53 weeks = 530 rows: two batches of the upsert.
    complexes = ComplexFactory.create_batch(10)
    first, last = THIS_WEEK.shifted(-52), THIS_WEEK
    original, batches = QuerySet._insert, []

    def insert_then_fail(self, objs, *args, **kwargs):
        if self.model is IndicatorSnapshot:
            batches.append(len(objs))
            if len(batches) == 2:
                raise DatabaseError("connection lost after the first batch")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "_insert", insert_then_fail)
    with pytest.raises(DatabaseError):
        _recalculate(*complexes, first=first, last=last)
    assert len(batches) == 2  # the first batch went in, then the connection broke
    assert not IndicatorSnapshot.objects.exists()

    # Over rows that exist, a failed run leaves every one as it was.
    monkeypatch.setattr(QuerySet, "_insert", original)
    assert _recalculate(*complexes, first=first, last=last) == 530
    rows = _rows()
    _settings(weight_occupancy=Decimal(2))
    batches.clear()
    monkeypatch.setattr(QuerySet, "_insert", insert_then_fail)
    with pytest.raises(DatabaseError):
        _recalculate(*complexes, first=first, last=last)
    assert len(batches) == 2
    assert _rows() == rows


def test_an_edit_recalculates_the_recent_weeks_or_back_to_the_week_it_touched(settings, complex_):
    settings.INDICATOR_RECENT_WEEKS = 4
    assert services.recalculation_weeks(today=TODAY) == (THIS_WEEK.shifted(-3), THIS_WEEK)
    since = THIS_WEEK.shifted(-20)
    assert services.recalculation_weeks(today=TODAY, since=since) == (since, THIS_WEEK)
    # Never further back than the history kept, however old the edit.
    assert services.recalculation_weeks(today=TODAY, since=Week(2001, 1)) == (
        THIS_WEEK.shifted(1 - settings.INDICATOR_HISTORY_WEEKS),
        THIS_WEEK,
    )
    assert services.indicators_recalculate_complex(complex_id=complex_.pk, today=TODAY) == 4
    assert (
        services.indicators_recalculate_complex(complex_id=complex_.pk, since=since, today=TODAY)
        == 21 - 4
    )


YES, MORE_OR_LESS, NO = Answer.YES, Answer.MORE_OR_LESS, Answer.NO


EMOTIONAL = ("emptiness", "miss_people", "rejected")


SOCIAL = ("rely_on", "trust", "close_to")


def test_the_items_are_three_emotional_then_three_social():
    assert ITEM_FIELDS == EMOTIONAL + SOCIAL


# The scoring table -------------------------------------------------------------------------------
def _row(emotional: tuple, social: tuple) -> dict:
    return dict(zip(ITEM_FIELDS, emotional + social, strict=True))


@pytest.mark.parametrize(
    ("emotional", "social", "score"),
    [
        # Nobody lonely: no emptiness, plenty of people.
        ((NO, NO, NO), (YES, YES, YES), 0),
        # Everything lonely: emptiness, nobody to rely on.
        ((YES, YES, YES), (NO, NO, NO), 6),
        # "More or less" counts as lonely on both kinds of item.
        ((MORE_OR_LESS,) * 3, (MORE_OR_LESS,) * 3, 6),
        # Yes everywhere: lonely on the emotional items only.
        ((YES, YES, YES), (YES, YES, YES), 3),
        # No everywhere: lonely on the social items only.
        ((NO, NO, NO), (NO, NO, NO), 3),
        ((YES, NO, NO), (YES, YES, YES), 1),
        ((NO, NO, NO), (YES, MORE_OR_LESS, YES), 1),
        ((YES, MORE_OR_LESS, NO), (YES, NO, YES), 3),
        ((YES, YES, MORE_OR_LESS), (NO, MORE_OR_LESS, YES), 5),
        # One item unanswered: the count over the five answered.
        ((YES, YES, ""), (NO, NO, NO), 5),
        (("", NO, NO), (YES, YES, YES), 0),
        ((NO, NO, NO), (YES, YES, ""), 0),
        ((MORE_OR_LESS, MORE_OR_LESS, MORE_OR_LESS), (MORE_OR_LESS, "", MORE_OR_LESS), 5),
        # Two or more unanswered: no valid total.
        ((YES, YES, ""), (NO, "", NO), None),
        (("", "", NO), (YES, YES, YES), None),
        (("", "", ""), ("", "", ""), None),
    ],
)
def test_the_score_follows_the_scoring_table(emotional, social, score):
    assert loneliness_score(_row(emotional, social)) == score


def test_an_item_left_out_of_the_answers_counts_as_unanswered():
    present = {field: LONELY[field] for field in ITEM_FIELDS[:5]}
    assert loneliness_score(present) == 5
    assert loneliness_score({field: LONELY[field] for field in ITEM_FIELDS[:4]}) is None


# The rule as a property --------------------------------------------------------------------------
ANSWER = st.sampled_from([YES, MORE_OR_LESS, NO, ""])


def _lonely(field: str, value: str) -> bool:
    if field in EMOTIONAL:
        return value in (YES, MORE_OR_LESS)
    return value in (NO, MORE_OR_LESS)


@given(st.fixed_dictionaries(dict.fromkeys(ITEM_FIELDS, ANSWER)))
def test_the_score_is_the_number_of_lonely_answers_or_none_with_two_missing(values):
    score = loneliness_score(values)
    missing = sum(1 for value in values.values() if not value)
    if missing > 1:
        assert score is None
        return
    assert score == sum(1 for field, value in values.items() if _lonely(field, value))
    assert 0 <= score <= 6 - missing


@given(st.lists(st.sampled_from(ITEM_FIELDS), unique=True), st.booleans())
def test_swapping_a_not_lonely_answer_for_a_lonely_one_adds_one(lonely_fields, more_or_less):
    values = {
        field: (LONELY[field] if field in lonely_fields else NOT_LONELY[field])
        for field in ITEM_FIELDS
    }
    if more_or_less:
        values = {
            field: MORE_OR_LESS if field in lonely_fields else value
            for field, value in values.items()
        }
    assert loneliness_score(values) == len(lonely_fields)


# Entering a questionnaire ------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_service_stores_the_answers_and_their_score(own_complex, welfare_professional):
    round_ = SurveyRoundFactory(complex=own_complex)
    response = services.survey_response_add(
        round_=round_, user=welfare_professional, answers=answers(4)
    )
    response.refresh_from_db()
    assert response.score == 4
    assert response.entered_by == welfare_professional
    assert {field: getattr(response, field) for field in ITEM_FIELDS} == answers(4)


@pytest.mark.django_db
def test_the_service_keeps_a_questionnaire_with_two_items_missing_without_score(
    own_complex, welfare_professional
):
    round_ = SurveyRoundFactory(complex=own_complex)
    response = services.survey_response_add(
        round_=round_, user=welfare_professional, answers=answers(6, missing=2)
    )
    assert SurveyResponse.objects.get(pk=response.pk).score is None


@pytest.mark.django_db
def test_the_service_refuses_an_unknown_answer_and_an_empty_questionnaire(
    own_complex, welfare_professional
):
    round_ = SurveyRoundFactory(complex=own_complex)
    with pytest.raises(ValidationError) as bad:
        services.survey_response_add(
            round_=round_, user=welfare_professional, answers={**answers(1), "trust": "maybe"}
        )
    assert list(bad.value.message_dict) == ["trust"]
    with pytest.raises(ValidationError) as empty:
        services.survey_response_add(round_=round_, user=welfare_professional, answers={})
    assert list(empty.value.message_dict) == ["emptiness"]
    assert not SurveyResponse.objects.exists()
