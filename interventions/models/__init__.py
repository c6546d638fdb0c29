"""Models of the interventions app: subsidy schemes, grants and their lifecycle, providers and
the interventions they carry out in a complex, and the weekly welfare hours.

Schemes and providers are reference data; grants and interventions hang off a complex and are
scoped through ``ComplexScopedQuerySet``: a corporation sees its own, a welfare professional the
assigned complexes', the municipality and the functional admin all of them, and the intervention
team none.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, ComplexScopedQuerySet, Corporation
from interventions.choices import (
    Approach,
    Challenge,
    GrantStatus,
    InterventionStatus,
    ProviderKind,
    SuccessFactor,
    WeekStatus,
    WorkKind,
)
from leefbaarheid import bounds, roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.money import euro
from leefbaarheid.text import validate_plain_text
from leefbaarheid.weeks import Week, weeks_in_year

# Who reads every grant and intervention in the city.
FUNDING_ROLES = frozenset({roles.MUNICIPALITY_OFFICIAL, roles.FUNCTIONAL_ADMIN})
# Who reads the subsidy schemes: every role except the intervention team.
SCHEME_READERS = frozenset(
    {
        roles.CORPORATION_STAFF,
        roles.WELFARE_PROFESSIONAL,
        roles.MUNICIPALITY_OFFICIAL,
        roles.FUNCTIONAL_ADMIN,
    }
)


def money_validators():
    return [MinValueValidator(Decimal("0.00"))]


class ChoiceList:
    """Validates a JSON list of choice values: each known, none twice (a checklist)."""

    def __init__(self, choices: type[models.TextChoices]):
        self.choices = choices

    def __call__(self, value) -> None:
        if not isinstance(value, list) or any(item not in self.choices.values for item in value):
            raise ValidationError(_("Choose only items of the list."), code="invalid_choice")
        if len(set(value)) != len(value):
            raise ValidationError(_("Each item can be ticked once."), code="duplicate")

    def __eq__(self, other) -> bool:  # migrations compare validators
        return isinstance(other, ChoiceList) and other.choices is self.choices

    def deconstruct(self):
        return (
            "interventions.models.ChoiceList",
            (),
            {"choices": self.choices},
        )


class SchemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Subsidy schemes: read by every role but the intervention team."""
        if roles.user_roles(user) & SCHEME_READERS:
            return self
        return self.none()


class SubsidyScheme(models.Model):
    """A subsidy scheme (subsidieregeling) such as Vitale Leefgemeenschappen: who funds it, what
    for, and the smallest and largest grant it gives."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_plain_text]
    )
    funder = models.CharField(
        _("funder"), max_length=120, default="Gemeente Rotterdam", validators=[validate_plain_text]
    )
    purpose = models.TextField(_("purpose"), blank=True, validators=[validate_plain_text])
    min_amount = models.DecimalField(
        _("minimum grant"), max_digits=10, decimal_places=2, validators=money_validators()
    )
    max_amount = models.DecimalField(
        _("maximum grant"), max_digits=10, decimal_places=2, validators=money_validators()
    )
    start = models.DateField(_("runs from"), validators=[validate_date_in_range])
    end = models.DateField(
        _("runs until"), null=True, blank=True, validators=[validate_date_in_range]
    )
    report_within_weeks = models.PositiveSmallIntegerField(
        _("report due (weeks after the end)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text=_("The report of a grant is due this many weeks after its period ends."),
    )
    active = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("Only an active scheme takes new applications."),
    )

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__lte=F("max_amount")),
                name="scheme_min_within_max",
                violation_error_message=_("The minimum grant cannot exceed the maximum."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="scheme_end_after_start",
                violation_error_message=_("A scheme cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interventions:scheme_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount > self.max_amount
        ):
            errors["max_amount"] = _("The maximum grant must be at least the minimum grant.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end date must be on or after the start date.")
        if errors:
            raise ValidationError(errors)


class ProviderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Providers: reference data every role reads."""
        if roles.user_roles(user):
            return self
        return self.none()


