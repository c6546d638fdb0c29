"""Subsidies in the demo city: Vitale Leefgemeenschappen (the scheme of the evaluation, created by
a migration) and a small fictional fund beside it, the providers who carry out interventions,
grants of the last years in every status, and the interventions they paid for.

The fictional fund and the providers are upserted by name. Grants and interventions are planned
for the whole city at once (so the plan can promise what the demo needs: every status, schemes
that overlap in one complex, reports overdue and due soon, and something for corporatie1 to see),
then written only for complexes that have neither yet: a re-run the same day adds nothing. A
grant's steps are dated in order from its application; its status is where those steps have got
to by "today".
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from complexes.models import Complex
from interventions.choices import (
    REPORT_PENDING,
    Approach,
    Challenge,
    GrantStatus,
    InterventionStatus,
    SuccessFactor,
)
from interventions.models import Grant, Intervention, Provider, SubsidyScheme
from interventions.services import REFERENCE_SCHEME, reference_scheme
from leefbaarheid.models import User
from leefbaarheid.services import save_validated
from leefbaarheid.site.demo.common import DemoCity, _rng
from leefbaarheid.site.demo.funding_data import (
    AWARD_NOTES,
    BRUIS,
    CARE,
    CHALLENGE_NOTES,
    LOWER_NOTE,
    MEETING_FUND,
    OUTCOMES,
    PLANS,
    PROVIDERS,
    REJECT_NOTES,
    REPORTS,
    SCHEMES,
    STADSTRAINERS,
    STOPPED,
    VITALE,
    WELFARE,
)

# File number prefix, grant steps (in euros) and how long a period lasts (months).
SCHEME_SHAPES = {
    VITALE: ("VLG", 250, (6, 12)),
    MEETING_FUND: ("ONT", 50, (1, 3)),
}
# Grants started per complex per year.
SCHEME_RATES = {VITALE: 0.06, MEETING_FUND: 0.03}
YEARS_BACK = 5  # grants from five years ago up to now
STANDALONE_RATE = 0.05  # complexes with an intervention that no grant paid for


@dataclass
class GrantPlan:
    """A grant the demo wants; the step delays (days) not given are drawn."""

    complex: Complex
    scheme: str
    start: datetime.date
    end: datetime.date
    reject: bool | None = None
    lead: int | None = None  # applied this many days before the period starts
    decide: int | None = None  # decided this many days after applying
    delay: int | None = None  # started this many days after the period starts (or the award)
    report: int | None = None  # reported this many days after the period ends
    settle: int | None = None  # settled this many days after the report
    intervention: bool | None = None


def _key(complex_: Complex) -> str:
    """A complex's natural key, as the building map seeds its generators with."""
    return f"{complex_.corporation.name}|{complex_.name}"


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def seed_schemes(city: DemoCity) -> None:
    """Vitale Leefgemeenschappen as the migration made it (made again if someone deleted it),
    and the fictional fund, upserted by name."""
    city.schemes[VITALE] = reference_scheme()
    existing = {scheme.name: scheme for scheme in SubsidyScheme.objects.filter(name__in=SCHEMES)}
    for name, values in SCHEMES.items():
        scheme = existing.get(name) or SubsidyScheme(name=name)
        values = {**values, "end": None, "active": True}
        if scheme._state.adding or any(getattr(scheme, k) != v for k, v in values.items()):
            save_validated(scheme, values)
        city.schemes[name] = scheme


def seed_providers(city: DemoCity) -> None:
    """The social entrepreneurs, welfare organisations and the care provider, upserted by name."""
    existing = {provider.name: provider for provider in Provider.objects.filter(name__in=PROVIDERS)}
    for name, (kind, contact_name, domain) in PROVIDERS.items():
        provider = existing.get(name) or Provider(name=name)
        values = {
            "kind": kind,
            "contact_name": contact_name,
            "email": f"info@{domain}.example.nl",
            "phone": "010 000 0000",
            "website": f"https://www.{domain}.example.nl",
        }
        if provider._state.adding or any(getattr(provider, k) != v for k, v in values.items()):
            save_validated(provider, values)
        city.providers[name] = provider


def _sure(complex_, scheme, start, end, **delays) -> GrantPlan:
    """A grant the demo counts on: not rejected unless said, with an intervention if awarded."""
    delays.setdefault("reject", False)
    return GrantPlan(complex_, scheme, start, end, intervention=True, **delays)


