from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles

postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Z]{2}$",
    _("Enter a Dutch postcode such as 3011 AB."),
)


class ReferenceQuerySet(models.QuerySet):
    """Reference data (corporations, districts) that every role may read, and nobody else."""

    def visible_to(self, user):
        if not roles.user_roles(user):
            return self.none()
        return self


class Corporation(models.Model):
    """A housing corporation (woningcorporatie) that owns complexes and employs their staff."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("corporation")
        verbose_name_plural = _("corporations")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """One of Rotterdam's areas (gebieden), the unit the municipality compares complexes by."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class ComplexQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The complexes a user may see: the one place tenancy is decided for complexes.

        Corporation staff see their corporation's, welfare professionals their assigned complexes,
        the city-wide roles all of them; anyone else nothing.
        """
        user_roles = roles.user_roles(user)
        if user_roles & roles.CITY_WIDE_ROLES:
            return self
        visible = Q(pk__in=[])
        if roles.CORPORATION_STAFF in user_roles and user.corporation_id:
            visible |= Q(corporation_id=user.corporation_id)
        if roles.WELFARE_PROFESSIONAL in user_roles:
            # A subquery rather than a join, so no row is doubled and no DISTINCT is needed.
            visible |= Q(pk__in=user.assigned_complexes.values("pk"))
        if visible == Q(pk__in=[]):
            return self.none()
        return self.filter(visible)


class Complex(models.Model):
    """A housing complex for older people (ouderencomplex), the building every figure is about."""

    corporation = models.ForeignKey(
        Corporation,
        on_delete=models.PROTECT,
        related_name="complexes",
        verbose_name=_("corporation"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="complexes", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[postcode_validator])
    units = models.PositiveIntegerField(_("units"), validators=[MinValueValidator(1)])
    vacant_units = models.PositiveIntegerField(_("vacant units"), default=0)
    is_senior = models.BooleanField(_("senior complex"), default=True)
    is_thuisplus = models.BooleanField(_("Thuisplus complex"), default=False)
    year_built = models.PositiveSmallIntegerField(
        _("year built"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )

    objects = ComplexQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("complex")
        verbose_name_plural = _("complexes")
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "name"], name="complex_name_unique_per_corporation"
            ),
            models.CheckConstraint(
                condition=Q(vacant_units__lte=F("units")),
                name="complex_vacant_within_units",
                violation_error_message=_("Vacant units cannot exceed the number of units."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("complexes:complex_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (
            self.units is not None
            and self.vacant_units is not None
            and self.vacant_units > self.units
        ):
            raise ValidationError(
                {
                    "vacant_units": _(
                        "Vacant units (%(vacant)s) cannot exceed the number of units (%(units)s)."
                    )
                    % {"vacant": self.vacant_units, "units": self.units}
                }
            )

    @property
    def vacancy_rate(self) -> Decimal:
        """Share of units that stand empty, 0–1."""
        if not self.units:
            return Decimal(0)
        return Decimal(self.vacant_units) / Decimal(self.units)
