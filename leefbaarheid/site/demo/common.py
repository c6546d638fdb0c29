"""What every step of the demo city shares: the city the steps fill in, the per-complex random
generators and a cheap bulk insert."""

import datetime
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, models
from django.utils import timezone

from complexes.models import Complex, Corporation, District
from interventions.calendar import WelfareNorm, welfare_norm
from interventions.models import Provider, SubsidyScheme
from leefbaarheid.models import User

if TYPE_CHECKING:
    from leefbaarheid.site.demo.building import BuildingPlan, Person
    from leefbaarheid.site.demo.effects import Story


@dataclass
class DemoCity:
    """What the steps built, for the steps after them."""

    rng: random.Random
    complex_count: int
    districts: list[District] = field(default_factory=list)
    corporations: list[Corporation] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    today: datetime.date | None = None
    # Filled by the building steps (see seed_communal_rooms and after).
    base: int = 0
    plans: dict[int, "BuildingPlan"] = field(default_factory=dict)
    new_complex_ids: set[int] = field(default_factory=set)
    people: dict[int, list["Person"]] = field(default_factory=dict)
    women: set[int] = field(default_factory=set)
    contact_persons: dict[int, int] = field(default_factory=dict)
    groups: dict[tuple[int, str], int] = field(default_factory=dict)
    recorders: dict[int, User | None] = field(default_factory=dict)
    # Filled by plan_stories: the complexes whose history shows an intervention's effect.
    stories: dict[int, "Story"] = field(default_factory=dict)
    # Filled by the funding steps (see seed_schemes and after).
    schemes: dict[str, SubsidyScheme] = field(default_factory=dict)
    providers: dict[str, Provider] = field(default_factory=dict)
    norm: WelfareNorm | None = None


def demo_norm(city: DemoCity) -> WelfareNorm:
    """The welfare norm over the demo's history: which weeks are funded for each complex."""
    if city.norm is None:
        today = city.today or timezone.localdate()
        city.norm = welfare_norm(
            years=range(today.year - 2, today.year + 2),
            joined={complex_.pk: complex_.joined_on for complex_ in city.complexes},
        )
    return city.norm


def _rng(city: DemoCity, key: str, *parts: object) -> random.Random:
    """A generator for one complex (and purpose, date), derived from the city's generator."""
    return random.Random(":".join(map(str, (city.base, key, *parts))))  # noqa: S311 (demo data)


def _insert_rows(model, fields: list[str], rows: list[tuple], batch: int = 2000) -> None:
    """Plain multi-row INSERTs for the many rows nobody needs back as objects: far cheaper than
    model instances. Dates and times are adapted for the database like the ORM does."""
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in fields]
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in model_fields)
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    adapt = [
        (index, field.get_db_prep_save)
        for index, field in enumerate(model_fields)
        if isinstance(field, models.DateField)  # DateTimeField too
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = [list(row) for row in rows[start : start + batch]]
            for row in chunk:
                for index, prepare in adapt:
                    row[index] = prepare(row[index], connection)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (names from _meta)
                + ", ".join([row_marks] * len(chunk)),
                [value for row in chunk for value in row],
            )
