"""Subsidy schemes and providers (reference data every role but the intervention team reads) and
the grants a scheme gives a corporation for one complex, with their lifecycle.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, Corporation
from interventions.choices import GrantStatus, ProviderKind
from interventions.models.common import FundingQuerySet, money_validators
from leefbaarheid import roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.money import euro
from leefbaarheid.text import validate_plain_text


class SchemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Subsidy schemes: read by every role but the intervention team."""
        if roles.user_roles(user) & roles.SCHEME_READERS:
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
