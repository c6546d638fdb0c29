"""Interventions whose effect the demo's year of index history shows: "did it last?" with every
verdict. A handful of complexes get an intervention that started about nine months ago and
ended a few months ago, and their social life follows its story alone (no trend of their own,
no loneliness survey):

- held: residents who never came join during the intervention and keep coming and helping their
  neighbours, and a core group forms that stays;
- faded: residents who never came, and regulars who had stopped coming, come during the
  intervention and help their neighbours, and stop again when it ends;
- no effect: the intervention reached only those who already came.

The index moves with more than the story: a professional's holidays lower the hours, a new
tenant not yet reached the new-tenant reach, and the first new tenant of a year brings that
component in. So a story goes to a complex and dates whose windows (see
``evaluations.selectors.effects``) those leave alone, as far as its verdict needs; the
complex's contact persons have served for years and its new tenants are taken along to an
activity in their first week.

``plan_stories`` places the stories before the social life is built (``seed_contact_persons``,
``seed_groups``, ``seed_activities``, ``seed_mutual_help`` and ``seed_surveys`` read
``city.stories``), ``seed_stories`` writes their interventions, with a grant where the story
has one, after ``seed_grants``. A story is placed only on a complex whose residents this run
builds; once its intervention exists, a later run finds it back by title and follows its dates,
so the top-ups keep telling the same story and a re-run adds nothing. What a story draws comes
from generators of its own: every other complex's data stays as it would be without stories.
"""

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from complexes.models import Complex
from evaluations.calculation import HOURS_WEEKS, NEW_TENANT_DAYS, week_span
from evaluations.selectors.effects import EFFECT_BEFORE_WEEKS, EffectWindow, effect_windows
from interventions.choices import InterventionStatus
from interventions.models import Grant, Intervention
from leefbaarheid.site.demo.building import HELPED, ISOLATED, QUIET, REGULAR
from leefbaarheid.site.demo.common import DemoCity, _rng, demo_norm
from leefbaarheid.site.demo.community import ALWAYS
from leefbaarheid.site.demo.funding import (
    GRANT_FK,
    GrantPlan,
    _checklists,
    _grant,
    _months_later,
    grant_plans,
    grant_users,
    has_standalone,
)
from leefbaarheid.site.demo.funding_data import (
    BRUIS,
    CARE,
    EFFECT_STORIES,
    MEETING_FUND,
    STADSTRAINERS,
    VITALE,
    WELFARE,
)
from leefbaarheid.site.demo.hours import FIRST, ComplexHours, hours_loggers, planned_hours
from leefbaarheid.site.demo.indicators import HISTORY_WEEKS
from leefbaarheid.weeks import Week
from residents.choices import LIVING_ALONE, GroupKind

HELD, FADED, NO_EFFECT = "held", "faded", "no_effect"
EFFECT_BEFORE = datetime.timedelta(weeks=EFFECT_BEFORE_WEEKS)


@dataclass(frozen=True)
class StorySpec:
    """An intervention the demo tells the effect of: how it went, who ran it, with which grant
    (None: none; ``delays`` its steps), about when (from the 1st of the month ``months_back``
    before this one, give or take two months, for ``months`` or a month less: see ``_fits``),
    the share of the residents who never came that came through it and whether it left a core
    group."""

    title: str
    kind: str
    provider: str | None
    scheme: str | None
    months_back: int
    months: int
    share: float = 0.0
    core_group: bool = False
    delays: tuple[tuple[str, int], ...] = ()  # the grant's steps (see GrantPlan)


# In order of importance: a small city has room for the first few only.
STORIES = [
    StorySpec(
        "Trekkersgroep voor de koffieochtend",
        HELD,
        STADSTRAINERS,
        VITALE,
        months_back=9,
        months=4,
        share=0.55,
        core_group=True,
        delays=(("lead", 60), ("decide", 21), ("delay", 0), ("report", 30), ("settle", 40)),
    ),
    StorySpec("Koffiekar langs de galerijen", FADED, WELFARE[0], None, 9, 3, share=0.9),
    StorySpec(
        "Leeshoek in de ontmoetingsruimte",
        NO_EFFECT,
        None,
        MEETING_FUND,
        months_back=8,
        months=2,
        delays=(("lead", 45), ("decide", 14), ("delay", 0), ("report", 20), ("settle", 25)),
    ),
    StorySpec(
        "Verhalen van de galerij",
        HELD,
        BRUIS,
        VITALE,
        months_back=8,
        months=3,
        share=0.45,
        core_group=True,
        delays=(("lead", 75), ("decide", 28), ("delay", 0), ("report", 45), ("settle", 200)),
    ),
    StorySpec("Samen in beweging", FADED, CARE, None, 8, 3, share=0.9),
]


