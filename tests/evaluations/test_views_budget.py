"""The welfare budget screens: who may open them, the scenarios side by side with the city's
figures (the evaluation's € 3.351.600,00 in Dutch), a scenario's breakdown per district,
corporation and complex and its export, the refresh of the actual hours, and create, edit and
delete with the reference scenario kept; and the admin of
scenarios and actual hours, which shares these screens' city."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluations import selectors, services
from evaluations.choices import Scope
from evaluations.models import REFERENCE_SCENARIO, BudgetActual, BudgetScenario
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    DistrictFactory,
    HoursEntryFactory,
    last_week,
)
from tests.helpers import nav_links

pytestmark = pytest.mark.django_db

LIST_URL = reverse("evaluations:scenario_list")


CREATE_URL = reverse("evaluations:scenario_create")


REFRESH_URL = reverse("evaluations:budget_refresh")


@pytest.fixture(autouse=True)
def _english(client):
    """The screens in English, the words these tests look for (amounts: see ``dutch``)."""
    client.cookies.load({"django_language": "en"})


def dutch(client):
    client.cookies.load({"django_language": "nl"})


def reference() -> BudgetScenario:
    return BudgetScenario.objects.get(name=REFERENCE_SCENARIO)


def detail_url(scenario, **query) -> str:
    url = reverse("evaluations:scenario_detail", args=[scenario.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export_url(scenario, **query) -> str:
    url = reverse("evaluations:scenario_export", args=[scenario.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def payload(**fields) -> dict:
    return {
        "name": "Zes uur",
        "scope": Scope.ALL,
        "complex_count": "",
        "corporation": "",
        "district": "",
        "hours_per_week": "6",
        "hourly_rate": "75",
        "weeks_per_year": "42",
        "note": "",
        **fields,
    }


@pytest.fixture
def city(db):
    """Noord: Maasstad's Anker (30 h) and Bongerd (0 h); Zuid: Havenhuis' Linde (42,5 h);
    refreshed below through week 10 of this year."""
    maasstad, havenhuis = CorporationFactory(name="Maasstad"), CorporationFactory(name="Havenhuis")
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Zuid", code="zuid")
    complexes = {
        "Anker": ComplexFactory(name="Anker", corporation=maasstad, district=noord),
        "Bongerd": ComplexFactory(name="Bongerd", corporation=maasstad, district=noord),
        "Linde": ComplexFactory(name="Linde", corporation=havenhuis, district=zuid),
    }
    return {"maasstad": maasstad, "noord": noord, "zuid": zuid, **complexes}


@pytest.fixture
def refreshed(city):
    year = selectors.budget_year()
    for name, hours in (("Anker", "30"), ("Bongerd", "0"), ("Linde", "42.50")):
        BudgetActual.objects.create(
            complex=city[name],
            year=year,
            hours=Decimal(hours),
            through_week=10,
            refreshed_at=timezone.now(),
        )
    return city


# Who may open what ------------------------------------------------------------------------------
def all_urls(scenario) -> list[tuple[str, str]]:
    return [
        ("get", LIST_URL),
        ("get", detail_url(scenario)),
        ("get", export_url(scenario)),
        ("get", CREATE_URL),
        ("get", reverse("evaluations:scenario_update", args=[scenario.pk])),
        ("get", reverse("evaluations:scenario_delete", args=[scenario.pk])),
        ("post", REFRESH_URL),
    ]


def test_anonymous_is_sent_to_the_login_page(client):
    for method, url in all_urls(reference()):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "role",
    [
        "corporation_staff",
        "other_corporation_staff",
        "welfare_professional",
        "team_member",
        "user_without_role",
    ],
)
def test_every_role_but_the_municipality_and_the_admin_is_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    scenario = reference()
    for method, url in all_urls(scenario):
        assert getattr(client, method)(url).status_code == 403, url
    assert client.post(CREATE_URL, payload()).status_code == 403
    assert client.post(reverse("evaluations:scenario_delete", args=[scenario.pk])).status_code == (
        403
    )
    assert BudgetScenario.objects.count() == 1


@pytest.mark.parametrize("role", ["official", "functional_admin"])
def test_the_municipality_and_the_admin_open_every_screen(client, request, city, role):
    client.force_login(request.getfixturevalue(role))
    for method, url in all_urls(reference()):
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302), url


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("official", True),
        ("functional_admin", True),
        ("corporation_staff", False),
        ("welfare_professional", False),
        ("team_member", False),
    ],
)
def test_the_menu_offers_the_budget_to_the_municipality_and_the_admin_only(
    client, request, role, offered
):
    client.force_login(request.getfixturevalue(role))
    links = {link["url"]: str(link["label"]) for link in nav_links(client.get("/"))}
    assert (links.get(LIST_URL) == "Welfare budget") is offered


# The scenarios side by side ---------------------------------------------------------------------
def test_the_reference_shows_3351600_euros_in_dutch(client, official, refreshed):
    dutch(client)
    client.force_login(official)
    content = client.get(LIST_URL).content.decode()
    assert "€ 3.351.600,00" in content
    assert "€ 75,00" in content
    content = client.get(detail_url(reference())).content.decode()
    assert "€ 3.351.600,00" in content


def test_the_list_shows_each_scenario_beside_the_citys_figures(client, official, refreshed):
    BudgetScenario.objects.create(
        name="Maasstad zes uur",
        scope=Scope.CORPORATION,
        corporation=refreshed["maasstad"],
        hours_per_week=Decimal(6),
        hourly_rate=Decimal(75),
        weeks_per_year=42,
    )
    client.force_login(official)
    response = client.get(LIST_URL)
    figures = {item.scenario.name: item for item in response.context["scenarios"]}
    assert figures[REFERENCE_SCENARIO].total == Decimal("3351600.00")
    assert figures[REFERENCE_SCENARIO].compared == 3
    assert figures["Maasstad zes uur"].count == 2
    assert figures["Maasstad zes uur"].total == Decimal("37800.00")  # 2 × 6 × 75 × 42
    assert figures["Maasstad zes uur"].city["actual"] == Decimal("2250.00")  # (30 + 0) × 75
    content = response.content.decode()
    assert (
        "A fixed number; its total spread over the 3 senior complexes in the database." in content
    )
    assert "Actual hours up to and including week 10" in content


def test_the_figures_are_calculated_at_once_when_none_exist(
    client, official, city, django_capture_on_commit_callbacks
):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(LIST_URL)
    assert b"data-budget-calculating" in response.content
    assert len(callbacks) == 1
    assert BudgetActual.objects.count() == 3  # tasks run inline, as in the demo
    response = client.get(LIST_URL)
    assert b"data-budget-calculating" not in response.content
    assert response.context["base"].calculated


def test_refresh_now_sends_the_refresh_after_commit(
    client, official, city, django_capture_on_commit_callbacks
):
    year = selectors.budget_year()
    HoursEntryFactory(complex=city["Anker"], hours=Decimal("5"))  # last week
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(REFRESH_URL, {"next": detail_url(reference())})
    assert response.status_code == 302
    assert response["Location"] == detail_url(reference())
    assert len(callbacks) == 1
    # In the first week of a year last week is last year's, not counted in this one.
    expected = Decimal("5.00") if last_week().year == year else Decimal("0.00")
    assert BudgetActual.objects.get(complex=city["Anker"], year=year).hours == expected
    assert BudgetActual.objects.filter(year=year).count() == 3


def test_refresh_now_goes_back_only_to_this_site(client, official, city):
    client.force_login(official)
    response = client.post(REFRESH_URL, {"next": "https://elders.example/"})
    assert response["Location"] == LIST_URL


def test_refresh_now_is_a_post(client, official):
    client.force_login(official)
    assert client.get(REFRESH_URL).status_code == 405


def test_the_list_takes_the_same_queries_for_many_complexes(
    client, official, refreshed, django_assert_max_num_queries
):
    client.force_login(official)
    client.get(LIST_URL)
    ComplexFactory.create_batch(20)
    services.budget_refresh()
    # session, user, 2 × permissions, roles, scenarios, complexes, the welfare calendar
    with django_assert_max_num_queries(8):
        client.get(LIST_URL)


# One scenario's breakdown -----------------------------------------------------------------------
def rows(response) -> dict:
    return {row.record["label"]: row.record for row in response.context["table"].rows}


def test_the_breakdown_per_district_corporation_and_complex(client, official, refreshed):
    client.force_login(official)
    districts = rows(client.get(detail_url(reference())))
    assert set(districts) == {"Noord", "Zuid"}
    assert districts["Noord"]["actual"] == Decimal("2250.00")
    assert districts["Zuid"]["actual"] == Decimal("3187.50")
    corporations = rows(client.get(detail_url(reference(), by="corporation")))
    assert corporations["Maasstad"]["complexes"] == 2
    complexes = rows(client.get(detail_url(reference(), by="complex")))
    assert set(complexes) == {"Anker", "Bongerd", "Linde"}
    assert complexes["Anker"]["actual"] == Decimal("2250.00")


def test_an_unknown_grouping_falls_back_to_district(client, official, refreshed):
    client.force_login(official)
    assert client.get(detail_url(reference(), by="kleur")).context["by"] == "district"


def test_the_breakdown_shows_the_total_in_the_footer(client, official, refreshed):
    dutch(client)
    client.force_login(official)
    content = client.get(detail_url(reference())).content.decode()
    assert "<tfoot" in content
    assert "€ 5.437,50" in content  # 72,5 h × € 75


def test_htmx_gets_only_the_table(client, official, refreshed):
    client.force_login(official)
    response = client.get(detail_url(reference(), by="complex"), HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "evaluations/_scenario_table.html"


def test_the_breakdown_takes_the_same_queries_for_many_complexes(
    client, official, refreshed, django_assert_max_num_queries
):
    client.force_login(official)
    ComplexFactory.create_batch(30, district=refreshed["noord"])
    services.budget_refresh()
    url = detail_url(reference(), by="complex")
    # session, user, 2 × permissions, roles, scenarios, complexes, the welfare calendar
    with django_assert_max_num_queries(8):
        client.get(url)


def test_the_export_as_csv_reads_in_dutch_spreadsheets(client, official, refreshed):
    client.force_login(official)
    response = client.get(export_url(reference(), by="district", format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][0] == "District"
    by_label = {line[0]: line for line in lines[1:]}
    assert by_label["Noord"][1] == "2"
    assert "2250,00" in by_label["Noord"]
    # The reference's 266 × € 12.600 spread over the 3 senior complexes: 2 × € 1.117.200.
    assert "2234400,00" in by_label["Noord"]
    assert lines[-1][0] == "Total"
    assert "5437,50" in lines[-1]


def test_the_export_as_xlsx_per_complex(client, official, refreshed):
    client.force_login(official)
    response = client.get(export_url(reference(), by="complex", format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("Complex", "Corporation", "District")
    names = [row[0] for row in values[1:]]
    assert names == ["Anker", "Bongerd", "Linde", "Total"]
    assert Decimal(str(values[1][6])) == Decimal("2250")


# Create, edit, delete ---------------------------------------------------------------------------
def test_an_official_creates_a_scenario_and_sees_its_total(client, official, city):
    client.force_login(official)
    response = client.post(CREATE_URL, payload())
    scenario = BudgetScenario.objects.get(name="Zes uur")
    assert response.status_code == 302
    assert response["Location"] == detail_url(scenario)
    assert scenario.created_by == official
    assert scenario.complex_count is None
    page = client.get(response["Location"])
    assert "€ 56,700.00" in page.content.decode()  # 3 × 6 × 75 × 42


def test_the_form_shows_the_fields_of_the_chosen_scope_only(client, official):
    client.force_login(official)
    content = client.get(CREATE_URL).content.decode()
    assert 'data-show-when="scope=fixed"' in content
    assert 'data-show-when="scope=corporation"' in content
    assert 'data-show-when="scope=district"' in content


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"scope": Scope.FIXED}, "complex_count"),
        ({"scope": Scope.CORPORATION}, "corporation"),
        ({"scope": Scope.DISTRICT}, "district"),
        ({"hourly_rate": "0"}, "hourly_rate"),
        ({"weeks_per_year": "54"}, "weeks_per_year"),
        ({"name": REFERENCE_SCENARIO}, "name"),
    ],
)
def test_a_wrong_scenario_is_refused_naming_the_field(client, official, city, fields, field):
    client.force_login(official)
    response = client.post(CREATE_URL, payload(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert BudgetScenario.objects.count() == 1


def test_errors_are_in_dutch(client, official):
    dutch(client)
    client.force_login(official)
    response = client.post(CREATE_URL, payload(name=""))
    assert response.context["form"].errors["name"] == ["Dit veld is vereist."]


def test_the_reference_can_be_edited_but_keeps_its_name(client, official, city):
    client.force_login(official)
    url = reverse("evaluations:scenario_update", args=[reference().pk])
    fixed = payload(name=REFERENCE_SCENARIO, scope=Scope.FIXED, complex_count="266")
    response = client.post(url, {**fixed, "hours_per_week": "4", "weeks_per_year": "40"})
    assert response.status_code == 302
    assert reference().weeks_per_year == 40
    response = client.post(url, {**fixed, "name": "Anders", "hours_per_week": "4"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert reference().weeks_per_year == 40


def test_the_reference_cannot_be_deleted(client, official):
    client.force_login(official)
    url = reverse("evaluations:scenario_delete", args=[reference().pk])
    page = client.get(url).content.decode()
    assert "cannot be deleted" in page
    response = client.post(url, follow=True)
    assert BudgetScenario.objects.filter(name=REFERENCE_SCENARIO).exists()
    assert "cannot be deleted" in response.content.decode()


def test_the_reference_offers_no_delete_button(client, official):
    client.force_login(official)
    page = client.get(detail_url(reference())).content.decode()
    assert reverse("evaluations:scenario_delete", args=[reference().pk]) not in page


def test_another_scenario_is_deleted(client, functional_admin):
    other = BudgetScenario.objects.create(
        name="Weg",
        scope=Scope.ALL,
        hours_per_week=Decimal(2),
        hourly_rate=Decimal(60),
        weeks_per_year=40,
    )
    client.force_login(functional_admin)
    response = client.post(reverse("evaluations:scenario_delete", args=[other.pk]))
    assert response["Location"] == LIST_URL
    assert not BudgetScenario.objects.filter(pk=other.pk).exists()


def test_an_unknown_scenario_is_not_found(client, official):
    client.force_login(official)
    assert client.get(detail_url(BudgetScenario(pk=999999))).status_code == 404


# The admin --------------------------------------------------------------------------------------
def test_the_admin_lists_scenarios_with_their_totals(client, functional_admin):
    client.force_login(functional_admin)
    response = client.get(reverse("admin:evaluations_budgetscenario_changelist"))
    assert response.status_code == 200
    assert "€ 3,351,600.00" in response.content.decode()


def test_the_admin_keeps_the_references_name_and_offers_no_delete(client, functional_admin):
    client.force_login(functional_admin)
    url = reverse("admin:evaluations_budgetscenario_change", args=[reference().pk])
    response = client.get(url)
    assert 'name="name"' not in response.content.decode()
    assert response.context["has_delete_permission"] is False
    delete = reverse("admin:evaluations_budgetscenario_delete", args=[reference().pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert BudgetScenario.objects.filter(name=REFERENCE_SCENARIO).exists()


def test_the_admins_bulk_delete_keeps_the_reference(client, functional_admin):
    other = BudgetScenario.objects.create(
        name="Weg", scope=Scope.ALL, hours_per_week=2, hourly_rate=60, weeks_per_year=40
    )
    client.force_login(functional_admin)
    client.post(
        reverse("admin:evaluations_budgetscenario_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [reference().pk, other.pk],
            "post": "yes",
        },
    )
    # Django refuses the whole selection when one of it may not be deleted.
    assert BudgetScenario.objects.filter(name=REFERENCE_SCENARIO).exists()


def test_the_admin_saves_a_scenario_through_the_service(client, functional_admin):
    client.force_login(functional_admin)
    response = client.post(
        reverse("admin:evaluations_budgetscenario_add"),
        {**payload(name="Via beheer"), "scope": Scope.FIXED, "complex_count": "10"},
    )
    assert response.status_code == 302
    scenario = BudgetScenario.objects.get(name="Via beheer")
    assert scenario.created_by == functional_admin
    assert AuditEntry.objects.filter(model="evaluations.budgetscenario", action="create").exists()


def test_the_actual_hours_are_read_only_in_the_admin(client, functional_admin, refreshed):
    client.force_login(functional_admin)
    response = client.get(reverse("admin:evaluations_budgetactual_changelist"))
    assert response.status_code == 200
    assert client.get(reverse("admin:evaluations_budgetactual_add")).status_code == 403


def test_the_breakdown_groups_thousands_of_hours_in_dutch(client, official, refreshed):
    BudgetActual.objects.filter(complex=refreshed["Anker"]).update(hours=Decimal("1234.50"))
    client.force_login(official)
    client.cookies.load({"django_language": "nl"})
    page = client.get(detail_url(reference(), by="complex")).content.decode()
    assert "1.234,50" in page
