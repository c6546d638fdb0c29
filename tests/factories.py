"""factory_boy factories for the domain; one per model, with realistic defaults."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from interventions.choices import GrantStatus, InterventionStatus, ProviderKind, WorkKind
from interventions.models import (
    Grant,
    HoursEntry,
    HoursWeek,
    Intervention,
    Provider,
    SubsidyScheme,
)
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.weeks import Week
from residents.choices import ActivityKind, ContactKind, GroupKind, HelpKind, Household
from residents.models import (
    Activity,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)

PASSWORD = "een-goed-wachtwoord-42"


class CorporationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Corporation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Corporatie {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Gebied {n}")
    code = factory.Sequence(lambda n: f"gebied-{n}")
    latitude = Decimal("51.920000")
    longitude = Decimal("4.480000")


class ComplexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complex

    corporation = factory.SubFactory(CorporationFactory)
    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Complex {n}")
    address = factory.Sequence(lambda n: f"Lindelaan {n + 1}")
    postcode = "3011 AB"
    units = 60
    vacant_units = 3
    is_senior = True
    # Taking part long before any week a test looks at; a test about joining sets its own.
    joined_on = datetime.date(2020, 1, 6)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def complexes(self, create, extracted, **kwargs):
        if create and extracted:
            self.assigned_complexes.set(extracted)


class GalleryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gallery

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: f"Galerij {n + 1}")
    floor = factory.Sequence(lambda n: n % 10)
    homes = 12


class OccupancySnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupancySnapshot

    complex = factory.SubFactory(ComplexFactory)
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=30 * n))
    units = 60
    vacant_units = 3


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: f"Bewoner {n}")
    birth_year = 1948
    household = Household.COUPLE
    language = "Nederlands"
    moved_in = datetime.date(2010, 5, 1)


class ResidentGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentGroup
        skip_postgeneration_save = True

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: f"Groep {n}")
    kind = GroupKind.COMMITTEE
    started = datetime.date(2020, 1, 1)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            for resident in extracted:
                self.memberships.create(resident=resident)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    complex = factory.SubFactory(ComplexFactory)
    kind = ActivityKind.COFFEE
    date = factory.LazyFunction(timezone.localdate)
    head_count = 8

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)


def _at(day_offset: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class RoomBookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoomBooking

    complex = factory.SubFactory(ComplexFactory)
    title = "Koffieochtend"
    start = factory.Sequence(lambda n: _at(n + 1, 10))
    end = factory.LazyAttribute(lambda booking: booking.start + datetime.timedelta(hours=2))


class MutualHelpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MutualHelp
        skip_postgeneration_save = True

    complex = factory.SubFactory(ComplexFactory)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    kind = HelpKind.GROCERIES
    people_count = 2

    @factory.post_generation
    def residents(self, create, extracted, **kwargs):
        if create and extracted:
            self.residents.set(extracted)


class ResidentContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentContact

    resident = factory.SubFactory(ResidentFactory)
    kind = ContactKind.VISIT
    date = factory.LazyFunction(timezone.localdate)


class SubsidySchemeFactory(factory.django.DjangoModelFactory):
    """By default Vitale Leefgemeenschappen, which a migration puts in every database: the row
    of that name takes the test's fields (and again the same row when asked twice)."""

    class Meta:
        model = SubsidyScheme

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        scheme, _created = model_class.objects.update_or_create(
            name=kwargs.pop("name"), defaults=kwargs
        )
        return scheme

    name = "Vitale Leefgemeenschappen"
    funder = "Gemeente Rotterdam"
    purpose = "Sociale interventies in ouderencomplexen"
    min_amount = Decimal("5000.00")
    max_amount = Decimal("10000.00")
    start = datetime.date(2019, 1, 1)
    end = None
    report_within_weeks = 12
    active = True


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sociale onderneming {n}")
    kind = ProviderKind.SOCIAL_ENTREPRENEUR
    contact_name = "Sanne de Vries"
    email = "info@voorbeeld.invalid"


class GrantFactory(factory.django.DjangoModelFactory):
    """An application; pass ``status`` and the step fields for a grant further along."""

    class Meta:
        model = Grant

    scheme = factory.SubFactory(SubsidySchemeFactory)
    complex = factory.SubFactory(ComplexFactory)
    corporation = factory.LazyAttribute(lambda grant: grant.complex.corporation)
    title = factory.Sequence(lambda n: f"Samen aan tafel {n}")
    description = "Wekelijkse ontmoeting met een vaste groep trekkers."
    start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    end = factory.LazyFunction(lambda: timezone.localdate().replace(month=12, day=31))
    amount_requested = Decimal("7500.00")
    status = GrantStatus.APPLIED
    applied_on = factory.LazyAttribute(lambda grant: grant.start)


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    complex = factory.SubFactory(ComplexFactory)
    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Trekkersgroep opbouwen {n}")
    methodology = "Persoonlijke werving aan de deur, daarna wekelijkse bijeenkomsten."
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    status = InterventionStatus.RUNNING
    goals = "Een groep van vijf bewoners die activiteiten zelf organiseert."


def last_week() -> Week:
    return Week.of(timezone.localdate()).shifted(-1)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """A cell written straight to the table (no service rules): for setting up a history."""

    class Meta:
        model = HoursEntry

    complex = factory.SubFactory(ComplexFactory)
    professional = factory.SubFactory(
        "tests.factories.UserFactory", role=roles.WELFARE_PROFESSIONAL
    )
    year = factory.LazyFunction(lambda: last_week().year)
    week = factory.LazyFunction(lambda: last_week().week)
    kind = WorkKind.GROUP_WORK
    hours = Decimal("2.00")


class HoursWeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursWeek

    professional = factory.SubFactory(
        "tests.factories.UserFactory", role=roles.WELFARE_PROFESSIONAL
    )
    year = factory.LazyFunction(lambda: last_week().year)
    week = factory.LazyFunction(lambda: last_week().week)


def user_with_role(role: str, **kwargs) -> User:
    return UserFactory(role=role, **kwargs)


__all__ = [
    "PASSWORD",
    "ActivityFactory",
    "ComplexFactory",
    "CorporationFactory",
    "DistrictFactory",
    "GalleryFactory",
    "HoursEntryFactory",
    "HoursWeekFactory",
    "MutualHelpFactory",
    "OccupancySnapshotFactory",
    "ResidentContactFactory",
    "ResidentFactory",
    "ResidentGroupFactory",
    "RoomBookingFactory",
    "UserFactory",
    "roles",
    "user_with_role",
]