class Provider(models.Model):
    """Who carries out an intervention: a social entrepreneur (sociale ondernemer) such as
    Studio BRUIS or Stadstrainers, a welfare organisation or a care provider."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_plain_text]
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ProviderKind.choices)
    contact_name = models.CharField(
        _("contact person"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    email = models.EmailField(_("e-mail address"), blank=True, validators=[validate_plain_text])
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[validate_plain_text]
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_plain_text])

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interventions:provider_detail", args=[self.pk])


class FundingQuerySet(ComplexScopedQuerySet):
    """Grants and interventions: the municipality and the functional admin read all of them;
    corporation staff their own, professionals the assigned complexes', the team nothing."""

    city_wide_roles = FUNDING_ROLES

    def visible_to(self, user):
        if not roles.user_roles(user) & (FUNDING_ROLES | roles.LOCAL_ROLES):
            return self.none()
        return super().visible_to(user)


class Grant(models.Model):
    """A grant (toekenning) of a scheme to a corporation for one complex, with its lifecycle:
    applied → awarded → running → reported → settled, or rejected. Each step keeps its date and
    who took it; the steps themselves are the services' (``interventions.services``)."""

    scheme = models.ForeignKey(
        SubsidyScheme, on_delete=models.PROTECT, related_name="grants", verbose_name=_("scheme")
    )
    corporation = models.ForeignKey(
        Corporation,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("corporation"),
    )
    # A grant is financial history: a complex that has one cannot be deleted.
    complex = models.ForeignKey(
        Complex, on_delete=models.PROTECT, related_name="grants", verbose_name=_("complex")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(_("plan"), blank=True, validators=[validate_plain_text])
    reference = models.CharField(
        _("file number"),
        max_length=40,
        blank=True,
        help_text=_("The municipality's case or file number, if there is one."),
        validators=[validate_plain_text],
    )
    documents = models.TextField(
        _("documents"),
        blank=True,
        help_text=_(
            "References to the application, decision and report: one per line, a document "
            "number or a link. The documents themselves stay in your document system."
        ),
        validators=[validate_plain_text],
    )
    start = models.DateField(_("period from"), validators=[validate_date_in_range])
    end = models.DateField(_("period until"), validators=[validate_date_in_range])
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=10, decimal_places=2, validators=money_validators()
    )
    amount_awarded = models.DecimalField(
        _("amount awarded"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators(),
    )
    amount_settled = models.DecimalField(
        _("amount settled"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators(),
        help_text=_("The final amount after the report; at most the amount awarded."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.APPLIED
    )
    report_due = models.DateField(
        _("report due"), null=True, blank=True, validators=[validate_date_in_range]
    )
    decision_note = models.TextField(
        _("reason for the decision"), blank=True, validators=[validate_plain_text]
    )
    report_summary = models.TextField(_("report"), blank=True, validators=[validate_plain_text])

    applied_on = models.DateField(_("applied on"), validators=[validate_date_in_range])
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, validators=[validate_date_in_range]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    started_on = models.DateField(
        _("started on"), null=True, blank=True, validators=[validate_date_in_range]
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    reported_on = models.DateField(
        _("reported on"), null=True, blank=True, validators=[validate_date_in_range]
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    settled_on = models.DateField(
        _("settled on"), null=True, blank=True, validators=[validate_date_in_range]
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = FundingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "complex__name"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        permissions = [(roles.DECIDE_GRANT, _("Can award, reject and settle grants"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="grant_end_after_start",
                violation_error_message=_("A grant's period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True)
                | Q(amount_awarded__lte=F("amount_requested")),
                name="grant_awarded_within_requested",
                violation_error_message=_("The amount awarded cannot exceed the amount requested."),
            ),
            models.CheckConstraint(
                condition=Q(amount_settled__isnull=True)
                | Q(amount_settled__lte=F("amount_awarded")),
                name="grant_settled_within_awarded",
                violation_error_message=_("The amount settled cannot exceed the amount awarded."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=GrantStatus.values),
                name="grant_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "report_due"], name="grant_status_due")]

    def __str__(self) -> str:
        return f"{self.title} ({self.complex})" if self.complex_id else self.title

    def get_absolute_url(self) -> str:
        return reverse("interventions:grant_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end of the period must be on or after its start.")
        if (
            self.complex_id
            and self.corporation_id
            and self.complex.corporation_id != (self.corporation_id)
        ):
            errors["complex"] = _("This complex belongs to another corporation.")
        scheme = self.scheme if self.scheme_id else None
        if scheme is not None:
            for field in ("amount_requested", "amount_awarded"):
                amount = getattr(self, field)
                if amount is not None and not scheme.min_amount <= amount <= scheme.max_amount:
                    errors[field] = _(
                        "%(scheme)s gives between %(min)s and %(max)s; "
                        "enter an amount within those bounds."
                    ) % {
                        "scheme": scheme.name,
                        "min": euro(scheme.min_amount),
                        "max": euro(scheme.max_amount),
                    }
        if (
            "amount_awarded" not in errors
            and self.amount_awarded is not None
            and self.amount_requested is not None
            and self.amount_awarded > self.amount_requested
        ):
            errors["amount_awarded"] = _(
                "The amount awarded cannot exceed the amount requested (%(requested)s)."
            ) % {"requested": euro(self.amount_requested)}
        if (
            self.amount_settled is not None
            and self.amount_awarded is not None
            and self.amount_settled > self.amount_awarded
        ):
            errors["amount_settled"] = _(
                "The amount settled cannot exceed the amount awarded (%(awarded)s)."
            ) % {"awarded": euro(self.amount_awarded)}
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        """The year a grant counts in: the year its period starts."""
        return self.start.year

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class Intervention(models.Model):
    """A social intervention in a complex, carried out by a provider and perhaps paid by a
    grant: its method, dates, goals, the evaluation's success factors and approach as
    checklists, the challenges it met and what came of it."""

    complex = models.ForeignKey(
        Complex,
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("complex"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="interventions",
        null=True,
        blank=True,
        verbose_name=_("provider"),
    )
    grant = models.ForeignKey(
        Grant,
        on_delete=models.SET_NULL,
        related_name="interventions",
        null=True,
        blank=True,
        verbose_name=_("grant"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    methodology = models.TextField(_("methodology"), blank=True, validators=[validate_plain_text])
    start = models.DateField(_("start"), validators=[validate_date_in_range])
    end = models.DateField(_("end"), null=True, blank=True, validators=[validate_date_in_range])
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.PLANNED,
    )
    goals = models.TextField(_("goals"), blank=True, validators=[validate_plain_text])
    success_factors = models.JSONField(
        _("success factors"), default=list, blank=True, validators=[ChoiceList(SuccessFactor)]
    )
    approach = models.JSONField(
        _("approach"), default=list, blank=True, validators=[ChoiceList(Approach)]
    )
    challenges = models.JSONField(
        _("challenges met"), default=list, blank=True, validators=[ChoiceList(Challenge)]
    )
    challenges_notes = models.TextField(
        _("about the challenges"), blank=True, validators=[validate_plain_text]
    )
    outcome = models.TextField(_("outcome"), blank=True, validators=[validate_plain_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = FundingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="intervention_end_after_start",
                violation_error_message=_("An intervention cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interventions:intervention_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end date must be on or after the start date.")
        if self.status in (InterventionStatus.COMPLETED, InterventionStatus.STOPPED) and not (
            self.end
        ):
            errors["end"] = _("Enter the end date of a completed or stopped intervention.")
        grant = self.grant if self.grant_id else None
        if grant is not None and self.complex_id:
            if grant.complex_id != self.complex_id:
                errors["grant"] = _("Choose a grant of this complex.")
            elif grant.status == GrantStatus.REJECTED:
                errors["grant"] = _("This grant was rejected; choose another or none.")
        if errors:
            raise ValidationError(errors)

    def checklist(self, field: str, choices: type[models.TextChoices]) -> list[tuple[str, bool]]:
        """Every item of a checklist with whether it is ticked, in the evaluation's order."""
        ticked = set(getattr(self, field) or ())
        return [(label, value in ticked) for value, label in choices.choices]


# Welfare hours ---------------------------------------------------------------------------------


class HoursQuerySet(FundingQuerySet):
    """Hours entries: the municipality and the functional admin read all; corporation staff
    those in their own complexes, a professional those in the assigned complexes and always
    their own; the intervention team none."""

    def visible_to(self, user):
        visible = super().visible_to(user)
        if roles.has_role(user, roles.WELFARE_PROFESSIONAL) and visible is not self:
            return self.filter(Q(pk__in=visible.values("pk")) | Q(professional=user))
        return visible


class HoursEntry(models.Model):
    """Hours of welfare work one professional logged for one complex, ISO week and kind of
    work: one cell of the week grid (saving the same cell again updates it)."""

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("professional"),
    )
    complex = models.ForeignKey(
        Complex,
        on_delete=models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("complex"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    # The Monday of the ISO week, kept for range queries across a year boundary.
    week_start = models.DateField(_("week starting"), editable=False, db_index=True)
    kind = models.CharField(_("kind of work"), max_length=20, choices=WorkKind.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(40))],
        help_text=_("In quarter hours, e.g. 1.5 or 1,75."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_plain_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = HoursQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start", "complex_id", "kind"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "complex", "year", "week", "kind"],
                name="hours_entry_one_per_cell",
                violation_error_message=_(
                    "These hours are already logged for this complex, week and kind of work."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=40),
                name="hours_entry_hours_in_range",
                violation_error_message=_("Hours must be more than 0 and at most 40."),
            ),
            models.CheckConstraint(
                condition=Q(week__gte=1) & Q(week__lte=53),
                name="hours_entry_week_in_range",
                violation_error_message=_("A week number is between 1 and 53."),
            ),
        ]
        indexes = [models.Index(fields=["complex", "week_start"], name="hours_complex_week")]

    def __str__(self) -> str:
        return f"{self.complex} {self.year}-W{self.week:02d} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.week_start = Week(self.year, self.week).monday
        super().save(*args, **kwargs)


class HoursWeekQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one place reach is decided for weeks of hours: a professional their own, an
        approver the weeks they approve, the municipality and the functional admin all."""
        held = roles.user_roles(user)
        if held & FUNDING_ROLES and not held & roles.LOCAL_ROLES:
            return self
        if not held:
            return self.none()
        return self.filter(Q(professional=user) | Q(pk__in=self.approvable_by(user).values("pk")))

    def approvable_by(self, user):
        """The weeks ``user`` may approve, return or unlock: never their own; the functional
        admin every other week, a team lead (a professional given the approve permission) the
        weeks of the professionals of their own organisation."""
        if not user.has_perm(f"interventions.{roles.APPROVE_HOURS}"):
            return self.none()
        others = self.exclude(professional=user)
        if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
            return others
        if not user.organisation:
            return self.none()
        return others.filter(professional__organisation=user.organisation)


class HoursWeek(models.Model):
    """One professional's week of hours and where it is: open → submitted → approved. Who
    submitted, approved, returned or unlocked it, and when, stays on the week."""

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hours_weeks",
        verbose_name=_("professional"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    week_start = models.DateField(_("week starting"), editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WeekStatus.choices, default=WeekStatus.OPEN
    )
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, validators=[validate_date_in_range]
    )
    decided_at = models.DateTimeField(
        _("approved or returned"), null=True, blank=True, validators=[validate_date_in_range]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or returned by"),
    )
    return_note = models.CharField(
        _("reason for returning"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    unlocked_at = models.DateTimeField(
        _("unlocked"), null=True, blank=True, validators=[validate_date_in_range]
    )
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unlocked by"),
    )

    objects = HoursWeekQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start", "professional_id"]
        verbose_name = _("week of hours")
        verbose_name_plural = _("weeks of hours")
        permissions = [
            (roles.APPROVE_HOURS, _("Can approve or return a submitted week of hours")),
            (roles.UNLOCK_HOURS, _("Can unlock a locked week of hours")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "year", "week"], name="hours_week_one_per_professional"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional} {self.year}-W{self.week:02d}"

    def save(self, *args, **kwargs):
        self.week_start = Week(self.year, self.week).monday
        super().save(*args, **kwargs)

    @property
    def iso_week(self) -> Week:
        return Week(self.year, self.week)


# The welfare calendar --------------------------------------------------------------------------


class CalendarQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone who reads welfare hours reads the calendars they are judged by; the
        intervention team, which reads no hours, none."""
        if roles.user_roles(user) & SCHEME_READERS:
            return self
        return self.none()


class WelfareCalendar(models.Model):
    """Which ISO weeks of one year welfare work is funded, and how many hours a complex gets
    in a funded week: the norm every hours screen, the alert, the index and the budget read.

    The municipality's calendar (no organisation) holds the hours and applies to every complex;
    a welfare organisation may choose its own weeks for the complexes its professionals work
    in. A year without a row follows the default (``interventions.calendar``).
    """

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(bounds.EARLIEST_YEAR),
            MaxValueValidator(bounds.LATEST_YEAR),
        ],
    )
    organisation = models.CharField(
        _("welfare organisation"),
        max_length=120,
        blank=True,
        help_text=_("Empty for the municipality's calendar, which applies to every complex."),
        validators=[validate_plain_text],
    )
    hours_per_week = models.DecimalField(
        _("hours per funded week"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(40))],
        help_text=_("The norm per complex. Set on the municipality's calendar only."),
    )
    # ISO week numbers, ascending: the weeks nobody funds (holidays).
    unfunded_weeks = models.JSONField(_("unfunded weeks"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_plain_text])
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = CalendarQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organisation"]
        verbose_name = _("welfare calendar")
        verbose_name_plural = _("welfare calendars")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "organisation"],
                name="welfare_calendar_one_per_year_and_organisation",
                violation_error_message=_("This year already has a calendar for them."),
            ),
        ]

    def __str__(self) -> str:
        if self.organisation:
            return f"{self.year} – {self.organisation}"
        return str(self.year)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.organisation and self.hours_per_week is not None:
            errors["hours_per_week"] = _(
                "The hours per funded week are the municipality's: leave this empty for an "
                "organisation."
            )
        if not self.organisation and self.hours_per_week is None:
            errors["hours_per_week"] = _("Give the hours per funded week, e.g. 4.")
        weeks = self.unfunded_weeks
        if not isinstance(weeks, list) or not all(
            isinstance(week, int) and not isinstance(week, bool) for week in weeks
        ):
            errors["unfunded_weeks"] = _("Give the unfunded weeks as week numbers.")
        elif self.year is not None and bounds.year_in_range(self.year):
            last = weeks_in_year(self.year)
            wrong = sorted({week for week in weeks if not 1 <= week <= last})
            if wrong:
                errors["unfunded_weeks"] = _(
                    "%(year)s has weeks 1 to %(last)s; there is no week %(weeks)s."
                ) % {"year": self.year, "last": last, "weeks": ", ".join(map(str, wrong))}
            elif len(set(weeks)) >= last:
                errors["unfunded_weeks"] = _("Leave at least one week funded.")
            else:
                self.unfunded_weeks = sorted(set(weeks))
        if errors:
            raise ValidationError(errors)
