"""The De Jong Gierveld 6-item scale as DESIGN.md scores it: the number of lonely answers, "more
or less" lonely on every item, emotional items lonely on yes, social items on no; one item
unanswered is counted over the five answered, more than one makes the total invalid; the levels
0–1 / 2–4 / 5–6; and the service that enters a paper questionnaire."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from evaluations import selectors, services
from evaluations.choices import ITEM_FIELDS, Answer, LonelinessLevel
from evaluations.models import SurveyResponse
from evaluations.services import loneliness_score
from tests.surveys import LONELY, NOT_LONELY, SurveyRoundFactory, answers, respond_many

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


# The levels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, LonelinessLevel.NOT_LONELY),
        (1, LonelinessLevel.NOT_LONELY),
        (2, LonelinessLevel.MODERATE),
        (3, LonelinessLevel.MODERATE),
        (4, LonelinessLevel.MODERATE),
        (5, LonelinessLevel.SEVERE),
        (6, LonelinessLevel.SEVERE),
    ],
)
def test_each_score_falls_in_its_level(score, level):
    assert selectors.loneliness_level(score) == level


@pytest.mark.parametrize(
    ("mean", "level"),
    [
        ("1.49", LonelinessLevel.NOT_LONELY),
        ("1.50", LonelinessLevel.MODERATE),
        ("4.49", LonelinessLevel.MODERATE),
        ("4.50", LonelinessLevel.SEVERE),
    ],
)
def test_a_mean_score_is_rounded_to_a_whole_score_for_its_level(mean, level):
    assert selectors.loneliness_level(Decimal(mean)) == level
    assert selectors.loneliness_level(float(mean)) == level


@pytest.mark.django_db
def test_results_count_the_levels_and_lonely_answers_of_valid_responses_only(own_complex):
    round_ = SurveyRoundFactory(complex=own_complex)
    # 0, 1 | 2, 4 | 5, 6: two per level; one invalid questionnaire that must not count.
    respond_many(round_, [0, 1, 2, 4, 5, 6], invalid=1)
    results = selectors.survey_results(round_.responses.all(), minimum=5)
    assert results["responses"] == 7
    assert results["valid"] == 6
    assert results["shown"] is True
    assert results["mean_score"] == Decimal("3.00")
    assert results["levels"] == {
        LonelinessLevel.NOT_LONELY: 2,
        LonelinessLevel.MODERATE: 2,
        LonelinessLevel.SEVERE: 2,
    }
    assert results["level_shares"][LonelinessLevel.SEVERE] == Decimal("33.3")
    # The first item is lonely in the scores 1, 2, 4, 5 and 6: five of the six valid ones.
    first = results["items"][0]
    assert (first["field"], first["lonely"], first["answered"]) == ("emptiness", 5, 6)
    assert first["share"] == Decimal("83.3")
    last = results["items"][-1]
    assert (last["field"], last["lonely"], last["answered"]) == ("close_to", 1, 6)


@pytest.mark.django_db
@pytest.mark.parametrize(("valid", "shown"), [(4, False), (5, True)])
def test_results_appear_from_the_fifth_valid_response(own_complex, valid, shown):
    round_ = SurveyRoundFactory(complex=own_complex)
    respond_many(round_, [3] * valid, invalid=3)
    results = selectors.survey_results(round_.responses.all())
    assert results["shown"] is shown
    assert ("mean_score" in results) is shown
    assert ("levels" in results) is shown
    assert ("items" in results) is shown


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
