"""Models of the evaluations app: the cohesion index's settings and weekly snapshots, loneliness
survey rounds and their anonymous responses, budget scenarios and the actual hours beside them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, Corporation, District
from evaluations.choices import Answer, Component, Scope, Status
from interventions.calendar import YearCalendar
from interventions.models import FundingQuerySet
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text

WEIGHT_FIELDS = {component.value: f"weight_{component.value}" for component in Component}
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
CENT = Decimal("0.01")
# The evaluation's own budget (seeded by migration 0002): kept, and kept by this name.
REFERENCE_SCENARIO = "Evaluatie 2022"


def _weight(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )


class IndicatorSettings(models.Model):
    """The weights and thresholds of the cohesion index: one row, edited by the functional admin.

    Every snapshot stores the values it was calculated with, so a change here never rewrites
    how an old week was judged unless that week is recalculated.
    """

    weight_hours = _weight(_("weight of welfare hours"))
    weight_galleries = _weight(_("weight of gallery coverage"))
    weight_occupancy = _weight(_("weight of occupancy"))
    weight_core_group = _weight(_("weight of core group"))
    weight_participation = _weight(_("weight of participation"))
    weight_new_tenants = _weight(_("weight of new-tenant reach"))
    weight_mutual_help = _weight(_("weight of mutual help"))
    weight_loneliness = _weight(_("weight of loneliness"))
    red_below = models.DecimalField(
        _("red below"), max_digits=4, decimal_places=1, default=Decimal(50), validators=PERCENT
    )
    green_from = models.DecimalField(
        _("green from"), max_digits=4, decimal_places=1, default=Decimal(70), validators=PERCENT
    )
    core_group_min_members = models.PositiveSmallIntegerField(
        _("members of an active core group"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    survey_min_responses = models.PositiveSmallIntegerField(
        _("fewest responses shown"),
        default=5,
        # Fewer than five answers could point at a person: the floor is fixed, not a setting.
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text=_("Survey results of fewer valid responses are not shown. At least 5."),
    )
    effect_min_gain = models.DecimalField(
        _("smallest effect (index points)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(5),
        validators=PERCENT,
        help_text=_("An intervention had an effect when the index rose at least this much."),
    )
    effect_kept_share = models.PositiveSmallIntegerField(
        _("share of the effect that must last (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("indicator settings")
        verbose_name_plural = _("indicator settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="indicator_settings_single_row"),
        ]

    def __str__(self) -> str:
        return str(_("Indicator settings"))

    def clean(self) -> None:
        super().clean()
        thresholds = (self.red_below, self.green_from)
        if None not in thresholds and self.red_below > self.green_from:
            raise ValidationError(
                {"green_from": _("Green must start at or above the red threshold.")}
            )
        if not any(self.weights().values()):
            raise ValidationError(
                {"weight_hours": _("Give at least one component a weight above 0.")}
            )

    def weights(self) -> dict[str, Decimal]:
        return {
            component: getattr(self, field) or Decimal(0)
            for component, field in WEIGHT_FIELDS.items()
        }

    def thresholds(self) -> dict[str, str]:
        """What a snapshot stores beside the weights (as strings: JSON has no Decimal)."""
        return {
            "red_below": str(self.red_below),
            "green_from": str(self.green_from),
            "core_group_min_members": str(self.core_group_min_members),
            "survey_min_responses": str(self.survey_min_responses),
        }


class IndicatorQuerySet(FundingQuerySet):
    """Indicator snapshots and survey rounds: the municipality and the functional admin read all;
    corporation staff their own complexes', professionals the assigned ones; the team nothing."""


