"""Welfare hours in the demo city: a professional for every complex, and a year of logged hours
and handed-in weeks.

``welzijn1`` keeps the dozen complexes ``seed_users`` gives her; the other complexes, ordered by
district, are shared out among ``welzijn2`` … ``welzijnN`` (about twenty each), who work for the
welfare organisation of their part of town. The first professional of each organisation is its
team lead (may approve the weeks of colleagues).

Hours cover the 52 weeks up to the last complete week, and the twelve before them that the oldest
week of the cohesion index's year of history may look back on (its last four funded weeks, across
the summer holiday). A week of a
complex is planned from the complex and the week alone (one generator each), so an old week plans
the same whatever the day; only what "recent" means follows "today": about one complex in eight
has been below the norm for the last funded weeks (the alert), the others met it lately. In the
weeks the welfare calendar does not fund (the summer and Christmas holidays) most complexes log
nothing and about one in six a little: those hours count, but no norm applies. Professionals also
take holidays of their own (three summer weeks, one at Christmas) and one was away for five weeks
in spring: no hours then. Rows are written only for the (complex, week) pairs and (professional,
week) pairs that have none yet, so a re-run the same day adds nothing and a later run fills in the
new weeks, leaving what people changed in the demo alone.
"""

import datetime
import math
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from complexes.models import Complex
from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.site.demo.common import DemoCity, _rng, demo_norm
from leefbaarheid.site.demo.funding_data import WELFARE
from leefbaarheid.weeks import Week, last_weeks

# A year, and the weeks the index's oldest week of history looks back on: its last four funded
# weeks, which span the eight unfunded summer weeks when it falls just after them.
WEEKS = 52 + 12
PER_PROFESSIONAL = 20  # complexes per demo professional besides welzijn1
FIRST = "welzijn1"
# The south bank, where the second organisation works; the rest is the first's.
SOUTH = {"Feijenoord", "IJsselmonde", "Charlois", "Hoogvliet", "Pernis", "Rozenburg"}
NAMES = [
    ("Samira", "El Amrani"),
    ("Joost", "Verbeek"),
    ("Priya", "Ramdin"),
    ("Marco", "de Graaf"),
    ("Fatma", "Yilmaz"),
    ("Ruud", "Kok"),
    ("Lisa", "Tjon A Fong"),
    ("Mehmet", "Demir"),
    ("Annelies", "Smit"),
    ("Kevin", "Martina"),
    ("Naima", "Bouzid"),
    ("Bart", "Hoekstra"),
    ("Sanne", "Visser"),
    ("Youssef", "Haddou"),
    ("Dewi", "Soekhai"),
    ("Thijs", "van Leeuwen"),
]

BELOW_SHARE = 0.12  # complexes below the norm for the last weeks
RECENT = 3  # the funded weeks in which the others meet the norm (settings.HOURS_ALERT_WEEKS)
HOLIDAY_SHARE = 0.17  # complexes with a little welfare work in an unfunded week
LEAVER = 2  # welzijn<LEAVER> was away for a few weeks in spring
KIND_WEIGHTS = {
    WorkKind.GROUP_WORK: 30,
    WorkKind.HOME_VISIT: 25,
    WorkKind.ACTIVITY: 20,
    WorkKind.CONSULTATION: 10,
    WorkKind.COORDINATION: 10,
    WorkKind.OTHER: 5,
}
# Usual hours a funded week (most around the norm of 4, so the year about fits the budget), and
# the shortfall of a complex below it.
USUAL = [3.5, 3.75, 4, 4, 4, 4, 4.25, 4.5, 4.75]
SWING = [-1, -0.5, 0, 0, 0, 0, 0.5, 0.5, 1]
SHORT = [0, 0.5, 0.5, 1, 1, 1.5, 1.5, 2, 2.5]
NOTES = {
    WorkKind.GROUP_WORK: ["Trekkersgroep: planning najaar", "Vrouwengroep, koffie en gesprek"],
    WorkKind.HOME_VISIT: ["Kennismaking nieuwe huurder", "Huisbezoek op verzoek huismeester"],
    WorkKind.ACTIVITY: ["Koffieochtend in de ontmoetingsruimte", "Spelmiddag met de galerij"],
    WorkKind.CONSULTATION: ["Overleg met de corporatie", "Afstemming wijkteam"],
    WorkKind.COORDINATION: ["Rooster contactpersonen galerijen", "Sleutelbeheer ruimte"],
    WorkKind.OTHER: ["Administratie", "Bewonersavond voorbereid"],
}
RETURN_NOTE = "Graag nakijken: de uren van dinsdag staan volgens mij bij het verkeerde complex."


