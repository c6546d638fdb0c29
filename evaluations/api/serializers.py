"""Serializers of the evaluations app's API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complexes.models import Complex, Corporation, District
from evaluations import selectors
from evaluations.choices import ITEM_FIELDS, LONELINESS_ITEMS, Answer, Component, Scope
from evaluations.models import BudgetScenario, IndicatorSnapshot, SurveyResponse, SurveyRound
from leefbaarheid.api.base import VisibleRelatedField

# Indicators -------------------------------------------------------------------------------------


class IndicatorComponentSerializer(serializers.Serializer):
    """One component of a snapshot: its value from 0 to 1 (null for "no data", never 0) and the
    raw inputs it was calculated from."""

    value = serializers.FloatField(
        allow_null=True,
        read_only=True,
        help_text=_("From 0 to 1; null when the component has no data."),
    )
    inputs = serializers.DictField(
        read_only=True, help_text=_("The raw figures the value comes from.")
    )


# Every component as a field of its own, so the schema names them.
IndicatorComponentsSerializer = type(
    "IndicatorComponentsSerializer",
    (serializers.Serializer,),
    {
        **{
            str(name): IndicatorComponentSerializer(read_only=True, help_text=label)
            for name, label in Component.choices
        },
        "__doc__": "The components of the cohesion index, each with its value and inputs.",
    },
)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "decimal"},
        "example": {"hours": "1.00", "galleries": "1.00"},
    }
)
class DecimalTextMapField(serializers.DictField):
    """A JSON object of names to decimal strings, as a snapshot stores its weights."""

    child = serializers.CharField()


class IndicatorSnapshotSerializer(serializers.ModelSerializer):
    """The cohesion index of one complex in one ISO week: the index (0–100, a decimal string,
    null without data), the status, every component with its inputs, and the weights and
    thresholds it was calculated with."""

    complex_name = serializers.CharField(source="complex.name", read_only=True)
    corporation = serializers.IntegerField(source="complex.corporation_id", read_only=True)
    district = serializers.IntegerField(source="complex.district_id", read_only=True)
    components = IndicatorComponentsSerializer(read_only=True)
    weights = DecimalTextMapField(read_only=True)
    thresholds = DecimalTextMapField(read_only=True)
    index_vs_city = serializers.SerializerMethodField(
        help_text=_(
            "The index against the mean index of all senior complexes in the city that week "
            "(not only those the caller sees), 100 being the city average as in Rotterdam's "
            "Wijkprofiel: round(100 × index / city mean). Null without an index or a city mean."
        )
    )

    class Meta:
        model = IndicatorSnapshot
        fields = [
            "id",
            "complex",
            "complex_name",
            "corporation",
            "district",
            "year",
            "week",
            "week_start",
            "index",
            "index_vs_city",
            "status",
            "components",
            "weights",
            "thresholds",
            "calculated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_index_vs_city(self, snapshot) -> int | None:
        # The view's queryset carries ``city_mean`` (``selectors.with_city_mean``).
        return selectors.snapshot_index_vs_city(snapshot)


# Surveys ----------------------------------------------------------------------------------------

ANSWER_ERROR = _("Choose yes, more or less, or no, or leave the item empty.")


def _survey_complexes(user):
    """Rounds are held in the complexes the caller enters surveys in: a professional's
    assigned ones, every complex for the functional admin."""
    return Complex.objects.visible_to(user)


class SurveyLevelsSerializer(serializers.Serializer):
    not_lonely = serializers.IntegerField(help_text=_("Valid responses scoring 0–1."))
    moderate = serializers.IntegerField(help_text=_("Valid responses scoring 2–4."))
    severe = serializers.IntegerField(help_text=_("Valid responses scoring 5–6."))


class SurveyItemResultSerializer(serializers.Serializer):
    item = serializers.CharField(help_text=_("The item's field name."))
    wording = serializers.CharField()
    lonely = serializers.IntegerField(help_text=_("Lonely answers among the valid responses."))
    answered = serializers.IntegerField(help_text=_("Valid responses that answered the item."))
    share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text=_("Lonely answers as a percentage of those answering the item."),
    )


def _level_share():
    return serializers.DecimalField(max_digits=4, decimal_places=1)


class SurveyLevelSharesSerializer(serializers.Serializer):
    not_lonely = _level_share()
    moderate = _level_share()
    severe = _level_share()


class SurveyResultsSerializer(serializers.Serializer):
    mean_score = serializers.DecimalField(max_digits=3, decimal_places=2)
    mean_rounded = serializers.IntegerField(
        help_text=_("The mean score rounded to a whole score (half-way up): what is banded.")
    )
    level = serializers.CharField(
        help_text=_("The level of the mean score rounded to a whole score (mean_rounded).")
    )
    levels = SurveyLevelsSerializer()
    level_shares = SurveyLevelSharesSerializer(
        help_text=_(
            "Valid responses per level, each by its own score, as a percentage with one "
            "decimal; the three add up to 100."
        )
    )
    items = SurveyItemResultSerializer(many=True)


def survey_results_data(results: dict) -> dict | None:
    """A round's results as the API gives them: None below the minimum of valid responses."""
    if not results["shown"]:
        return None
    data = {
        "mean_score": results["mean_score"],
        "mean_rounded": results["mean_rounded"],
        "level": str(results["level"]),
        "levels": {str(level): count for level, count in results["levels"].items()},
        "level_shares": {str(level): share for level, share in results["level_shares"].items()},
        "items": [
            {
                "item": item["field"],
                "wording": str(item["wording"]),
                "lonely": item["lonely"],
                "answered": item["answered"],
                "share": item["share"],
            }
            for item in results["items"]
        ],
    }
    return SurveyResultsSerializer(data).data