@dataclass
class Story:
    """An intervention's story in one complex: its dates, when the regulars it concerns came to
    activities (``windows``, by resident: the others always did), who came only through it, to
    which activity slot and when (``joiners``; ``welcomed``: the new tenants among them, who
    always came), the neighbours who helped each other through it (``pairs``, while the first
    of them came) and the core group it left. ``written``: its intervention exists already."""

    spec: StorySpec
    start: datetime.date
    end: datetime.date
    written: bool
    windows: dict[int, tuple[datetime.date, datetime.date]] = field(default_factory=dict)
    joiners: dict[int, tuple[int, datetime.date, datetime.date]] = field(default_factory=dict)
    welcomed: set[int] = field(default_factory=set)
    pairs: list[tuple[int, int, datetime.date, datetime.date]] = field(default_factory=list)
    core_group: list[tuple[int, datetime.date]] = field(default_factory=list)

    def coming(self, rng, slot_index: int, day: datetime.date, named: list[int]) -> list[int]:
        """The joiners at an activity of a slot on a day besides those ``named`` already
        (``rng``: the story's, for that day)."""
        return [
            pk
            for pk, (index, since, until) in self.joiners.items()
            if index == slot_index
            and since <= day <= until
            and pk not in named
            and (pk in self.welcomed or rng.random() < 0.9)
        ]

    def helping(self, month: datetime.date) -> list[tuple[int, int]]:
        """The pairs of neighbours who helped each other in a month (from its first day)."""
        following = _months_later(month, 1)
        return [
            (pk, other)
            for pk, other, since, until in self.pairs
            if since < following and month <= until
        ]


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _story(city: DemoCity, complex_: Complex, spec: StorySpec, start, end, written) -> Story:
    """Who came through the intervention and until when, drawn from the complex alone (five
    draws per resident, whatever the story).

    Residents who never came join it (where it faded, also those out of sight): for good where
    it held, until about its end where it faded; those sharing a home help a neighbour living
    alone or out of sight meanwhile. Where it faded, regulars sharing a home had stopped coming
    before it and stop again after it, and help meanwhile (nobody living alone drops out of
    sight). A new tenant of the year before it joins nothing (reached through it, they would
    lift the new-tenant reach for a year): new tenants are taken along to an activity in their
    first weeks, so the reach holds steady."""
    plan, people = city.plans[complex_.pk], city.people[complex_.pk]
    story = Story(spec, start, end, written)
    rng = _rng(city, plan.key, "story", spec.title)
    slots = [slot.index for slot in plan.slots if slot.activity_kind]
    settled = start - datetime.timedelta(days=NEW_TENANT_DAYS) - EFFECT_BEFORE
    earliest = start - EFFECT_BEFORE - EFFECT_BEFORE  # for new tenants of before the history
    lasting, faded = spec.kind == HELD, spec.kind == FADED
    joining = (QUIET, HELPED, ISOLATED) if faded else (QUIET, HELPED)
    regulars = []
    partners = [p.pk for p in people if p.role in (HELPED, ISOLATED)]
    for person in people:
        draw, since, until, slot, partner = (
            rng.random(),
            rng.randint(0, 7),
            rng.randint(-7, 14),
            rng.random(),
            rng.random(),
        )
        shares_home = person.household not in LIVING_ALONE
        first, last = start + _days(since), ALWAYS[1] if lasting else end + _days(until)
        helps = False
        if person.moved_in and person.moved_in > settled:
            arrived = max(person.moved_in, earliest)
            index = person.slots[0] if person.slots else slots[0]
            story.joiners[person.pk] = (index, arrived, arrived + _days(20))
            story.welcomed.add(person.pk)
        elif person.role == REGULAR:
            regulars.append(person.pk)
            if faded and shares_home and draw < spec.share:
                story.windows[person.pk] = (first, last)
                helps = True
        elif person.role in joining and draw < spec.share:
            index = slots[0] if slot < 0.7 else slots[int(slot * len(slots))]
            story.joiners[person.pk] = (index, first, last)
            helps = person.role != HELPED
        others = [pk for pk in partners if pk != person.pk]
        if helps and others:
            story.pairs.append((person.pk, others[int(partner * len(others))], first, last))
    if spec.core_group:
        _form_core_group(story, rng, regulars, start)
    return story


