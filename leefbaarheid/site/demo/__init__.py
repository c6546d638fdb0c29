"""The demo city: Rotterdam's real districts, fictional corporations and complexes, demo users.

Deterministic (one ``random.Random(seed)``, no global random) and idempotent: everything is
upserted by a natural key, so running it twice leaves the same database. Later issues add their
own ``seed_*`` step to ``STEPS``, in a module of this package by theme: ``city`` (districts,
corporations, complexes, users), ``building`` (rooms, occupancy, galleries, residents, contact
persons), ``community`` (groups, contacts, activities, bookings, mutual help), ``funding``
(schemes, providers, grants, interventions; its Dutch texts in ``funding_data``), ``hours``
(a professional for every complex, a year of welfare hours and handed-in weeks), ``indicators``
(loneliness survey rounds, a year of weekly cohesion index snapshots, this year's actual hours
beside the budget, and budget scenarios to compare with the evaluation's reference), ``effects``
(a handful of interventions whose effect held, faded or never came, and the social life of their
complexes that the index history shows it by: planned before the building's social life).

The building map (galleries, residents, groups, activities, bookings, mutual help, welcomes) lives
relative to "today" (``timezone.localdate()``), so new tenants and the out-of-sight list mean
something on the day the demo is loaded. Residents and what hangs off them are built once per
complex, only when the complex has none; the rolling records (occupancy snapshots, activities of
the last weeks, bookings of this and the next weeks, mutual help of the last months) are topped
up by their natural key, so a re-run the same day adds nothing and a re-run later fills the gap.
Per-complex generators are seeded from ``city.rng`` and the complex's name (and the date for the
rolling records), so a complex's data does not depend on which other complexes exist.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from leefbaarheid.site.demo.building import (
    seed_communal_rooms,
    seed_contact_persons,
    seed_occupancy,
    seed_residents,
)
from leefbaarheid.site.demo.city import (
    CORPORATIONS,
    DEMO_USERS,
    DISTRICTS,
    seed_complexes,
    seed_corporations,
    seed_districts,
    seed_users,
)
from leefbaarheid.site.demo.common import DemoCity
from leefbaarheid.site.demo.community import (
    seed_activities,
    seed_bookings,
    seed_contacts,
    seed_groups,
    seed_mutual_help,
)
from leefbaarheid.site.demo.effects import plan_stories, seed_stories
from leefbaarheid.site.demo.funding import seed_grants, seed_providers, seed_schemes
from leefbaarheid.site.demo.hours import seed_hours, seed_professionals
from leefbaarheid.site.demo.indicators import seed_indicators, seed_scenarios, seed_surveys

__all__ = ["CORPORATIONS", "DEMO_USERS", "DISTRICTS", "STEPS", "DemoCity", "seed_demo_city"]

STEPS = [
    seed_districts,
    seed_corporations,
    seed_complexes,
    seed_users,
    seed_communal_rooms,
    seed_occupancy,
    seed_residents,
    plan_stories,
    seed_contact_persons,
    seed_groups,
    seed_contacts,
    seed_activities,
    seed_bookings,
    seed_mutual_help,
    seed_schemes,
    seed_providers,
    seed_grants,
    seed_stories,
    seed_professionals,
    seed_hours,
    seed_surveys,
    seed_indicators,
    seed_scenarios,
]


@transaction.atomic
def seed_demo_city(
    *, complexes: int = 266, seed: int = 2022, today: datetime.date | None = None
) -> DemoCity:
    """Build (or bring back) the demo city; all or nothing. ``today`` defaults to the local date."""
    city = DemoCity(
        rng=random.Random(seed),  # noqa: S311 (demo data)
        complex_count=complexes,
        today=today or timezone.localdate(),
    )
    for step in STEPS:
        step(city)
    return city
