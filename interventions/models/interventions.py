"""The social interventions carried out in a complex, by a provider and perhaps paid by a grant."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex
from interventions.choices import (
    Approach,
    Challenge,
    GrantStatus,
    InterventionStatus,
    SuccessFactor,
)
from interventions.models.common import ChoiceList, FundingQuerySet
from interventions.models.grants import Grant, Provider
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text


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
