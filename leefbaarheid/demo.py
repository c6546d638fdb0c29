"""The demo city: Rotterdam's real districts, fictional corporations and complexes, demo users.

Deterministic (one ``random.Random(seed)``, no global random) and idempotent: everything is
upserted by a natural key, so running it twice leaves the same database. Later issues add their
own ``seed_*`` step to ``STEPS``.

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
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, models, transaction
from django.utils import timezone

from complexes import services as complex_services
from complexes.choices import RoomManager
from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from leefbaarheid import roles
from leefbaarheid.models import User
from residents.choices import (
    LIVING_ALONE,
    ActivityKind,
    BookingStatus,
    ContactKind,
    GroupKind,
    HelpKind,
    Household,
)
from residents.models import (
    Activity,
    Membership,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)

# Rotterdam's areas (gebieden): name, code, centre (lat, lon), postcode ranges, weight ≈ share of
# the city's older residents, so complexes land where older people live.
DISTRICTS = [
    ("Centrum", "centrum", (51.9220, 4.4790), (3011, 3016), 6),
    ("Delfshaven", "delfshaven", (51.9110, 4.4440), (3021, 3029), 9),
    ("Overschie", "overschie", (51.9390, 4.4270), (3041, 3046), 4),
    ("Noord", "noord", (51.9330, 4.4690), (3031, 3039), 7),
    ("Hillegersberg-Schiebroek", "hillegersberg-schiebroek", (51.9560, 4.4850), (3051, 3056), 8),
    ("Kralingen-Crooswijk", "kralingen-crooswijk", (51.9250, 4.5120), (3061, 3063), 7),
    ("Prins Alexander", "prins-alexander", (51.9520, 4.5500), (3065, 3069), 14),
    ("Feijenoord", "feijenoord", (51.8960, 4.5010), (3071, 3075), 9),
    ("IJsselmonde", "ijsselmonde", (51.8800, 4.5460), (3076, 3079), 11),
    ("Charlois", "charlois", (51.8820, 4.4720), (3081, 3089), 10),
    ("Hoogvliet", "hoogvliet", (51.8620, 4.3590), (3191, 3194), 6),
    ("Pernis", "pernis", (51.8880, 4.3880), (3195, 3197), 2),
    ("Rozenburg", "rozenburg", (51.9050, 4.2460), (3181, 3181), 3),
    ("Hoek van Holland", "hoek-van-holland", (51.9770, 4.1330), (3151, 3151), 3),
]

# Fictional corporations; the first two are those of the demo users corporatie1 and corporatie2.
CORPORATIONS = [
    ("Maasstad Wonen", 30),
    ("Woonstichting Rijnmondhof", 25),
    ("Havenhuis Wonen", 20),
    ("Stichting De Kade", 12),
    ("Lindehof Ouderenhuisvesting", 8),
    ("Vaart en Dijk Wonen", 5),
]

NAME_ROOTS = [
    "Meidoorn",
    "Vlier",
    "Esdoorn",
    "Linde",
    "Kastanje",
    "Iep",
    "Berk",
    "Wilg",
    "Plataan",
    "Eik",
    "Hazelaar",
    "Lijsterbes",
    "Magnolia",
    "Acacia",
    "Beuk",
    "Els",
    "Populier",
    "Ceder",
    "Hulst",
    "Jasmijn",
    "Zonnebloem",
    "Klaproos",
    "Korenbloem",
    "Lavendel",
    "Roos",
    "Tulp",
    "Narcis",
    "Merel",
    "Lijster",
    "Zwaluw",
    "Reiger",
    "Fuut",
    "Meeuw",
    "Kievit",
    "Spreeuw",
    "Koolmees",
    "Maas",
    "Rotte",
    "Schie",
    "Waal",
    "Lek",
    "Merwede",
    "Noord",
    "Vliet",
    "Vaart",
    "Haven",
]
NAME_FORMS = ["De {}", "{}hof", "{}staete", "Huize {}", "{}flat", "Residentie {}"]
STREET_FORMS = ["{}straat", "{}laan", "{}weg", "{}plein", "{}kade", "{}singel"]
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"

# username -> (role, first name, last name, extra)
DEMO_USERS = {
    "admin": (roles.FUNCTIONAL_ADMIN, "Anouk", "Beheer", {}),
    "gemeente": (roles.MUNICIPALITY_OFFICIAL, "Gerrit", "van Dam", {}),
    "corporatie1": (roles.CORPORATION_STAFF, "Carla", "de Wit", {"corporation": 0}),
    "corporatie2": (roles.CORPORATION_STAFF, "Kees", "Bakker", {"corporation": 1}),
    "welzijn1": (
        roles.WELFARE_PROFESSIONAL,
        "Wendy",
        "Ouali",
        {"organisation": "Welzijn Maas en Rotte (fictief)"},
    ),
    "interventieteam": (roles.INTERVENTION_TEAM, "Ingrid", "Jansen", {}),
}
PROFESSIONAL_COMPLEXES = 12


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


def _coordinate(centre: float, spread: float, rng: random.Random) -> Decimal:
    return Decimal(str(round(centre + rng.uniform(-spread, spread), 6)))


def seed_districts(city: DemoCity) -> None:
    for name, code, (lat, lon), _postcodes, _weight in DISTRICTS:
        city.districts.append(
            complex_services.district_upsert(
                code=code,
                data={
                    "name": name,
                    "latitude": Decimal(str(lat)),
                    "longitude": Decimal(str(lon)),
                },
            )
        )


def seed_corporations(city: DemoCity) -> None:
    for name, _weight in CORPORATIONS:
        slug = name.lower().replace(" ", "")
        city.corporations.append(
            complex_services.corporation_upsert(
                name=name,
                data={"email": f"info@{slug}.example.nl", "phone": "010 000 0000"},
            )
        )


def _complex_names(rng: random.Random, count: int) -> list[str]:
    names = [form.format(root) for root in NAME_ROOTS for form in NAME_FORMS]
    rng.shuffle(names)
    if count > len(names):
        names += [f"{name} {n}" for n in range(2, 2 + count // len(names) + 1) for name in names]
    return names[:count]


COMPLEX_FIELDS = [
    "district",
    "address",
    "postcode",
    "units",
    "vacant_units",
    "is_senior",
    "is_thuisplus",
    "year_built",
    "latitude",
    "longitude",
]


def seed_complexes(city: DemoCity) -> None:
    """Upsert the complexes by corporation and name in bulk: validated field by field (their
    constraints hold by construction), written only where something changed."""
    rng = city.rng
    district_weights = [weight for *_rest, weight in DISTRICTS]
    corporation_weights = [weight for _name, weight in CORPORATIONS]
    names = _complex_names(rng, city.complex_count)
    existing = {
        (complex_.corporation_id, complex_.name): complex_
        for complex_ in Complex.objects.filter(corporation__in=city.corporations)
    }
    created, changed = [], []
    for index, name in enumerate(names):
        d = rng.choices(range(len(DISTRICTS)), weights=district_weights)[0]
        c = rng.choices(range(len(CORPORATIONS)), weights=corporation_weights)[0]
        _name, _code, (lat, lon), (pc_low, pc_high), _weight = DISTRICTS[d]
        units = rng.randint(24, 180)
        # Most complexes have little vacancy; about one in eight has a worrying amount.
        vacancy_share = rng.uniform(0.08, 0.2) if rng.random() < 0.125 else rng.uniform(0, 0.05)
        street = rng.choice(STREET_FORMS).format(rng.choice(NAME_ROOTS))
        postcode = (
            f"{rng.randint(pc_low, pc_high)} "
            f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        )
        corporation = city.corporations[c]
        values = {
            "district_id": city.districts[d].pk,
            "address": f"{street} {rng.randint(1, 250)}",
            "postcode": postcode,
            "units": units,
            "vacant_units": int(units * vacancy_share),
            "is_senior": True,
            "is_thuisplus": rng.random() < 0.25 or index % 11 == 0,
            "year_built": rng.randint(1958, 2016),
            "latitude": _coordinate(lat, 0.012, rng),
            "longitude": _coordinate(lon, 0.02, rng),
        }
        complex_ = existing.get((corporation.pk, name))
        if complex_ is None:
            complex_ = Complex(corporation=corporation, name=name, **values)
            created.append(complex_)
        elif any(getattr(complex_, field) != value for field, value in values.items()):
            for field_name, value in values.items():
                setattr(complex_, field_name, value)
            changed.append(complex_)
        else:
            complex_.corporation = corporation  # cached, so later steps need no query
        complex_.full_clean(
            exclude=["corporation", "district"], validate_unique=False, validate_constraints=False
        )
        city.complexes.append(complex_)
    Complex.objects.bulk_create(created, batch_size=500)
    Complex.objects.bulk_update(changed, COMPLEX_FIELDS, batch_size=500)
    # A smaller run than before leaves no stale demo complexes behind.
    Complex.objects.filter(corporation__in=city.corporations).exclude(
        pk__in=[complex_.pk for complex_ in city.complexes]
    ).delete()


def seed_users(city: DemoCity) -> None:
    password = settings.DEMO_PASSWORD
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ROLES)}
    # Hashing is slow on purpose: the demo users share one hash, checked (or made) once a run.
    shared_hash = ""
    for username, (role, first_name, last_name, extra) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name = first_name
        user.last_name = last_name
        user.email = f"{username}@leefbaarheid.example.nl"
        user.is_active = True
        user.is_staff = user.is_superuser = role == roles.FUNCTIONAL_ADMIN
        user.organisation = extra.get("organisation", "")
        corporation_index = extra.get("corporation")
        user.corporation = (
            city.corporations[corporation_index] if corporation_index is not None else None
        )
        # Only re-hash when the password changed: a fresh salt would make every run differ.
        if not shared_hash:
            if not user.has_usable_password() or not user.check_password(password):
                user.password = make_password(password)
            shared_hash = user.password
        user.password = shared_hash
        user.full_clean()
        user.save()
        user.groups.set([groups[role]])
        city.users[username] = user

    # The welfare professional works in a dozen complexes spread over the city, including some of
    # both demo corporations, so every role has overlapping and separate complexes to look at.
    ordered = sorted(city.complexes, key=lambda complex_: complex_.name)
    step = max(1, len(ordered) // PROFESSIONAL_COMPLEXES)
    city.users["welzijn1"].assigned_complexes.set(ordered[::step][:PROFESSIONAL_COMPLEXES])


# The building map -------------------------------------------------------------------------------


def _names(text: str) -> list[str]:
    return text.split(", ")


# origin -> (weight, women's first names, men's first names, surnames, {language: weight}).
# Fictional names in the mix of Rotterdam's older residents; the language is the one they prefer
# to be spoken to in (no ethnicity is stored, only the name and the language).
ORIGINS = {
    "nl": (
        52,
        _names(
            "Johanna, Maria, Corrie, Annie, Ria, Joke, Tineke, Gerda, Els, Ineke, Riet, Nel, Bep, "
            "Loes, Henny, Thea, Truus, Marianne, Wil, Lenie"
        ),
        _names(
            "Jan, Piet, Henk, Wim, Ton, Cor, Joop, Bert, Frans, Hans, Ad, Rinus, Arie, Leen, Dirk, "
            "Theo, Jaap, Rob, Gijs, Aad"
        ),
        _names(
            "de Vries, Visser, Smit, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, "
            "van Leeuwen, Dekker, Brouwer, Dijkstra, de Graaf, van der Meer, Kok, Verbeek, "
            "van den Berg, Verhoeven, Koster, Prins, Blom, van der Linden, Huisman, Schouten, "
            "Kuiper, Post, Molenaar, de Jong, Boon, Vermeulen, Hoogendoorn, van Gent, Zwart, Stam, "
            "Timmermans, Rijnders"
        ),
        {"Nederlands": 1},
    ),
    "tr": (
        9,
        _names("Fatma, Ayşe, Emine, Hatice, Zeynep, Elif, Meryem, Sevim"),
        _names("Mehmet, Mustafa, Ahmet, Ali, Hüseyin, İbrahim, Hasan, Osman"),
        _names(
            "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Arslan, Doğan, Koç, Kılıç, Yıldız"
        ),
        {"Turks": 7, "Nederlands": 3},
    ),
    "ma": (
        9,
        _names("Fatima, Khadija, Malika, Aicha, Zohra, Naima, Rachida, Fadma"),
        _names("Mohamed, Ahmed, Abdelkader, Mustapha, Driss, Hassan, Brahim, Abdellah"),
        _names(
            "El Amrani, Bouzid, Benali, El Idrissi, Bakkali, Azzouzi, El Khattabi, Ouhaddou, "
            "Chaabi, Belhaj, Tahiri, Ziani"
        ),
        {"Arabisch": 6, "Nederlands": 4},
    ),
    "sr": (
        12,
        _names("Rosita, Marlene, Hermina, Elfriede, Carmen, Iris, Sylvia, Wilma"),
        _names("Ronald, Edgar, Glenn, Hugo, Roy, Orlando, Clifford, Humphrey"),
        _names(
            "Pinas, Kross, Doelwijt, Sital, Amatmoekrim, Wongsoredjo, Lie A Fong, Tjon, Nahar, "
            "Biharie, Fränkel, Hoost"
        ),
        {"Nederlands": 1},
    ),
    "cw": (
        6,
        _names("Ruthmila, Eldrid, Shirley, Gisela, Carmelita, Maria"),
        _names("Eduardo, Franklin, Ismael, Rignald, Etienne, Wensley"),
        _names(
            "Martina, Statia, Rosaria, Isenia, Cijntje, Doran, Pieternella, Daal, Cicilia, "
            "Francisca"
        ),
        {"Papiaments": 6, "Nederlands": 4},
    ),
    "cv": (
        7,
        _names("Ana, Antónia, Fátima, Luísa, Domingas, Maria"),
        _names("João, Manuel, António, José, Carlos, Pedro"),
        _names(
            "Lopes, Fortes, Tavares, Monteiro, Gomes, Delgado, Barros, Semedo, Rodrigues, Andrade, "
            "Brito, Spencer"
        ),
        {"Kaapverdisch": 6, "Nederlands": 4},
    ),
    "en": (
        3,
        _names("Margaret, Susan, Patricia, Linda, Mary"),
        _names("David, Peter, John, Michael, Richard"),
        _names("Smith, Taylor, Walker, Wright, Hughes, Clarke, Evans, O'Brien"),
        {"Engels": 8, "Nederlands": 2},
    ),
}
ORIGIN_CODES = list(ORIGINS)
ORIGIN_WEIGHTS = [ORIGINS[code][0] for code in ORIGIN_CODES]
WEEKDAYS_NL = ["ma", "di", "wo", "do", "vr", "za", "zo"]
DEMO_NAMESPACE = uuid.UUID("5a0f6c3e-3b1d-4f0e-9a53-6c1f3e2d7b40")

ACTIVITY_WEEKS = 12  # activities of the last twelve weeks
BOOKING_WEEKS = 4  # bookings for this week and the next three
HELP_MONTHS = 3  # mutual help of this month and the two before
OCCUPANCY_QUARTERS = 8  # quarterly snapshots over two years

ROOM_MANAGERS = [
    (RoomManager.COMMITTEE, 45),
    (RoomManager.CORE_GROUP, 14),
    (RoomManager.CORPORATION, 15),
    (RoomManager.WELFARE, 16),
    (RoomManager.NOBODY, 10),
]
KEY_HOLDERS = {
    RoomManager.COMMITTEE: "Voorzitter en penningmeester bewonerscommissie, huismeester",
    RoomManager.CORE_GROUP: "Twee leden van de trekkersgroep, huismeester",
    RoomManager.CORPORATION: "Huismeester",
    RoomManager.WELFARE: "Welzijnswerker, huismeester",
    RoomManager.NOBODY: "Huismeester (sleutel op aanvraag)",
}
GROUP_NAMES = {
    GroupKind.COMMITTEE: "Bewonerscommissie",
    GroupKind.CORE_GROUP: "Trekkersgroep",
    GroupKind.WOMENS_GROUP: "Vrouwengroep",
    GroupKind.LANGUAGE_GROUP: "Taalgroep",
    GroupKind.ACTIVITY_CLUB: "Klaverjasclub",
}
HELP_KINDS = [
    (HelpKind.COMPANY, 35),
    (HelpKind.GROCERIES, 25),
    (HelpKind.RUBBISH, 15),
    (HelpKind.COOKING, 12),
    (HelpKind.CHILDREN, 4),
    (HelpKind.OTHER, 9),
]

# What a resident is to the rolling records: at activities, helped by neighbours, out of sight.
REGULAR, HELPED, ISOLATED, QUIET = "regular", "helped", "isolated", "quiet"


@dataclass(frozen=True)
class Slot:
    """A weekly slot of the communal room; each slot of a complex has its own weekday."""

    index: int
    title: str
    weekday: int
    start: datetime.time
    minutes: int
    activity_kind: str | None  # None: a booking only (the caretaker's office hour)
    group_kind: str | None

    @property
    def end(self) -> datetime.time:
        start = datetime.datetime.combine(datetime.date.min, self.start)
        return (start + datetime.timedelta(minutes=self.minutes)).time()


@dataclass
class BuildingPlan:
    """What a complex's building map looks like, decided from the complex alone."""

    key: str
    manager: str
    vitality: float  # 0–1: how well the building's social life runs
    groups: list[tuple[str, bool]]  # (kind, active)
    slots: list[Slot]
    opening_hours: str


