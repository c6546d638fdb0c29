"""What a fresh database holds before any demo: the scheme the evaluation is about, the
evaluation's reference budget, the indicator settings and no welfare calendar (the default)."""

import datetime
from decimal import Decimal

import pytest

from evaluations import selectors
from evaluations.models import REFERENCE_SCENARIO, BudgetScenario, IndicatorSettings
from interventions.models import SubsidyScheme, WelfareCalendar
from interventions.services import reference_scheme

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_vitale_leefgemeenschappen():
    scheme = SubsidyScheme.objects.get(name="Vitale Leefgemeenschappen")
    assert (scheme.min_amount, scheme.max_amount) == (Decimal("5000.00"), Decimal("10000.00"))
    assert scheme.funder == "Gemeente Rotterdam"
    assert scheme.active and scheme.end is None
    assert scheme.start == datetime.date(2019, 1, 1)
    assert "5 tot 10 duizend euro" in scheme.purpose
    # Only the source's scheme: no Thuisplus (a housing concept) or Opzoomeren mee.
    assert SubsidyScheme.objects.count() == 1
    assert reference_scheme() == scheme


def test_the_reference_scheme_comes_back_with_the_sources_figures_if_deleted():
    SubsidyScheme.objects.all().delete()
    scheme = reference_scheme()
    assert (scheme.min_amount, scheme.max_amount) == (Decimal("5000.00"), Decimal("10000.00"))


def test_a_fresh_database_has_the_evaluations_reference_budget():
    scenario = BudgetScenario.objects.get(name=REFERENCE_SCENARIO)
    assert (scenario.complex_count, scenario.hours_per_week) == (266, Decimal(4))
    assert (scenario.hourly_rate, scenario.weeks_per_year) == (Decimal(75), 42)
    assert selectors.scenario_total(scenario) == Decimal("3351600.00")
    assert IndicatorSettings.objects.filter(pk=1).exists()
    assert not WelfareCalendar.objects.exists()  # every year follows the default until set
