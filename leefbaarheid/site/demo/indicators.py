"""The cohesion index in the demo city: loneliness survey rounds, a year of weekly index
snapshots and this year's actual welfare hours beside the budget.

About two thirds of the complexes held the De Jong Gierveld survey once or twice in the last
year (spring, autumn), each round with 3 to 25 anonymous paper questionnaires, so some rounds stay
below the five responses needed to show results. Residents answer lonelier where the building's
social life runs poorly and welfare hours fall short, and by autumn lonelier (or less lonely)
where the social life declined (or improved) over the year. A round is planned from the complex
and its name alone and written only when the complex has no round by that name: a re-run adds
nothing. The snapshots and the actual hours come from the same services as the nightly tasks,
which write only what changed.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import Min

from complexes.models import Corporation, District
from evaluations import services
from evaluations.choices import LONELINESS_ITEMS, Answer, Scope
from evaluations.models import BudgetScenario, SurveyResponse, SurveyRound
from leefbaarheid.models import User
from leefbaarheid.services import save_validated
from leefbaarheid.site.demo.common import DemoCity, _rng
from leefbaarheid.site.demo.community import trend
from leefbaarheid.site.demo.hours import ComplexHours
from leefbaarheid.weeks import Week

SURVEY_SHARE = 2 / 3  # complexes that held the survey in the last year
SEASONS = (("Voorjaar", 4), ("Najaar", 10))  # round name and month
RESPONSES = (3, 25)
SKIP_ONE, SKIP_TWO = 0.10, 0.04  # questionnaires with one item (still scored) or two skipped
HISTORY_WEEKS = 52  # snapshots of this week and the 52 before it


def _rounds(city: DemoCity, key: str) -> list[tuple[str, datetime.date]]:
    """The rounds a complex held in the year up to a week ago: none, or the latest one or two."""
    rng = _rng(city, key, "survey")
    if rng.random() >= SURVEY_SHARE:
        return []
    count = rng.choice([1, 2])
    since, until = (
        city.today - datetime.timedelta(days=365),
        city.today - datetime.timedelta(days=7),
    )
    held = []
    for year in (city.today.year - 1, city.today.year):
        for season, month in SEASONS:
            name = f"{season} {year}"
            day = datetime.date(year, month, _rng(city, key, "survey", name).randint(1, 28))
            if since < day <= until:
                held.append((name, day))
    return held[-count:]


def _propensity(city: DemoCity, complex_, key: str, season: str) -> float:
    """How likely a resident is to give a lonely answer: lower where the social life runs well
    (the building's vitality drives participation) and the welfare hours meet the norm."""
    hours = ComplexHours(city, complex_)
    chance = 0.5 - 0.3 * city.plans[complex_.pk].vitality - 0.04 * (hours.usual - 4)
    if hours.below:
        chance += 0.08
    if season == SEASONS[1][0]:  # since spring: as the complex's social life went
        drift = _rng(city, key, "survey", "drift").uniform(0.02, 0.1)
        chance -= drift * trend(city, city.plans[complex_.pk])
    return chance


def _answers(rng: random.Random, chance: float) -> dict[str, str]:
    """One questionnaire: each item lonely with the respondent's own chance ("more or less"
    counts as lonely), now and then an item or two left empty."""
    own = min(0.95, max(0.02, chance + rng.gauss(0, 0.15)))
    answers = {}
    for field, _wording, lonely in LONELINESS_ITEMS:
        if rng.random() < own:
            outright = Answer.YES if Answer.YES in lonely else Answer.NO
            answers[field] = Answer.MORE_OR_LESS if rng.random() < 0.5 else outright
        else:
            answers[field] = Answer.NO if Answer.YES in lonely else Answer.YES
    draw = rng.random()
    skipped = 2 if draw < SKIP_TWO else 1 if draw < SKIP_TWO + SKIP_ONE else 0
    for field in rng.sample(list(answers), skipped):
        answers[field] = ""
    return answers


def _enterers(city: DemoCity) -> dict[int, User]:
    """Who typed in a complex's questionnaires: the first demo professional assigned to it."""
    firsts = (
        User.assigned_complexes.through.objects.filter(
            complex__in=city.complexes, user__username__startswith="welzijn"
        )
        .values("complex_id")
        .annotate(first=Min("user_id"))
        .values_list("complex_id", "first")
    )
    users = {user.pk: user for user in city.users.values()}
    return {complex_id: users[user_id] for complex_id, user_id in firsts if user_id in users}


def seed_surveys(city: DemoCity) -> None:
    """Survey rounds with anonymous responses, for the rounds a complex does not have yet."""
    existing = set(
        SurveyRound.objects.filter(complex__in=city.complexes).values_list("complex_id", "name")
    )
    enterers = _enterers(city)
    rounds, questionnaires = [], []
    for complex_ in city.complexes:
        if complex_.pk in city.stories:  # their index follows the intervention's story alone
            continue
        key = city.plans[complex_.pk].key
        for name, held_on in _rounds(city, key):
            if (complex_.pk, name) in existing:
                continue
            enterer = enterers.get(complex_.pk)
            round_ = SurveyRound(complex=complex_, name=name, held_on=held_on, created_by=enterer)
            rounds.append(round_)
            rng = _rng(city, key, "responses", name)
            chance = _propensity(city, complex_, key, name.split()[0])
            for _ in range(rng.randint(*RESPONSES)):
                questionnaires.append((round_, enterer, _answers(rng, chance)))
    SurveyRound.objects.bulk_create(rounds, batch_size=1000)
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                round=round_,
                entered_by=enterer,
                score=services.loneliness_score(answers),
                **answers,
            )
            for round_, enterer, answers in questionnaires
        ],
        batch_size=2000,
    )