@dataclass(frozen=True)
class Person:
    """A resident as the rolling records see them."""

    pk: int
    gallery_id: int | None
    household: str
    moved_in: datetime.date | None
    consent: bool
    language: str
    role: str
    slots: tuple[int, ...]


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


def _at(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _plan(city: DemoCity, complex_: Complex) -> BuildingPlan:
    key = f"{complex_.corporation.name}|{complex_.name}"
    rng = _rng(city, key, "plan")
    managers, weights = zip(*ROOM_MANAGERS, strict=True)
    manager = rng.choices(managers, weights=weights)[0]
    nobody = manager == RoomManager.NOBODY
    vitality = rng.uniform(0.1, 0.45) if nobody else rng.uniform(0.35, 1.0)
    committee = manager == RoomManager.COMMITTEE or rng.random() < 0.55
    committee_active = manager == RoomManager.COMMITTEE or rng.random() < 0.8
    core = manager == RoomManager.CORE_GROUP or rng.random() < 0.12
    womens, language, club = rng.random() < 0.2, rng.random() < 0.12, rng.random() < 0.3
    groups = [(GroupKind.COMMITTEE, committee_active)] if committee else []
    groups += [
        (kind, True)
        for kind, wanted in (
            (GroupKind.CORE_GROUP, core),
            (GroupKind.WOMENS_GROUP, womens),
            (GroupKind.LANGUAGE_GROUP, language),
            (GroupKind.ACTIVITY_CLUB, club),
        )
        if wanted
    ]
    runs_coffee = (
        GroupKind.CORE_GROUP
        if core
        else GroupKind.COMMITTEE
        if committee_active and committee
        else None
    )
    # (title, start, minutes, activity kind, group kind) of each weekly slot, most important first.
    wanted = [("Koffieochtend", datetime.time(10), 120, ActivityKind.COFFEE, runs_coffee)]
    if not nobody:
        if club or rng.random() < 0.45:
            club_kind = GroupKind.ACTIVITY_CLUB if club else None
            wanted.append(("Kaartmiddag", datetime.time(14), 150, ActivityKind.CARDS, club_kind))
        if womens:
            wanted.append(
                (
                    "Vrouwengroep",
                    datetime.time(13, 30),
                    120,
                    ActivityKind.OTHER,
                    GroupKind.WOMENS_GROUP,
                )
            )
        if language:
            wanted.append(
                ("Taalcafé", datetime.time(10), 90, ActivityKind.OTHER, GroupKind.LANGUAGE_GROUP)
            )
        if manager == RoomManager.CORPORATION:
            wanted.append(("Spreekuur huismeester", datetime.time(13), 60, None, None))
        if rng.random() < 0.4:
            bingo_kind = GroupKind.COMMITTEE if committee and committee_active else None
            wanted.append(("Bingo", datetime.time(19), 150, ActivityKind.BINGO, bingo_kind))
        if rng.random() < 0.15 + 0.25 * vitality:
            meal_kind = GroupKind.CORE_GROUP if core else None
            wanted.append(("Samen eten", datetime.time(17, 30), 120, ActivityKind.MEAL, meal_kind))
    wanted = wanted[:5]
    weekdays = rng.sample(range(5), len(wanted))
    slots = sorted(
        (
            Slot(index, title, weekday, start, minutes, activity_kind, group_kind)
            for index, ((title, start, minutes, activity_kind, group_kind), weekday) in enumerate(
                zip(wanted, weekdays, strict=True)
            )
        ),
        key=lambda slot: slot.weekday,
    )
    hours = ", ".join(
        f"{WEEKDAYS_NL[slot.weekday]} {slot.start:%H:%M}-{slot.end:%H:%M}" for slot in slots
    )
    if nobody:
        hours = f"Geen vaste openingstijden; koffie {hours}"
    return BuildingPlan(key, manager, vitality, groups, slots, hours)


def seed_communal_rooms(city: DemoCity) -> None:
    """Who runs each communal room, its opening hours and key holders."""
    city.today = city.today or timezone.localdate()
    city.base = city.rng.getrandbits(48)
    changed = []
    for complex_ in city.complexes:
        plan = city.plans[complex_.pk] = _plan(city, complex_)
        values = {
            "has_communal_room": True,
            "room_managed_by": plan.manager,
            "room_opening_hours": plan.opening_hours,
            "room_key_holders": KEY_HOLDERS[plan.manager],
        }
        if any(getattr(complex_, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(complex_, name, value)
            changed.append(complex_)
    Complex.objects.bulk_update(
        changed,
        ["has_communal_room", "room_managed_by", "room_opening_hours", "room_key_holders"],
        batch_size=500,
    )
    # Who records the demo's welcomes and mutual help: the professional or the corporation's user.
    assigned = set(city.users["welzijn1"].assigned_complexes.values_list("pk", flat=True))
    staff = {user.corporation_id: user for user in city.users.values() if user.corporation_id}
    for complex_ in city.complexes:
        city.recorders[complex_.pk] = (
            city.users["welzijn1"]
            if complex_.pk in assigned
            else staff.get(complex_.corporation_id)
        )


def _quarter_starts(today: datetime.date, count: int) -> list[datetime.date]:
    year, quarter = today.year, (today.month - 1) // 3
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, 3 * quarter + 1, 1))
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    return starts


def seed_occupancy(city: DemoCity) -> None:
    """Quarterly occupancy snapshots over two years; vacancy drifts towards today's figure."""
    quarters = _quarter_starts(city.today, OCCUPANCY_QUARTERS)
    existing = set(
        OccupancySnapshot.objects.filter(
            complex__in=city.complexes, date__gte=quarters[-1]
        ).values_list("complex_id", "date")
    )
    snapshots = []
    for complex_ in city.complexes:
        key = city.plans[complex_.pk].key
        trend = _rng(city, key, "occupancy").uniform(-0.6, 1.4)  # > 0: vacancy rising till now
        for back, day in enumerate(quarters):
            if (complex_.pk, day) in existing:
                continue
            rng = _rng(city, key, "occupancy", day)
            vacant = complex_.vacant_units
            if back:
                vacant = round(vacant - trend * back) + rng.randint(-1, 1)
            vacant = max(0, min(complex_.units, vacant))
            snapshots.append(
                OccupancySnapshot(
                    complex=complex_,
                    date=day,
                    units=complex_.units,
                    vacant_units=vacant,
                    new_tenants=rng.randint(0, max(1, round((complex_.units - vacant) * 0.03))),
                )
            )
    OccupancySnapshot.objects.bulk_create(snapshots, batch_size=1000)


def _galleries(rng: random.Random, complex_: Complex) -> list[Gallery]:
    per_gallery = rng.randint(8, 16)
    count = max(1, min(20, round(complex_.units / per_gallery)))
    lettered = rng.random() < 0.4
    base, extra = divmod(complex_.units, count)
    return [
        Gallery(
            complex=complex_,
            name=f"Galerij {chr(ord('A') + floor - 1)}" if lettered else f"Galerij {floor}e etage",
            floor=floor,
            homes=base + (1 if floor <= extra else 0),
        )
        for floor in range(1, count + 1)
    ]


def _age(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.04:
        return rng.randint(50, 54)
    if draw < 0.56:
        return rng.randint(55, 74)
    return min(99, 75 + int(rng.expovariate(1 / 7)))


def _household(rng: random.Random, age: int) -> str:
    weights = [22, 30 if age >= 75 else 14, 12, 28, 8]
    return rng.choices(
        [Household.ALONE, Household.WIDOWED, Household.DIVORCED, Household.COUPLE, Household.OTHER],
        weights=weights,
    )[0]


RESIDENT_FIELDS = [
    "complex",
    "gallery",
    "name",
    "birth_year",
    "household",
    "language",
    "moved_in",
    "consent_contact_person",
    "created_at",
]


def _residents(
    city: DemoCity, rng: random.Random, complex_: Complex, galleries: list[Gallery]
) -> list[tuple[tuple, bool]]:
    """One resident per occupied home (the person the records are about) as a row of
    RESIDENT_FIELDS, with their sex only as far as the women's group needs it: it is not stored."""
    now = timezone.now()
    today = city.today
    homes = [gallery for gallery in galleries for _ in range(gallery.homes)]
    rng.shuffle(homes)
    occupied = homes[: complex_.units - complex_.vacant_units]
    new_count = max(2, round(len(occupied) * rng.uniform(0.03, 0.1)))
    new_tenants = set(rng.sample(range(len(occupied)), min(len(occupied), new_count)))
    earliest = datetime.date(max(complex_.year_built or 1970, 1965), 3, 1)
    latest = today - datetime.timedelta(days=400)
    span = max(30, (latest - earliest).days)
    people = []
    for index, gallery in enumerate(occupied):
        origin = rng.choices(ORIGIN_CODES, weights=ORIGIN_WEIGHTS)[0]
        _weight, women, men, surnames, languages = ORIGINS[origin]
        female = rng.random() < 0.6
        age = _age(rng)
        household = _household(rng, age)
        if index in new_tenants:
            moved_in = today - datetime.timedelta(days=rng.randint(5, 355))
        elif rng.random() < 0.03:
            moved_in = None
        else:
            moved_in = min(latest, earliest + datetime.timedelta(days=rng.randint(0, span)))
        resident = (
            complex_.pk,
            gallery.pk,
            f"{rng.choice(women if female else men)} {rng.choice(surnames)}",
            today.year - age,
            household,
            rng.choices(list(languages), weights=list(languages.values()))[0],
            moved_in,
            rng.random() < 0.2,
            now,
        )
        people.append((resident, female))
    return people


def _people(city: DemoCity, plan: BuildingPlan, rows: list[tuple]) -> list[Person]:
    """Decide per resident who is at activities, who is helped, and who is out of sight.

    Fewer people drop out of sight where the building's social life runs well (``vitality``).
    Always four draws per resident, so one edited resident does not reshuffle the rest.
    """
    rng = _rng(city, plan.key, "people")
    activity_slots = [slot.index for slot in plan.slots if slot.activity_kind]
    isolated_share = 0.03 + 0.12 * (1 - plan.vitality)
    people = []
    for pk, gallery_id, household, moved_in, consent, language in rows:
        role_draw, cover_draw, slot_draw, second_draw = (rng.random() for _ in range(4))
        if household in LIVING_ALONE:
            if role_draw < isolated_share:
                role = ISOLATED
            else:
                role = REGULAR if cover_draw < 0.55 + 0.35 * plan.vitality else HELPED
        else:
            role = REGULAR if cover_draw < 0.2 + 0.3 * plan.vitality else QUIET
        slots: tuple[int, ...] = ()
        if role == REGULAR:
            first = activity_slots[int(slot_draw * len(activity_slots))]
            other = activity_slots[int(second_draw * 7919) % len(activity_slots)]
            slots = (first,) if second_draw > 0.3 or other == first else (first, other)
        people.append(Person(pk, gallery_id, household, moved_in, consent, language, role, slots))
    return people


def seed_residents(city: DemoCity) -> None:
    """Galleries and residents of every complex that has neither yet; the rest is left alone."""
    ids = [complex_.pk for complex_ in city.complexes]
    built = set(Gallery.objects.filter(complex_id__in=ids).values_list("complex_id", flat=True))
    built |= set(Resident.objects.filter(complex_id__in=ids).values_list("complex_id", flat=True))
    new = [complex_ for complex_ in city.complexes if complex_.pk not in built]
    city.new_complex_ids = {complex_.pk for complex_ in new}
    rngs = {complex_.pk: _rng(city, city.plans[complex_.pk].key, "residents") for complex_ in new}
    galleries = {complex_.pk: _galleries(rngs[complex_.pk], complex_) for complex_ in new}
    Gallery.objects.bulk_create(
        [gallery for complex_galleries in galleries.values() for gallery in complex_galleries],
        batch_size=1000,
    )
    created = {
        complex_.pk: _residents(city, rngs[complex_.pk], complex_, galleries[complex_.pk])
        for complex_ in new
    }
    _insert_rows(
        Resident,
        RESIDENT_FIELDS,
        [row for pairs in created.values() for row, _female in pairs],
        batch=1000,
    )

    rows = defaultdict(list)
    for complex_id, *row in (
        Resident.objects.filter(complex_id__in=ids)
        .order_by("complex_id", "pk")
        .values_list(
            "complex_id",
            "pk",
            "gallery_id",
            "household",
            "moved_in",
            "consent_contact_person",
            "language",
        )
    ):
        rows[complex_id].append(row)
    # The new residents come back in the order they were inserted (ascending keys).
    city.women = {
        row[0]
        for complex_id, pairs in created.items()
        for row, (_values, female) in zip(rows[complex_id], pairs, strict=True)
        if female
    }
    city.people = {pk: _people(city, city.plans[pk], rows[pk]) for pk in ids}


def seed_contact_persons(city: DemoCity) -> None:
    """A consenting resident of the gallery as its contact person, on most galleries of the
    newly built complexes; some galleries stay without one (the gap the screens show)."""
    today = city.today
    galleries = list(
        Gallery.objects.filter(complex_id__in=city.new_complex_ids).order_by("complex_id", "pk")
    )
    by_gallery = defaultdict(list)
    for complex_id in city.new_complex_ids:
        for person in city.people[complex_id]:
            if person.consent and person.role != ISOLATED:
                by_gallery[person.gallery_id].append(person)
    for gallery in galleries:
        plan = city.plans[gallery.complex_id]
        rng = _rng(city, plan.key, "contact", gallery.name)
        candidates = by_gallery.get(gallery.pk)
        if not candidates or rng.random() > 0.55 + 0.45 * plan.vitality:
            continue
        person = rng.choice(candidates)
        since = today - datetime.timedelta(days=rng.randint(20, 1800))
        gallery.contact_person_id = person.pk
        gallery.contact_since = max(since, person.moved_in) if person.moved_in else since
    chosen = [
        (gallery.contact_person_id, gallery.contact_since, gallery.pk)
        for gallery in galleries
        if gallery.contact_person_id
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Gallery._meta.db_table)} SET contact_person_id = %s, "  # noqa: S608
            "contact_since = %s WHERE id = %s",
            chosen,
        )
    city.contact_persons = dict(
        Gallery.objects.filter(
            complex__in=city.complexes, contact_person__isnull=False
        ).values_list("pk", "contact_person_id")
    )


