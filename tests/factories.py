"""factory_boy factories for the domain; one per model, with realistic defaults."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from complexes.models import Complex, Corporation, District
from leefbaarheid import roles
from leefbaarheid.models import User

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


def user_with_role(role: str, **kwargs) -> User:
    return UserFactory(role=role, **kwargs)


__all__ = [
    "PASSWORD",
    "ComplexFactory",
    "CorporationFactory",
    "DistrictFactory",
    "UserFactory",
    "roles",
    "user_with_role",
]
