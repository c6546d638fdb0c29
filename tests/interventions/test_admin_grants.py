"""The admin of schemes, providers, grants and interventions: registered, scoped like the
screens, and a grant's lifecycle left to the services (status and steps read-only)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from interventions.choices import GrantStatus, InterventionStatus, SuccessFactor
from interventions.models import Grant, Intervention, SubsidyScheme
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    GrantFactory,
    InterventionFactory,
    ProviderFactory,
    SubsidySchemeFactory,
    UserFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db

# The contract: every model of the interventions app has an admin, spelled out here.
MODELS = [
    "interventions.subsidyscheme",
    "interventions.provider",
    "interventions.grant",
    "interventions.intervention",
]


# The models that hang off a complex, scoped per corporation.
LOCAL_MODELS = ["interventions.grant", "interventions.intervention"]


def _url(label: str, action: str = "changelist", *args) -> str:
    app_label, model = label.split(".")
    return reverse(f"admin:{app_label}_{model}_{action}", args=args)


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def _shown(response) -> set[int]:
    return set(response.context["cl"].queryset.values_list("pk", flat=True))


def _post_data(form, **changes) -> dict:
    """What the browser would send back for an admin form, with ``changes`` typed in."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None and isinstance(field, forms.MultipleChoiceField):
            continue  # no box ticked: nothing sent
        if isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    data.update(changes)
    return data


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory()


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Studio BRUIS")


@pytest.fixture
def funding(own_complex, foreign_complex, scheme, provider):
    """A grant and an intervention on both sides of the corporation line."""
    made = {}
    for side, complex_ in (("own", own_complex), ("foreign", foreign_complex)):
        grant = GrantFactory(complex=complex_, scheme=scheme, title=f"Samen aan tafel {side}")
        made[side] = {
            "interventions.subsidyscheme": scheme,
            "interventions.provider": provider,
            "interventions.grant": grant,
            "interventions.intervention": InterventionFactory(
                complex=complex_, provider=provider, grant=grant
            ),
        }
    return made


@pytest.fixture
def staff_member(corporation_staff):
    """Corporation staff let into the admin."""
    return _staff(corporation_staff)


@pytest.fixture
def awarded(own_complex, scheme, official):
    """An awarded grant of the own complex, the decision taken by the official."""
    return GrantFactory(
        complex=own_complex,
        scheme=scheme,
        status=GrantStatus.AWARDED,
        amount_awarded=Decimal("7000.00"),
        decided_on=today(),
        decided_by=official,
        report_due=today() + datetime.timedelta(days=200),
    )


def test_every_model_of_the_interventions_app_is_registered():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("label", MODELS)
def test_functional_admin_opens_every_list_and_record(client, functional_admin, funding, label):
    client.force_login(functional_admin)
    response = client.get(_url(label))
    assert response.status_code == 200
    assert {funding["own"][label].pk, funding["foreign"][label].pk} <= _shown(response)
    assert client.get(_url(label, "change", funding["own"][label].pk)).status_code == 200


@pytest.mark.parametrize("label", LOCAL_MODELS)
def test_it_shows_corporation_staff_only_their_own_rows(client, staff_member, funding, label):
    client.force_login(staff_member)
    response = client.get(_url(label))
    assert response.status_code == 200
    shown = _shown(response)
    assert funding["own"][label].pk in shown
    assert funding["foreign"][label].pk not in shown


@pytest.mark.parametrize("label", LOCAL_MODELS)
def test_it_treats_a_foreign_record_as_missing(client, staff_member, funding, label):
    client.force_login(staff_member)
    assert client.get(_url(label, "change", funding["own"][label].pk)).status_code == 200
    foreign = funding["foreign"][label]
    # The admin answers a missing object with a redirect to its index, never the object.
    assert client.get(_url(label, "change", foreign.pk)).status_code in (302, 404)
    assert client.post(_url(label, "delete", foreign.pk), {"post": "yes"}).status_code in (302, 404)
    assert foreign._meta.model.objects.filter(pk=foreign.pk).exists()


def test_professional_reads_only_the_assigned_complexes(client, welfare_professional, funding):
    client.force_login(_staff(welfare_professional))
    for label in LOCAL_MODELS:
        response = client.get(_url(label))
        assert _shown(response) == {funding["own"][label].pk}, label
    grant = funding["own"]["interventions.grant"]
    response = client.post(_url("interventions.grant", "change", grant.pk), {"title": "Anders"})
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.title == "Samen aan tafel own"


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("interventions.subsidyscheme", 403),
        ("interventions.provider", 200),
        ("interventions.grant", 403),
        ("interventions.intervention", 403),
    ],
)
def test_intervention_team_reads_providers_only(client, team_member, funding, label, status):
    client.force_login(_staff(team_member))
    assert client.get(_url(label)).status_code == status