def _featured(city: DemoCity) -> list[GrantPlan]:
    """The grants the demo promises: for corporatie1 a running grant with an overdue report, an
    overlapping grant of the fictional fund, a settled grant and an application; elsewhere a
    report due soon, an award not yet started, a rejection, a report awaiting settlement and a
    complex with two schemes at once."""
    today = city.today
    by_name = sorted(city.complexes, key=lambda complex_: complex_.name)
    own = [c for c in by_name if c.corporation_id == city.corporations[0].pk]
    others = [c for c in by_name if c.corporation_id == city.corporations[1].pk]
    others += [c for c in by_name if c not in own and c not in others] or by_name
    plans = _featured_own(today, own) if own else []
    if others:
        plans += _featured_others(today, others)
    twice = [c for c in others if c not in own]
    if twice:
        plans += _featured_twice(today, twice[-1])
    return plans


def _featured_own(today: datetime.date, own: list) -> list[GrantPlan]:
    """corporatie1's: a running grant with an overdue report, an overlapping grant of the
    fictional fund, a settled grant and an application."""
    a, b, c = own[0], own[1 % len(own)], own[2 % len(own)]
    start = _months_later(today, -15)
    applied_start = _months_later(today, 2)
    return [
        _sure(a, VITALE, start, _months_later(start, 10) - _days(1), report=999),
        _sure(
            a,
            MEETING_FUND,
            _months_later(start, 4),
            _months_later(start, 6) - _days(1),
            report=20,
            settle=25,
        ),
        _sure(
            c,
            VITALE,
            datetime.date(today.year - 3, 3, 1),
            datetime.date(today.year - 3, 11, 30),
            report=30,
            settle=30,
        ),
        _sure(
            b,
            VITALE,
            applied_start,
            _months_later(applied_start, 12) - _days(1),
            lead=(applied_start - today).days + 10,
            decide=40,
        ),
    ]


def _featured_others(today: datetime.date, others: list) -> list[GrantPlan]:
    """Elsewhere: a report due soon, an award not yet started, a rejection and a report awaiting
    settlement."""
    pick = [others[n % len(others)] for n in range(4)]
    due_end = today - _days(7 * REFERENCE_SCHEME["report_within_weeks"] - 15)
    reported_end = today - _days(50)
    next_start = _months_later(today, 2)
    return [
        _sure(pick[0], VITALE, _months_later(due_end, -9), due_end, report=999),
        _sure(
            pick[1],
            VITALE,
            next_start,
            _months_later(next_start, 10) - _days(1),
            lead=90,
            decide=14,
        ),
        _sure(
            pick[2],
            VITALE,
            datetime.date(today.year - 1, 9, 1),
            datetime.date(today.year, 6, 30),
            reject=True,
        ),
        _sure(
            pick[3],
            VITALE,
            _months_later(reported_end, -8),
            reported_end,
            report=30,
            settle=90,
        ),
    ]


def _featured_twice(today: datetime.date, flat) -> list[GrantPlan]:
    """A complex with two schemes at once."""
    return [
        _sure(
            flat,
            MEETING_FUND,
            datetime.date(today.year - 2, 2, 1),
            datetime.date(today.year - 1, 1, 31),
            report=40,
            settle=30,
        ),
        _sure(
            flat,
            VITALE,
            datetime.date(today.year - 2, 6, 1),
            datetime.date(today.year - 2, 12, 31),
            report=30,
            settle=40,
        ),
    ]


def _natural(city: DemoCity, rng, busy: dict) -> list[GrantPlan]:
    """Grants spread over the years and the city up to a few months ahead, none overlapping one
    of the same scheme in the same complex."""
    today = city.today
    horizon = today + _days(120)
    plans = []
    for year in range(today.year - YEARS_BACK, today.year + 2):
        for scheme, rate in SCHEME_RATES.items():
            pool = city.complexes
            count = max(1, round(len(pool) * rate)) if pool else 0
            _prefix, _step, (shortest, longest) = SCHEME_SHAPES[scheme]
            for complex_ in rng.sample(pool, count):
                month = rng.randint(4, 9) if scheme == MEETING_FUND else rng.randint(1, 12)
                start = datetime.date(year, month, 1)
                end = _months_later(start, rng.randint(shortest, longest)) - _days(1)
                key = (complex_.pk, scheme)
                if start > horizon or any(s <= end and start <= e for s, e in busy[key]):
                    continue
                busy[key].append((start, end))
                plans.append(GrantPlan(complex_, scheme, start, end))
    return plans