def _number(username: str) -> int:
    return int(username.removeprefix("welzijn"))


def _shares(complexes: list[Complex], districts: dict[int, str]) -> list[list[Complex]]:
    """The complexes ``welzijn1`` does not cover, by district and name, in near-equal parts."""
    ordered = sorted(
        complexes, key=lambda c: (districts[c.district_id], c.name, c.corporation.name)
    )
    count = math.ceil(len(ordered) / PER_PROFESSIONAL)
    return [
        ordered[i * len(ordered) // count : (i + 1) * len(ordered) // count] for i in range(count)
    ]


def hours_loggers(city: DemoCity) -> dict[int, str]:
    """Who logs each complex's hours (a username), as ``seed_professionals`` shares the
    complexes out: known before it has run."""
    covered = set(city.users[FIRST].assigned_complexes.values_list("pk", flat=True))
    district_names = {district.pk: district.name for district in city.districts}
    shares = _shares([c for c in city.complexes if c.pk not in covered], district_names)
    loggers = dict.fromkeys(covered, FIRST)
    for index, share in enumerate(shares):
        loggers.update({complex_.pk: f"welzijn{index + 2}" for complex_ in share})
    return loggers


def _organisation(share: list[Complex], district_names: dict[int, str]) -> str:
    south = sum(district_names[c.district_id] in SOUTH for c in share)
    return WELFARE[1] if south * 2 > len(share) else WELFARE[0]


def _professional(city: DemoCity, number: int, organisation: str, group: Group) -> User:
    """welzijn<number>, upserted by username with the demo password and the professional role."""
    username = f"welzijn{number}"
    first_name, last_name = NAMES[(number - 2) % len(NAMES)]
    if number - 2 >= len(NAMES):
        last_name = f"{last_name} {number}"
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.email = f"{username}@leefbaarheid.example.nl"
    user.is_active = True
    user.is_staff = user.is_superuser = False
    user.corporation = None
    user.organisation = organisation
    user.password = city.users[FIRST].password  # the demo password, hashed once a run
    user.full_clean()
    user.save()
    user.groups.set([group])
    return user


def seed_professionals(city: DemoCity) -> None:
    """welzijn2 … welzijnN for the complexes welzijn1 does not cover; the first of each
    organisation a team lead. Demo professionals no longer needed (a smaller city) are made
    inactive, keeping the hours they logged."""
    first = city.users[FIRST]
    covered = set(first.assigned_complexes.values_list("pk", flat=True))
    district_names = {district.pk: district.name for district in city.districts}
    shares = _shares([c for c in city.complexes if c.pk not in covered], district_names)
    group = Group.objects.get(name=roles.WELFARE_PROFESSIONAL)
    approve = Permission.objects.get(
        content_type__app_label="interventions", codename=roles.APPROVE_HOURS
    )
    leads: set[str] = set()  # welzijn1 stays a professional like any other
    for index, share in enumerate(shares):
        number = index + 2
        user = _professional(city, number, _organisation(share, district_names), group)
        user.assigned_complexes.set(share)
        user.user_permissions.set([approve] if user.organisation not in leads else [])
        leads.add(user.organisation)
        city.users[user.username] = user
    needed = {f"welzijn{index + 2}" for index in range(len(shares))}
    stale = User.objects.filter(username__regex=r"^welzijn[0-9]+$").exclude(
        username__in=needed | {FIRST}
    )
    for user in stale:
        user.assigned_complexes.clear()
        user.user_permissions.clear()
    stale.filter(is_active=True).update(is_active=False)


def _demo_professionals(city: DemoCity) -> list[User]:
    return sorted(
        (user for name, user in city.users.items() if name.startswith("welzijn")),
        key=lambda user: _number(user.username),
    )


def away_weeks(city: DemoCity, username: str, year: int) -> set[int]:
    """The weeks of ``year`` a professional was away: three summer weeks, Christmas or New
    Year's week and, for one of them, five weeks in spring. Drawn per professional and year, so a
    week is absent or not whatever the day."""
    rng = _rng(city, username, "absence", year)
    summer = rng.randint(27, 32)
    weeks = {*range(summer, summer + 3), rng.choice([1, 52])}
    spring = rng.randint(9, 14)
    if _number(username) == LEAVER:
        weeks.update(range(spring, spring + 5))
    return weeks


def _split(rng, quarters: int, kinds: list[str]) -> list[tuple[str, int]]:
    """``quarters`` quarter hours over one to three kinds of the complex's usual kinds."""
    count = min(quarters, rng.choices([1, 2, 3], weights=[25, 50, 25])[0])
    cuts = sorted(rng.sample(range(1, quarters), count - 1)) if count > 1 else []
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, quarters], strict=True)]
    return list(zip(rng.sample(kinds, count), parts, strict=True))


