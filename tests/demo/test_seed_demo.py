"""Runs of the demo city: the seed_demo command, the same database from a second run, top-ups on a
later day, another seed, a smaller and the full city. Each test builds (and changes) a city of its
own; what one city holds is checked in test_city.py, on a city built once for that module."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from complexes.models import Complex, District
from evaluations.models import BudgetActual, IndicatorSnapshot, SurveyRound
from interventions.models import Grant, HoursEntry, HoursWeek, Intervention
from leefbaarheid.models import User
from leefbaarheid.site.demo import seed_demo_city
from leefbaarheid.weeks import Week
from residents.models import Activity, Resident, RoomBooking
from tests.helpers import AMSTERDAM, booking_clashes

pytestmark = pytest.mark.django_db

# The contract of DESIGN.md, spelled out here rather than read from the code under test.
DEMO_USERNAMES = ["admin", "gemeente", "corporatie1", "corporatie2", "welzijn1", "interventieteam"]
DEMO_MODELS = [
    "complexes.corporation",
    "complexes.district",
    "complexes.complex",
    "complexes.occupancysnapshot",
    "complexes.gallery",
    "residents.resident",
    "residents.residentgroup",
    "residents.membership",
    "residents.activity",  # with its attendees
    "residents.roombooking",
    "residents.mutualhelp",  # with the residents involved
    "residents.residentcontact",
    "interventions.subsidyscheme",
    "interventions.provider",
    "interventions.grant",
    "interventions.intervention",
    "interventions.hoursentry",
    "interventions.hoursweek",
    "leefbaarheid.user",
    "evaluations.surveyround",
    "evaluations.surveyresponse",
    "evaluations.indicatorsnapshot",  # with when each was calculated: a re-run writes none
]


def _snapshot() -> str:
    """Every demo row (and each user's groups and complexes) as JSON, ordered by key."""
    querysets = []
    for label in DEMO_MODELS:
        model = apps.get_model(label)
        # Prefetched, or the serializer asks for each row's many-to-many values one by one; by
        # key, as the related model's own ordering leaves ties (two residents of one name) to
        # the database, and PostgreSQL may return them in another order the second time.
        related = [
            Prefetch(field.name, queryset=field.related_model.objects.order_by("pk"))
            for field in model._meta.many_to_many
        ]
        querysets.append(model.objects.order_by("pk").prefetch_related(*related))
    return "".join(serializers.serialize("json", queryset) for queryset in querysets)


def test_seeding_twice_gives_the_same_database():
    call_command("seed_demo", "--complexes", "40", "--seed", "7", stdout=None)
    first = _snapshot()
    # The snapshot really holds the building map and the grants, so the comparison can fail.
    assert '"model": "residents.activity"' in first and '"attendees": [' in first
    assert '"model": "interventions.grant"' in first
    assert '"model": "interventions.intervention"' in first
    assert '"model": "interventions.hoursentry"' in first
    assert '"model": "interventions.hoursweek"' in first
    assert '"model": "evaluations.surveyresponse"' in first
    assert '"model": "evaluations.indicatorsnapshot"' in first
    actuals = list(BudgetActual.objects.order_by("pk").values_list("complex", "year", "hours"))
    call_command("seed_demo", "--complexes", "40", "--seed", "7")
    assert _snapshot() == first
    # The actual hours are refreshed (their time stamp moves), to the same figures.
    assert list(BudgetActual.objects.order_by("pk").values_list("complex", "year", "hours")) == (
        actuals
    )


def test_a_later_run_tops_up_the_rolling_records_without_clashes():
    today = timezone.localdate()
    seed_demo_city(complexes=8, seed=3, today=today)
    residents = Resident.objects.count()
    seed_demo_city(complexes=8, seed=3, today=today + datetime.timedelta(days=9))
    # Residents are built once; activities and bookings follow the calendar, one per slot and day.
    assert Resident.objects.count() == residents
    assert RoomBooking.objects.filter(start__date__gt=today + datetime.timedelta(weeks=4)).exists()
    duplicates = Activity.objects.values("complex", "date").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert booking_clashes() == []
    # The index history follows the calendar too: the new week has its snapshots.
    later = Week.of(today + datetime.timedelta(days=9)).monday
    assert IndicatorSnapshot.objects.filter(week_start=later).count() == 8


def test_same_seed_gives_same_city_and_other_seed_another():
    seed_demo_city(complexes=30, seed=1)
    first = list(Complex.objects.order_by("name").values_list("name", "units", "postcode"))
    # Grants, interventions, hours and survey rounds protect a complex: they go first.
    SurveyRound.objects.all().delete()
    Intervention.objects.all().delete()
    Grant.objects.all().delete()
    HoursEntry.objects.all().delete()
    Complex.objects.all().delete()
    seed_demo_city(complexes=30, seed=1)
    assert list(Complex.objects.order_by("name").values_list("name", "units", "postcode")) == first
    seed_demo_city(complexes=30, seed=2)
    assert list(Complex.objects.order_by("name").values_list("name", "units", "postcode")) != first


def test_full_city_has_266_complexes_in_rotterdams_districts():
    city = seed_demo_city()
    assert Complex.objects.count() == 266 == len(city.complexes)
    # The building map reaches all 266 complexes.
    for related in ("galleries", "residents", "activities", "bookings", "snapshots"):
        assert not Complex.objects.filter(**{f"{related}__isnull": True}).exists(), related
    assert District.objects.count() == 14
    assert {"Charlois", "Feijenoord", "Prins Alexander", "Hoek van Holland"} <= set(
        District.objects.values_list("name", flat=True)
    )
    # Every district has complexes, some have worrying vacancy, some are Thuisplus flats.
    assert not District.objects.filter(complexes__isnull=True).exists()
    assert Complex.objects.filter(is_thuisplus=True).count() > 20
    assert any(c.vacancy_rate > 0.08 for c in Complex.objects.all())


def test_fewer_complexes_removes_the_rest():
    seed_demo_city(complexes=30)
    assert User.objects.filter(username="welzijn2", is_active=True).exists()
    seed_demo_city(complexes=10)
    assert Complex.objects.count() == 10
    # Their hours went with them; every complex left keeps a professional, and a demo
    # professional no longer needed is inactive rather than assigned to nothing.
    assert not Complex.objects.filter(professionals__isnull=True).exists()
    assert not User.objects.filter(
        username__startswith="welzijn", is_active=True, assigned_complexes__isnull=True
    ).exists()


def test_command_prints_the_demo_logins(capsys):
    call_command("seed_demo", "--complexes", "5")
    out = capsys.readouterr().out
    for username in DEMO_USERNAMES:
        assert username in out
    assert "leefbaar-demo" in out


def test_command_refuses_zero_complexes():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--complexes"):
        call_command("seed_demo", "--complexes", "0")


def test_a_later_run_adds_no_grants_to_complexes_that_have_them():
    today = timezone.localdate()
    seed_demo_city(complexes=20, seed=3, today=today)
    funded = set(Grant.objects.values_list("complex", flat=True))
    funded |= set(Intervention.objects.values_list("complex", flat=True))
    assert funded

    def theirs():
        return (
            list(
                Grant.objects.filter(complex__in=funded).order_by("pk").values_list("pk", "status")
            ),
            list(Intervention.objects.filter(complex__in=funded).order_by("pk").values_list("pk")),
        )

    before = theirs()
    # Forty days on, the plans reach further ahead: a complex without any grant may get its
    # first (a top-up), but the grants and interventions of the others stay as they were.
    seed_demo_city(complexes=20, seed=3, today=today + datetime.timedelta(days=40))
    assert theirs() == before


def _week_totals(entries) -> dict:
    rows = entries.values("complex", "week_start").annotate(total=Sum("hours"))
    return {(row["complex"], row["week_start"]): row["total"] for row in rows}


# Wednesday of 2026-W48, a funded week: in an unfunded one most complexes log nothing.
@time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM))
def test_a_rerun_adds_no_hours_and_a_later_run_adds_the_new_week():
    today = timezone.localdate()
    seed_demo_city(complexes=8, seed=3, today=today)
    counts = (HoursEntry.objects.count(), HoursWeek.objects.count())
    totals = _week_totals(HoursEntry.objects.all())
    seed_demo_city(complexes=8, seed=3, today=today)
    assert (HoursEntry.objects.count(), HoursWeek.objects.count()) == counts
    seed_demo_city(complexes=8, seed=3, today=today + datetime.timedelta(weeks=1))
    # The week just ended is filled in; the weeks already there stay as they were.
    this_week = Week.of(today).monday
    assert HoursEntry.objects.filter(week_start=this_week).exists()
    assert HoursWeek.objects.filter(week_start=this_week).count() == (
        HoursWeek.objects.filter(week_start=this_week - datetime.timedelta(weeks=1)).count()
    )
    assert _week_totals(HoursEntry.objects.exclude(week_start=this_week)) == totals