def _amount(rng, low: Decimal, high: Decimal, step: int) -> Decimal:
    return Decimal(rng.randrange(int(low), int(high) + 1, step)).quantize(Decimal("0.01"))


def _grant(city: DemoCity, rng, plan: GrantPlan, users: dict) -> tuple[Grant, str]:
    """The grant of a plan with its steps dated in order, and who carries out its intervention
    (a provider's name, "welfare" or "care")."""
    today = city.today
    scheme = city.schemes[plan.scheme]
    prefix, step, _months = SCHEME_SHAPES[plan.scheme]
    draws = _draws(rng, scheme, step)
    dates = _dates(plan, draws, today)
    key = _provider_key(plan.scheme, draws["provider"])
    staff, official = users.get(plan.complex.corporation_id), users["gemeente"]
    titles = PLANS[MEETING_FUND if plan.scheme == MEETING_FUND else key]
    title, methodology, goals = titles[int(draws["title"] * len(titles))]
    grant = Grant(
        scheme=scheme,
        corporation_id=plan.complex.corporation_id,
        complex=plan.complex,
        title=title,
        description=f"{methodology}\n\nDoel: {goals}",
        reference=f"{prefix}-{plan.start.year}-{draws['number']}",
        documents=f"Aanvraagformulier {prefix}-{plan.start.year}-{draws['number']}.pdf",
        start=plan.start,
        end=plan.end,
        amount_requested=draws["requested"],
        status=GrantStatus.APPLIED,
        applied_on=dates.applied,
        applied_by=staff,
    )
    _advance(grant, plan, dates, draws, today=today, staff=staff, official=official)
    return grant, key


def _draws(rng, scheme, step: int) -> dict[str, Any]:
    """Every random choice a grant may need, drawn in one fixed order whatever the plan fixes,
    so one grant's plan does not shift the next grant's draws."""
    return {
        "lead": rng.randint(21, 90),
        "decide": rng.randint(14, 49),
        "start_delay": rng.randint(0, 14),
        "late": rng.random() < 0.2,
        "report_on_time": rng.randint(7, 7 * scheme.report_within_weeks - 3),
        "report_late": rng.randint(7 * scheme.report_within_weeks + 5, 7 * 26),
        "settle": rng.randint(14, 70),
        "reject": rng.random() < 0.1,
        "requested": _amount(rng, scheme.min_amount, scheme.max_amount, step),
        "cut": rng.random() < 0.35,
        "cut_steps": rng.randint(1, 6),
        "underspent": rng.random() < 0.2,
        "provider": rng.random(),
        "title": rng.random(),
        "note": rng.random(),
        "number": rng.randint(1000, 9999),
    }


@dataclass(frozen=True)
class _Dates:
    """When each step of a grant happens (or would), and whether it is rejected."""

    applied: datetime.date
    decided: datetime.date
    reject: bool
    started: datetime.date
    reported: datetime.date
    settled: datetime.date


def _dates(plan: GrantPlan, draws: dict[str, Any], today: datetime.date) -> _Dates:
    """The steps' dates in order: what the plan fixes, the draws for the rest."""
    lead = plan.lead if plan.lead is not None else draws["lead"]
    applied = plan.start - _days(lead)
    if applied > today:
        # A period that starts in the coming months was applied for lately.
        applied = today - _days(draws["lead"] % 21)
    decided = applied + _days(plan.decide if plan.decide is not None else draws["decide"])
    reject = plan.reject if plan.reject is not None else draws["reject"]
    delay = plan.delay if plan.delay is not None else draws["start_delay"]
    started = max(plan.start, decided) + _days(delay)
    report = draws["report_late"] if draws["late"] else draws["report_on_time"]
    reported = max(
        plan.end + _days(plan.report if plan.report is not None else report),
        started + _days(7),
    )
    settled = reported + _days(plan.settle if plan.settle is not None else draws["settle"])
    return _Dates(applied, decided, reject, started, reported, settled)


