from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complexes.choices import RoomManager
from leefbaarheid import roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text


def vacancy_percent(vacant_units: int, units: int) -> Decimal:
    """Vacant units as a percentage of the units, one decimal, rounded half up (1 of 63 is
    1.6). The list, the complex page, the occupancy history and the exports all use this."""
    if not units:
        return Decimal("0.0")
    return (Decimal(100 * vacant_units) / Decimal(units)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


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

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_plain_text]
    )
    email = models.EmailField(_("e-mail address"), blank=True, validators=[validate_plain_text])
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[validate_plain_text]
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("corporation")
        verbose_name_plural = _("corporations")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """One of Rotterdam's areas (gebieden), the unit the municipality compares complexes by."""

    name = models.CharField(_("name"), max_length=80, unique=True, validators=[validate_plain_text])
    code = models.SlugField(_("code"), max_length=40, unique=True, validators=[validate_plain_text])
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


class NameUniqueWithin(models.Model):
    """A record whose name is unique within its parent (``name_unique_within``), reported on the
    ``name`` field: Django reports a two-field unique constraint on the whole record, but forms
    and the API should name the field to change."""

    name_unique_within = "complex"
    duplicate_name_message = _("This name is already taken.")

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        # Django's own check, one query, its answer moved onto the name. A query of our own
        # beside it could see a name saved a moment after Django's query did, and the same
        # clash would come back in other words, on the whole record.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            whole = errors.pop(NON_FIELD_ERRORS, [])
            rest = [each for each in whole if not self._name_taken(each)]
            if len(rest) < len(whole):
                taken = ValidationError(self.duplicate_name_message, code="unique")
                errors.setdefault("name", []).insert(0, taken)
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from None

    def _name_taken(self, error: ValidationError) -> bool:
        """Whether an error on the whole record is the unique constraint on parent and name."""
        pair = {self.name_unique_within, "name"}
        for constraint in self._meta.constraints:
            if (
                not isinstance(constraint, models.UniqueConstraint)
                or set(constraint.fields) != pair
            ):
                continue
            if set((error.params or {}).get("unique_check", ())) == pair:
                return True  # Django's words, "… with this … and name already exists."
            if str(error.message) == constraint.get_violation_error_message():
                return True
        return False


class ComplexQuerySet(models.QuerySet):
    def visible_to(self, user, *, city_wide_roles=roles.CITY_WIDE_ROLES):
        """The complexes a user may see: the one place tenancy is decided for complexes.

        Corporation staff see their corporation's, welfare professionals their assigned complexes,
        the city-wide roles all of them; anyone else nothing. Models that hang off a complex narrow
        ``city_wide_roles`` when not every city-wide role may read them (see ComplexScopedQuerySet).
        """
        user_roles = roles.user_roles(user)
        if roles.reaches_every_complex(user_roles, city_wide_roles):
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


