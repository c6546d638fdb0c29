"""Reads of the residents app, always scoped to the user through ``visible_to``.

Counts for a complex (the resident mix) are for anyone who may see the complex; rows with names
are only for those who may see personal data.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db.models import Count, DateField, Exists, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complexes.models import Complex
from leefbaarheid import roles
from residents.choices import LIVING_ALONE, ContactKind, GroupKind
from residents.models import (
    Activity,
    Membership,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
    age_band,
)


def complexes_for_records(*, user):
    """The complexes in which the user keeps residents and their records: own corporation,
    assigned complexes, or (functional admin) all. Officials and the intervention team read every
    complex but keep no records in any."""
    return Complex.objects.visible_to(user, city_wide_roles=roles.LOCAL_ROLES_ONLY).order_by("name")


def _count_of(through, *, to: str):
    """A correlated count of the rows of ``through`` that point at the outer row: evaluated for
    the page shown only, where a join with GROUP BY would count every row of the table first."""
    counted = (
        through.objects.filter(**{to: OuterRef("pk")})
        .order_by()
        .values(to)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def resident_list(*, user):
    return Resident.objects.visible_to(user).select_related(
        "complex", "complex__corporation", "gallery"
    )


def resident_get(*, user, pk) -> Resident:
    return get_object_or_404(resident_list(user=user), pk=pk)


def group_list(*, user):
    return (
        ResidentGroup.objects.visible_to(user)
        .select_related("complex")
        .annotate(named_members=_count_of(Membership, to="group"))
    )


def group_get(*, user, pk) -> ResidentGroup:
    return get_object_or_404(group_list(user=user), pk=pk)


def activity_list(*, user):
    return (
        Activity.objects.visible_to(user)
        .select_related("complex", "group")
        .annotate(named_attendees=_count_of(Activity.attendees.through, to="activity"))
    )


def activity_get(*, user, pk) -> Activity:
    return get_object_or_404(activity_list(user=user), pk=pk)


def booking_list(*, user):
    return RoomBooking.objects.visible_to(user).select_related("complex", "group", "resident")


def booking_get(*, user, pk) -> RoomBooking:
    return get_object_or_404(booking_list(user=user), pk=pk)


def mutual_help_list(*, user):
    return (
        MutualHelp.objects.visible_to(user)
        .select_related("complex", "recorded_by")
        .annotate(named_residents=_count_of(MutualHelp.residents.through, to="mutualhelp"))
    )


def mutual_help_get(*, user, pk) -> MutualHelp:
    return get_object_or_404(mutual_help_list(user=user), pk=pk)


def contact_list(*, user):
    return ResidentContact.objects.visible_to(user).select_related("resident", "made_by")


def contact_get(*, user, pk) -> ResidentContact:
    return get_object_or_404(contact_list(user=user), pk=pk)


def week_bookings(*, complex: Complex, day: datetime.date | None = None):
    """The active bookings of a complex's communal room in the ISO week of ``day``."""
    day = day or timezone.localdate()
    monday = day - datetime.timedelta(days=day.weekday())
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(weeks=1)
    return (
        RoomBooking.objects.filter(complex=complex, start__lt=end, end__gt=start)
        .exclude(status="cancelled")
        .select_related("group")
        .order_by("start")
    )


def resident_mix(*, complex: Complex, today: datetime.date | None = None) -> dict:
    """The resident mix of a complex in counts, never names: for the allocation policy."""
    today = today or timezone.localdate()
    rows = list(
        Resident.objects.filter(complex=complex).values_list(
            "birth_year", "household", "language", "moved_in"
        )
    )
    year_ago = today - datetime.timedelta(days=365)
    return {
        "total": len(rows),
        "age_bands": Counter(age_band(birth_year, today=today) for birth_year, *_ in rows),
        "households": Counter(household for _, household, *_ in rows),
        "living_alone": sum(1 for _, household, *_ in rows if household in LIVING_ALONE),
        "languages": Counter(language for _, _, language, _ in rows if language),
        "new_tenants": sum(1 for *_, moved_in in rows if moved_in and moved_in > year_ago),
    }


def to_welcome(*, user, today: datetime.date | None = None):
    """New tenants (moved in within 12 months) not yet welcomed in person, for the gallery's
    contact person and the professional; only complexes the user may keep records of."""
    return (
        _not_welcomed(resident_list(user=user), today=today)
        .select_related("gallery__contact_person")
        .order_by("moved_in", "name")
    )