def _advance(
    grant: Grant, plan: GrantPlan, dates: _Dates, draws: dict[str, Any], *, today, staff, official
) -> None:
    """Take the grant through its steps; each happens only if its date has come, and only after
    the one before it."""
    scheme = grant.scheme
    prefix, step, _months = SCHEME_SHAPES[plan.scheme]
    if dates.decided > today:
        return
    grant.decided_on, grant.decided_by = dates.decided, official
    if dates.reject:
        grant.status = GrantStatus.REJECTED
        grant.decision_note = REJECT_NOTES[int(draws["note"] * len(REJECT_NOTES))]
        return
    grant.status = GrantStatus.AWARDED
    awarded = grant.amount_requested
    if draws["cut"]:
        awarded = max(scheme.min_amount, awarded - Decimal(step * draws["cut_steps"]))
    grant.amount_awarded = awarded
    grant.report_due = plan.end + datetime.timedelta(weeks=scheme.report_within_weeks)
    note = AWARD_NOTES[int(draws["note"] * len(AWARD_NOTES))]
    grant.decision_note = LOWER_NOTE if awarded < grant.amount_requested else note
    grant.documents += f"\nBesluit {prefix}-{plan.start.year}-{draws['number']}"
    if dates.started > today:
        return
    grant.status, grant.started_on, grant.started_by = GrantStatus.RUNNING, dates.started, staff
    if dates.reported > today:
        return
    grant.status, grant.reported_on, grant.reported_by = GrantStatus.REPORTED, dates.reported, staff
    grant.report_summary = REPORTS[int(draws["title"] * 7) % len(REPORTS)]
    grant.documents += "\nEindverslag en bonnen"
    if dates.settled > today:
        return
    grant.status, grant.settled_on, grant.settled_by = GrantStatus.SETTLED, dates.settled, official
    grant.amount_settled = awarded
    if draws["underspent"]:
        grant.amount_settled = max(scheme.min_amount, awarded - Decimal(step * 2))


def _provider_key(scheme: str, draw: float) -> str:
    """Who carries out a grant's intervention: a social entrepreneur for most Vitale
    Leefgemeenschappen grants, else a welfare organisation; a welfare organisation or the
    residents themselves for the fictional fund."""
    if scheme == MEETING_FUND:
        return MEETING_FUND
    return BRUIS if draw < 0.35 else STADSTRAINERS if draw < 0.7 else "welfare"


def _checklists(rng, status: str) -> dict:
    """Ticked items, more success factors the further an intervention got."""
    share = {
        InterventionStatus.PLANNED: 0.0,
        InterventionStatus.RUNNING: 0.4,
        InterventionStatus.COMPLETED: 0.6,
        InterventionStatus.STOPPED: 0.15,
    }[status]
    planned = status == InterventionStatus.PLANNED
    values = {
        "success_factors": [v for v in SuccessFactor.values if rng.random() < share],
        "approach": [v for v in Approach.values if rng.random() < 0.55],
        "challenges": [] if planned else [v for v in Challenge.values if rng.random() < 0.25],
    }
    if not values["approach"]:
        values["approach"] = [Approach.LOW_THRESHOLD.value]
    return values


def _intervention(city: DemoCity, rng, grant: Grant, key: str) -> Intervention:
    """The intervention a grant paid for, its status following the grant's."""
    today = city.today
    if key == MEETING_FUND:
        provider = city.providers[WELFARE[0]] if rng.random() < 0.6 else None
    elif key == "care":
        provider = city.providers[CARE]
    elif key == "welfare":
        provider = city.providers[WELFARE[rng.randint(0, 1)]]
    else:
        provider = city.providers[key]
    start = grant.started_on or grant.start
    end = max(grant.end, start)
    outcome = ""
    if grant.status == GrantStatus.AWARDED:
        status = InterventionStatus.PLANNED
    elif grant.status == GrantStatus.RUNNING and end > today:
        status = InterventionStatus.RUNNING
    elif grant.status in REPORT_PENDING or rng.random() > 0.08:
        status = InterventionStatus.COMPLETED
        outcome = OUTCOMES[rng.randrange(len(OUTCOMES))]
    else:
        status = InterventionStatus.STOPPED
        end = start + (end - start) / 2
        outcome = STOPPED[rng.randrange(len(STOPPED))]
    methodology, goals = grant.description.split("\n\nDoel: ")
    checklists = _checklists(rng, status)
    return Intervention(
        complex=grant.complex,
        provider=provider,
        grant=grant,
        title=grant.title,
        methodology=methodology,
        goals=goals,
        start=start,
        end=end,
        status=status,
        outcome=outcome,
        challenges_notes=CHALLENGE_NOTES[rng.randrange(len(CHALLENGE_NOTES))]
        if checklists["challenges"]
        else "",
        **checklists,
    )