class SurveyRoundSerializer(serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_survey_complexes)
    responses = serializers.IntegerField(
        source="response_count", read_only=True, help_text=_("Responses entered.")
    )
    valid_responses = serializers.IntegerField(
        source="valid_count",
        read_only=True,
        help_text=_("Responses with a score (at most one item unanswered)."),
    )
    results = serializers.SerializerMethodField(
        help_text=_(
            "Null below the minimum of valid responses (5 or more, a setting), so no answer "
            "can be traced to a person."
        )
    )

    class Meta:
        model = SurveyRound
        fields = [
            "id",
            "complex",
            "name",
            "held_on",
            "note",
            "responses",
            "valid_responses",
            "results",
        ]
        # The name's uniqueness within a complex is the service's check (answered on "name").
        validators: list = []

    @extend_schema_field(SurveyResultsSerializer(allow_null=True))
    def get_results(self, round_) -> dict | None:
        by_round = self.context.get("survey_results") or {}
        results = by_round.get(round_.pk)
        if results is None:
            results = selectors.survey_results(round_.responses.all())
        return survey_results_data(results)


# A pattern rather than an enum: the schema's enum components are named after the field, and
# six fields with one set of answers would make six names for it. The pattern takes no blank:
# drf-spectacular adds the blank as a second branch of a ``oneOf`` (``allow_blank``), and a
# blank matching both branches would break the schema's own ``oneOf``.
@extend_schema_field({"type": "string", "pattern": "^(yes|more_or_less|no)$"})
class AnswerField(serializers.ChoiceField):
    """An answer to one item: yes, more_or_less or no; empty (or left out) when unanswered."""


def _answer_field(field: str, wording) -> serializers.ChoiceField:
    return AnswerField(
        choices=Answer.choices,
        required=False,
        allow_blank=True,
        help_text=wording,
        error_messages={"invalid_choice": ANSWER_ERROR},
    )


class SurveyResponseSerializer(serializers.ModelSerializer):
    """One paper questionnaire: each item yes / more_or_less / no, or empty (or left out) when
    unanswered. The score is the number of lonely answers, null with more than one unanswered."""

    scored = serializers.SerializerMethodField(
        help_text=_("False when more than one item was unanswered: then there is no score.")
    )

    class Meta:
        model = SurveyResponse
        fields = ["id", "round", *ITEM_FIELDS, "score", "scored"]
        read_only_fields = ["id", "round", "score"]

    def get_fields(self):
        fields = super().get_fields()
        for field, wording, _lonely in LONELINESS_ITEMS:
            fields[field] = _answer_field(field, wording)
        return fields

    def get_scored(self, response) -> bool:
        return response.score is not None


# Budget -----------------------------------------------------------------------------------------


class BudgetScenarioListSerializer(serializers.ListSerializer):
    """Counts the live scopes of a whole page of scenarios in one query."""

    def to_representation(self, data):
        scenarios = list(data.all() if hasattr(data, "all") else data)
        self.context["scenario_counts"] = selectors.scenario_counts(scenarios)
        self.context["budget_calendar"] = selectors.budget_calendar()
        return super().to_representation(scenarios)


