"""Welfare hours: the cells professionals log per complex, ISO week and kind of work, the weeks
they submit for approval, and the welfare calendar whose funded weeks set the norm.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex
from interventions.choices import WeekStatus, WorkKind
from interventions.models.common import FundingQuerySet
from leefbaarheid import bounds, roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text
from leefbaarheid.weeks import Week, weeks_in_year


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
        if held & roles.FUNDING_ROLES and not held & roles.LOCAL_ROLES:
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
    """One professional's week of hours and where it is: open → submitted → approved, or
    returned (open for its owner again). Who submitted, approved, returned or unlocked it, and
    when, stays on the week."""

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
    # The last return: its reason stays on the week, and a week withdrawn after it was
    # resubmitted counts its grace period from here.
    returned_at = models.DateTimeField(
        _("returned"), null=True, blank=True, validators=[validate_date_in_range]
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
        if roles.user_roles(user) & roles.SCHEME_READERS:
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