def to_welcome_count(*, complex: Complex, today: datetime.date | None = None) -> int:
    """How many new tenants of an (already scoped) complex wait for a welcome: a count only."""
    return _not_welcomed(Resident.objects.filter(complex=complex), today=today).count()


def _not_welcomed(residents, *, today: datetime.date | None):
    welcomed = ResidentContact.objects.filter(resident=OuterRef("pk"), kind=ContactKind.WELCOME)
    return residents.new_tenants(today=today).filter(~Exists(welcomed))


def out_of_sight(*, user, today: datetime.date | None = None, weeks: int | None = None):
    """Residents living alone with no activity, group, mutual help or contact for ``weeks``,
    longest out of sight first: those never seen at all, then by the oldest ``last_seen`` (see
    ``with_last_seen``), ties by complex and name. Sorted in the database, so pages are stable.

    Only for the welfare professional of the complex: every other role gets an empty list, and
    the list holds no reasons or health data.
    """
    if not roles.has_role(user, roles.WELFARE_PROFESSIONAL):
        return Resident.objects.none()
    today = today or timezone.localdate()
    weeks = weeks or settings.OUT_OF_SIGHT_WEEKS
    since = today - datetime.timedelta(weeks=weeks)
    seen_at_activity = Activity.objects.filter(attendees=OuterRef("pk"), date__gt=since)
    in_active_group = Membership.objects.filter(resident=OuterRef("pk"), group__active=True)
    helped = MutualHelp.objects.filter(residents=OuterRef("pk"), month__gt=since.replace(day=1))
    contacted = ResidentContact.objects.filter(resident=OuterRef("pk"), date__gt=since)
    residents = (
        Resident.objects.filter(complex__in=user.assigned_complexes.values("pk"))
        .living_alone()
        .filter(
            ~Exists(seen_at_activity),
            ~Exists(in_active_group),
            ~Exists(helped),
            ~Exists(contacted),
        )
        .select_related("complex", "gallery")
    )
    return with_last_seen(residents).order_by(
        F("last_seen").asc(nulls_first=True), "complex__name", "complex_id", "name", "pk"
    )


def complex_counts(*, complex: Complex, today: datetime.date | None = None) -> dict:
    """Counts of groups, activities and mutual help of one complex, for any reader of it."""
    today = today or timezone.localdate()
    eight_weeks = today - datetime.timedelta(weeks=8)
    return {
        "groups": ResidentGroup.objects.filter(complex=complex, active=True).count(),
        "has_core_group": ResidentGroup.objects.filter(
            complex=complex, active=True, kind=GroupKind.CORE_GROUP
        ).exists(),
        "activities_8_weeks": Activity.objects.filter(
            complex=complex, date__gt=eight_weeks, date__lte=today
        ).count(),
        **MutualHelp.objects.filter(
            complex=complex, month__gte=eight_weeks.replace(day=1)
        ).aggregate(
            mutual_help_records=Count("pk"),
            mutual_help_people=Coalesce(Sum("people_count"), 0),
        ),
    }


def _latest(queryset, field: str):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


# Earlier than any recorded date: stands in for "never" inside GREATEST, which on PostgreSQL skips
# NULLs but on SQLite returns NULL as soon as one argument is NULL.
_NEVER = datetime.date(1, 1, 1)


def with_last_seen(residents):
    """Annotate the latest activity, mutual-help month and personal contact of each resident,
    and ``last_seen``, the latest of the three (None if none): how long someone has been out of
    sight, never why. One query, no rows doubled, the same on SQLite and PostgreSQL."""
    annotated = residents.annotate(
        last_activity=_latest(Activity.objects.filter(attendees=OuterRef("pk")), "date"),
        last_help=_latest(MutualHelp.objects.filter(residents=OuterRef("pk")), "month"),
        last_contact=_latest(ResidentContact.objects.filter(resident=OuterRef("pk")), "date"),
    )
    never = Value(_NEVER, output_field=DateField())
    latest = Greatest(
        *(Coalesce(field, never) for field in ("last_activity", "last_help", "last_contact"))
    )
    return annotated.annotate(last_seen=NullIf(latest, never))