@pytest.mark.parametrize("label", MODELS)
def test_a_user_without_a_role_is_refused(client, user_without_role, funding, label):
    client.force_login(_staff(user_without_role))
    assert client.get(_url(label)).status_code == 403


def test_corporation_staff_cannot_change_schemes(client, staff_member, scheme):
    client.force_login(staff_member)
    response = client.post(
        _url("interventions.subsidyscheme", "change", scheme.pk), {"name": "Anders"}
    )
    assert response.status_code == 403
    scheme.refresh_from_db()
    assert scheme.name == "Vitale Leefgemeenschappen"


def test_grant_list_filters_by_status_scheme_and_year(client, functional_admin, own_complex):
    other = SubsidySchemeFactory(
        name="Opzoomeren mee", min_amount=Decimal("250.00"), max_amount=Decimal("2500.00")
    )
    old = GrantFactory(
        complex=own_complex,
        start=datetime.date(2023, 3, 1),
        end=datetime.date(2023, 12, 31),
        status=GrantStatus.REJECTED,
    )
    new = GrantFactory(complex=own_complex, scheme=other, amount_requested=Decimal("900.00"))
    client.force_login(functional_admin)
    url = _url("interventions.grant")
    assert _shown(client.get(url, {"year": "2023"})) == {old.pk}
    assert _shown(client.get(url, {"status__exact": "rejected"})) == {old.pk}
    assert _shown(client.get(url, {"scheme__id__exact": other.pk})) == {new.pk}


def test_grant_list_flags_schemes_that_overlap(client, functional_admin, own_complex, scheme):
    vitale = GrantFactory(complex=own_complex, scheme=scheme)
    opzoomeren = SubsidySchemeFactory(
        name="Opzoomeren mee", min_amount=Decimal("250.00"), max_amount=Decimal("2500.00")
    )
    GrantFactory(complex=own_complex, scheme=opzoomeren, amount_requested=Decimal("900.00"))
    alone = GrantFactory(complex=ComplexFactory(), scheme=scheme)
    client.force_login(functional_admin)
    rows = {
        grant.pk: grant.has_overlap
        for grant in client.get(_url("interventions.grant")).context["cl"].result_list
    }
    assert rows[vitale.pk] is True
    assert rows[alone.pk] is False


def test_grant_list_queries_do_not_grow_with_rows(
    client, functional_admin, scheme, django_assert_max_num_queries
):
    client.force_login(functional_admin)
    GrantFactory.create_batch(3, scheme=scheme)
    with django_assert_max_num_queries(20) as few:
        assert client.get(_url("interventions.grant")).status_code == 200
    GrantFactory.create_batch(27, scheme=scheme)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url("interventions.grant")).status_code == 200


def test_grants_are_not_added_in_the_admin(client, functional_admin):
    client.force_login(functional_admin)
    assert client.get(_url("interventions.grant", "add")).status_code == 403


def test_status_and_steps_are_read_only(client, functional_admin, awarded):
    client.force_login(functional_admin)
    url = _url("interventions.grant", "change", awarded.pk)
    form = client.get(url).context["adminform"].form
    for field in ("status", "amount_awarded", "decided_on", "settled_on", "amount_settled"):
        assert field not in form.fields, field
    # An awarded grant's application is history too.
    assert "amount_requested" not in form.fields and "title" not in form.fields
    data = _post_data(form, documents="Besluit 2024/1234", status="settled", title="Anders")
    assert client.post(url, data).status_code == 302
    awarded.refresh_from_db()
    assert awarded.status == GrantStatus.AWARDED
    assert awarded.title != "Anders"
    assert awarded.documents == "Besluit 2024/1234"
    entry = AuditEntry.objects.get(model="interventions.grant", object_id=str(awarded.pk))
    assert entry.action == "update" and entry.fields == ["documents"]


def test_an_application_is_corrected_within_the_schemes_bounds(client, functional_admin, funding):
    grant = funding["own"]["interventions.grant"]
    client.force_login(functional_admin)
    url = _url("interventions.grant", "change", grant.pk)
    form = client.get(url).context["adminform"].form
    response = client.post(url, _post_data(form, amount_requested="12000.00"))
    assert response.status_code == 200
    assert "amount_requested" in response.context["adminform"].form.errors
    grant.refresh_from_db()
    assert grant.amount_requested == Decimal("7500.00")
    assert client.post(url, _post_data(form, amount_requested="8000.00")).status_code == 302
    grant.refresh_from_db()
    assert grant.amount_requested == Decimal("8000.00")


def test_a_closed_scheme_is_refused_for_a_corrected_application(client, functional_admin, funding):
    closed = SubsidySchemeFactory(name="Oude regeling", active=False)
    grant = funding["own"]["interventions.grant"]
    client.force_login(functional_admin)
    url = _url("interventions.grant", "change", grant.pk)
    form = client.get(url).context["adminform"].form
    response = client.post(url, _post_data(form, scheme=str(closed.pk)))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    grant.refresh_from_db()
    assert grant.scheme.name == "Vitale Leefgemeenschappen"


