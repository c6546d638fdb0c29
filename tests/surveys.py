"""What the survey tests share: a round factory and questionnaires with a chosen score.

Kept apart from tests/factories.py, which every helper of issue 6 would otherwise edit at once.
"""

import datetime

import factory

from evaluations.choices import ITEM_FIELDS, Answer
from evaluations.models import SurveyResponse, SurveyRound
from evaluations.services import loneliness_score
from tests.factories import ComplexFactory
from tests.helpers import today

EMOTIONAL = ITEM_FIELDS[:3]
# The lonely answer and the not-lonely answer of each item: the emotional items are worded
# negatively ("I miss having people around me"), the social ones positively.
LONELY = {field: Answer.YES if field in EMOTIONAL else Answer.NO for field in ITEM_FIELDS}
NOT_LONELY = {field: Answer.NO if field in EMOTIONAL else Answer.YES for field in ITEM_FIELDS}


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: f"Ronde {n}")
    held_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=14))


def answers(score: int, *, missing: int = 0) -> dict[str, str]:
    """Answers whose first ``score`` items are lonely and the rest not, with the last
    ``missing`` items left unanswered."""
    values = {
        field: (LONELY if index < score else NOT_LONELY)[field]
        for index, field in enumerate(ITEM_FIELDS)
    }
    for field in ITEM_FIELDS[len(ITEM_FIELDS) - missing :]:
        values[field] = ""
    return values


def respond(round_, score: int = 0, *, missing: int = 0, entered_by=None) -> SurveyResponse:
    """A questionnaire in ``round_`` straight into the database, scored by the scale's rule."""
    values = answers(score, missing=missing)
    return SurveyResponse.objects.create(
        round=round_, entered_by=entered_by, score=loneliness_score(values), **values
    )


def respond_many(round_, scores, *, invalid: int = 0, entered_by=None) -> None:
    """One questionnaire per score in ``scores``, and ``invalid`` ones with two items
    unanswered (kept, but without a score)."""
    for score in scores:
        respond(round_, score, entered_by=entered_by)
    for _number in range(invalid):
        respond(round_, 0, missing=2, entered_by=entered_by)