def _standalone(city: DemoCity, rng, complex_: Complex, start: datetime.date) -> Intervention:
    """An intervention a welfare organisation or care provider runs without a grant."""
    today = city.today
    kind = "care" if complex_.is_thuisplus and rng.random() < 0.5 else "welfare"
    title, methodology, goals = rng.choice(PLANS[kind])
    name = CARE if kind == "care" else WELFARE[rng.randint(0, 1)]
    end = _months_later(start, rng.randint(3, 14)) - _days(1)
    outcome = ""
    if start > today:
        status = InterventionStatus.PLANNED
    elif end > today:
        status = InterventionStatus.RUNNING
        end = end if rng.random() < 0.5 else None
    elif rng.random() < 0.1:
        status, outcome = InterventionStatus.STOPPED, rng.choice(STOPPED)
    else:
        status, outcome = InterventionStatus.COMPLETED, rng.choice(OUTCOMES)
    checklists = _checklists(rng, status)
    return Intervention(
        complex=complex_,
        provider=city.providers[name],
        title=title,
        methodology=methodology,
        goals=goals,
        start=start,
        end=end,
        status=status,
        outcome=outcome,
        challenges_notes=rng.choice(CHALLENGE_NOTES) if checklists["challenges"] else "",
        **checklists,
    )


GRANT_FK = ["scheme", "corporation", "complex", "applied_by", "decided_by"]
GRANT_FK += ["started_by", "reported_by", "settled_by"]


def grant_plans(city: DemoCity) -> tuple[list[GrantPlan], random.Random]:
    """The grants of the whole city (the featured ones first), and the generator that draws
    their steps next."""
    rng = _rng(city, "funding")
    featured = _featured(city)
    busy: dict = {(c.pk, scheme): [] for c in city.complexes for scheme in SCHEME_SHAPES}
    for plan in featured:
        busy[(plan.complex.pk, plan.scheme)].append((plan.start, plan.end))
    return featured + _natural(city, rng, busy), rng


def has_standalone(city: DemoCity, complex_: Complex) -> bool:
    """Whether a complex gets an intervention without a grant (when it has none yet)."""
    return _rng(city, _key(complex_), "intervention").random() < STANDALONE_RATE


def grant_users(city: DemoCity) -> dict[int | str, User | None]:
    """Who applies for a corporation's grants (by corporation id), and who decides ("gemeente")."""
    users: dict[int | str, User | None] = {
        user.corporation_id: user for user in city.users.values() if user.corporation_id
    }
    users["gemeente"] = city.users["gemeente"]
    return users


def seed_grants(city: DemoCity) -> None:
    """Grants and the interventions they paid for, plus some interventions without a grant, for
    the complexes that have neither yet; validated like the services do, written in bulk."""
    today = city.today
    done = set(
        Grant.objects.filter(complex__in=city.complexes).values_list("complex_id", flat=True)
    ) | set(
        Intervention.objects.filter(complex__in=city.complexes).values_list("complex_id", flat=True)
    )
    plans, rng = grant_plans(city)
    users = grant_users(city)

    grants, paid = [], []
    for plan in plans:
        # Every plan draws the same numbers whether or not it is written: a re-run matches.
        grant, key = _grant(city, rng, plan, users)
        wanted = plan.intervention if plan.intervention is not None else rng.random() < 0.85
        if plan.complex.pk in done:
            continue
        grant.full_clean(exclude=GRANT_FK, validate_unique=False, validate_constraints=False)
        grants.append(grant)
        if wanted and grant.status not in (GrantStatus.APPLIED, GrantStatus.REJECTED):
            paid.append((grant, key))
    Grant.objects.bulk_create(grants, batch_size=500)

    interventions = [
        _intervention(
            city, _rng(city, _key(grant.complex), grant.scheme.name, grant.start), grant, key
        )
        for grant, key in paid
    ]
    for complex_ in sorted(city.complexes, key=lambda complex_: complex_.name):
        complex_rng = _rng(city, _key(complex_), "intervention")
        if complex_.pk in done or complex_rng.random() >= STANDALONE_RATE:
            continue
        start = today - _days(complex_rng.randint(-30, 365 * YEARS_BACK))
        interventions.append(_standalone(city, complex_rng, complex_, start))
    for intervention in interventions:
        intervention.full_clean(
            exclude=["complex", "provider", "grant"],
            validate_unique=False,
            validate_constraints=False,
        )
    Intervention.objects.bulk_create(interventions, batch_size=500)