class IndicatorSnapshot(models.Model):
    """The cohesion index of one complex in one ISO week, with every component's value and raw
    inputs and the weights and thresholds it was calculated with, so the week stays explainable.
    ``index`` is empty and ``status`` "no data" when no component had data."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("complex")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    week_start = models.DateField(
        _("week starting"), db_index=True, validators=[validate_date_in_range]
    )
    index = models.DecimalField(
        _("cohesion index"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # {component: {"value": 0.0–1.0 or null, "inputs": {...}}}
    components = models.JSONField(_("components"), default=dict)
    weights = models.JSONField(_("weights"), default=dict)
    thresholds = models.JSONField(_("thresholds"), default=dict)
    calculated_at = models.DateTimeField(_("calculated"), validators=[validate_date_in_range])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "-week_start"]
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "year", "week"], name="indicator_one_per_complex_week"
            ),
        ]
        indexes = [models.Index(fields=["week_start", "status"], name="indicator_week_status")]

    def __str__(self) -> str:
        return f"{self.complex} {self.year}-W{self.week:02d}"


class SurveyRound(models.Model):
    """A round of the loneliness survey in one complex: its responses are anonymous and its
    results are shown only from ``survey_min_responses`` valid responses on."""

    complex = models.ForeignKey(
        Complex, on_delete=models.PROTECT, related_name="survey_rounds", verbose_name=_("complex")
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    held_on = models.DateField(_("held on"), validators=[validate_date_in_range])
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[validate_plain_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "-held_on"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "name"],
                name="survey_round_name_unique_per_complex",
                violation_error_message=_("This complex already has a survey round by this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complex} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_detail", args=[self.pk])


def _answer(label):
    return models.CharField(label, max_length=12, choices=Answer.choices, blank=True)


class SurveyResponse(models.Model):
    """One anonymous completed questionnaire: six answers (empty when skipped) and the score.

    Nothing links it to a resident. ``score`` is the number of lonely answers, 0–6, or empty
    when more than one item was skipped (the scale's rule).
    """

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    emptiness = _answer(_("emptiness"))
    miss_people = _answer(_("missing people around"))
    rejected = _answer(_("feeling rejected"))
    rely_on = _answer(_("people to rely on"))
    trust = _answer(_("people to trust"))
    close_to = _answer(_("people to feel close to"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MaxValueValidator(6)], editable=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Budget scenarios are the municipality's: officials and the functional admin only."""
        from leefbaarheid import roles

        if roles.has_role(user, roles.MUNICIPALITY_OFFICIAL, roles.FUNCTIONAL_ADMIN):
            return self
        return self.none()


class BudgetScenario(models.Model):
    """A welfare budget: complexes × hours per week × hourly rate × weeks per year.

    The complexes are a fixed number or counted live: all senior complexes, or those of one
    corporation or district. The total is always computed, in Decimal, never stored.
    """

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_plain_text]
    )
    scope = models.CharField(_("complexes"), max_length=20, choices=Scope.choices)
    complex_count = models.PositiveIntegerField(
        _("number of complexes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Only for a fixed number."),
    )
    corporation = models.ForeignKey(
        Corporation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corporation"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    # Empty: the norm of the welfare calendar (hours per funded week, funded weeks of the
    # year), so a scenario that follows the norm never states a second one.
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(168))],
        help_text=_("Leave empty to follow the norm of the welfare calendar."),
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(10000))],
    )
    weeks_per_year = models.PositiveSmallIntegerField(
        _("weeks per year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("Leave empty for the funded weeks of the welfare calendar."),
    )
    note = models.TextField(_("note"), blank=True, validators=[validate_plain_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("budget scenario")
        verbose_name_plural = _("budget scenarios")
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope=Scope.FIXED) | Q(complex_count__isnull=False),
                name="scenario_fixed_has_count",
                violation_error_message=_("Give the number of complexes."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluations:scenario_list") + f"#scenario-{self.pk}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.scope == Scope.FIXED and self.complex_count is None:
            errors["complex_count"] = _("Give the number of complexes.")
        if self.scope == Scope.CORPORATION and self.corporation_id is None:
            errors["corporation"] = _("Choose the corporation whose complexes count.")
        if self.scope == Scope.DISTRICT and self.district_id is None:
            errors["district"] = _("Choose the district whose complexes count.")
        if errors:
            raise ValidationError(errors)
        # Only what the scope uses is kept, so a scenario never says two things.
        if self.scope != Scope.FIXED:
            self.complex_count = None
        if self.scope != Scope.CORPORATION:
            self.corporation = None
        if self.scope != Scope.DISTRICT:
            self.district = None

    @property
    def is_reference(self) -> bool:
        return self.name == REFERENCE_SCENARIO

    def complexes(self):
        """The complexes a live scope counts (all senior ones, or one corporation's or
        district's); None for a fixed number."""
        senior = Complex.objects.filter(is_senior=True)
        if self.scope == Scope.ALL:
            return senior
        if self.scope == Scope.CORPORATION:
            return senior.filter(corporation_id=self.corporation_id)
        if self.scope == Scope.DISTRICT:
            return senior.filter(district_id=self.district_id)
        return None

    def terms(self, calendar: YearCalendar) -> tuple[Decimal, int]:
        """Hours per week and weeks per year: the scenario's own, or the welfare calendar's
        norm and funded weeks where it follows them."""
        hours = self.hours_per_week if self.hours_per_week is not None else calendar.hours_per_week
        weeks = self.weeks_per_year if self.weeks_per_year is not None else calendar.funded_count
        return hours, weeks

    @property
    def follows_calendar(self) -> bool:
        return self.hours_per_week is None or self.weeks_per_year is None

    def per_complex(self, calendar: YearCalendar) -> Decimal:
        """The yearly norm cost of one complex: hours × rate × weeks, to the cent."""
        hours, weeks = self.terms(calendar)
        return (hours * self.hourly_rate * weeks).quantize(CENT, rounding=ROUND_HALF_UP)

    def total_for(self, count: int, calendar: YearCalendar) -> Decimal:
        """``count`` complexes at the cost of one: the sum of the complexes' own amounts."""
        return count * self.per_complex(calendar)


class BudgetActual(models.Model):
    """Welfare hours logged in one complex in one year so far, refreshed city-wide by a task:
    the actual cost beside a scenario is these hours × the scenario's rate."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="budget_actuals", verbose_name=_("complex")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.DecimalField(_("hours"), max_digits=9, decimal_places=2, default=Decimal(0))
    through_week = models.PositiveSmallIntegerField(
        _("up to and including week"), validators=[MinValueValidator(0), MaxValueValidator(53)]
    )
    refreshed_at = models.DateTimeField(_("refreshed"), validators=[validate_date_in_range])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["year", "complex"]
        verbose_name = _("actual welfare hours")
        verbose_name_plural = _("actual welfare hours")
        constraints = [
            models.UniqueConstraint(fields=["complex", "year"], name="budget_actual_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.complex} {self.year}"