class BudgetScenarioSerializer(serializers.ModelSerializer):
    """A welfare budget scenario. ``total`` = complexes × hours per week × hourly rate × weeks
    per year, computed by the server. On write ``complex_count`` is the fixed number (needed
    when ``scope`` is "fixed", the default); on read it is the number the total counts: the
    fixed number, or the live count of senior complexes in the scope. ``hours_per_week`` and
    ``weeks_per_year`` written as null follow the welfare calendar (its norm and its funded
    weeks of this year); on read they are the numbers the total uses, and
    ``hours_follow_norm``/``weeks_follow_calendar`` say whether they came from the calendar."""

    scope = serializers.ChoiceField(
        choices=Scope.choices,
        required=False,
        help_text=_("Which complexes count; “fixed” (the default) uses complex_count."),
    )
    complex_count = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=10000,
        help_text=_("Write: the fixed number of complexes. Read: the number the total counts."),
    )
    corporation = VisibleRelatedField(Corporation, required=False, allow_null=True)
    district = VisibleRelatedField(District, required=False, allow_null=True)
    total = serializers.SerializerMethodField(
        help_text=_("complexes × hours per week × hourly rate × weeks per year")
    )
    per_complex = serializers.SerializerMethodField(
        help_text=_("hours per week × hourly rate × weeks per year")
    )
    hours_follow_norm = serializers.SerializerMethodField(
        help_text=_("The hours per week are the welfare calendar's norm.")
    )
    weeks_follow_calendar = serializers.SerializerMethodField(
        help_text=_("The weeks per year are the funded weeks of this year's welfare calendar.")
    )

    class Meta:
        model = BudgetScenario
        list_serializer_class = BudgetScenarioListSerializer
        fields = [
            "id",
            "name",
            "complex_count",
            "hours_per_week",
            "hourly_rate",
            "weeks_per_year",
            "total",
            "scope",
            "corporation",
            "district",
            "per_complex",
            "hours_follow_norm",
            "weeks_follow_calendar",
            "note",
        ]

    def validate(self, attrs):
        if self.instance is None:
            attrs.setdefault("scope", Scope.FIXED)
        return attrs

    def _count(self, scenario: BudgetScenario) -> int:
        counts = self.context.get("scenario_counts") or {}
        if scenario.pk in counts:
            return counts[scenario.pk]
        return selectors.scenario_count(scenario)

    def _calendar(self):
        if "budget_calendar" not in self.context:
            self.context["budget_calendar"] = selectors.budget_calendar()
        return self.context["budget_calendar"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["complex_count"] = self._count(instance)
        hours, weeks = instance.terms(self._calendar())
        data["hours_per_week"] = f"{hours:.2f}"
        data["weeks_per_year"] = weeks
        return data

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_total(self, scenario: BudgetScenario) -> str:
        return str(scenario.total_for(self._count(scenario), self._calendar()))

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_per_complex(self, scenario: BudgetScenario) -> str:
        return str(scenario.per_complex(self._calendar()))

    def get_hours_follow_norm(self, scenario: BudgetScenario) -> bool:
        return scenario.hours_per_week is None

    def get_weeks_follow_calendar(self, scenario: BudgetScenario) -> bool:
        return scenario.weeks_per_year is None


class BudgetLineSerializer(serializers.Serializer):
    """One row of a scenario's figures: a district, corporation or complex, or the total."""

    key = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()
    complexes = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    norm = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    actual = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    gap = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class BudgetFiguresSerializer(serializers.Serializer):
    """A scenario's figures for the year so far (``selectors.scenario_figures``)."""

    year = serializers.IntegerField()
    through_week = serializers.IntegerField(
        allow_null=True,
        help_text=_("The last complete week counted; null while being calculated."),
    )
    weeks_in_year = serializers.IntegerField()
    funded_weeks = serializers.IntegerField(
        help_text=_("The funded weeks of the year in the municipality's welfare calendar.")
    )
    funded_elapsed = serializers.IntegerField(
        allow_null=True, help_text=_("Of those, the weeks up to and including through_week.")
    )
    refreshed_at = serializers.DateTimeField(allow_null=True)
    compared = serializers.IntegerField(help_text=_("The senior complexes the figures are about."))
    compares_all = serializers.BooleanField(
        help_text=_(
            "True for a fixed number: its total is spread over all senior complexes in the "
            "database."
        )
    )
    by = serializers.CharField()
    total = BudgetLineSerializer(source="city")
    rows = BudgetLineSerializer(many=True)