def _members(rng, kind: str, people: list[Person], women: set[int]) -> list[Person]:
    active = [person for person in people if person.role != ISOLATED]
    regulars = [person for person in active if person.role == REGULAR] or active
    pool, low, high = {
        GroupKind.COMMITTEE: (active, 3, 6),
        GroupKind.CORE_GROUP: (regulars, 3, 7),
        GroupKind.WOMENS_GROUP: ([p for p in active if p.pk in women] or active, 5, 10),
        GroupKind.LANGUAGE_GROUP: (
            [p for p in active if p.language != "Nederlands"] or active,
            4,
            9,
        ),
        GroupKind.ACTIVITY_CLUB: (regulars, 4, 10),
    }[kind]
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def seed_groups(city: DemoCity) -> None:
    """The committee, core group, women's group, language group and club of the new complexes."""
    today = city.today
    groups, members = [], []
    for complex_ in city.complexes:
        if complex_.pk not in city.new_complex_ids:
            continue
        plan = city.plans[complex_.pk]
        rng = _rng(city, plan.key, "groups")
        for kind, active in plan.groups:
            recent = kind == GroupKind.CORE_GROUP
            started = today - datetime.timedelta(
                days=rng.randint(60, 700) if recent else rng.randint(300, 5000)
            )
            group = ResidentGroup(
                complex=complex_,
                name=GROUP_NAMES[kind],
                kind=kind,
                started=started,
                active=active,
                unnamed_members=rng.choice([0, 0, 0, 1, 2]),
            )
            groups.append(group)
            for person in _members(rng, kind, city.people[complex_.pk], city.women):
                joined = max(started, person.moved_in or started)
                joined = min(today, joined + datetime.timedelta(days=rng.randint(0, 120)))
                members.append((group, person.pk, joined))
    ResidentGroup.objects.bulk_create(groups, batch_size=1000)
    _insert_rows(
        Membership,
        ["group", "resident", "joined"],
        [(group.pk, pk, joined) for group, pk, joined in members],
    )
    city.groups = {}
    for pk, complex_id, kind in (
        ResidentGroup.objects.filter(complex__in=city.complexes, active=True)
        .order_by("pk")
        .values_list("pk", "complex_id", "kind")
    ):
        city.groups.setdefault((complex_id, kind), pk)


