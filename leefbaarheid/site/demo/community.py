"""The social life of the buildings: groups and their members, welcomes and visits,
activities, the room calendar and mutual help."""

import datetime
import uuid
from collections import defaultdict

from django.utils import timezone

from leefbaarheid.site.demo.building import HELPED, ISOLATED, REGULAR, Person
from leefbaarheid.site.demo.common import DemoCity, _insert_rows, _rng
from residents.choices import LIVING_ALONE, BookingStatus, ContactKind, GroupKind, HelpKind
from residents.models import (
    Activity,
    Membership,
    MutualHelp,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)

DEMO_NAMESPACE = uuid.UUID("5a0f6c3e-3b1d-4f0e-9a53-6c1f3e2d7b40")

# Activities and mutual help reach back as far as the index's year of history looks: its oldest
# week counts the people of the eight weeks before it.
ACTIVITY_WEEKS = 61  # activities of the last 61 weeks (a year and eight weeks)
BOOKING_WEEKS = 4  # bookings for this week and the next three
CANCELLED = 0.04  # the share of a series' weekly bookings that is cancelled
HELP_MONTHS = 15  # mutual help of this month and the fourteen before

# How a complex's social life went over the last year: three in ten declined (some of its people
# stopped coming to activities and helping neighbours), a quarter improved (some only started),
# the rest held steady; the index's history shows it.
DECLINING, IMPROVING = 0.3, 0.25
ALWAYS = (datetime.date.min, datetime.date.max)

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


