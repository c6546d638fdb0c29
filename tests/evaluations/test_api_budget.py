"""The budget-scenarios API (/api/v1/budget-scenarios/): the municipality and the functional
admin read and write, every other role gets 403; the total computed by the server as a decimal
string ("3351600.00" for the evaluation's reference); complex_count the fixed number on write
and the effective count on read; errors as 400 naming the field; the reference kept; the
figures per district, corporation and complex."""

from decimal import Decimal

import pytest
from django.utils import timezone

from evaluations.choices import Scope
from evaluations.models import REFERENCE_SCENARIO, BudgetActual, BudgetScenario
from evaluations.selectors import budget_year
from tests.factories import ComplexFactory, CorporationFactory, DistrictFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/budget-scenarios/"


CONTRACT = {
    "id",
    "name",
    "complex_count",
    "hours_per_week",
    "hourly_rate",
    "weeks_per_year",
    "total",
}


def reference() -> BudgetScenario:
    return BudgetScenario.objects.get(name=REFERENCE_SCENARIO)


def detail(scenario, suffix="") -> str:
    return f"{URL}{scenario.pk}/{suffix}"


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()


def new(**fields) -> dict:
    return {
        "name": "Vijf uur",
        "complex_count": 100,
        "hours_per_week": "5",
        "hourly_rate": "70.50",
        "weeks_per_year": 40,
        **fields,
    }


@pytest.fixture
def city(db):
    """Maasstad: two senior complexes in Noord and one that is not senior; Havenhuis: one in
    Zuid."""
    maasstad, havenhuis = CorporationFactory(name="Maasstad"), CorporationFactory(name="Havenhuis")
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Zuid", code="zuid")
    anker = ComplexFactory(name="Anker", corporation=maasstad, district=noord)
    ComplexFactory(name="Bongerd", corporation=maasstad, district=noord)
    ComplexFactory(name="Gewoon", corporation=maasstad, district=noord, is_senior=False)
    ComplexFactory(name="Linde", corporation=havenhuis, district=zuid)
    return {"maasstad": maasstad, "noord": noord, "zuid": zuid, "anker": anker}


# Who may read and write -------------------------------------------------------------------------
def test_anonymous_callers_must_authenticate(api_client):
    assert api_client.get(URL).status_code == 401


@pytest.mark.parametrize(
    "role", ["corporation_staff", "welfare_professional", "team_member", "user_without_role"]
)
def test_every_role_but_the_municipality_and_the_admin_is_refused(api_client, request, role):
    client = as_user(api_client, request.getfixturevalue(role))
    scenario = reference()
    assert client.get(URL).status_code == 403
    assert client.get(detail(scenario)).status_code == 403
    assert client.get(detail(scenario, "figures/")).status_code == 403
    assert client.post(URL, new(), format="json").status_code == 403
    assert client.patch(detail(scenario), {"weeks_per_year": 1}, format="json").status_code == 403
    assert client.delete(detail(scenario)).status_code == 403
    assert BudgetScenario.objects.count() == 1
    assert reference().weeks_per_year == 42


