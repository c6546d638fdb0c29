"""The welfare budget's figures: the evaluation's EUR 3,351,600.00 exactly, the total
as Decimal arithmetic for any scenario, live scopes counting senior complexes only, the figures
per complex, corporation, district and city adding up, in a fixed number of queries."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations import selectors, services
from evaluations.choices import Scope
from evaluations.models import BudgetActual, BudgetScenario
from interventions import services as funding
from leefbaarheid import roles
from tests.evaluations.helpers import YEAR, reference, scenario
from tests.factories import ComplexFactory, UserFactory

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


MONEY = ("budget", "norm", "actual", "gap")


def viewer():
    """A municipality official: the budget's figures are about every complex."""
    return UserFactory(username="gerrit", role=roles.MUNICIPALITY_OFFICIAL)


def actual(complex_, hours, *, through=10, year=YEAR) -> BudgetActual:
    return BudgetActual.objects.create(
        complex=complex_,
        year=year,
        hours=Decimal(hours),
        through_week=through,
        refreshed_at=timezone.now(),
    )


# The total --------------------------------------------------------------------------------------
def test_the_evaluations_reference_totals_exactly_3351600():
    scenario_ = reference()
    assert (scenario_.complex_count, scenario_.weeks_per_year) == (266, 42)
    total = selectors.scenario_total(scenario_)
    assert isinstance(total, Decimal)
    assert total == Decimal("3351600.00")
    assert str(total) == "3351600.00"
    assert scenario_.per_complex(selectors.budget_calendar(YEAR)) == Decimal("12600.00")


def test_the_reference_keeps_its_total_beside_any_number_of_complexes_in_the_database():
    ComplexFactory.create_batch(3)
    figures = selectors.scenario_figures(reference(), base=selectors.budget_base(user=viewer()))
    assert figures.total == Decimal("3351600.00")
    assert figures.count == 266


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    count=st.integers(min_value=1, max_value=10000),
    hours=st.decimals(min_value="0.25", max_value="168", places=2),
    rate=st.decimals(min_value="0.01", max_value="10000", places=2),
    weeks=st.integers(min_value=1, max_value=53),
)
def test_the_total_is_count_times_hours_times_rate_times_weeks_in_decimal(
    count, hours, rate, weeks
):
    scenario_ = BudgetScenario(
        name="Eigenschap",
        scope=Scope.FIXED,
        complex_count=count,
        hours_per_week=hours,
        hourly_rate=rate,
        weeks_per_year=weeks,
    )
    scenario_.full_clean(validate_unique=False)
    total = selectors.scenario_total(scenario_)
    # One complex's amount is rounded to the cent once; the total is that many of them, so a
    # breakdown per complex always adds up to it.
    one = hours * rate * Decimal(weeks)  # at most 4 decimals: exact
    assert isinstance(total, Decimal)
    assert total == count * one.quantize(CENT, rounding=ROUND_HALF_UP)
    assert total.as_tuple().exponent == -2
    assert abs(total - count * one) <= count * Decimal("0.005")


# Which complexes a scenario counts ---------------------------------------------------------------


def test_live_scopes_count_senior_complexes_only(city):
    everyone = scenario("Alles", scope=Scope.ALL)
    maasstad = scenario("Maasstad", scope=Scope.CORPORATION, corporation=city["maasstad"])
    noord = scenario("Noord", scope=Scope.DISTRICT, district=city["noord"])
    zuid = scenario("Zuid", scope=Scope.DISTRICT, district=city["zuid"])
    fixed = reference()
    expected = {everyone.pk: 5, maasstad.pk: 2, noord.pk: 3, zuid.pk: 2, fixed.pk: 266}
    assert {pk: selectors.scenario_count(BudgetScenario.objects.get(pk=pk)) for pk in expected} == (
        expected
    )
    assert selectors.scenario_counts(BudgetScenario.objects.all()) == expected
    base = selectors.budget_base(user=viewer(), year=YEAR)
    for scenario_ in BudgetScenario.objects.all():
        assert selectors.scenario_figures(scenario_, base=base).count == expected[scenario_.pk]
    assert selectors.scenario_total(maasstad) == Decimal("25200.00")


def test_a_fixed_number_is_compared_with_all_senior_complexes_and_says_so(city):
    figures = selectors.scenario_figures(
        reference(), base=selectors.budget_base(user=viewer(), year=YEAR)
    )
    assert figures.compares_all is True
    assert (figures.count, figures.compared) == (266, 5)


def test_a_corporation_scenario_is_compared_with_its_own_complexes(city):
    maasstad = scenario("Maasstad", scope=Scope.CORPORATION, corporation=city["maasstad"])
    figures = selectors.scenario_figures(
        maasstad, base=selectors.budget_base(user=viewer(), year=YEAR), by="complex"
    )
    assert figures.compares_all is False
    assert [row["label"] for row in figures.rows] == ["Anker", "Bongerd"]


