"""The subsidy-scheme and provider screens: the municipality and the functional admin keep them,
corporations and professionals read them, the intervention team reads providers only; figures
about grants count only the grants the user may see."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from interventions.choices import GrantStatus, ProviderKind
from interventions.models import Provider, SubsidyScheme
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    GrantFactory,
    InterventionFactory,
    ProviderFactory,
    SubsidySchemeFactory,
)

pytestmark = pytest.mark.django_db

SCHEME_LIST = reverse("interventions:scheme_list")


SCHEME_CREATE = reverse("interventions:scheme_create")


PROVIDER_LIST = reverse("interventions:provider_list")


PROVIDER_CREATE = reverse("interventions:provider_create")


READERS = ["corporation_staff", "welfare_professional"]


WRITERS = ["official", "functional_admin"]


@pytest.fixture(autouse=True)
def english(client):
    """The screens are Dutch first; these tests read the English source texts."""
    client.cookies.load({"django_language": "en"})


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory()


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Studio BRUIS", phone="010-1234567")


def _url(name: str, obj) -> str:
    return reverse(f"interventions:{name}", args=[obj.pk])


def _rows(response) -> list:
    return [row.record for row in response.context["table"].paginated_rows]


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _scheme_data(**overrides) -> dict:
    return {
        "name": "Opzoomeren mee",
        "funder": "Gemeente Rotterdam",
        "purpose": "Straten die samen iets ondernemen.",
        "min_amount": "500.00",
        "max_amount": "2500.00",
        "start": "2020-01-01",
        "end": "",
        "report_within_weeks": "8",
        "active": "on",
        **overrides,
    }


def _provider_data(**overrides) -> dict:
    return {
        "name": "Stadstrainers",
        "kind": ProviderKind.SOCIAL_ENTREPRENEUR,
        "contact_name": "Jan Bakker",
        "email": "jan@stadstrainers.invalid",
        "phone": "010-7654321",
        "website": "https://stadstrainers.invalid",
        **overrides,
    }


def _scheme_writes() -> tuple[int, int]:
    return SubsidyScheme.objects.count(), AuditEntry.objects.count()


# Schemes: who may open what -------------------------------------------------------------------
@pytest.mark.parametrize("role_fixture", [*READERS, *WRITERS])
def test_every_role_but_the_team_reads_schemes(client, request, role_fixture, scheme):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(SCHEME_LIST)
    assert response.status_code == 200
    assert _rows(response) == [scheme]
    assert client.get(_url("scheme_detail", scheme)).status_code == 200


@pytest.mark.parametrize("role_fixture", ["team_member", "user_without_role"])
def test_the_team_is_refused_every_scheme_screen(client, request, role_fixture, scheme):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(SCHEME_LIST).status_code == 403
    assert client.get(SCHEME_CREATE).status_code == 403
    for name in ("scheme_detail", "scheme_update", "scheme_delete"):
        assert client.get(_url(name, scheme)).status_code == 403
    assert client.post(_url("scheme_delete", scheme)).status_code == 403
    assert SubsidyScheme.objects.filter(pk=scheme.pk).exists()


def test_anonymous_visitor_is_sent_to_login(client, scheme, provider):
    urls = [
        SCHEME_LIST,
        SCHEME_CREATE,
        PROVIDER_LIST,
        PROVIDER_CREATE,
        *(_url(name, scheme) for name in ("scheme_detail", "scheme_update", "scheme_delete")),
        *(
            _url(name, provider)
            for name in ("provider_detail", "provider_update", "provider_delete")
        ),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role_fixture", READERS)
def test_readers_may_not_write_schemes(client, request, role_fixture, scheme):
    client.force_login(request.getfixturevalue(role_fixture))
    before = _scheme_writes()
    assert client.get(SCHEME_CREATE).status_code == 403
    assert client.post(SCHEME_CREATE, _scheme_data()).status_code == 403
    assert client.get(_url("scheme_update", scheme)).status_code == 403
    assert client.post(_url("scheme_update", scheme), _scheme_data()).status_code == 403
    assert client.post(_url("scheme_delete", scheme)).status_code == 403
    assert _scheme_writes() == before
    page = client.get(_url("scheme_detail", scheme)).content.decode()
    assert _url("scheme_update", scheme) not in page


def test_unknown_scheme_is_404(client, official):
    client.force_login(official)
    assert client.get(reverse("interventions:scheme_detail", args=[999999])).status_code == 404


# Schemes: the list and the scheme page --------------------------------------------------------
def test_list_counts_only_the_grants_the_user_may_see(
    client, corporation_staff, official, own_complex, foreign_complex, scheme
):
    GrantFactory(
        complex=own_complex,
        scheme=scheme,
        status=GrantStatus.AWARDED,
        amount_awarded=Decimal("6000.00"),
    )
    GrantFactory(
        complex=foreign_complex,
        scheme=scheme,
        status=GrantStatus.AWARDED,
        amount_requested=Decimal("9000.00"),
        amount_awarded=Decimal("9000.00"),
    )
    GrantFactory(complex=own_complex, scheme=scheme, status=GrantStatus.REJECTED)
    client.force_login(corporation_staff)
    row = _rows(client.get(SCHEME_LIST))[0]
    assert (row.grant_count, row.awarded_total) == (2, Decimal("6000.00"))
    client.force_login(official)
    response = client.get(SCHEME_LIST)
    row = _rows(response)[0]
    assert (row.grant_count, row.awarded_total) == (3, Decimal("15000.00"))
    content = response.content.decode()
    assert "€ 15,000.00" in content
    assert "€ 5,000.00 – € 10,000.00" in content


def test_list_filters_on_open_for_applications_and_search(client, official, scheme):
    SubsidySchemeFactory(name="Thuisplus", funder="Zorgkantoor", active=False)
    client.force_login(official)
    assert [s.name for s in _rows(client.get(SCHEME_LIST, {"active": "false"}))] == ["Thuisplus"]
    assert [s.name for s in _rows(client.get(SCHEME_LIST, {"q": "zorg"}))] == ["Thuisplus"]
    response = client.get(SCHEME_LIST, {"active": "true"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert [s.name for s in _rows(response)] == ["Vitale Leefgemeenschappen"]


def test_scheme_page_totals_the_visible_grants_per_year(
    client, corporation_staff, own_complex, foreign_complex, scheme
):
    for year, amount in ((2023, "5000.00"), (2024, "7000.00"), (2024, "8000.00")):
        GrantFactory(
            complex=own_complex,
            scheme=scheme,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            amount_requested=Decimal(amount),
            status=GrantStatus.AWARDED,
            amount_awarded=Decimal(amount),
        )
    GrantFactory(complex=foreign_complex, scheme=scheme, start=datetime.date(2024, 1, 1))
    client.force_login(corporation_staff)
    response = client.get(_url("scheme_detail", scheme))
    per_year = [
        (row["group"], row["count"], row["awarded"]) for row in response.context["per_year"]
    ]
    assert per_year == [(2023, 1, Decimal("5000.00")), (2024, 2, Decimal("15000.00"))]
    assert response.context["totals"]["awarded"] == Decimal("20000.00")
    content = response.content.decode()
    assert f"{reverse('interventions:grant_list')}?scheme={scheme.pk}" in content
    assert "€ 20,000.00" in content
    assert "12 weeks after a grant" in content


@pytest.mark.parametrize("count", [3, 30])
def test_scheme_list_query_count_does_not_grow(
    client, official, django_assert_max_num_queries, count
):
    existing = SubsidyScheme.objects.count()  # Vitale Leefgemeenschappen, by a migration
    for n in range(count):
        scheme = SubsidySchemeFactory(name=f"Regeling {n}")
        GrantFactory(scheme=scheme, status=GrantStatus.AWARDED, amount_awarded=Decimal("6000"))
    client.force_login(official)
    with django_assert_max_num_queries(8):
        response = client.get(SCHEME_LIST)
    assert len(_rows(response)) == min(existing + count, 25)


@pytest.mark.parametrize("count", [3, 30])
def test_scheme_page_query_count_does_not_grow(
    client, official, scheme, django_assert_max_num_queries, count
):
    for n in range(count):
        GrantFactory(
            scheme=scheme, start=datetime.date(2000 + n, 1, 1), end=datetime.date(2000 + n, 6, 1)
        )
    client.force_login(official)
    with django_assert_max_num_queries(9):
        response = client.get(_url("scheme_detail", scheme))
    assert len(response.context["per_year"]) == count


# Schemes: create, edit, delete ----------------------------------------------------------------
@pytest.mark.parametrize("role_fixture", WRITERS)
def test_writers_create_and_edit_a_scheme(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(SCHEME_CREATE).status_code == 200
    response = client.post(SCHEME_CREATE, _scheme_data())
    scheme = SubsidyScheme.objects.get(name="Opzoomeren mee")
    assert response.status_code == 302
    assert response.url == scheme.get_absolute_url()
    assert scheme.max_amount == Decimal("2500.00")
    response = client.post(_url("scheme_update", scheme), _scheme_data(active="", end="2030-12-31"))
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.active is False
    assert scheme.end == datetime.date(2030, 12, 31)
    assert AuditEntry.objects.filter(model="interventions.subsidyscheme", action="update").exists()


def test_it_refuses_a_minimum_above_the_maximum_on_the_maximum(client, official):
    client.force_login(official)
    before = _scheme_writes()
    response = client.post(SCHEME_CREATE, _scheme_data(min_amount="3000.00", max_amount="2000.00"))
    assert response.status_code == 200
    assert response.context["form"].errors["max_amount"] == [
        "The maximum grant must be at least the minimum grant."
    ]
    assert _scheme_writes() == before


def test_a_refused_edit_changes_nothing(client, official, scheme):
    client.force_login(official)
    before = _scheme_writes()
    response = client.post(
        _url("scheme_update", scheme),
        _scheme_data(name=scheme.name, min_amount="12000.00", max_amount="11000.00"),
    )
    assert response.status_code == 200
    assert "max_amount" in response.context["form"].errors
    assert _scheme_writes() == before
    scheme.refresh_from_db()
    assert scheme.min_amount == Decimal("5000.00")


def test_a_scheme_without_grants_is_deleted_after_confirming(client, official, scheme):
    client.force_login(official)
    page = client.get(_url("scheme_delete", scheme))
    assert page.status_code == 200
    assert b'<button type="submit" class="btn btn-danger">' in page.content
    response = client.post(_url("scheme_delete", scheme))
    assert response.status_code == 302
    assert response.url == SCHEME_LIST
    assert not SubsidyScheme.objects.filter(pk=scheme.pk).exists()
    assert AuditEntry.objects.filter(model="interventions.subsidyscheme", action="delete").exists()


def test_a_scheme_with_grants_is_not_deleted(client, official, scheme, own_complex):
    GrantFactory(complex=own_complex, scheme=scheme)
    client.force_login(official)
    page = client.get(_url("scheme_delete", scheme))
    assert b"has grants and cannot be deleted" in page.content
    assert b'<button type="submit" class="btn btn-danger">' not in page.content
    before = _scheme_writes()
    response = client.post(_url("scheme_delete", scheme), follow=True)
    assert response.redirect_chain[-1][0] == scheme.get_absolute_url()
    assert any("cannot be deleted" in message for message in _messages(response))
    assert _scheme_writes() == before


# Providers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("role_fixture", [*READERS, *WRITERS, "team_member"])
def test_every_role_reads_providers(client, request, role_fixture, provider):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(PROVIDER_LIST)
    assert response.status_code == 200
    assert _rows(response) == [provider]
    page = client.get(_url("provider_detail", provider))
    assert page.status_code == 200
    assert b"010-1234567" in page.content


def test_user_without_role_is_refused_providers(client, user_without_role, provider):
    client.force_login(user_without_role)
    assert client.get(PROVIDER_LIST).status_code == 403
    assert client.get(_url("provider_detail", provider)).status_code == 403


@pytest.mark.parametrize("role_fixture", [*READERS, "team_member"])
def test_readers_may_not_write_providers(client, request, role_fixture, provider):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(PROVIDER_CREATE).status_code == 403
    assert client.post(PROVIDER_CREATE, _provider_data()).status_code == 403
    assert client.get(_url("provider_update", provider)).status_code == 403
    assert client.post(_url("provider_update", provider), _provider_data()).status_code == 403
    assert client.post(_url("provider_delete", provider)).status_code == 403
    assert list(Provider.objects.values_list("name", flat=True)) == ["Studio BRUIS"]


def test_unknown_provider_is_404(client, team_member):
    client.force_login(team_member)
    assert client.get(reverse("interventions:provider_detail", args=[999999])).status_code == 404


def test_provider_list_filters_on_kind_and_name(client, team_member, provider):
    ProviderFactory(name="Zorg Zuid", kind=ProviderKind.CARE_PROVIDER)
    client.force_login(team_member)
    kind = {"kind": ProviderKind.CARE_PROVIDER}
    assert [p.name for p in _rows(client.get(PROVIDER_LIST, kind))] == ["Zorg Zuid"]
    assert [p.name for p in _rows(client.get(PROVIDER_LIST, {"q": "bru"}))] == ["Studio BRUIS"]
    response = client.get(PROVIDER_LIST, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content


def test_provider_page_lists_only_the_interventions_the_user_may_see(
    client, corporation_staff, official, team_member, provider, own_complex, foreign_complex
):
    InterventionFactory(complex=own_complex, provider=provider, title="Bij ons")
    InterventionFactory(complex=foreign_complex, provider=provider, title="Bij de buren")
    client.force_login(corporation_staff)
    response = client.get(_url("provider_detail", provider))
    assert [i.title for i in response.context["interventions"]] == ["Bij ons"]
    assert b"Bij de buren" not in response.content
    client.force_login(official)
    response = client.get(_url("provider_detail", provider))
    assert {i.title for i in response.context["interventions"]} == {"Bij ons", "Bij de buren"}
    client.force_login(team_member)
    response = client.get(_url("provider_detail", provider))
    assert response.context["interventions"] is None
    assert b"Bij ons" not in response.content


@pytest.mark.parametrize("role_fixture", WRITERS)
def test_writers_create_and_edit_a_provider(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(PROVIDER_CREATE).status_code == 200
    response = client.post(PROVIDER_CREATE, _provider_data())
    provider = Provider.objects.get(name="Stadstrainers")
    assert response.status_code == 302
    assert response.url == provider.get_absolute_url()
    response = client.post(_url("provider_update", provider), _provider_data(phone="010-0000000"))
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.phone == "010-0000000"


def test_a_provider_name_is_unique(client, official, provider):
    client.force_login(official)
    before = Provider.objects.count(), AuditEntry.objects.count()
    response = client.post(PROVIDER_CREATE, _provider_data(name="Studio BRUIS"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert (Provider.objects.count(), AuditEntry.objects.count()) == before


def test_a_provider_without_interventions_is_deleted(client, official, provider):
    client.force_login(official)
    assert client.get(_url("provider_delete", provider)).status_code == 200
    response = client.post(_url("provider_delete", provider))
    assert response.status_code == 302
    assert response.url == PROVIDER_LIST
    assert not Provider.objects.exists()


def test_a_provider_with_interventions_is_not_deleted(client, official, provider, own_complex):
    InterventionFactory(complex=own_complex, provider=provider)
    client.force_login(official)
    page = client.get(_url("provider_delete", provider))
    assert b"carried out interventions and cannot be deleted" in page.content
    before = AuditEntry.objects.count()
    response = client.post(_url("provider_delete", provider), follow=True)
    assert response.redirect_chain[-1][0] == provider.get_absolute_url()
    assert any("cannot be deleted" in message for message in _messages(response))
    assert Provider.objects.filter(pk=provider.pk).exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("count", [3, 30])
def test_provider_list_query_count_does_not_grow(
    client, team_member, django_assert_max_num_queries, count
):
    ProviderFactory.create_batch(count)
    client.force_login(team_member)
    with django_assert_max_num_queries(8):
        response = client.get(PROVIDER_LIST)
    assert len(_rows(response)) == min(count, 25)


@pytest.mark.parametrize("count", [3, 30])
def test_provider_page_query_count_does_not_grow(
    client, official, provider, django_assert_max_num_queries, count
):
    for _n in range(count):
        InterventionFactory(complex=ComplexFactory(), provider=provider)
    client.force_login(official)
    with django_assert_max_num_queries(8):
        response = client.get(_url("provider_detail", provider))
    assert len(response.context["interventions"]) == count