class ComplexHours:
    """How one complex's hours go: its usual hours and kinds of work, and whether (and how
    long) it has been below the norm lately."""

    def __init__(self, city: DemoCity, complex_: Complex, force_below: bool = False):
        self.key = f"{complex_.corporation.name}|{complex_.name}"
        rng = _rng(city, self.key, "hours")
        self.usual = rng.choice(USUAL)
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        self.kinds: list[str] = []
        while len(self.kinds) < 3:
            kind = rng.choices(kinds, weights=weights)[0]
            if kind not in self.kinds:
                self.kinds.append(kind)
        self.below = rng.random() < BELOW_SHARE or force_below
        self.streak = rng.randint(RECENT, RECENT + 5)

    def week(
        self, city: DemoCity, week: Week, back: int, funded: bool = True
    ) -> list[tuple[str, Decimal, str]]:
        """The cells of one week ``back`` funded weeks before the last complete one (kind,
        hours, note); none in a gap, and mostly none in an unfunded week."""
        rng = _rng(city, self.key, "hours", week)
        hours = self.usual + rng.choice(SWING)
        gap = rng.random() < 0.02  # the room closed, a week of sick leave
        if not funded:
            hours = (hours // 2 or 1) if rng.random() < HOLIDAY_SHARE else 0
        elif self.below and back < self.streak:
            hours = rng.choice(SHORT)
        elif back < RECENT:
            hours = max(hours, 4)
        elif gap:
            hours = 0
        cells = []
        for kind, quarters in _split(rng, int(hours * 4), self.kinds) if hours else []:
            note = rng.choice(NOTES[kind]) if rng.random() < 0.12 else ""
            cells.append((kind, Decimal(quarters) / 4, note))
        return cells


def _away(week: Week, back: int, weeks_away: set[int]) -> bool:
    # Nobody is away in the last weeks: there a complex is below the norm on purpose.
    return back >= RECENT and week.week in weeks_away


def _funded_back(city: DemoCity, complex_: Complex, span: list[Week]) -> list[tuple]:
    """Each week of ``span`` with how many funded weeks of the complex lie between it and the
    last one (what "recent" means), and whether it is funded itself."""
    norm = demo_norm(city)
    weeks, back = [], 0
    for week in reversed(span):
        funded = norm.counts(complex_.pk, week)
        weeks.append((week, back, funded))
        back += funded
    return weeks[::-1]


def planned_hours(city: DemoCity, complex_: Complex, username: str) -> dict[datetime.date, Decimal]:
    """The hours ``seed_hours`` logs in a complex week by week (by Monday) when ``username``
    logs them, known before it runs (not for welzijn1's complex below the norm on purpose)."""
    until = Week.of(city.today).shifted(-1)
    span = last_weeks(until, WEEKS)
    away = {year: away_weeks(city, username, year) for year in {week.year for week in span}}
    plan = ComplexHours(city, complex_)
    hours = {}
    for week, back, funded in _funded_back(city, complex_, span):
        away_now = _away(week, back, away[week.year])
        cells = [] if away_now else plan.week(city, week, back, funded)
        hours[week.monday] = sum((cell[1] for cell in cells), Decimal(0))
    return hours


def _entries(city: DemoCity, span: list[Week], owners: dict[int, User], done: set) -> list:
    """The HoursEntry rows still missing, complex by complex and week by week."""
    first = city.users[FIRST]
    firsts = sorted((c for c in city.complexes if owners.get(c.pk) == first), key=lambda c: c.name)
    absences = {
        (user.pk, year): away_weeks(city, user.username, year)
        for user in set(owners.values())
        for year in {week.year for week in span}
    }
    rows = []
    for complex_ in city.complexes:
        professional = owners.get(complex_.pk)
        if professional is None:
            continue
        # welzijn1 always has a complex to worry about.
        plan = ComplexHours(city, complex_, force_below=bool(firsts) and complex_ == firsts[0])
        for week, back, funded in _funded_back(city, complex_, span):
            if (complex_.pk, week.monday) in done:
                continue
            if _away(week, back, absences[professional.pk, week.year]):
                continue
            for kind, hours, note in plan.week(city, week, back, funded):
                rows.append(
                    HoursEntry(
                        professional_id=professional.pk,
                        complex_id=complex_.pk,
                        year=week.year,
                        week=week.week,
                        week_start=week.monday,  # bulk_create skips save()
                        kind=kind,
                        hours=hours,
                        note=note,
                    )
                )
    return rows


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _status(professional: User, back: int, rng) -> str:
    """Old weeks approved; of the last two some submitted, the last one open here and there.
    welzijn1 has not handed in last week and had a week returned a month ago."""
    if professional.username == FIRST:
        return {0: WeekStatus.OPEN, 1: WeekStatus.SUBMITTED, 4: WeekStatus.RETURNED}.get(
            back, WeekStatus.APPROVED
        )
    if back == 0:
        return WeekStatus.SUBMITTED if rng.random() < 0.6 else WeekStatus.OPEN
    if back == 1:
        return WeekStatus.SUBMITTED if rng.random() < 0.35 else WeekStatus.APPROVED
    return WeekStatus.APPROVED


def _weeks(city: DemoCity, span: list[Week], professionals: list[User], done: set) -> list:
    """The HoursWeek rows still missing: approved by the organisation's team lead (by the
    functional admin for a team lead's own weeks)."""
    until = span[-1]
    leads: dict[str, User] = {}
    for user in professionals:
        if user.username != FIRST:
            leads.setdefault(user.organisation, user)  # as seed_professionals made them
    rows = []
    for professional in professionals:
        lead = leads.get(professional.organisation)
        approver = lead if lead and lead != professional else city.users["admin"]
        for week in span:
            if (professional.pk, week.monday) in done:
                continue
            back = (until.monday - week.monday).days // 7
            rng = _rng(city, professional.username, "week", week)
            status = _status(professional, back, rng)
            row = HoursWeek(
                professional=professional,
                year=week.year,
                week=week.week,
                week_start=week.monday,  # bulk_create skips save()
                status=status,
            )
            if status != WeekStatus.OPEN:
                row.submitted_at = _at(week.sunday - datetime.timedelta(days=2), 16, 30)
            if status == WeekStatus.APPROVED:
                row.decided_at = _at(week.sunday + datetime.timedelta(days=rng.randint(1, 5)), 10)
                row.decided_by = approver
            if status == WeekStatus.RETURNED:
                # Returned with a reason: open for corrections, and in the missing weeks.
                row.decided_at = _at(week.sunday + datetime.timedelta(days=2), 9)
                row.returned_at = row.decided_at
                row.decided_by, row.return_note = approver, RETURN_NOTE
            rows.append(row)
    return rows


def seed_hours(city: DemoCity) -> None:
    """A year of hours for every complex and of weeks for every demo professional, written in
    bulk for the complex-weeks and professional-weeks that have none yet."""
    until = Week.of(city.today).shifted(-1)  # the last complete week
    span = last_weeks(until, WEEKS)
    professionals = _demo_professionals(city)
    by_pk = {user.pk: user for user in professionals}
    owners: dict[int, User] = {}
    links = User.assigned_complexes.through.objects.filter(
        complex__in=city.complexes, user__in=professionals
    ).values_list("complex_id", "user_id")
    # The lowest-numbered demo professional of a complex logs its hours.
    for complex_id, user_id in sorted(links, key=lambda link: _number(by_pk[link[1]].username)):
        owners.setdefault(complex_id, by_pk[user_id])
    since = span[0].monday
    done = set(
        HoursEntry.objects.filter(complex__in=city.complexes, week_start__gte=since)
        .order_by()
        .values_list("complex_id", "week_start")
        .distinct()
    )
    HoursEntry.objects.bulk_create(_entries(city, span, owners, done), batch_size=2000)
    handed_in = set(
        HoursWeek.objects.filter(professional__in=professionals, week_start__gte=since)
        .order_by()
        .values_list("professional_id", "week_start")
    )
    HoursWeek.objects.bulk_create(_weeks(city, span, professionals, handed_in), batch_size=2000)
