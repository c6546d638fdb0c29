"""Reads of the loneliness surveys: rounds scoped to the user, and their results, shown only
from the minimum of valid responses on so no answer can be traced to a person."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from evaluations.choices import ITEM_FIELDS, LONELINESS_ITEMS, LonelinessLevel
from evaluations.models import SurveyResponse, SurveyRound
from evaluations.selectors.indicators import indicator_settings
from leefbaarheid import numbers


def survey_round_list(*, user) -> QuerySet[SurveyRound]:
    return (
        SurveyRound.objects.visible_to(user)
        .select_related("complex", "complex__corporation", "complex__district")
        .annotate(
            response_count=Count("responses"),
            valid_count=Count("responses", filter=Q(responses__score__isnull=False)),
        )
    )


def survey_round_get(*, user, pk) -> SurveyRound:
    return get_object_or_404(survey_round_list(user=user), pk=pk)


def survey_results(responses: QuerySet[SurveyResponse], *, minimum: int | None = None) -> dict:
    """Results of a group of responses (a round, or several): counts always; the mean score, the
    levels and the share of lonely answers per item only from ``minimum`` valid responses on
    (``shown`` says which), so no answer can be traced to a person."""
    minimum = minimum or indicator_settings().survey_min_responses
    return _results_of(list(responses.values("score", *ITEM_FIELDS)), minimum)


def _share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage with one decimal (None of nothing)."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def mean_score(value) -> Decimal:
    """A mean score (a Decimal, or the float the database averages to) to two decimals."""
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rounded_score(score) -> int:
    """The whole score a mean is banded by: the nearest whole number, half-way up (1,5 → 2)."""
    return int(Decimal(str(score)).quantize(Decimal(1), ROUND_HALF_UP))


# The scale's bands on a person's whole score 0–6: the one definition every count and label uses.
LEVEL_BANDS = {
    LonelinessLevel.NOT_LONELY.value: (0, 1),
    LonelinessLevel.MODERATE.value: (2, 4),
    LonelinessLevel.SEVERE.value: (5, 6),
}


def loneliness_level(score) -> str:
    """The level of a score on the 0–6 scale, by the scale's bands (0–1, 2–4, 5–6). The bands
    belong to one person's whole score; a group's mean is banded by ``rounded_score``, the
    one rule every screen and the API use."""
    whole = rounded_score(score)
    for level, (_low, high) in LEVEL_BANDS.items():
        if whole <= high:
            return LonelinessLevel(level)
    return LonelinessLevel.SEVERE


def level_counts(scores) -> dict[str, int]:
    """How many of ``scores`` (whole scores of valid responses) fall in each level."""
    counts = dict.fromkeys(LonelinessLevel.values, 0)
    for score in scores:
        counts[loneliness_level(score)] += 1
    return counts


def level_shares(counts: dict[str, int]) -> dict[str, Decimal | None]:
    """The levels' counts as percentages with one decimal that add up to 100, as the published
    monitors give the share of respondents per level."""
    return dict(zip(counts, numbers.shares(counts.values(), places=1), strict=True))


def _results_of(rows: list[dict], minimum: int) -> dict:
    """``survey_results`` over rows of ``score`` and the six answers, read once."""
    valid_rows = [row for row in rows if row["score"] is not None]
    valid = [row["score"] for row in valid_rows]
    result: dict[str, Any] = {
        "responses": len(rows),
        "valid": len(valid),
        "minimum": minimum,
        "shown": len(valid) >= minimum,
    }
    if not result["shown"]:
        return result
    mean = Decimal(sum(valid)) / len(valid)
    result["mean_score"] = mean.quantize(Decimal("0.01"), ROUND_HALF_UP)
    # Banded from the mean as shown, so "1,50 → 2" on screen is what was banded.
    result["mean_rounded"] = rounded_score(result["mean_score"])
    result["level"] = loneliness_level(result["mean_score"])
    result["levels"] = level_counts(valid)
    result["level_shares"] = level_shares(result["levels"])
    items = []
    for field, wording, lonely in LONELINESS_ITEMS:
        lonely_count = sum(1 for row in valid_rows if row[field] in lonely)
        answered = sum(1 for row in valid_rows if row[field])
        items.append(
            {
                "field": field,
                "wording": wording,
                "lonely": lonely_count,
                "answered": answered,
                "share": _share(lonely_count, answered),
            }
        )
    result["items"] = items
    return result


def survey_results_by_round(rounds, *, minimum: int | None = None) -> dict[int, dict]:
    """``survey_results`` of each of ``rounds`` (already scoped), in one query for all of them,
    so a page of rounds does not cost a query per round."""
    minimum = minimum or indicator_settings().survey_min_responses
    ids = [round_.pk for round_ in rounds]
    rows: dict[int, list[dict]] = {pk: [] for pk in ids}
    for row in SurveyResponse.objects.filter(round_id__in=ids).values(
        "round_id", "score", *ITEM_FIELDS
    ):
        rows[row["round_id"]].append(row)
    return {pk: _results_of(round_rows, minimum) for pk, round_rows in rows.items()}


SUMMARY_GROUPS = (
    ("district", "round__complex__district_id", "round__complex__district__name"),
    ("corporation", "round__complex__corporation_id", "round__complex__corporation__name"),
)


def survey_summary(rounds: QuerySet[SurveyRound], *, minimum: int | None = None) -> list[dict]:
    """The responses of ``rounds`` (already scoped and filtered) taken together: all of them,
    then per district and per corporation. A group's mean and levels are there only from
    ``minimum`` valid responses on; below it a group has its counts and nothing else.

    Only rounds whose own results are shown take part: were a round below the minimum counted
    in, a total minus the rounds shown beside it (or two filtered totals) would give away its
    answers. Three queries, however many rounds and groups."""
    minimum = minimum or indicator_settings().survey_min_responses
    shown_rounds = (
        SurveyResponse.objects.filter(round__in=rounds.values("pk"), score__isnull=False)
        .values("round")
        .annotate(valid=Count("pk"))
        .filter(valid__gte=minimum)
        .values("round")
    )
    responses = SurveyResponse.objects.filter(round__in=shown_rounds)
    figures = {
        "responses": Count("pk"),
        "valid": Count("score"),
        "mean": Avg("score"),
        **{
            level: Count("pk", filter=Q(score__gte=low, score__lte=high))
            for level, (low, high) in LEVEL_BANDS.items()
        },
    }

    def group(kind: str, label, row: dict) -> dict:
        entry: dict[str, Any] = {
            "kind": kind,
            "label": label,
            "responses": row["responses"],
            "valid": row["valid"],
            "shown": row["valid"] >= minimum,
        }
        if entry["shown"]:
            entry["mean_score"] = mean_score(row["mean"])
            entry["mean_rounded"] = rounded_score(entry["mean_score"])
            entry["level"] = loneliness_level(entry["mean_score"])
            counts = {level: row[level] for level in LonelinessLevel.values}
            shares = level_shares(counts)
            entry["levels"] = {
                level: {"count": count, "share": shares[level]} for level, count in counts.items()
            }
        return entry

    summary = [group("all", None, responses.aggregate(**figures))]
    for kind, key, name in SUMMARY_GROUPS:
        rows = responses.values(key, name).annotate(**figures).order_by(name)
        summary.extend(group(kind, row[name], row) for row in rows)
    return summary
