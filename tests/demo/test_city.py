"""The demo city: enough for every role to see something. One city of 60 complexes is built for
the whole module (about a minute on SQLite) and read by every test; the clock stands still at the
moment it was built, so "today" cannot move under the tests. Runs of the demo (a second run, a
later day, a smaller city) are in test_seed_demo.py, the demo on other days of the year in
test_city_dates.py."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from complexes.models import Complex, Gallery
from evaluations import selectors as evaluations
from evaluations.choices import LONELINESS_ITEMS, Status
from evaluations.models import (
    BudgetActual,
    BudgetScenario,
    IndicatorSnapshot,
    SurveyResponse,
    SurveyRound,
)
from evaluations.services import loneliness_score
from interventions import selectors as funding
from interventions.calendar import default_unfunded_weeks
from interventions.choices import GrantStatus, InterventionStatus, ProviderKind, Verdict, WeekStatus
from interventions.models import (
    Grant,
    HoursEntry,
    HoursWeek,
    Intervention,
    Provider,
    SubsidyScheme,
)
from leefbaarheid.models import User
from leefbaarheid.site.demo import seed_demo_city
from leefbaarheid.weeks import Week
from residents import selectors
from residents.choices import ContactKind, GroupKind
from residents.models import Activity, Resident, ResidentContact, ResidentGroup
from tests.helpers import booking_clashes

pytestmark = pytest.mark.django_db

# The contract of DESIGN.md, spelled out here rather than read from the code under test.
DEMO_USERNAMES = ["admin", "gemeente", "corporatie1", "corporatie2", "welzijn1", "interventieteam"]


@pytest.fixture(scope="module")
def demo_city(module_transaction):
    with time_machine.travel(timezone.now(), tick=False):
        yield seed_demo_city(complexes=60)


def test_every_complex_has_a_building_map(demo_city):
    complexes = Complex.objects.count()
    # Galleries on every complex, homes adding up to the units, some without a contact person.
    assert Complex.objects.filter(galleries__isnull=False).distinct().count() == complexes
    for complex_ in Complex.objects.prefetch_related("galleries"):
        assert sum(gallery.homes for gallery in complex_.galleries.all()) == complex_.units
    without = Gallery.objects.filter(contact_person__isnull=True).count()
    assert 0 < without < Gallery.objects.count() / 2
    # Every contact person is a consenting resident of the gallery's complex.
    for gallery in Gallery.objects.filter(contact_person__isnull=False).select_related(
        "contact_person"
    ):
        assert gallery.contact_person.complex_id == gallery.complex_id
        assert gallery.contact_person.consent_contact_person
        assert gallery.contact_since is not None
    # A committee in many complexes, a core group in some; activities and bookings everywhere.
    committees = ResidentGroup.objects.filter(kind=GroupKind.COMMITTEE)
    core_groups = ResidentGroup.objects.filter(kind=GroupKind.CORE_GROUP)
    assert committees.values("complex").distinct().count() > complexes / 2
    assert 0 < core_groups.values("complex").distinct().count() < complexes / 2
    assert not core_groups.annotate(n=Count("memberships")).filter(n__lt=3).exists()
    assert Complex.objects.filter(activities__isnull=True).count() == 0
    assert Complex.objects.filter(bookings__isnull=True).count() == 0
    # The room calendar of this week and the next three: no week without a booking.
    today = timezone.localdate()
    for complex_ in Complex.objects.all():
        for weeks in range(4):
            day = today + datetime.timedelta(weeks=weeks)
            assert selectors.week_bookings(complex=complex_, day=day).exists(), (complex_, day)
    assert Activity.objects.filter(attendees__isnull=False).exists()
    assert not Activity.objects.filter(head_count=0).exists()
    assert booking_clashes() == []
    # Who runs the room varies, and every complex says when it is open.
    assert Complex.objects.values("room_managed_by").distinct().count() == 5
    assert not Complex.objects.filter(Q(room_opening_hours="") | Q(room_key_holders="")).exists()
    # Data-minimal residents, mostly 55+, many living alone, several languages.
    year = timezone.localdate().year
    assert Resident.objects.filter(birth_year__gt=year - 55).count() < Resident.objects.count() / 10
    assert Resident.objects.living_alone().count() > Resident.objects.count() / 3
    assert Resident.objects.values("language").distinct().count() >= 5


def test_demo_users_have_residents_to_welcome_and_out_of_sight(demo_city):
    wendy = User.objects.get(username="welzijn1")
    carla = User.objects.get(username="corporatie1")
    assert selectors.to_welcome(user=wendy).count() >= 3
    assert selectors.to_welcome(user=carla).count() >= 3
    assert selectors.out_of_sight(user=wendy).count() >= 3
    # Some new tenants were welcomed already, by the gallery's contact person where there is one.
    welcomes = ResidentContact.objects.filter(kind=ContactKind.WELCOME)
    assert welcomes.exists()
    assert welcomes.filter(made_by__isnull=False).exists()
    assert (
        not welcomes.exclude(made_by__isnull=True)
        .exclude(made_by__complex=F("resident__complex"))
        .exists()
    )


def test_demo_users_can_sign_in_with_the_demo_password(demo_city, client, settings):
    for username in DEMO_USERNAMES:
        response = client.post(
            "/accounts/login/", {"username": username, "password": settings.DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        client.post("/accounts/logout/")


def test_demo_users_see_what_their_role_reaches(demo_city):
    carla, kees = User.objects.get(username="corporatie1"), User.objects.get(username="corporatie2")
    own = set(Complex.objects.visible_to(carla))
    assert own and own.isdisjoint(Complex.objects.visible_to(kees))
    wendy = User.objects.get(username="welzijn1")
    assert 0 < Complex.objects.visible_to(wendy).count() <= 12
    assert Complex.objects.visible_to(User.objects.get(username="gemeente")).count() == 60


# Subsidies ------------------------------------------------------------------------------------

# The order of a grant's steps: the date each writes, and the statuses that have taken it.
STEP_DATES = [
    ("applied_on", {"applied", "awarded", "running", "reported", "settled", "rejected"}),
    ("decided_on", {"awarded", "running", "reported", "settled", "rejected"}),
    ("started_on", {"running", "reported", "settled"}),
    ("reported_on", {"reported", "settled"}),
    ("settled_on", {"settled"}),
]


def test_demo_has_the_evaluations_scheme_a_fictional_fund_and_the_providers(demo_city):
    schemes = {scheme.name: scheme for scheme in SubsidyScheme.objects.all()}
    # The source's scheme, as the migration made it, and a fund the demo made up and says so.
    # Thuisplus is a housing concept (the complex's flag) and Opzoomeren mee a neighbourhood
    # scheme: the source gives no grants of theirs, so the demo has none.
    assert set(schemes) == {"Vitale Leefgemeenschappen", "Ontmoetingsfonds (fictief)"}
    vitale = schemes["Vitale Leefgemeenschappen"]
    assert (vitale.min_amount, vitale.max_amount) == (Decimal("5000.00"), Decimal("10000.00"))
    assert vitale.funder == "Gemeente Rotterdam"
    fund = schemes["Ontmoetingsfonds (fictief)"]
    assert "(fictief)" in fund.funder and fund.purpose.startswith("Alleen in de demo")
    providers = dict(Provider.objects.values_list("name", "kind"))
    assert providers["Studio BRUIS"] == ProviderKind.SOCIAL_ENTREPRENEUR
    assert providers["Stadstrainers"] == ProviderKind.SOCIAL_ENTREPRENEUR
    kinds = list(providers.values())
    assert kinds.count(ProviderKind.WELFARE_ORGANISATION) >= 2
    assert ProviderKind.CARE_PROVIDER in kinds
    # Contact addresses that can never reach anyone.
    for email in Provider.objects.values_list("email", flat=True):
        assert email.endswith((".invalid", ".example.nl", ".example.com", "example.org")), email


def test_demo_grants_are_valid_and_in_every_status(demo_city):
    today = timezone.localdate()
    gemeente = User.objects.get(username="gemeente")
    grants = list(Grant.objects.select_related("scheme", "complex", "applied_by", "started_by"))
    assert 12 <= len(grants) <= 150
    assert {grant.status for grant in grants} == set(GrantStatus.values)
    assert len({grant.start.year for grant in grants}) >= 4
    for grant in grants:
        grant.full_clean()
        scheme = grant.scheme
        assert scheme.min_amount <= grant.amount_requested <= scheme.max_amount
        if grant.amount_awarded is not None:
            assert scheme.min_amount <= grant.amount_awarded <= grant.amount_requested
        if grant.amount_settled is not None:
            assert grant.amount_settled <= grant.amount_awarded
        # Each step taken has its date, in order, never in the future; the others have none.
        dates = []
        for field_name, statuses in STEP_DATES:
            day = getattr(grant, field_name)
            assert (day is not None) == (grant.status in statuses), (grant, field_name)
            if day is not None:
                dates.append(day)
        assert dates == sorted(dates) and dates[-1] <= today, grant
        awarded_or_later = grant.status not in (GrantStatus.APPLIED, GrantStatus.REJECTED)
        assert (grant.amount_awarded is not None) == awarded_or_later, grant
        assert (grant.report_due is not None) == awarded_or_later, grant
        # The applicant's steps by the corporation's own staff, the decisions by the city.
        for user in (grant.applied_by, grant.started_by):
            assert user is None or user.corporation_id == grant.corporation_id
        if grant.decided_on:
            assert grant.decided_by == gemeente


def test_demo_shows_overlapping_schemes_and_reports_due(demo_city):
    gemeente = User.objects.get(username="gemeente")
    overlapping = funding.grant_list(user=gemeente).filter(has_overlap=True)
    assert overlapping.count() >= 2
    assert overlapping.values("scheme").distinct().count() >= 2
    due = list(funding.reports_due(user=gemeente))
    assert any(grant.overdue for grant in due)
    assert any(not grant.overdue for grant in due)


def test_demo_users_see_their_corporations_grants(demo_city):
    carla = User.objects.get(username="corporatie1")
    grants = funding.grant_list(user=carla)
    assert grants.filter(status=GrantStatus.APPLIED).exists()
    assert any(grant.overdue for grant in funding.reports_due(user=carla))
    assert funding.intervention_list(user=carla).count() >= 2
    assert not grants.exclude(corporation=carla.corporation).exists()
    kees = User.objects.get(username="corporatie2")
    assert funding.grant_list(user=kees).exists()


def test_demo_interventions_follow_their_grants(demo_city):
    today = timezone.localdate()
    interventions = list(Intervention.objects.select_related("grant", "provider"))
    paid = [i for i in interventions if i.grant_id]
    assert paid and len(paid) < len(interventions)  # and some without a grant
    awarded = Grant.objects.exclude(status__in=[GrantStatus.APPLIED, GrantStatus.REJECTED])
    assert len(paid) >= awarded.count() / 2
    providers = {i.provider.name for i in interventions if i.provider}
    assert {"Studio BRUIS", "Stadstrainers"} <= providers
    assert {i.status for i in interventions} >= {"running", "completed"}
    for intervention in interventions:
        intervention.full_clean()
        finished = intervention.status in (InterventionStatus.COMPLETED, InterventionStatus.STOPPED)
        if finished:
            assert intervention.end <= today and intervention.outcome, intervention
        if intervention.status == InterventionStatus.PLANNED:
            assert not intervention.success_factors
        if intervention.grant_id:
            assert intervention.grant.status not in (GrantStatus.APPLIED, GrantStatus.REJECTED)
            assert intervention.start >= intervention.grant.start
    ticked = [i for i in interventions if i.success_factors and i.approach]
    assert ticked and any(i.challenges for i in interventions)


# Welfare hours --------------------------------------------------------------------------------


def _last_complete_week() -> Week:
    return Week.of(timezone.localdate()).shifted(-1)


def test_every_complex_has_a_professional_and_a_year_of_hours(demo_city):
    until = _last_complete_week()
    # A year, and the twelve weeks before it that the index's oldest week of history may look
    # back on (its last four funded weeks, across the summer).
    year = HoursEntry.objects.filter(
        week_start__gte=until.shifted(-63).monday, week_start__lte=until.monday
    )
    complexes = Complex.objects.count()
    assert not Complex.objects.filter(professionals__isnull=True).exists()
    assert year.values("complex").distinct().count() == complexes
    assert not HoursEntry.objects.exclude(pk__in=year.values("pk")).exists()
    # Hours in most weeks of every complex, with a gap here and there (holidays, leave).
    weeks = year.values("complex").annotate(n=Count("week_start", distinct=True))
    assert all(30 <= row["n"] <= 64 for row in weeks), list(weeks)
    assert any(row["n"] < 64 for row in weeks)
    # In the weeks the default welfare calendar does not fund, most complexes log nothing and a
    # few a little: those hours count, no norm applies.
    unfunded = [
        week
        for week in (until.shifted(-back) for back in range(52))
        if week.week in default_unfunded_weeks(week.year)
    ]
    assert len(unfunded) >= 10
    holiday = year.filter(week_start__in=[week.monday for week in unfunded])
    assert holiday.exists()
    busy = holiday.values("complex", "week_start").distinct().count()
    assert busy < complexes * len(unfunded) / 3
    assert year.values("kind").distinct().count() == 6
    # Rows written in bulk hold what save() and the services would: the Monday of the week,
    # quarter hours, only in the professional's assigned complexes, at most 40 h a week.
    assigned = set(User.assigned_complexes.through.objects.values_list("user_id", "complex_id"))
    for entry in year:
        assert entry.week_start == Week(entry.year, entry.week).monday, entry
        assert entry.hours % Decimal("0.25") == 0 and entry.hours > 0, entry
        assert (entry.professional_id, entry.complex_id) in assigned, entry
    totals = year.values("complex", "week_start").annotate(total=Sum("hours"))
    assert max(row["total"] for row in totals) <= 40
    for entry in year.order_by("pk")[:20]:
        entry.full_clean()
    # welzijn1 keeps her dozen; the other demo professionals work for an organisation.
    wendy = User.objects.get(username="welzijn1")
    assert 0 < wendy.assigned_complexes.count() <= 12
    others = User.objects.filter(username__startswith="welzijn").exclude(pk=wendy.pk)
    assert others.exists() and not others.filter(organisation="").exists()


def test_some_complexes_are_below_the_norm_and_most_are_not(demo_city):
    gemeente = User.objects.get(username="gemeente")
    complexes = Complex.objects.count()
    below = funding.hours_below_norm(user=gemeente)
    assert 0 < len(below) <= complexes / 4
    assert all(row["weeks"] >= 3 for row in below)
    # welzijn1 has a complex of her own to worry about.
    assert funding.hours_below_norm(user=User.objects.get(username="welzijn1"))
    # Over the year most complexes get about the norm of 4 hours a week.
    averages = sorted(row["avg52"] for row in funding.hours_norm_rows(user=gemeente))
    assert len(averages) == complexes
    assert Decimal("3.5") <= averages[complexes // 2] <= Decimal("5.5")


def test_weeks_of_hours_are_approved_submitted_or_open(demo_city):
    until = _last_complete_week()
    assert set(HoursWeek.objects.values_list("status", flat=True)) == set(WeekStatus.values)
    # A year of weeks for every demo professional; the old ones approved by someone else.
    professionals = User.objects.filter(hours_entries__isnull=False).distinct()
    for professional in professionals:
        assert professional.hours_weeks.count() == 64, professional
    for week in HoursWeek.objects.filter(week_start__lt=until.shifted(-5).monday):
        assert week.status == WeekStatus.APPROVED, week
        assert week.submitted_at and week.decided_at and week.decided_by_id
        assert week.decided_by_id != week.professional_id
        assert week.week_start == week.iso_week.monday
    # welzijn1 has a couple of weeks not handed in, one of them returned with a reason.
    wendy = User.objects.get(username="welzijn1")
    (missing,) = funding.hours_missing_weeks(user=wendy)
    assert len(missing["weeks"]) >= 2
    assert wendy.hours_weeks.exclude(return_note="").filter(status=WeekStatus.RETURNED).exists()
    # Submitted weeks wait for the functional admin, and for a team lead of welzijn1's team.
    admin = User.objects.get(username="admin")
    assert funding.hours_weeks_to_approve(user=admin).count() >= 2
    leads = User.objects.filter(user_permissions__codename="approve_hours")
    team_lead = leads.get(organisation=wendy.organisation)
    waiting = funding.hours_weeks_to_approve(user=team_lead)
    assert waiting.filter(professional=wendy).exists()


# Cohesion index, loneliness survey and budget ---------------------------------------------------


def _this_week() -> Week:
    return Week.of(timezone.localdate())


def test_every_complex_has_a_year_of_weekly_snapshots(demo_city):
    this_week = _this_week()
    oldest = this_week.shifted(-52)
    weeks = (
        IndicatorSnapshot.objects.values("complex")
        .annotate(n=Count("pk"), first=Min("week_start"), last=Max("week_start"))
        .order_by()
    )
    assert len(weeks) == Complex.objects.filter(is_senior=True).count() == 60
    assert {(row["n"], row["first"], row["last"]) for row in weeks} == {
        (53, oldest.monday, this_week.monday)
    }
    # Even the oldest week has every input but the survey: the history is not hollow.
    for snapshot in IndicatorSnapshot.objects.filter(week_start=oldest.monday):
        missing = {name for name, part in snapshot.components.items() if part["value"] is None}
        assert missing <= {"new_tenants", "loneliness"}, (snapshot, missing)
        assert snapshot.weights and snapshot.thresholds
    assert IndicatorSnapshot.objects.filter(
        week_start=this_week.monday, components__loneliness__value__isnull=False
    ).exists()


def test_the_history_has_complexes_improving_declining_and_a_few_red(demo_city):
    this_week = _this_week()
    counts = defaultdict(lambda: defaultdict(int))
    indexes = defaultdict(dict)
    for complex_id, monday, status, index in IndicatorSnapshot.objects.values_list(
        "complex", "week_start", "status", "index"
    ):
        counts[monday][status] += 1
        indexes[complex_id][monday] = index
    # Never half the city red, not even in the summer holidays; a few red now.
    assert all(week[Status.RED] < 60 / 2 for week in counts.values()), counts
    assert 0 < counts[this_week.monday][Status.RED] < 60 / 4, counts[this_week.monday]
    for monday in (this_week.shifted(-52).monday, this_week.monday):
        assert counts[monday][Status.GREEN] > 0
        assert counts[monday][Status.NO_DATA] == 0
    # Complexes go their own ways: against the city's own change over the year (seasons and all),
    # some gained five points or more, some lost as much.
    changes = sorted(
        weeks[this_week.monday] - weeks[this_week.shifted(-52).monday] for weeks in indexes.values()
    )
    city = changes[len(changes) // 2]
    assert sum(change - city >= 5 for change in changes) >= 5, changes
    assert sum(change - city <= -5 for change in changes) >= 5, changes


def test_two_thirds_of_the_complexes_held_the_loneliness_survey(demo_city):
    today = timezone.localdate()
    rounds = SurveyRound.objects.annotate(
        n=Count("responses"), valid=Count("responses", filter=Q(responses__score__isnull=False))
    )
    surveyed = rounds.values("complex").distinct().count()
    assert 60 * 0.45 <= surveyed <= 60 * 0.85
    assert not rounds.exclude(held_on__gt=today - datetime.timedelta(days=365)).exists()
    assert not rounds.filter(held_on__gt=today).exists()
    assert SurveyRound.objects.values("complex").annotate(r=Count("pk")).filter(r=2).exists()
    assert not rounds.exclude(n__range=(3, 25)).exists()
    # Some rounds have too few valid responses to show their results.
    assert rounds.filter(valid__lt=5).exists() and rounds.filter(valid__gte=5).exists()
    # Scored by the scale's rule: one item skipped still counts, two do not.
    responses = list(SurveyResponse.objects.all())
    for response in responses:
        answers = {field: getattr(response, field) for field, *_rest in LONELINESS_ITEMS}
        assert response.score == loneliness_score(answers), response
    skipped = [sum(not getattr(r, f) for f, *_rest in LONELINESS_ITEMS) for r in responses]
    assert {0, 1, 2} <= set(skipped) and max(skipped) == 2


def test_residents_are_less_lonely_where_more_of_them_take_part(demo_city):
    latest = {
        snapshot.complex_id: snapshot.components["participation"]["value"]
        for snapshot in IndicatorSnapshot.objects.filter(week_start=_this_week().monday)
    }
    scores = SurveyResponse.objects.filter(score__isnull=False).values_list(
        "round__complex", "score"
    )
    by_complex = defaultdict(list)
    for complex_id, score in scores:
        by_complex[complex_id].append(score)
    ranked = sorted(by_complex, key=lambda complex_id: latest[complex_id])
    half = len(ranked) // 2

    def mean(complexes):
        values = [score for complex_id in complexes for score in by_complex[complex_id]]
        return sum(values) / len(values)

    assert mean(ranked[half:]) < mean(ranked[:half]) - 0.15


def test_the_history_shows_interventions_whose_effect_held_faded_or_never_came(demo_city):
    today = timezone.localdate()
    gemeente = User.objects.get(username="gemeente")
    interventions = list(Intervention.objects.select_related("grant"))
    effects = evaluations.intervention_effects(interventions, user=gemeente)
    verdicts = Counter(effect.verdict for effect in effects.values())
    assert verdicts[Verdict.HELD] >= 2, verdicts
    assert verdicts[Verdict.FADED] >= 1, verdicts
    assert verdicts[Verdict.NO_EFFECT] >= 1, verdicts
    judged = [i for i in interventions if effects[i.pk].verdict in (Verdict.HELD, Verdict.FADED)]
    for intervention in judged:
        effect = effects[intervention.pk]
        # Finished interventions inside the year of history, judged on what came after them.
        assert intervention.status == InterventionStatus.COMPLETED and intervention.outcome
        assert effect.before.weeks_with_data and effect.during.weeks_with_data, intervention
        assert effect.judged is not None and effect.judged.last.sunday < today
        assert effect.gain >= 5
        if effect.verdict == Verdict.HELD:
            assert effect.judged.mean - effect.before.mean >= effect.gain / 2
        else:
            assert effect.judged.mean - effect.before.mean < effect.gain / 2
    # Some were paid for with a grant that has been reported on (and settled) by now.
    grants = [i.grant for i in judged if i.grant_id]
    assert grants and all(
        grant.status in (GrantStatus.REPORTED, GrantStatus.SETTLED) for grant in grants
    )


def test_the_reference_budget_and_this_years_actual_hours(demo_city):
    reference = BudgetScenario.objects.get(name="Evaluatie 2022")
    assert str(evaluations.scenario_total(reference)) == "3351600.00"
    # This ISO year's hours up to its last complete week: none yet while its first week runs.
    this_week = _this_week()
    last = this_week.shifted(-1)
    actuals = BudgetActual.objects.filter(year=this_week.year)
    assert actuals.count() == 60
    through = actuals.values_list("through_week", flat=True).distinct().get()
    assert through == (last.week if last.year == this_week.year else 0)
    logged = HoursEntry.objects.filter(year=this_week.year, week__lte=through)
    hours = logged.aggregate(h=Sum("hours"))["h"] or Decimal(0)
    assert actuals.aggregate(h=Sum("hours"))["h"] == hours
    assert (hours > 0) == (through > 0)


def test_budget_scenarios_stand_beside_the_reference(demo_city):
    scenarios = {scenario.name: scenario for scenario in BudgetScenario.objects.all()}
    assert len(scenarios) >= 4
    by_corporation = scenarios["Maasstad Wonen, volgens de norm"]
    assert evaluations.scenario_count(by_corporation) == by_corporation.complexes().count() > 0
    # It follows the welfare calendar: the norm per funded week and the funded weeks.
    assert (by_corporation.hours_per_week, by_corporation.weeks_per_year) == (None, None)
    count = evaluations.scenario_count(by_corporation)
    assert evaluations.scenario_total(by_corporation) == Decimal(count * 4 * 75 * 42)
    everything = scenarios["Alle seniorencomplexen, hele jaar"]
    senior = Complex.objects.filter(is_senior=True).count()
    assert evaluations.scenario_total(everything) == Decimal(senior * 4 * 75 * 52) > 0