# The figures ------------------------------------------------------------------------------------
@pytest.fixture
def refreshed(city):
    """Actual hours through week 10 of 2026 (53 weeks): Anker 30, Bongerd 0, Linde 42.5,
    Meidoorn 12.25 and Wilg without a row (became senior after the refresh)."""
    actual(city["Anker"], "30")
    actual(city["Bongerd"], "0")
    actual(city["Linde"], "42.50")
    actual(city["Meidoorn"], "12.25")
    return city


def _figures(scenario_, by=None):
    return selectors.scenario_figures(
        scenario_, base=selectors.budget_base(user=viewer(), year=YEAR), by=by
    )


# 2026 has 53 ISO weeks; the default calendar leaves weeks 1, 28-35, 52 and 53 unfunded: 42
# funded weeks. Up to and including week 10, the weeks 2-10 are funded: 9 of the 42.
def test_the_figures_per_complex_on_a_hand_computed_case(refreshed):
    everyone = scenario("Alles")  # all senior complexes: 4 h × EUR 75 × 42 weeks
    rows = {row["label"]: row for row in _figures(everyone, by="complex").rows}
    # Budget 4 × 75 × 42 = 12600; norm to date 12600 × 9 / 42 = 2700 (= 4 × 75 × 9 weeks).
    assert rows["Anker"]["budget"] == Decimal("12600.00")
    assert rows["Anker"]["funded_elapsed"] == 9
    assert rows["Anker"]["norm"] == Decimal("2700.00")
    assert rows["Anker"]["actual"] == Decimal("2250.00")  # 30 h × 75
    assert rows["Anker"]["gap"] == Decimal("-450.00")
    assert rows["Linde"]["actual"] == Decimal("3187.50")  # 42.5 × 75
    assert rows["Linde"]["gap"] == Decimal("487.50")
    assert rows["Meidoorn"]["actual"] == Decimal("918.75")  # 12.25 × 75
    assert (rows["Wilg"]["hours"], rows["Wilg"]["actual"]) == (Decimal("0.00"), Decimal("0.00"))
    assert rows["Wilg"]["norm"] == Decimal("2700.00")
    assert "Gewoon" not in rows


def test_a_fixed_number_spreads_its_total_so_the_rows_add_up_to_it(refreshed):
    figures = _figures(reference(), by="complex")
    # 266 × 12600 = 3351600 over the 5 senior complexes in the database: 670320 each; the
    # norm to date 670320 × 9 / 42 = 143640.
    assert (figures.count, figures.compared, figures.total) == (266, 5, Decimal("3351600.00"))
    assert {row["budget"] for row in figures.rows} == {Decimal("670320.00")}
    assert {row["norm"] for row in figures.rows} == {Decimal("143640.00")}
    assert figures.city["budget"] == figures.total
    assert figures.city["complexes"] == 266
    assert figures.city["norm"] == Decimal("718200.00")  # 5 × 143640 = 3351600 × 9 / 42


def test_a_total_that_does_not_divide_gives_the_cents_left_to_the_first_complexes(refreshed):
    # 3.33 h × 75 × 42 = 10489.50 for one complex, over the 5 in the database: 2097.90 each.
    # Over 4 (Wilg not senior any more): 1048950 cents = 4 × 262237 + 2.
    refreshed["Wilg"].is_senior = False
    refreshed["Wilg"].save()
    odd = scenario("Oneven", scope=Scope.FIXED, complex_count=1, hours_per_week=Decimal("3.33"))
    figures = _figures(odd, by="complex")
    assert [row["budget"] for row in figures.rows] == [
        Decimal("2622.38"),
        Decimal("2622.38"),
        Decimal("2622.37"),
        Decimal("2622.37"),
    ]
    assert figures.city["budget"] == figures.total == Decimal("10489.50")


def test_a_complex_that_joined_this_year_counts_from_its_week(refreshed):
    # Bongerd joined on Wednesday 18 February 2026 (week 8): weeks 8, 9 and 10 of its norm.
    refreshed["Bongerd"].joined_on = datetime.date(YEAR, 2, 18)
    refreshed["Bongerd"].save()
    rows = {row["label"]: row for row in _figures(scenario("Alles"), by="complex").rows}
    assert rows["Bongerd"]["funded_elapsed"] == 3
    assert rows["Bongerd"]["norm"] == Decimal("900.00")  # 12600 × 3 / 42 = 4 × 75 × 3
    assert rows["Bongerd"]["budget"] == Decimal("12600.00")  # its budget is for the year
    assert rows["Anker"]["norm"] == Decimal("2700.00")


