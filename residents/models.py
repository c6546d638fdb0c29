"""Residents (minimal personal data), resident groups and memberships, communal-room activities,
room bookings, mutual help and personal contacts.

Everything hangs off a complex and is scoped through ``ComplexScopedQuerySet``. Day-to-day and
personal records are read only by the corporation's staff, the assigned professionals and the
functional admin: officials see counts (through selectors), never the rows.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, ComplexScopedQuerySet, Gallery, NameUniqueWithin
from leefbaarheid import roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text
from residents.choices import (
    LIVING_ALONE,
    ActivityKind,
    AgeBand,
    BookingStatus,
    ContactKind,
    GroupKind,
    HelpKind,
    Household,
)


class LocalQuerySet(ComplexScopedQuerySet):
    city_wide_roles = roles.LOCAL_ROLES_ONLY


class MembershipQuerySet(LocalQuerySet):
    complex_path = "group__complex"


class ContactQuerySet(LocalQuerySet):
    complex_path = "resident__complex"


class ResidentQuerySet(LocalQuerySet):
    def living_alone(self):
        return self.filter(household__in=LIVING_ALONE)

    def new_tenants(self, *, today: datetime.date | None = None):
        """Residents who moved in within the last 12 months."""
        today = today or timezone.localdate()
        return self.filter(moved_in__gt=_one_year_before(today))


def _one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def age_band(birth_year: int | None, *, today: datetime.date | None = None) -> str:
    """The age band of a birth year, as reached in the current year."""
    if birth_year is None:
        return AgeBand.UNKNOWN
    age = (today or timezone.localdate()).year - birth_year
    if age >= 75:
        return AgeBand.FROM_75
    if age >= 55:
        return AgeBand.FROM_55
    return AgeBand.UNDER_55


class Resident(models.Model):
    """A resident of a complex, data-minimal: no ethnicity, no health data, no birth date."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="residents", verbose_name=_("complex")
    )
    gallery = models.ForeignKey(
        Gallery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("gallery"),
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    household = models.CharField(
        _("household"), max_length=20, choices=Household.choices, default=Household.OTHER
    )
    language = models.CharField(
        _("preferred language"),
        max_length=40,
        blank=True,
        help_text=_("The language this resident prefers to be spoken to in."),
        validators=[validate_plain_text],
    )
    moved_in = models.DateField(
        _("moved in"), null=True, blank=True, validators=[validate_date_in_range]
    )
    consent_contact_person = models.BooleanField(
        _("willing to be contact person"),
        default=False,
        help_text=_("The resident agreed to act as contact person for their gallery."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.gallery is not None and self.gallery.complex_id != self.complex_id:
            raise ValidationError({"gallery": _("Choose a gallery of this resident's complex.")})
        if self.birth_year and self.birth_year > timezone.localdate().year:
            raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})
        if self.moved_in and self.moved_in > timezone.localdate():
            raise ValidationError({"moved_in": _("The move-in date cannot be in the future.")})

    @property
    def age_band(self) -> str:
        return age_band(self.birth_year)

    @property
    def lives_alone(self) -> bool:
        return self.household in LIVING_ALONE


class ResidentGroup(NameUniqueWithin):
    """A group of residents: the committee, a core group (trekkersgroep), a women's group…"""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="groups", verbose_name=_("complex")
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    members: models.ManyToManyField = models.ManyToManyField(
        Resident,
        through="Membership",
        related_name="memberships_groups",
        blank=True,
        verbose_name=_("members"),
    )
    unnamed_members = models.PositiveIntegerField(
        _("members not named"),
        default=0,
        help_text=_("Members counted but not recorded by name (also after erasure)."),
    )
    started = models.DateField(
        _("started"), null=True, blank=True, validators=[validate_date_in_range]
    )
    active = models.BooleanField(_("active"), default=True)

    duplicate_name_message = _("This complex already has a group with this name.")
    objects = LocalQuerySet.as_manager()

    class Meta:
        ordering = ["complex", "name"]
        verbose_name = _("resident group")
        verbose_name_plural = _("resident groups")
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "name"],
                name="group_name_unique_per_complex",
                violation_error_message=_("This complex already has a group with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A resident's membership of a group."""

    group = models.ForeignKey(
        ResidentGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("resident")
    )
    joined = models.DateField(
        _("joined"), default=timezone.localdate, validators=[validate_date_in_range]
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "resident"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "resident"], name="membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.resident} – {self.group}"

    def clean(self) -> None:
        super().clean()
        if self.group_id and self.resident_id and self.resident.complex_id != self.group.complex_id:
            raise ValidationError({"resident": _("Choose a resident of the group's complex.")})


class Activity(models.Model):
    """An activity in the communal room, with named attendees and/or a head count."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="activities", verbose_name=_("complex")
    )
    group = models.ForeignKey(
        ResidentGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("group"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("date"), validators=[validate_date_in_range])
    attendees = models.ManyToManyField(
        Resident, blank=True, related_name="activities", verbose_name=_("attendees")
    )
    head_count = models.PositiveIntegerField(
        _("attendance"),
        default=0,
        help_text=_("Everyone who came, named or not. At least the number of named attendees."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[validate_plain_text])

    objects = LocalQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "complex"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["complex", "date"], name="activity_complex_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.group is not None and self.group.complex_id != self.complex_id:
            raise ValidationError({"group": _("Choose a group of this complex.")})


class RoomBooking(models.Model):
    """A booking of a complex's communal room; weekly bookings are a series of single rows."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("complex")
    )
    title = models.CharField(_("what"), max_length=120, validators=[validate_plain_text])
    group = models.ForeignKey(
        ResidentGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("group"),
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked by resident"),
    )
    start = models.DateTimeField(_("start"), validators=[validate_date_in_range])
    end = models.DateTimeField(_("end"), validators=[validate_date_in_range])
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    series = models.UUIDField(_("series"), null=True, blank=True, editable=False, db_index=True)

    objects = LocalQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        indexes = [models.Index(fields=["complex", "start"], name="booking_complex_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="booking_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.start):%d-%m-%Y %H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.group is not None and self.group.complex_id != self.complex_id:
            raise ValidationError({"group": _("Choose a group of this complex.")})
        if self.resident is not None and self.resident.complex_id != self.complex_id:
            raise ValidationError({"resident": _("Choose a resident of this complex.")})

    def overlapping(self):
        """Active bookings of the same room that overlap this one in time."""
        return (
            RoomBooking.objects.filter(
                complex_id=self.complex_id, start__lt=self.end, end__gt=self.start
            )
            .exclude(status=BookingStatus.CANCELLED)
            .exclude(pk=self.pk)
        )


class MutualHelp(models.Model):
    """Small-scale help between neighbours in a month: invisible, but very important."""

    complex = models.ForeignKey(
        Complex, on_delete=models.CASCADE, related_name="mutual_help", verbose_name=_("complex")
    )
    month = models.DateField(
        _("month"),
        help_text=_("Any day of the month; stored as the 1st."),
        validators=[validate_date_in_range],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HelpKind.choices)
    residents = models.ManyToManyField(
        Resident, blank=True, related_name="mutual_help", verbose_name=_("residents involved")
    )
    people_count = models.PositiveIntegerField(
        _("number of people involved"),
        default=0,
        help_text=_("Everyone involved, named or not. At least the number of named residents."),
    )
    recorded_by = models.ForeignKey(
        "leefbaarheid.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = LocalQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "complex"]
        verbose_name = _("mutual help")
        verbose_name_plural = _("mutual help")
        constraints = [
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="mutual_help_month_first_day",
                violation_error_message=_("The month is stored as its first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%m-%Y}"

    def clean(self) -> None:
        if self.month:
            self.month = self.month.replace(day=1)
        super().clean()


class ResidentContact(models.Model):
    """A personal contact with a resident: a welcome visit, a home visit, a call.

    Takes a new tenant off the "to welcome" list and a resident off the "out of sight" list.
    Holds who made it and when, never what was discussed.
    """

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("resident")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    date = models.DateField(
        _("date"), default=timezone.localdate, validators=[validate_date_in_range]
    )
    made_by = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts_made",
        verbose_name=_("made by contact person"),
    )
    recorded_by = models.ForeignKey(
        "leefbaarheid.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("The date cannot be in the future.")})
        resident = self.resident if self.resident_id else None
        if self.made_by is not None and resident and self.made_by.complex_id != resident.complex_id:
            raise ValidationError({"made_by": _("Choose a resident of the same complex.")})
