"""Writes of the complexes app. Every write validates fully before it saves."""

from typing import Any

from django.db import transaction

from complexes.models import Complex, Corporation, District


def _apply(instance, data: dict[str, Any]):
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def corporation_upsert(*, name: str, data: dict[str, Any] | None = None) -> Corporation:
    """Create or update a corporation by its (unique) name."""
    corporation = Corporation.objects.filter(name=name).first() or Corporation(name=name)
    return _apply(corporation, data or {})


@transaction.atomic
def district_upsert(*, code: str, data: dict[str, Any]) -> District:
    """Create or update a district by its code."""
    district = District.objects.filter(code=code).first() or District(code=code)
    return _apply(district, data)


@transaction.atomic
def complex_upsert(*, corporation: Corporation, name: str, data: dict[str, Any]) -> Complex:
    """Create or update a complex by corporation and name (unique together)."""
    complex_ = Complex.objects.filter(corporation=corporation, name=name).first() or Complex(
        corporation=corporation, name=name
    )
    return _apply(complex_, data)