@pytest.mark.parametrize("role", ["official", "functional_admin"])
def test_the_municipality_and_the_admin_list_the_scenarios(api_client, request, role):
    response = as_user(api_client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert set(body["results"][0]) >= CONTRACT


# The reference -----------------------------------------------------------------------------------
def test_the_reference_totals_3351600_as_a_decimal_string(api_client, official):
    body = as_user(api_client, official).get(detail(reference())).json()
    assert body["name"] == REFERENCE_SCENARIO
    assert body["total"] == "3351600.00"
    assert (body["complex_count"], body["weeks_per_year"]) == (266, 42)
    assert (body["hours_per_week"], body["hourly_rate"]) == ("4.00", "75.00")
    assert (body["scope"], body["per_complex"]) == ("fixed", "12600.00")


def test_the_reference_cannot_be_deleted(api_client, official):
    response = as_user(api_client, official).delete(detail(reference()))
    assert "non_field_errors" in errors(response)
    assert BudgetScenario.objects.filter(name=REFERENCE_SCENARIO).exists()


def test_the_reference_changes_its_figures_but_keeps_its_name(api_client, official):
    client = as_user(api_client, official)
    response = client.patch(detail(reference()), {"hourly_rate": "80"}, format="json")
    assert response.status_code == 200
    assert response.json()["total"] == "3575040.00"  # 266 × 4 × 80 × 42
    assert "name" in errors(client.patch(detail(reference()), {"name": "Ander"}, format="json"))


# Writing ----------------------------------------------------------------------------------------
def test_a_scenario_is_a_fixed_number_by_default_with_the_total_computed(
    api_client, functional_admin
):
    response = as_user(api_client, functional_admin).post(URL, new(total="1.00"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["scope"] == "fixed"
    assert body["total"] == "1410000.00"  # 100 × 5 × 70.50 × 40, not what was sent
    scenario = BudgetScenario.objects.get(pk=body["id"])
    assert scenario.created_by == functional_admin


def test_a_live_scope_reads_the_live_count_of_senior_complexes(api_client, official, city):
    client = as_user(api_client, official)
    everyone = client.post(
        URL, new(name="Alles", scope="all", complex_count=None), format="json"
    ).json()
    assert (everyone["complex_count"], everyone["total"]) == (3, "42300.00")
    maasstad = client.post(
        URL,
        new(
            name="Maasstad",
            scope="corporation",
            complex_count=None,
            corporation=city["maasstad"].pk,
        ),
        format="json",
    ).json()
    assert maasstad["complex_count"] == 2
    assert maasstad["corporation"] == city["maasstad"].pk
    ComplexFactory(corporation=city["maasstad"])
    assert client.get(f"{URL}{maasstad['id']}/").json()["complex_count"] == 3


def test_a_live_scope_ignores_a_fixed_number_sent_along(api_client, official, city):
    body = (
        as_user(api_client, official)
        .post(URL, new(name="Zuid", scope="district", district=city["zuid"].pk), format="json")
        .json()
    )
    assert body["complex_count"] == 1
    assert BudgetScenario.objects.get(pk=body["id"]).complex_count is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"complex_count": None}, "complex_count"),
        ({"scope": "corporation", "complex_count": None}, "corporation"),
        ({"scope": "district"}, "district"),
        ({"scope": "everywhere"}, "scope"),
        ({"complex_count": 0}, "complex_count"),
        ({"hourly_rate": "0"}, "hourly_rate"),
        ({"hours_per_week": "169"}, "hours_per_week"),
        ({"weeks_per_year": 54}, "weeks_per_year"),
        ({"name": REFERENCE_SCENARIO}, "name"),
    ],
)
def test_a_wrong_scenario_is_a_400_naming_the_field(api_client, official, city, fields, field):
    response = as_user(api_client, official).post(URL, new(**fields), format="json")
    assert field in errors(response)
    assert BudgetScenario.objects.count() == 1


def test_errors_are_in_dutch(api_client, official):
    body = {key: value for key, value in new().items() if key != "name"}
    response = as_user(api_client, official).post(
        URL, body, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert errors(response)["name"] == ["Dit veld is vereist."]


def test_another_scenario_is_changed_and_deleted(api_client, official):
    client = as_user(api_client, official)
    created = client.post(URL, new(), format="json").json()
    changed = client.patch(f"{URL}{created['id']}/", {"complex_count": 10}, format="json")
    assert changed.json()["total"] == "141000.00"
    assert client.delete(f"{URL}{created['id']}/").status_code == 204
    assert not BudgetScenario.objects.filter(pk=created["id"]).exists()


def test_the_list_counts_live_scopes_in_one_query(
    api_client, official, city, django_assert_max_num_queries
):
    for index in range(12):
        BudgetScenario.objects.create(
            name=f"Scenario {index}",
            scope=Scope.DISTRICT,
            district=city["noord"],
            hours_per_week=Decimal(4),
            hourly_rate=Decimal(75),
            weeks_per_year=42,
        )
    client = as_user(api_client, official)
    # roles, permissions ×2, count, scenarios, counts, the welfare calendar
    with django_assert_max_num_queries(7):
        body = client.get(URL).json()
    assert body["count"] == 13
    assert {row["complex_count"] for row in body["results"] if row["scope"] == "district"} == {2}


# The figures ------------------------------------------------------------------------------------
def test_the_figures_per_corporation_as_decimal_strings(api_client, official, city):
    BudgetActual.objects.create(
        complex=city["anker"],
        year=budget_year(),
        hours=Decimal("30"),
        through_week=10,
        refreshed_at=timezone.now(),
    )
    client = as_user(api_client, official)
    body = client.get(detail(reference(), "figures/?by=corporation")).json()
    assert (body["by"], body["through_week"], body["compared"]) == ("corporation", 10, 3)
    assert body["compares_all"] is True
    rows = {row["label"]: row for row in body["rows"]}
    assert rows["Maasstad"]["actual"] == "2250.00"
    assert rows["Maasstad"]["complexes"] == 2
    # The scenario's own total, spread over the 3 senior complexes in the database.
    assert body["total"]["budget"] == "3351600.00"
    assert body["total"]["complexes"] == 266
    assert rows["Maasstad"]["budget"] == "2234400.00"  # 2 of the 3 shares of 1117200
    assert body["total"]["actual"] == "2250.00"
    assert Decimal(body["total"]["gap"]) == Decimal(body["total"]["actual"]) - Decimal(
        body["total"]["norm"]
    )


def test_the_figures_say_when_they_are_not_calculated_yet(api_client, official, city):
    body = as_user(api_client, official).get(detail(reference(), "figures/")).json()
    assert (body["by"], body["through_week"]) == ("district", None)
    assert body["total"]["actual"] is None
    assert body["total"]["budget"] == "3351600.00"