def seed_contacts(city: DemoCity) -> None:
    """Welcome visits to about half of the new tenants (never all of them: every complex keeps
    someone to welcome), and now and then a visit or call to others, mostly long ago."""
    today = city.today
    year_ago = today - datetime.timedelta(days=365)
    contacts = []
    for complex_ in city.complexes:
        if complex_.pk not in city.new_complex_ids:
            continue
        plan = city.plans[complex_.pk]
        rng = _rng(city, plan.key, "contacts")
        recorder = city.recorders[complex_.pk]
        people = city.people[complex_.pk]
        newcomers = sorted(
            (p for p in people if p.moved_in and p.moved_in > year_ago),
            key=lambda p: (p.moved_in, p.pk),
        )
        welcomed = [rng.random() < 0.5 for _ in newcomers]
        if newcomers and all(welcomed):
            welcomed[-1] = False
        if len(newcomers) > 1 and not any(welcomed):
            welcomed[0] = True
        for person, welcome in zip(newcomers, welcomed, strict=True):
            day = min(today, person.moved_in + datetime.timedelta(days=rng.randint(3, 45)))
            made_by = city.contact_persons.get(person.gallery_id)
            if welcome:
                contacts.append(
                    ResidentContact(
                        resident_id=person.pk,
                        kind=ContactKind.WELCOME,
                        date=day,
                        made_by_id=made_by if made_by != person.pk else None,
                        recorded_by=recorder,
                    )
                )
        for person in people:
            draw, day_draw, kind_draw = rng.random(), rng.randint(70, 240), rng.random()
            chance = 0.3 if person.role == ISOLATED else 0.08 if person.role == HELPED else 0
            if draw >= chance:
                continue
            # The out-of-sight stay out of sight: their last contact is more than 8 weeks ago.
            day = today - datetime.timedelta(
                days=day_draw if person.role == ISOLATED else day_draw % 50 + 1
            )
            if person.moved_in and day < person.moved_in:
                continue
            contacts.append(
                ResidentContact(
                    resident_id=person.pk,
                    kind=ContactKind.VISIT if kind_draw < 0.6 else ContactKind.PHONE,
                    date=day,
                    recorded_by=recorder,
                )
            )
    ResidentContact.objects.bulk_create(contacts, batch_size=2000)