class Complex(NameUniqueWithin):
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
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    address = models.CharField(_("address"), max_length=200, validators=[validate_plain_text])
    postcode = models.CharField(
        _("postcode"), max_length=7, validators=[postcode_validator, validate_plain_text]
    )
    units = models.PositiveIntegerField(_("units"), validators=[MinValueValidator(1)])
    vacant_units = models.PositiveIntegerField(_("vacant units"), default=0)
    is_senior = models.BooleanField(_("senior complex"), default=True)
    is_thuisplus = models.BooleanField(_("Thuisplus complex"), default=False)
    # The week this date falls in is the first the welfare norm and the budget count for the
    # complex: one imported today is not behind on weeks before it was known here.
    joined_on = models.DateField(
        _("taking part since"),
        default=timezone.localdate,
        validators=[validate_date_in_range],
        help_text=_(
            "The welfare norm and the budget count this complex from the week of this date on."
        ),
    )
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

    has_communal_room = models.BooleanField(_("communal room"), default=True)
    room_managed_by = models.CharField(
        _("communal room run by"),
        max_length=20,
        choices=RoomManager.choices,
        default=RoomManager.NOBODY,
    )
    room_opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Mon-Fri 10:00-12:00, Wed 14:00-16:00."),
        validators=[validate_plain_text],
    )
    room_key_holders = models.CharField(
        _("key holders"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who holds a key to the communal room, by role (for example: caretaker, committee "
            "chair). No names: every role that sees the complex reads this."
        ),
        validators=[validate_plain_text],
    )

    name_unique_within = "corporation"
    duplicate_name_message = _("This corporation already has a complex with this name.")
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


class ComplexScopedQuerySet(models.QuerySet):
    """Objects that hang off a complex, scoped through ``Complex.objects.visible_to``.

    ``city_wide_roles`` names the city-wide roles that read every row of this model; a model with
    personal or day-to-day data narrows it so that, for example, officials see counts only.
    """

    complex_path = "complex"
    city_wide_roles = roles.CITY_WIDE_ROLES

    def visible_to(self, user):
        user_roles = roles.user_roles(user)
        if roles.reaches_every_complex(user_roles, self.city_wide_roles):
            return self
        if not user_roles:
            return self.none()
        complexes = Complex.objects.visible_to(user, city_wide_roles=frozenset())
        return self.filter(**{f"{self.complex_path}__in": complexes.values("pk")})


class OccupancySnapshot(models.Model):
    """Units, vacant units and new tenants of a complex on a date, so vacancy shows over time."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("complex")
    )
    date = models.DateField(_("date"), validators=[validate_date_in_range])
    units = models.PositiveIntegerField(_("units"), validators=[MinValueValidator(1)])
    vacant_units = models.PositiveIntegerField(_("vacant units"), default=0)
    new_tenants = models.PositiveIntegerField(
        _("new tenants"), default=0, help_text=_("Tenants who moved in since the last snapshot.")
    )

    objects = ComplexScopedQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "date"]
        verbose_name = _("occupancy snapshot")
        verbose_name_plural = _("occupancy history")
        constraints = [
            models.UniqueConstraint(fields=["complex", "date"], name="snapshot_one_per_day"),
            models.CheckConstraint(
                condition=Q(vacant_units__lte=F("units")),
                name="snapshot_vacant_within_units",
                violation_error_message=_("Vacant units cannot exceed the number of units."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complex} {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if (
            self.units is not None
            and self.vacant_units is not None
            and self.vacant_units > self.units
        ):
            raise ValidationError(
                {"vacant_units": _("Vacant units cannot exceed the number of units.")}
            )


class Gallery(NameUniqueWithin):
    """A gallery (galerij) or walkway; the evaluation wants a contact person on each one."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="galleries", verbose_name=_("complex")
    )
    name = models.CharField(_("name"), max_length=80, validators=[validate_plain_text])
    floor = models.SmallIntegerField(
        _("floor"), default=0, validators=[MinValueValidator(-2), MaxValueValidator(40)]
    )
    homes = models.PositiveIntegerField(_("homes"), default=0)
    # One field, so one contact person per gallery at a time by construction.
    contact_person = models.ForeignKey(
        "residents.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for",
        verbose_name=_("contact person"),
    )
    contact_since = models.DateField(
        _("contact person since"), null=True, blank=True, validators=[validate_date_in_range]
    )

    duplicate_name_message = _("This complex already has a gallery with this name.")
    objects = ComplexScopedQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "floor", "name"]
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")
        permissions = [("set_contact_person", _("Can set a gallery's contact person"))]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "name"],
                name="gallery_name_unique_per_complex",
                violation_error_message=_("This complex already has a gallery with this name."),
            ),
            models.CheckConstraint(
                condition=Q(contact_person__isnull=True) | Q(contact_since__isnull=False),
                name="gallery_contact_has_since",
                violation_error_message=_("Give the date since which the contact person serves."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complex} – {self.name}"

    def clean(self) -> None:
        super().clean()
        person = self.contact_person
        if person is not None and self.complex_id and person.complex_id != self.complex_id:
            raise ValidationError(
                {"contact_person": _("The contact person must live in this complex.")}
            )
        if person is not None and not person.consent_contact_person:
            raise ValidationError(
                {
                    "contact_person": _(
                        "This resident has not agreed to be a contact person; record their "
                        "consent on the resident first."
                    )
                }
            )
        if person is not None and self.contact_since is None:
            raise ValidationError(
                {"contact_since": _("Give the date since which the contact person serves.")}
            )
        if person is None:
            self.contact_since = None
