"""The city itself: Rotterdam's real districts, fictional corporations and complexes, and the
demo users."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from complexes import services as complex_services
from complexes.models import Complex, Corporation
from evaluations.models import SurveyRound
from interventions.models import Grant, HoursEntry, Intervention
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.site.demo.common import DemoCity

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


# Every demo complex took part long before the year of history the demo shows.
JOINED = datetime.date(2020, 1, 6)
COMPLEX_FIELDS = [
    "joined_on",
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
    names = _complex_names(city.rng, city.complex_count)
    existing = {
        (complex_.corporation_id, complex_.name): complex_
        for complex_ in Complex.objects.filter(corporation__in=city.corporations)
    }
    created, changed = [], []
    for index, name in enumerate(names):
        corporation, values = _draw_complex(city, index)
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
    _remove_stale_complexes(city)


def _draw_complex(city: DemoCity, index: int) -> tuple[Corporation, dict[str, Any]]:
    """The corporation and field values of the ``index``-th complex, drawn from the city's
    random stream (so the order of the draws is part of the demo)."""
    rng = city.rng
    district_weights = [weight for *_rest, weight in DISTRICTS]
    corporation_weights = [weight for _name, weight in CORPORATIONS]
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
    values = {
        "joined_on": JOINED,
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
    return city.corporations[c], values


def _remove_stale_complexes(city: DemoCity) -> None:
    """A smaller run than before leaves no stale demo complexes behind. Grants and interventions
    protect a complex (financial history), and so do welfare hours and survey rounds: the
    demo's own go first."""
    stale = Complex.objects.filter(corporation__in=city.corporations).exclude(
        pk__in=[complex_.pk for complex_ in city.complexes]
    )
    SurveyRound.objects.filter(complex__in=stale).delete()
    Intervention.objects.filter(complex__in=stale).delete()
    Grant.objects.filter(complex__in=stale).delete()
    HoursEntry.objects.filter(complex__in=stale).delete()
    stale.delete()


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