def seed_activities(city: DemoCity) -> None:
    """Activities of the last twelve weeks from each complex's weekly slots, with the regulars
    who came by name and a head count; a week now and then falls through."""
    today = city.today
    first = today - datetime.timedelta(weeks=ACTIVITY_WEEKS)
    existing = set(
        Activity.objects.filter(complex__in=city.complexes, date__gte=first).values_list(
            "complex_id", "date"
        )
    )
    activities, attendance = [], []
    days = [first + datetime.timedelta(days=n) for n in range((today - first).days)]
    for complex_ in city.complexes:
        plan = city.plans[complex_.pk]
        people = city.people[complex_.pk]
        by_weekday = {slot.weekday: slot for slot in plan.slots if slot.activity_kind}
        for day in days:
            slot = by_weekday.get(day.weekday())
            if slot is None or (complex_.pk, day) in existing:
                continue
            rng = _rng(city, plan.key, "activity", day)
            if rng.random() < 0.08:
                continue
            named = [p.pk for p in people if slot.index in p.slots and rng.random() < 0.75]
            extra = rng.randint(0, 3)
            if rng.random() < 0.2:  # only counted at the door
                named, extra = [], len(named) + extra
            activities.append(
                Activity(
                    complex=complex_,
                    group_id=city.groups.get((complex_.pk, slot.group_kind)),
                    kind=slot.activity_kind,
                    date=day,
                    head_count=max(1, len(named) + extra),
                )
            )
            attendance.append(named)
    Activity.objects.bulk_create(activities, batch_size=1000)
    _insert_rows(
        Activity.attendees.through,
        ["activity", "resident"],
        [
            (activity.pk, pk)
            for activity, named in zip(activities, attendance, strict=True)
            for pk in named
        ],
    )


