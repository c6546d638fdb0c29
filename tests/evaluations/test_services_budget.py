"""The welfare budget's services: scenarios refused naming the field, the reference
scenario kept, who may write, and the refresh of the actual hours (idempotent, complete weeks
of the year only, sent after commit)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations import selectors, services
from evaluations.choices import Scope
from evaluations.models import REFERENCE_SCENARIO, BudgetActual, BudgetScenario
from tests.evaluations.helpers import YEAR, reference, scenario
from tests.factories import HoursEntryFactory

pytestmark = pytest.mark.django_db


def test_a_scope_without_what_it_needs_is_refused_naming_the_field(official, city):
    cases = [
        ({"scope": Scope.FIXED}, "complex_count"),
        ({"scope": Scope.CORPORATION}, "corporation"),
        ({"scope": Scope.DISTRICT}, "district"),
    ]
    for fields, field in cases:
        data = {
            "name": f"Zonder {field}",
            "hours_per_week": Decimal(4),
            "hourly_rate": Decimal(75),
            "weeks_per_year": 42,
            **fields,
        }
        with pytest.raises(ValidationError) as error:
            services.scenario_save(user=official, data=data)
        assert list(error.value.message_dict) == [field]


def test_a_live_scope_keeps_no_fixed_number_nor_another_scopes_choice(official, city):
    saved = services.scenario_save(
        user=official,
        data={
            "name": "Noord",
            "scope": Scope.DISTRICT,
            "complex_count": 12,
            "corporation": city["maasstad"],
            "district": city["noord"],
            "hours_per_week": Decimal(4),
            "hourly_rate": Decimal(75),
            "weeks_per_year": 42,
        },
    )
    saved.refresh_from_db()
    assert (saved.complex_count, saved.corporation, saved.district) == (None, None, city["noord"])


# The reference scenario stays ---------------------------------------------------------------
def test_the_reference_scenario_cannot_be_deleted(official):
    with pytest.raises(ValidationError):
        services.scenario_delete(scenario=reference(), user=official)
    assert BudgetScenario.objects.filter(name=REFERENCE_SCENARIO).exists()


def test_the_reference_scenario_changes_its_figures_but_keeps_its_name(official):
    scenario_ = reference()
    services.scenario_save(user=official, data={"hourly_rate": Decimal(80)}, scenario=scenario_)
    assert selectors.scenario_total(reference()) == Decimal("3575040.00")
    with pytest.raises(ValidationError) as error:
        services.scenario_save(user=official, data={"name": "Anders"}, scenario=reference())
    assert list(error.value.message_dict) == ["name"]
    assert reference().hourly_rate == Decimal(80)


def test_other_scenarios_are_deleted(official):
    other = scenario("Weg ermee")
    services.scenario_delete(scenario=other, user=official)
    assert not BudgetScenario.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    "role", ["corporation_staff", "welfare_professional", "team_member", "user_without_role"]
)
def test_only_the_municipality_and_the_admin_write_scenarios(request, role):
    user = request.getfixturevalue(role)
    data = {"name": "Niet", "scope": Scope.ALL, "hours_per_week": 4, "hourly_rate": 75}
    with pytest.raises(PermissionDenied):
        services.scenario_save(user=user, data={**data, "weeks_per_year": 42})
    with pytest.raises(PermissionDenied):
        services.scenario_delete(scenario=scenario("Blijft"), user=user)
    with pytest.raises(PermissionDenied):
        services.budget_refresh_soon(user=user)


# Refreshing the actual hours --------------------------------------------------------------------
def _log(complex_, year, week, hours):
    return HoursEntryFactory(complex=complex_, year=year, week=week, hours=Decimal(hours))


def _actuals(year) -> dict:
    return {
        row.complex.name: (row.hours, row.through_week)
        for row in BudgetActual.objects.filter(year=year).select_related("complex")
    }


def test_the_refresh_counts_only_complete_weeks_of_the_year(city):
    wednesday = datetime.date(YEAR, 3, 11)  # week 11
    _log(city["Anker"], YEAR, 11, "6")  # the running week: not complete
    _log(city["Anker"], YEAR, 10, "4")
    _log(city["Anker"], YEAR, 1, "2.5")
    _log(city["Anker"], YEAR - 1, 52, "9")  # last year
    _log(city["Gewoon"], YEAR, 10, "8")  # no senior complex: no row
    assert services.budget_refresh(today=wednesday) == 5
    rows = _actuals(YEAR)
    assert rows["Anker"] == (Decimal("6.50"), 10)
    assert rows["Bongerd"] == (Decimal("0.00"), 10)
    assert "Gewoon" not in rows


def test_in_the_first_days_of_a_year_its_weeks_are_not_yet_complete(city):
    new_year = datetime.date(YEAR, 1, 2)  # Friday of week 1; the last complete week is 2025-W52
    _log(city["Anker"], YEAR, 1, "3")
    _log(city["Anker"], YEAR - 1, 52, "5")
    services.budget_refresh(today=new_year)
    assert _actuals(YEAR)["Anker"] == (Decimal("0.00"), 0)
    services.budget_refresh(year=YEAR - 1, today=new_year)
    assert _actuals(YEAR - 1)["Anker"] == (Decimal("5.00"), 52)


def test_running_the_refresh_twice_gives_the_same_rows(city):
    today = datetime.date(YEAR, 6, 3)
    _log(city["Anker"], YEAR, 20, "4")
    _log(city["Linde"], YEAR, 21, "3.25")
    services.budget_refresh(today=today)
    first = _actuals(YEAR)
    ids = set(BudgetActual.objects.values_list("pk", flat=True))
    services.budget_refresh(today=today)
    assert _actuals(YEAR) == first
    assert set(BudgetActual.objects.values_list("pk", flat=True)) == ids


def test_the_refresh_follows_hours_and_drops_a_complex_no_longer_senior(city):
    today = datetime.date(YEAR, 6, 3)
    entry = _log(city["Anker"], YEAR, 20, "4")
    services.budget_refresh(today=today)
    entry.hours = Decimal("7")
    entry.save()
    city["Wilg"].is_senior = False
    city["Wilg"].save()
    services.budget_refresh(today=today)
    rows = _actuals(YEAR)
    assert rows["Anker"] == (Decimal("7.00"), 22)
    assert "Wilg" not in rows


def test_a_refresh_is_sent_after_commit_once_while_one_waits(
    official, city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.budget_refresh_soon(user=official) is True
        assert services.budget_refresh_soon(user=official) is False
    assert len(callbacks) == 1
    assert not BudgetActual.objects.exists()  # nothing before the commit
    callbacks[0]()  # the commit: the task runs inline in tests
    assert BudgetActual.objects.count() == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert services.budget_refresh_soon(user=official) is True  # the refresh took the marker