def _at(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def trend(city: DemoCity, plan) -> int:
    """-1 when the complex's social life declined over the last year, 1 when it improved."""
    draw = _rng(city, plan.key, "trend").random()
    return -1 if draw < DECLINING else 1 if draw < DECLINING + IMPROVING else 0


def _taking_part(city: DemoCity, plan, people: list[Person]) -> dict[int, tuple]:
    """Per person, the days they take part in activities and mutual help: in a declining complex
    some stopped at some point in the year, in an improving one some only started. Those who
    stopped share a home, so the decline puts nobody living alone out of sight."""
    direction = trend(city, plan)
    rng = _rng(city, plan.key, "trend", "people")
    share = rng.uniform(0.25, 0.5)
    windows = {}
    for person in people:
        draw, days = rng.random(), rng.randint(20, 340)  # two draws each, whatever the trend
        if direction < 0 and person.household in LIVING_ALONE:
            continue
        if direction and draw < share:
            moment = city.today - datetime.timedelta(days=days)
            since, until = (moment, ALWAYS[1]) if direction > 0 else (ALWAYS[0], moment)
            windows[person.pk] = (since, until)
    return windows


def _takes_part(windows: dict[int, tuple], pk: int, day: datetime.date) -> bool:
    since, until = windows.get(pk, ALWAYS)
    return since <= day <= until


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
    groups, members, left, left_members = [], [], [], []
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
        story = city.stories.get(complex_.pk)
        if story and story.core_group:  # the core group an intervention left behind
            group = ResidentGroup(
                complex=complex_,
                name=GROUP_NAMES[GroupKind.CORE_GROUP],
                kind=GroupKind.CORE_GROUP,
                started=min(joined for _pk, joined in story.core_group),
            )
            left.append(group)
            left_members += [(group, pk, joined) for pk, joined in story.core_group]
    # Those last, so the other groups are numbered as they would be without them.
    groups += left
    members += left_members
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
    """Activities of the last ACTIVITY_WEEKS weeks from each complex's weekly slots, with the
    regulars who came by name and a head count; a week now and then falls through."""
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
        story = city.stories.get(complex_.pk)
        # A complex with a story of an intervention's effect follows that story alone.
        windows = story.windows if story else _taking_part(city, plan, people)
        by_weekday = {slot.weekday: slot for slot in plan.slots if slot.activity_kind}
        for day in days:
            slot = by_weekday.get(day.weekday())
            if slot is None or (complex_.pk, day) in existing:
                continue
            rng = _rng(city, plan.key, "activity", day)
            if rng.random() < 0.08:
                continue
            named = [
                p.pk
                for p in people
                if slot.index in p.slots and rng.random() < 0.75 and _takes_part(windows, p.pk, day)
            ]
            extra = rng.randint(0, 3)
            if rng.random() < 0.2:  # only counted at the door
                named, extra = [], len(named) + extra
            if story:  # those who came through an intervention, drawn apart from the rest
                named += story.coming(_rng(city, plan.key, "story", day), slot.index, day, named)
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
    then one of them cancelled (never all of a week's: every room is in use every week, also in
    a complex with a single slot) and now and then a resident's party on a Saturday; nothing
    overlaps an active booking."""
    monday = city.today - datetime.timedelta(days=city.today.weekday())
    taken, starts = _booked(city, monday)
    bookings = []
    for complex_ in city.complexes:
        plan = city.plans[complex_.pk]
        regulars = [p.pk for p in city.people[complex_.pk] if p.role == REGULAR]
        for week in range(BOOKING_WEEKS):
            week_monday = monday + datetime.timedelta(weeks=week)
            for booking in _week_bookings(city, complex_, plan, regulars, week_monday):
                busy = taken[booking.complex_id]
                if (booking.complex_id, booking.start) in starts or any(
                    start < booking.end and booking.start < end for start, end in busy
                ):
                    continue
                if booking.status != BookingStatus.CANCELLED:
                    busy.append((booking.start, booking.end))
                bookings.append(booking)
    RoomBooking.objects.bulk_create(bookings, batch_size=1000)


def _booked(city: DemoCity, monday: datetime.date) -> tuple[defaultdict, set]:
    """The bookings already in the window, from an earlier run: the periods they take per
    complex, and every start (also cancelled ones: never booked again)."""
    window_start = _at(monday, datetime.time.min)
    window_end = _at(monday + datetime.timedelta(weeks=BOOKING_WEEKS), datetime.time.min)
    taken, starts = defaultdict(list), set()
    for complex_id, start, end, status in RoomBooking.objects.filter(
        complex__in=city.complexes, start__lt=window_end, end__gt=window_start
    ).values_list("complex_id", "start", "end", "status"):
        starts.add((complex_id, start))
        if status != BookingStatus.CANCELLED:
            taken[complex_id].append((start, end))
    return taken, starts


def _week_bookings(
    city: DemoCity, complex_, plan, regulars: list[int], week_monday: datetime.date
) -> list[RoomBooking]:
    """One week's wanted bookings of a room: its slots (some cancelled, never all) and maybe a
    resident's Saturday party; drawn from the week's own random stream."""
    rng = _rng(city, plan.key, "bookings", week_monday)
    cancels = [rng.random() < CANCELLED for _slot in plan.slots]
    if all(cancels):
        cancels[0] = False
    wanted = []
    for slot, cancelled in zip(plan.slots, cancels, strict=True):
        start = _at(week_monday + datetime.timedelta(days=slot.weekday), slot.start)
        wanted.append(
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
        wanted.append(
            RoomBooking(
                complex_id=complex_.pk,
                title=rng.choice(["Verjaardag", "Verjaardagsfeest", "Familiebijeenkomst"]),
                resident_id=rng.choice(regulars),
                start=start,
                end=start + datetime.timedelta(hours=3),
                status=rng.choice([BookingStatus.REQUESTED, BookingStatus.CONFIRMED]),
            )
        )
    return wanted


def _counted_help(
    city: DemoCity, complex_, plan, people, windows, month: datetime.date
) -> list[tuple[MutualHelp, list[int]]]:
    """One month's help in a complex with the residents it names: those helped who take part,
    in small groups with one or two regulars, and some help that is only counted."""
    kinds, weights = zip(*HELP_KINDS, strict=True)
    rng = _rng(city, plan.key, "help", month)
    helped = [p.pk for p in people if p.role == HELPED and _takes_part(windows, p.pk, month)]
    helpers = [p.pk for p in people if p.role == REGULAR and _takes_part(windows, p.pk, month)]
    rng.shuffle(helped)
    chunks, rest = [], list(helped)
    while rest:
        size = rng.randint(1, 3)
        chunks.append(rest[:size])
        rest = rest[size:]
    chunks += [[] for _ in range(rng.randint(1, 2))]  # only counted
    records = []
    for chunk in chunks:
        named = chunk + rng.sample(helpers, min(len(helpers), rng.randint(1, 2)))
        if not chunk:
            named = []
        record = MutualHelp(
            complex=complex_,
            month=month,
            kind=rng.choices(kinds, weights=weights)[0],
            people_count=len(named) + rng.randint(0 if named else 2, 3),
            recorded_by=city.recorders[complex_.pk],
        )
        records.append((record, named))
    return records


def _story_help(
    city: DemoCity, complex_, plan, story, month: datetime.date
) -> list[tuple[MutualHelp, list[int]]]:
    """The help of the neighbours an intervention's story paired that month, drawn apart from
    the rest so the story does not shift the other records."""
    story_rng = _rng(city, plan.key, "story", month)
    return [
        (
            MutualHelp(
                complex=complex_,
                month=month,
                kind=story_rng.choice([HelpKind.COMPANY, HelpKind.GROCERIES]),
                people_count=2,
                recorded_by=city.recorders[complex_.pk],
            ),
            list(pair),
        )
        for pair in story.helping(month)
    ]


def _month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    months, month = [], today.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def seed_mutual_help(city: DemoCity) -> None:
    """Mutual help of the last HELP_MONTHS months: neighbours who help those living alone,
    named, and some help that is only counted."""
    months = _month_starts(city.today, HELP_MONTHS)
    existing = set(
        MutualHelp.objects.filter(complex__in=city.complexes, month__gte=months[-1]).values_list(
            "complex_id", "month"
        )
    )
    records, involved = [], []
    for complex_ in city.complexes:
        plan = city.plans[complex_.pk]
        people = city.people[complex_.pk]
        story = city.stories.get(complex_.pk)
        # Steady where an intervention's effect is shown, apart from the neighbours it paired.
        windows = {} if story else _taking_part(city, plan, people)
        for month in months:
            if (complex_.pk, month) in existing:
                continue
            helped = _counted_help(city, complex_, plan, people, windows, month)
            if story is not None:
                helped += _story_help(city, complex_, plan, story, month)
            for record, named in helped:
                records.append(record)
                involved.append(named)
    MutualHelp.objects.bulk_create(records, batch_size=1000)
    _insert_rows(
        MutualHelp.residents.through,
        ["mutualhelp", "resident"],
        [(record.pk, pk) for record, named in zip(records, involved, strict=True) for pk in named],
    )