def seed_bookings(city: DemoCity) -> None:
    """The room calendar of this week and the next three: each weekly slot as a series, now and
    then a resident's party on a Saturday; nothing overlaps an active booking."""
    monday = city.today - datetime.timedelta(days=city.today.weekday())
    window_start = _at(monday, datetime.time.min)
    window_end = _at(monday + datetime.timedelta(weeks=BOOKING_WEEKS), datetime.time.min)
    taken, starts = defaultdict(list), set()
    for complex_id, start, end, status in RoomBooking.objects.filter(
        complex__in=city.complexes, start__lt=window_end, end__gt=window_start
    ).values_list("complex_id", "start", "end", "status"):
        starts.add((complex_id, start))  # also cancelled ones: never booked again
        if status != BookingStatus.CANCELLED:
            taken[complex_id].append((start, end))
    bookings = []

    def book(booking: RoomBooking) -> None:
        busy = taken[booking.complex_id]
        if (booking.complex_id, booking.start) in starts or any(
            start < booking.end and booking.start < end for start, end in busy
        ):
            return
        if booking.status != BookingStatus.CANCELLED:
            busy.append((booking.start, booking.end))
        bookings.append(booking)

    for complex_ in city.complexes:
        plan = city.plans[complex_.pk]
        regulars = [p.pk for p in city.people[complex_.pk] if p.role == REGULAR]
        for week in range(BOOKING_WEEKS):
            week_monday = monday + datetime.timedelta(weeks=week)
            rng = _rng(city, plan.key, "bookings", week_monday)
            for slot in plan.slots:
                start = _at(week_monday + datetime.timedelta(days=slot.weekday), slot.start)
                cancelled = rng.random() < 0.04
                book(
                    RoomBooking(
                        complex_id=complex_.pk,
                        title=slot.title,
                        group_id=city.groups.get((complex_.pk, slot.group_kind)),
                        start=start,
                        end=start + datetime.timedelta(minutes=slot.minutes),
                        status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                        series=uuid.uuid5(DEMO_NAMESPACE, f"{city.base}:{plan.key}:{slot.index}"),
                    )
                )
            if regulars and rng.random() < 0.2:
                start = _at(week_monday + datetime.timedelta(days=5), datetime.time(14))
                book(
                    RoomBooking(
                        complex_id=complex_.pk,
                        title=rng.choice(["Verjaardag", "Verjaardagsfeest", "Familiebijeenkomst"]),
                        resident_id=rng.choice(regulars),
                        start=start,
                        end=start + datetime.timedelta(hours=3),
                        status=rng.choice([BookingStatus.REQUESTED, BookingStatus.CONFIRMED]),
                    )
                )
    RoomBooking.objects.bulk_create(bookings, batch_size=1000)


