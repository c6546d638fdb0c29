"""The loneliness results of a survey round: the levels 0–1 / 2–4 / 5–6, a mean
score rounded to its level, and results only from five valid responses."""

from decimal import Decimal

import pytest

from evaluations import selectors
from evaluations.choices import LonelinessLevel
from tests.surveys import SurveyRoundFactory, respond_many


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