def _form_core_group(story: Story, rng, regulars: list[int], start) -> None:
    """Two regulars and three to five residents who joined for good form a core group in the
    intervention's first weeks; a member who joined the activities stays for good."""
    joiners = [pk for pk, (_i, _s, last) in story.joiners.items() if last == ALWAYS[1]]
    members = rng.sample(regulars, min(len(regulars), 2)) + rng.sample(
        joiners, min(len(joiners), rng.randint(3, 5))
    )
    for pk in members:
        joined = start + _days(rng.randint(7, 35))
        story.core_group.append((pk, joined))
        if pk in story.joiners:
            index, came, _last = story.joiners[pk]
            story.joiners[pk] = (index, min(came, joined), ALWAYS[1])


def _candidates(city: DemoCity) -> list[Complex]:
    """New complexes free for a story, by name: no core group or intervention without a grant
    of their own, hours at the norm lately, not the first professional's (whose lists the other
    demo tests count on)."""
    own = set(city.users[FIRST].assigned_complexes.values_list("pk", flat=True))
    return [
        complex_
        for complex_ in sorted(city.complexes, key=lambda c: (c.name, c.corporation.name))
        if complex_.pk in city.new_complex_ids
        and complex_.pk not in own
        and all(kind != GroupKind.CORE_GROUP for kind, _a in city.plans[complex_.pk].groups)
        and not has_standalone(city, complex_)
        and not ComplexHours(city, complex_).below
    ]


def _unsteady_weeks(city: DemoCity, complex_: Complex, logger: str) -> tuple[dict, set]:
    """Per week of the index's history (by Monday), about how many index points (of seven
    parts) its hours and new-tenant reach fall short of full: the professional's holidays and
    the complex's gaps count for four funded weeks (the hours are a mean of four), a new tenant
    counts as not yet reached in their first week. And the weeks without a new tenant of the
    last twelve months (the new-tenant reach then has no data, which moves the index when it
    gets some)."""
    hours = planned_hours(city, complex_, logger)
    norm = demo_norm(city)
    this_week = Week.of(city.today or timezone.localdate())
    moves = [p.moved_in for p in city.people[complex_.pk] if p.moved_in]
    year, settling = datetime.timedelta(days=NEW_TENANT_DAYS), datetime.timedelta(weeks=1)
    lost, without = {}, set()
    for back in range(1, HISTORY_WEEKS + 1):
        monday = this_week.shifted(-back).monday
        sunday = monday + datetime.timedelta(days=6)
        funded = norm.last_funded_weeks(complex_.pk, Week.of(monday), HOURS_WEEKS)
        span = week_span(funded[-1], Week.of(monday)) if funded else []
        total = sum((hours.get(week.monday, Decimal(0)) for week in span), Decimal(0))
        expected = sum((norm.week_norm(complex_.pk, week) for week in funded), Decimal(0))
        short = float(max(Decimal(0), 1 - total / expected)) if expected else 0.0
        tenants = [day for day in moves if sunday - year < day <= sunday]
        if not tenants:
            without.add(monday)
        else:
            short += sum(sunday - day < settling for day in tenants) / len(tenants)
        lost[monday] = short * 100 / 7
    return lost, without


def _mondays(window: EffectWindow) -> list[datetime.date]:
    if window.first is None or window.last is None:
        return []
    return [week.monday for week in week_span(window.first, window.last)]


def _fits(city: DemoCity, spec: StorySpec, unsteady: tuple[dict, set], grants: list[tuple]):
    """The dates near the months and length a story asks for that suit it in a complex (with
    the weeks of its during-window and how many more index points its hours and new-tenant
    reach fall short then than before it): inside the index's history, no other grant of the
    complex overlapping, a new tenant all along the windows its effect is judged on (see
    ``_unsteady_weeks``); where it faded or had no effect, (nearly) nothing short before it;
    where it faded (the smallest gain), little during it; where it held, not much more after it
    than before."""
    short, without = unsteady
    today = city.today or timezone.localdate()
    oldest = Week.of(today).shifted(-HISTORY_WEEKS).monday
    fits = []
    for months, back in itertools.product((spec.months, spec.months - 1), (0, -1, 1, -2, 2)):
        start = _months_later(today, -(spec.months_back + back))
        end = _months_later(start, months) - _days(1)
        windows = effect_windows(Intervention(start=start, end=end), today)
        judged = [window for window in windows[2:] if not window.to_come]
        mondays = [_mondays(window) for window in (*windows[:2], *judged[-1:])]
        if len(mondays) < 3 or mondays[0][0] < oldest:
            continue
        since, until = mondays[0][0], mondays[2][-1] + _days(6)
        if any(first <= until and since <= last for first, last in grants):
            continue
        if any(monday in without for weeks in mondays for monday in weeks):
            continue
        lost = [sum(short.get(monday, 0) for monday in weeks) / len(weeks) for weeks in mondays]
        if spec.kind == HELD and lost[2] - lost[0] > 3:
            continue
        if spec.kind != HELD and lost[0] > 0.5:
            continue
        if spec.kind == FADED and lost[1] > 2.5:
            continue
        fits.append((start, end, len(mondays[1]), lost[1] - lost[0]))
    return fits