def _month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    months, month = [], today.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def seed_mutual_help(city: DemoCity) -> None:
    """Mutual help of the last three months: neighbours who help those living alone, named,
    and some help that is only counted."""
    months = _month_starts(city.today, HELP_MONTHS)
    existing = set(
        MutualHelp.objects.filter(complex__in=city.complexes, month__gte=months[-1]).values_list(
            "complex_id", "month"
        )
    )
    kinds, weights = zip(*HELP_KINDS, strict=True)
    records, involved = [], []
    for complex_ in city.complexes:
        plan = city.plans[complex_.pk]
        people = city.people[complex_.pk]
        helped = [p.pk for p in people if p.role == HELPED]
        helpers = [p.pk for p in people if p.role == REGULAR]
        for month in months:
            if (complex_.pk, month) in existing:
                continue
            rng = _rng(city, plan.key, "help", month)
            rng.shuffle(helped)
            chunks, rest = [], list(helped)
            while rest:
                size = rng.randint(1, 3)
                chunks.append(rest[:size])
                rest = rest[size:]
            chunks += [[] for _ in range(rng.randint(1, 2))]  # only counted
            for chunk in chunks:
                named = chunk + rng.sample(helpers, min(len(helpers), rng.randint(1, 2)))
                if not chunk:
                    named = []
                records.append(
                    MutualHelp(
                        complex=complex_,
                        month=month,
                        kind=rng.choices(kinds, weights=weights)[0],
                        people_count=len(named) + rng.randint(0 if named else 2, 3),
                        recorded_by=city.recorders[complex_.pk],
                    )
                )
                involved.append(named)
    MutualHelp.objects.bulk_create(records, batch_size=1000)
    _insert_rows(
        MutualHelp.residents.through,
        ["mutualhelp", "resident"],
        [(record.pk, pk) for record, named in zip(records, involved, strict=True) for pk in named],
    )


STEPS = [
    seed_districts,
    seed_corporations,
    seed_complexes,
    seed_users,
    seed_communal_rooms,
    seed_occupancy,
    seed_residents,
    seed_contact_persons,
    seed_groups,
    seed_contacts,
    seed_activities,
    seed_bookings,
    seed_mutual_help,
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