def seed_indicators(city: DemoCity) -> None:
    """A year of weekly index snapshots for every complex, then this year's actual hours."""
    this_week = Week.of(city.today)
    services.indicators_recalculate(
        complex_ids=[complex_.pk for complex_ in city.complexes],
        first=this_week.shifted(-HISTORY_WEEKS),
        last=this_week,
        today=city.today,
    )
    services.budget_refresh(today=city.today)


# Scenarios an official would weigh beside the evaluation's reference (which a migration seeds):
# (name, scope, corporation or district name, hours per week, rate, weeks, note); hours or weeks
# None follow the welfare calendar.
SCENARIOS = [
    (
        "Alle seniorencomplexen, hele jaar",
        Scope.ALL,
        None,
        Decimal(4),
        Decimal(75),
        52,
        "De norm van 4 uur in alle seniorencomplexen in de database, ook in de vakanties.",
    ),
    (
        "Ruime inzet, tarief 2027",
        Scope.ALL,
        None,
        Decimal(6),
        Decimal("78.50"),
        None,
        "Zes uur per gefinancierde week tegen het verwachte uurtarief van 2027.",
    ),
    (
        "Maasstad Wonen, volgens de norm",
        Scope.CORPORATION,
        "Maasstad Wonen",
        None,
        Decimal(75),
        None,
        "Volgt de welzijnskalender: de norm per gefinancierde week en de gefinancierde weken.",
    ),
    (
        "IJsselmonde extra",
        Scope.DISTRICT,
        "IJsselmonde",
        Decimal(6),
        Decimal(75),
        46,
        "Extra uren in het gebied met de meeste rode complexen.",
    ),
]


def seed_scenarios(city: DemoCity) -> None:
    """A few budget scenarios beside the reference, so they can be compared side by side;
    upserted by name, left alone once they exist (an official may have changed them)."""
    corporations = {corporation.name: corporation for corporation in Corporation.objects.all()}
    districts = {district.name: district for district in District.objects.all()}
    existing = set(BudgetScenario.objects.values_list("name", flat=True))
    for name, scope, owner, hours, rate, weeks, note in SCENARIOS:
        corporation = corporations.get(owner) if scope == Scope.CORPORATION else None
        district = districts.get(owner) if scope == Scope.DISTRICT else None
        if name in existing or (owner and corporation is None and district is None):
            continue
        save_validated(
            BudgetScenario(),
            {
                "name": name,
                "scope": scope,
                "corporation": corporation,
                "district": district,
                "hours_per_week": hours,
                "hourly_rate": rate,
                "weeks_per_year": weeks,
                "note": note,
            },
        )