def _room(city: DemoCity, complex_: Complex) -> float:
    """How much room a complex has for a faded story: the share of its residents who may join or
    come back, counting double those who may also help (see ``_story``)."""
    people = city.people[complex_.pk]
    room = sum(
        (p.role != REGULAR)
        + (p.role in (QUIET, ISOLATED))
        + 2 * (p.role == REGULAR and p.household not in LIVING_ALONE)
        for p in people
    )
    return room / max(1, len(people))


def plan_stories(city: DemoCity) -> None:
    """The stories of this city: those written before (found by title, with their dates), and
    the others on new complexes that suit them (the first that does, in order of name; for a
    faded story the one likely to show it best)."""
    by_pk = {complex_.pk: complex_ for complex_ in city.complexes}
    specs = {spec.title: spec for spec in STORIES}
    written = {}
    for complex_id, title, start, end in Intervention.objects.filter(
        complex__in=city.complexes, title__in=specs
    ).values_list("complex_id", "title", "start", "end"):
        written[title] = (complex_id, start, end)
    city.stories = {}
    for title, (complex_id, start, end) in written.items():
        city.stories[complex_id] = _story(city, by_pk[complex_id], specs[title], start, end, True)
    if not city.new_complex_ids or len(written) == len(specs):
        return
    free = [c for c in _candidates(city) if c.pk not in city.stories]
    grants = defaultdict(list)
    for plan in grant_plans(city)[0]:
        grants[plan.complex.pk].append((plan.start, plan.end))
    loggers = hours_loggers(city)
    unsteady: dict[int, tuple[dict, set]] = {}
    for spec in STORIES:
        if spec.title in written:
            continue
        # A faded story shows the smallest gain: the best of a few complexes with the most room.
        faded = spec.kind == FADED
        order = sorted(free, key=lambda c: -_room(city, c)) if faded else free
        choices: list[tuple[float, int, Complex, datetime.date, datetime.date]] = []
        for complex_ in order:
            if complex_.pk not in unsteady:
                unsteady[complex_.pk] = _unsteady_weeks(city, complex_, loggers[complex_.pk])
            for start, end, weeks, dip in _fits(
                city, spec, unsteady[complex_.pk], grants[complex_.pk]
            ):
                # About the index points it would show during it (7 parts, 90% take part),
                # less the weeks in which they start coming and the dip in hours.
                gain = _room(city, complex_) * 0.9 * 100 / 7 * (1 - 2 / weeks) - dip
                choices.append((-gain if faded else 0, len(choices), complex_, start, end))
            if len({choice[2].pk for choice in choices}) >= (5 if faded else 1):
                break
        if choices:
            _gain, _n, complex_, start, end = min(choices)
            free.remove(complex_)
            city.stories[complex_.pk] = _story(city, complex_, spec, start, end, False)


def seed_stories(city: DemoCity) -> None:
    """The interventions of the stories placed this run, with their grants: finished, their
    grants reported or settled."""
    users = grant_users(city)
    grants, interventions = [], []
    for complex_id, story in city.stories.items():
        if story.written:
            continue
        spec = story.spec
        complex_ = next(c for c in city.complexes if c.pk == complex_id)
        rng = _rng(city, city.plans[complex_id].key, "story", spec.title, "intervention")
        methodology, goals, outcome = EFFECT_STORIES[spec.title]
        grant = None
        if spec.scheme:
            plan = GrantPlan(complex_, spec.scheme, story.start, story.end, reject=False)
            for name, days in spec.delays:
                setattr(plan, name, days)
            grant, _key = _grant(city, rng, plan, users)
            grant.title = spec.title
            grant.description = f"{methodology}\n\nDoel: {goals}"
            grant.full_clean(exclude=GRANT_FK, validate_unique=False, validate_constraints=False)
            grants.append(grant)
        status = InterventionStatus.COMPLETED
        checklists = _checklists(rng, status)
        intervention = Intervention(
            complex=complex_,
            provider=city.providers[spec.provider] if spec.provider else None,
            grant=grant,
            title=spec.title,
            methodology=methodology,
            goals=goals,
            start=story.start,
            end=story.end,
            status=status,
            outcome=outcome,
            **checklists,
        )
        intervention.full_clean(
            exclude=["complex", "provider", "grant"],
            validate_unique=False,
            validate_constraints=False,
        )
        interventions.append(intervention)
    Grant.objects.bulk_create(grants)
    Intervention.objects.bulk_create(interventions)