def test_report_due_is_the_municipalitys_to_move(client, staff_member, functional_admin, awarded):
    url = _url("interventions.grant", "change", awarded.pk)
    client.force_login(staff_member)
    assert "report_due" not in client.get(url).context["adminform"].form.fields
    client.force_login(functional_admin)
    form = client.get(url).context["adminform"].form
    due = today() + datetime.timedelta(days=30)
    assert client.post(url, _post_data(form, report_due=due.isoformat())).status_code == 302
    awarded.refresh_from_db()
    assert awarded.report_due == due


def test_the_start_action_takes_the_step_through_the_service(
    client, staff_member, awarded, funding
):
    application = funding["own"]["interventions.grant"]
    client.force_login(staff_member)
    response = client.post(
        _url("interventions.grant"),
        {"action": "take_start_step", "_selected_action": [awarded.pk, application.pk]},
        follow=True,
    )
    assert response.status_code == 200
    awarded.refresh_from_db()
    application.refresh_from_db()
    assert awarded.status == GrantStatus.RUNNING
    assert awarded.started_by == staff_member and awarded.started_on == today()
    assert AuditEntry.objects.filter(action="start", object_id=str(awarded.pk)).exists()
    # The application cannot start before it is awarded: a message, nothing changed.
    assert application.status == GrantStatus.APPLIED
    texts = [str(message) for message in response.context["messages"]]
    assert any(application.title in text for text in texts)


def test_only_an_application_can_be_withdrawn(client, functional_admin, awarded, funding):
    application = funding["own"]["interventions.grant"]
    application.interventions.all().delete()
    client.force_login(functional_admin)
    response = client.post(_url("interventions.grant", "delete", awarded.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Grant.objects.filter(pk=awarded.pk).exists()
    response = client.post(_url("interventions.grant", "delete", application.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Grant.objects.filter(pk=application.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(application.pk)).exists()


def test_a_scheme_with_grants_is_not_deleted(client, functional_admin, funding, scheme):
    client.force_login(functional_admin)
    client.post(_url("interventions.subsidyscheme", "delete", scheme.pk), {"post": "yes"})
    assert SubsidyScheme.objects.filter(pk=scheme.pk).exists()


def test_an_intervention_is_recorded_with_its_checklists(
    client, staff_member, own_complex, provider
):
    client.force_login(staff_member)
    url = _url("interventions.intervention", "add")
    form = client.get(url).context["adminform"].form
    assert set(form.fields["complex"].queryset) == {own_complex}
    data = _post_data(
        form,
        complex=str(own_complex.pk),
        provider=str(provider.pk),
        title="Trekkersgroep opbouwen",
        start=(today() - datetime.timedelta(days=20)).isoformat(),
        status=InterventionStatus.RUNNING,
        success_factors=[SuccessFactor.MOTIVATED_GROUP, SuccessFactor.PERSONAL_APPROACH],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    intervention = Intervention.objects.get(title="Trekkersgroep opbouwen")
    assert intervention.success_factors == ["motivated_group", "personal_approach"]
    entry = AuditEntry.objects.get(
        model="interventions.intervention", object_id=str(intervention.pk)
    )
    assert entry.action == "create" and entry.user == staff_member


def test_an_intervention_cannot_be_recorded_in_a_foreign_complex(
    client, staff_member, foreign_complex
):
    client.force_login(staff_member)
    url = _url("interventions.intervention", "add")
    form = client.get(url).context["adminform"].form
    data = _post_data(
        form,
        complex=str(foreign_complex.pk),
        title="Elders",
        start=today().isoformat(),
        status=InterventionStatus.PLANNED,
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "complex" in response.context["adminform"].form.errors
    assert not Intervention.objects.filter(title="Elders").exists()


def test_a_completed_intervention_needs_its_end(client, functional_admin, funding):
    intervention = funding["own"]["interventions.intervention"]
    client.force_login(functional_admin)
    url = _url("interventions.intervention", "change", intervention.pk)
    form = client.get(url).context["adminform"].form
    assert "complex" not in form.fields  # it stays in the complex it was recorded in
    response = client.post(url, _post_data(form, status=InterventionStatus.COMPLETED, end=""))
    assert response.status_code == 200
    assert "end" in response.context["adminform"].form.errors
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.RUNNING


def test_official_reads_and_writes_every_grant(client, official, funding):
    client.force_login(_staff(official))
    response = client.get(_url("interventions.grant"))
    assert _shown(response) == {funding[side]["interventions.grant"].pk for side in funding}


def test_superuser_sees_every_row(client, funding):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for label in LOCAL_MODELS:
        shown = _shown(client.get(_url(label)))
        assert {funding["own"][label].pk, funding["foreign"][label].pk} <= shown
