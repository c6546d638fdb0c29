"""The form fields for amounts and hours (``leefbaarheid.fields``) on every screen and admin
form where an amount or hours are typed: a Dutch user types "8.500,50", "€ 12.000" or "1:30"
and the Decimal is saved; a refused input is a Dutch message on the field; a stored value is
shown back in the user's language."""

from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from evaluations.forms import IndicatorSettingsForm, ScenarioForm
from evaluations.models import BudgetScenario, IndicatorSettings
from interventions.forms.grants import AwardForm, GrantForm, SettleForm
from interventions.forms.reference import SchemeForm
from interventions.models import Grant, HoursEntry, SubsidyScheme
from leefbaarheid.fields import HoursField, MoneyField, NumberField
from tests.factories import GrantFactory, HoursEntryFactory, SubsidySchemeFactory
from tests.helpers import today

pytestmark = pytest.mark.django_db


class AmountForm(forms.Form):
    amount = MoneyField(label="Bedrag", max_digits=10)
    hours = HoursField(label="Uren", required=False)
    weight = NumberField(label="Gewicht", max_digits=5, decimal_places=2, required=False)


def _dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"


def _post_data(form, **changes) -> dict:
    """What the browser sends back for an admin form, with ``changes`` typed in."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    return {**data, **changes}


def _input(html: str, name: str) -> str:
    """The ``<input>`` tag of field ``name`` in ``html``."""
    start = html.index(f'name="{name}"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


# The fields -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("8.500,50", "8500.50"),
        ("12.000", "12000.00"),
        ("€ 12.000", "12000.00"),
        ("€12.000,-", "12000.00"),
        ("12 000", "12000.00"),
        ("8500.50", "8500.50"),
    ],
)
def test_the_money_field_returns_the_decimal_a_dutch_user_meant(typed, amount):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(amount)
    assert isinstance(form.cleaned_data["amount"], Decimal)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Vul het bedrag in als 8.500,50 (of 8500,50)."),
        ("1.2.3", "Vul het bedrag in als 8.500,50 (of 8500,50)."),
        ("8,500.50.1", "Vul het bedrag in als 8.500,50 (of 8500,50)."),
        ("NaN", "Vul het bedrag in als 8.500,50 (of 8500,50)."),
        (
            "8500,505",
            "Een bedrag heeft hoogstens 2 cijfers achter de komma: vul het in als 8.500,50.",
        ),
        ("100.000.000", "Vul een bedrag in van hoogstens 99.999.999,99."),
        ("-5", "Een bedrag kan niet negatief zijn."),
    ],
)
def test_a_refused_amount_is_a_dutch_message_on_the_field(typed, message):
    with translation.override("nl"):
        form = AmountForm({"amount": typed})
        assert not form.is_valid()
        assert form.errors == {"amount": [message]}


def test_an_ambiguous_amount_says_how_to_write_thousands():
    with translation.override("nl"):
        form = AmountForm({"amount": "12,000"})
        assert not form.is_valid()
    assert "12.000" in form.errors["amount"][0]


def test_the_hours_field_reads_a_colon_and_keeps_quarter_hours():
    form = AmountForm({"amount": "1", "hours": "1:30"})
    assert form.is_valid()
    assert form.cleaned_data["hours"] == Decimal("1.50")
    with translation.override("nl"):
        form = AmountForm({"amount": "1", "hours": "0:07"})
        assert not form.is_valid()
        assert form.errors == {"hours": ["Schrijf minstens een kwartier (0,25)."]}


def test_an_empty_optional_field_is_none():
    form = AmountForm({"amount": "1", "hours": "  ", "weight": ""})
    assert form.is_valid()
    assert form.cleaned_data["hours"] is None
    assert form.cleaned_data["weight"] is None


def test_a_required_amount_left_empty_is_refused():
    form = AmountForm({"amount": ""})
    assert not form.is_valid()
    assert list(form.errors) == ["amount"]


@pytest.mark.parametrize(
    ("language", "amount", "hours", "weight"),
    [("nl", "8.500,50", "1,5", "1"), ("en", "8,500.50", "1.5", "1")],
)
def test_a_stored_value_is_shown_in_the_users_language(language, amount, hours, weight):
    initial = {"amount": Decimal("8500.50"), "hours": Decimal("1.50"), "weight": Decimal("1.00")}
    with translation.override(language):
        html = str(AmountForm(initial=initial))
    assert f'value="{amount}"' in _input(html, "amount")
    assert f'value="{hours}"' in _input(html, "hours")
    assert f'value="{weight}"' in _input(html, "weight")


def test_the_input_is_text_with_a_decimal_keyboard():
    tag = _input(str(AmountForm()), "amount")
    # A type=number input would refuse "8.500,50" in the browser, before the server saw it.
    assert 'type="text"' in tag
    assert 'inputmode="decimal"' in tag


def test_what_was_typed_is_shown_again_as_typed_after_an_error():
    with translation.override("nl"):
        html = str(AmountForm({"amount": "8.500,505"}))
    assert 'value="8.500,505"' in _input(html, "amount")


# Every form where an amount or hours are typed ----------------------------------------------------


def _decimal_fields(form) -> dict[str, forms.Field]:
    return {
        name: field for name, field in form.fields.items() if isinstance(field, forms.DecimalField)
    }


def test_every_amount_and_hours_field_on_the_screens_is_a_dutch_number_field(own_complex, official):
    grant = GrantFactory(complex=own_complex)
    forms_ = [
        GrantForm(schemes=SubsidyScheme.objects.all()),
        AwardForm(grant=grant),
        SettleForm(grant=grant),
        SchemeForm(),
        ScenarioForm(user=official),
        IndicatorSettingsForm(instance=IndicatorSettings.objects.get()),
    ]
    found = {}
    for form in forms_:
        for name, field in _decimal_fields(form).items():
            found[f"{type(form).__name__}.{name}"] = type(field)
    assert found == {
        "GrantForm.amount_requested": MoneyField,
        "AwardForm.amount_awarded": MoneyField,
        "SettleForm.amount_settled": MoneyField,
        "SchemeForm.min_amount": MoneyField,
        "SchemeForm.max_amount": MoneyField,
        "ScenarioForm.hours_per_week": HoursField,
        "ScenarioForm.hourly_rate": MoneyField,
        **{
            f"IndicatorSettingsForm.{name}": HoursField if name == "hours_norm" else NumberField
            for name in _decimal_fields(IndicatorSettingsForm())
        },
    }
    assert all(issubclass(kind, NumberField) for kind in found.values())


# Coordinates are degrees, not amounts or hours: the import and the admin keep Django's field.
PROJECT_APPS = {"leefbaarheid", "complexes", "residents", "interventions", "evaluations"}
NOT_AMOUNTS = {
    f"complexes.{model}.{axis}"
    for model in ("complex", "district")
    for axis in ("latitude", "longitude")
}


def test_every_decimal_the_admin_lets_you_type_is_a_dutch_number_field(rf, functional_admin):
    request = rf.get("/admin/")
    request.user = functional_admin
    plain = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        form = model_admin.get_form(request)()
        for name, field in _decimal_fields(form).items():
            label = f"{model._meta.label_lower}.{name}"
            if not isinstance(field, NumberField) and label not in NOT_AMOUNTS:
                plain.append(label)
    assert plain == []


# On the screens, in Dutch ----------------------------------------------------------------------


def _apply_data(scheme, amount) -> dict:
    return {
        "scheme": scheme.pk,
        "title": "Koffie op de galerij",
        "description": "",
        "start": today().replace(month=1, day=1).isoformat(),
        "end": today().replace(month=12, day=31).isoformat(),
        "amount_requested": amount,
        "reference": "",
        "documents": "",
    }


def test_a_dutch_user_applies_for_8500_euros_and_50_cents(client, corporation_staff, own_complex):
    scheme = SubsidySchemeFactory()
    _dutch(client)
    client.force_login(corporation_staff)
    address = reverse("interventions:grant_apply") + f"?complex={own_complex.pk}"
    response = client.post(address, _apply_data(scheme, "8.500,50"))
    grant = Grant.objects.get(title="Koffie op de galerij")
    assert response.status_code == 302
    assert grant.amount_requested == Decimal("8500.50")
    page = client.get(grant.get_absolute_url()).content.decode()
    assert "€ 8.500,50" in page


def test_twelve_thousand_typed_with_a_dot_is_twelve_thousand(
    client, corporation_staff, own_complex
):
    scheme = SubsidySchemeFactory(max_amount=Decimal("20000.00"))
    _dutch(client)
    client.force_login(corporation_staff)
    address = reverse("interventions:grant_apply") + f"?complex={own_complex.pk}"
    client.post(address, _apply_data(scheme, "€ 12.000"))
    assert Grant.objects.get().amount_requested == Decimal("12000.00")


def test_a_refused_amount_on_the_application_is_dutch_and_saves_nothing(
    client, corporation_staff, own_complex
):
    scheme = SubsidySchemeFactory()
    _dutch(client)
    client.force_login(corporation_staff)
    address = reverse("interventions:grant_apply") + f"?complex={own_complex.pk}"
    response = client.post(address, _apply_data(scheme, "8,500.50.1"))
    assert response.status_code == 200
    assert response.context["form"].errors["amount_requested"] == [
        "Vul het bedrag in als 8.500,50 (of 8500,50)."
    ]
    assert 'value="8,500.50.1"' in _input(response.content.decode(), "amount_requested")
    assert not Grant.objects.exists()


def test_the_award_form_offers_the_requested_amount_the_dutch_way(client, official, own_complex):
    grant = GrantFactory(complex=own_complex, amount_requested=Decimal("7250.50"))
    _dutch(client)
    client.force_login(official)
    response = client.get(reverse("interventions:grant_step", args=[grant.pk, "award"]))
    assert 'value="7.250,50"' in _input(response.content.decode(), "amount_awarded")


def test_a_scheme_is_created_with_dutch_bounds(client, official):
    _dutch(client)
    client.force_login(official)
    response = client.post(
        reverse("interventions:scheme_create"),
        {
            "name": "Opzoomeren mee",
            "funder": "Gemeente Rotterdam",
            "purpose": "",
            "min_amount": "€ 500",
            "max_amount": "2.500,00",
            "start": "2020-01-01",
            "end": "",
            "report_within_weeks": "8",
            "active": "on",
        },
    )
    assert response.status_code == 302
    scheme = SubsidyScheme.objects.get(name="Opzoomeren mee")
    assert (scheme.min_amount, scheme.max_amount) == (Decimal("500.00"), Decimal("2500.00"))


def test_a_budget_scenario_takes_dutch_hours_and_rate(client, official):
    _dutch(client)
    client.force_login(official)
    response = client.post(
        reverse("evaluations:scenario_create"),
        {
            "name": "Drie en een half uur",
            "scope": "all",
            "complex_count": "",
            "corporation": "",
            "district": "",
            "hours_per_week": "3:30",
            "hourly_rate": "€ 77,50",
            "weeks_per_year": "42",
            "note": "",
        },
    )
    assert response.status_code == 302
    scenario = BudgetScenario.objects.get(name="Drie en een half uur")
    assert (scenario.hours_per_week, scenario.hourly_rate) == (Decimal("3.50"), Decimal("77.50"))
    edit = client.get(reverse("evaluations:scenario_update", args=[scenario.pk]))
    html = edit.content.decode()
    assert 'value="3,5"' in _input(html, "hours_per_week")
    assert 'value="77,50"' in _input(html, "hourly_rate")


def test_a_budget_scenario_with_unreadable_hours_is_refused_on_the_field(client, official):
    _dutch(client)
    client.force_login(official)
    response = client.post(
        reverse("evaluations:scenario_create"),
        {"name": "Fout", "scope": "all", "hours_per_week": "vier", "hourly_rate": "75"},
    )
    assert response.context["form"].errors["hours_per_week"] == [
        "Vul de uren in als getal, bijv. 1,5 of 1:30."
    ]
    assert not BudgetScenario.objects.filter(name="Fout").exists()


# In the admin -----------------------------------------------------------------------------------


def test_the_admin_shows_and_takes_a_grants_amount_the_dutch_way(
    client, functional_admin, own_complex
):
    grant = GrantFactory(complex=own_complex, amount_requested=Decimal("7500.00"))
    _dutch(client)
    client.force_login(functional_admin)
    url = reverse("admin:interventions_grant_change", args=[grant.pk])
    form = client.get(url).context["adminform"].form
    assert 'value="7.500,00"' in str(form["amount_requested"])
    response = client.post(url, _post_data(form, amount_requested="8.000,50"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant.refresh_from_db()
    assert grant.amount_requested == Decimal("8000.50")


def test_the_admin_takes_hours_as_hours_and_minutes(client, functional_admin, own_complex):
    entry = HoursEntryFactory(complex=own_complex, hours=Decimal("2.00"))
    entry.professional.assigned_complexes.add(own_complex)
    _dutch(client)
    client.force_login(functional_admin)
    url = reverse("admin:interventions_hoursentry_change", args=[entry.pk])
    form = client.get(url).context["adminform"].form
    assert 'value="2"' in str(form["hours"])
    response = client.post(url, _post_data(form, hours="2:45"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert HoursEntry.objects.get(pk=entry.pk).hours == Decimal("2.75")


def test_the_admin_refuses_an_unreadable_rate_in_dutch(client, functional_admin):
    scenario = BudgetScenario.objects.get(name="Evaluatie 2022")
    _dutch(client)
    client.force_login(functional_admin)
    url = reverse("admin:evaluations_budgetscenario_change", args=[scenario.pk])
    form = client.get(url).context["adminform"].form
    assert 'value="75,00"' in str(form["hourly_rate"])
    response = client.post(url, _post_data(form, hourly_rate="75.0.0"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hourly_rate"] == [
        "Vul het bedrag in als 8.500,50 (of 8500,50)."
    ]
    scenario.refresh_from_db()
    assert scenario.hourly_rate == Decimal("75.00")
