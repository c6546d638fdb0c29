"""The building map's API resources, their payloads and URLs: shared by the API tests of the
complexes (tests/complexes/test_api.py, test_api_galleries.py) and the residents
(tests/residents/test_api.py)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from complexes.models import Complex, Gallery
from residents.models import Activity, MutualHelp, Resident, ResidentGroup, RoomBooking
from tests.factories import (
    ActivityFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)

API = "/api/v1"


def _future(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class Resource:
    """One writable resource: how to make a row in a complex, a valid POST, a harmless change."""

    path: str
    model: type
    make: Callable[[Complex], Any]
    payload: Callable[[dict], dict]
    change: tuple[str, Any]
    personal: bool  # residents' data: officials and the intervention team get 403


def _complex_payload(w):
    return {
        "name": "De Nieuwe Hof",
        "corporation": w["complex"].corporation_id,
        "district": w["complex"].district_id,
        "address": "Maasboulevard 12",
        "postcode": "3011 AB",
        "units": 40,
        "vacant_units": 2,
    }


RESOURCES = {
    "complexes": Resource(
        "complexes",
        Complex,
        lambda c: c,
        _complex_payload,
        ("name", "Andere naam"),
        personal=False,
    ),
    "galleries": Resource(
        "galleries",
        Gallery,
        lambda c: GalleryFactory(complex=c),
        lambda w: {"complex": w["complex"].pk, "name": "Galerij Z", "floor": 3, "homes": 10},
        ("name", "Andere galerij"),
        personal=False,
    ),
    "residents": Resource(
        "residents",
        Resident,
        lambda c: ResidentFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "gallery": w["gallery"].pk,
            "name": "Mevrouw de Vries",
            "birth_year": 1950,
            "household": "widowed",
            "moved_in": "2024-03-01",
        },
        ("name", "Andere naam"),
        personal=True,
    ),
    "groups": Resource(
        "groups",
        ResidentGroup,
        lambda c: ResidentGroupFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "name": "Trekkersgroep",
            "kind": "core_group",
            "members": [w["resident"].pk],
        },
        ("name", "Andere groep"),
        personal=True,
    ),
    "activities": Resource(
        "activities",
        Activity,
        lambda c: ActivityFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "kind": "coffee",
            "date": timezone.localdate().isoformat(),
            "attendees": [w["resident"].pk],
            "head_count": 6,
        },
        ("note", "Andere notitie"),
        personal=True,
    ),
    "room-bookings": Resource(
        "room-bookings",
        RoomBooking,
        lambda c: RoomBookingFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "title": "Bingo",
            "start": _future(200, 14).isoformat(),
            "end": _future(200, 16).isoformat(),
        },
        ("title", "Andere titel"),
        personal=True,
    ),
    "mutual-help": Resource(
        "mutual-help",
        MutualHelp,
        lambda c: MutualHelpFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "month": "2025-03-14",
            "kind": "groceries",
            "residents": [w["resident"].pk],
        },
        ("kind", "cooking"),
        personal=True,
    ),
}


def _url(resource: str, pk=None, suffix="") -> str:
    return f"{API}/{resource}/" + (f"{pk}/" if pk is not None else "") + suffix