def test_the_funded_weeks_of_a_year_with_holidays_set_the_norm_to_date(official, refreshed):
    # 2027 has 52 weeks; the municipality leaves 11 unfunded (New Year, spring, May, six summer
    # weeks, autumn, Christmas): 41 funded. Through week 20, weeks 2-20 but 8 and 18: 17.
    unfunded = [1, 8, 18, *range(29, 35), 43, 52]
    funding.calendar_save(
        user=official, year=2027, data={"hours_per_week": Decimal(4), "unfunded_weeks": unfunded}
    )
    for complex_ in ("Anker", "Linde"):
        actual(refreshed[complex_], "60", through=20, year=2027)
    follows = scenario("Volgt", hours_per_week=None, weeks_per_year=None)
    figures = selectors.scenario_figures(
        follows, base=selectors.budget_base(user=viewer(), year=2027), by="complex"
    )
    assert (figures.weeks_in_year, figures.funded_weeks, figures.funded_elapsed) == (52, 41, 17)
    assert (figures.hours_per_week, figures.weeks_per_year) == (Decimal(4), 41)
    assert figures.per_complex == Decimal("12300.00")  # 4 × 75 × 41
    rows = {row["label"]: row for row in figures.rows}
    assert rows["Anker"]["norm"] == Decimal("5100.00")  # 12300 × 17 / 41 = 4 × 75 × 17
    assert rows["Anker"]["actual"] == Decimal("4500.00")  # 60 × 75
    assert rows["Anker"]["gap"] == Decimal("-600.00")
    # A scenario of its own keeps its weeks but spreads them over the funded ones.
    own = scenario("Eigen", weeks_per_year=52)
    mine = selectors.scenario_figures(
        own, base=selectors.budget_base(user=viewer(), year=2027), by="complex"
    )
    assert {row["label"]: row["norm"] for row in mine.rows}["Anker"] == Decimal("6468.29")

    # 4 × 75 × 52 = 15600; × 17 / 41 = 6468.292… → 6468.29


def test_the_actual_cost_uses_the_scenarios_own_rate(refreshed):
    dearer = scenario("Duurder", hourly_rate=Decimal("82.50"))
    rows = {row["label"]: row for row in _figures(dearer, by="complex").rows}
    assert rows["Anker"]["actual"] == Decimal("2475.00")  # 30 × 82.50


def test_the_city_per_corporation_and_per_district_on_a_hand_computed_case(refreshed):
    figures = _figures(scenario("Alles"), by="district")
    assert figures.city["complexes"] == 5
    assert figures.city["hours"] == Decimal("84.75")
    assert figures.city["norm"] == Decimal("13500.00")  # 5 × 2700
    assert figures.city["actual"] == Decimal("6356.25")  # 84.75 × 75
    assert figures.city["gap"] == Decimal("-7143.75")
    assert figures.city["budget"] == Decimal("63000.00") == figures.total
    districts = {row["label"]: row for row in figures.rows}
    assert districts["Noord"]["complexes"] == 3
    assert districts["Noord"]["actual"] == Decimal("5437.50")  # (30 + 0 + 42.5) × 75
    assert districts["Zuid"]["actual"] == Decimal("918.75")
    corporations = {row["label"]: row for row in _figures(reference(), by="corporation").rows}
    assert corporations["Maasstad"]["complexes"] == 2
    assert corporations["Havenhuis"]["hours"] == Decimal("54.75")


@pytest.mark.parametrize("by", ["complex", "corporation", "district"])
def test_every_breakdown_adds_up_to_the_city(refreshed, by):
    for scenario_ in (reference(), scenario("Krap", hours_per_week=Decimal("3.33"))):
        figures = _figures(scenario_, by=by)
        for field in (*MONEY, "hours"):
            assert sum(row[field] for row in figures.rows) == figures.city[field], field
        assert sum(row["complexes"] for row in figures.rows) == figures.compared
        assert figures.city["budget"] == figures.total
        for row in [*figures.rows, figures.city]:
            assert row["gap"] == row["actual"] - row["norm"]


def test_a_district_scenario_adds_up_to_its_own_district(refreshed):
    noord = scenario("Noord", scope=Scope.DISTRICT, district=refreshed["noord"])
    figures = _figures(noord, by="corporation")
    assert figures.city["complexes"] == 3
    assert {row["label"]: row["complexes"] for row in figures.rows} == {
        "Havenhuis": 1,
        "Maasstad": 2,
    }


def test_before_any_refresh_only_the_budget_is_known(city):
    figures = _figures(reference(), by="district")
    assert figures.calculated is False
    assert figures.city["budget"] == Decimal("3351600.00")
    assert figures.city["norm"] is None
    assert figures.city["actual"] is None


def test_the_figures_take_the_same_queries_for_few_or_many_complexes(city):
    official = viewer()
    roles.user_roles(official)  # read once, then cached on the user

    def queries():
        with CaptureQueriesContext(connection) as captured:
            base = selectors.budget_base(user=official, year=YEAR)
            for scenario_ in BudgetScenario.objects.all():
                for by in ("complex", "corporation", "district"):
                    selectors.scenario_figures(scenario_, base=base, by=by)
            selectors.scenario_counts(BudgetScenario.objects.all())
        return len(captured)

    scenario("Noord", scope=Scope.DISTRICT, district=city["noord"])
    services.budget_refresh(today=datetime.date(YEAR, 6, 3))
    few = queries()
    ComplexFactory.create_batch(25, district=city["noord"])
    services.budget_refresh(today=datetime.date(YEAR, 6, 3))
    assert queries() == few
