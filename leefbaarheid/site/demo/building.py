"""The building map: who runs each communal room, occupancy over time, galleries, residents and
the galleries' contact persons."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from complexes.choices import RoomManager
from complexes.models import Complex, Gallery, OccupancySnapshot
from leefbaarheid.site.demo.common import DemoCity, _insert_rows, _rng
from residents.choices import LIVING_ALONE, ActivityKind, GroupKind, Household
from residents.models import Resident


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
    wanted = _wanted_slots(
        rng,
        manager,
        vitality,
        committee_runs=committee and committee_active,
        core=core,
        womens=womens,
        language=language,
        club=club,
    )
    slots = _place_slots(rng, wanted)
    return BuildingPlan(key, manager, vitality, groups, slots, _opening_hours(slots, nobody))


def _wanted_slots(
    rng, manager, vitality: float, *, committee_runs, core, womens, language, club
) -> list[tuple]:
    """(title, start, minutes, activity kind, group kind) of each weekly slot, most important
    first, at most five; a room nobody runs has only its coffee morning."""
    runs_coffee = GroupKind.CORE_GROUP if core else GroupKind.COMMITTEE if committee_runs else None
    wanted = [("Koffieochtend", datetime.time(10), 120, ActivityKind.COFFEE, runs_coffee)]
    if manager == RoomManager.NOBODY:
        return wanted
    if club or rng.random() < 0.45:
        club_kind = GroupKind.ACTIVITY_CLUB if club else None
        wanted.append(("Kaartmiddag", datetime.time(14), 150, ActivityKind.CARDS, club_kind))
    if womens:
        women = ("Vrouwengroep", datetime.time(13, 30), 120, ActivityKind.OTHER)
        wanted.append((*women, GroupKind.WOMENS_GROUP))
    if language:
        wanted.append(
            ("Taalcafé", datetime.time(10), 90, ActivityKind.OTHER, GroupKind.LANGUAGE_GROUP)
        )
    if manager == RoomManager.CORPORATION:
        wanted.append(("Spreekuur huismeester", datetime.time(13), 60, None, None))
    if rng.random() < 0.4:
        bingo_kind = GroupKind.COMMITTEE if committee_runs else None
        wanted.append(("Bingo", datetime.time(19), 150, ActivityKind.BINGO, bingo_kind))
    if rng.random() < 0.15 + 0.25 * vitality:
        meal_kind = GroupKind.CORE_GROUP if core else None
        wanted.append(("Samen eten", datetime.time(17, 30), 120, ActivityKind.MEAL, meal_kind))
    return wanted[:5]


def _place_slots(rng, wanted: list[tuple]) -> list[Slot]:
    """Each wanted slot on its own weekday (Monday to Friday), in weekday order."""
    weekdays = rng.sample(range(5), len(wanted))
    return sorted(
        (
            Slot(index, title, weekday, start, minutes, activity_kind, group_kind)
            for index, ((title, start, minutes, activity_kind, group_kind), weekday) in enumerate(
                zip(wanted, weekdays, strict=True)
            )
        ),
        key=lambda slot: slot.weekday,
    )


def _opening_hours(slots: list[Slot], nobody: bool) -> str:
    hours = ", ".join(
        f"{WEEKDAYS_NL[slot.weekday]} {slot.start:%H:%M}-{slot.end:%H:%M}" for slot in slots
    )
    if nobody:
        hours = f"Geen vaste openingstijden; koffie {hours}"
    return hours


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
    long_ago = today - datetime.timedelta(days=366)
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
        # Where an intervention's effect is shown, the contact persons have served for years.
        steady = gallery.complex_id in city.stories
        if steady and candidates:
            candidates = [p for p in candidates if not p.moved_in or p.moved_in <= long_ago]
        if not candidates or rng.random() > 0.55 + 0.45 * plan.vitality:
            continue
        person = rng.choice(candidates)
        # Most contact persons have served for years; one in ten took over in the last year.
        recent = rng.random() < 0.1 and not steady
        since = today - datetime.timedelta(
            days=rng.randint(20, 365) if recent else rng.randint(366, 3000)
        )
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
