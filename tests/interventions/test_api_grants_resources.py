"""What every funding resource of the API shares: scoped like the screens, a permission matrix
per role, reports due and filters of grants, a fixed query ceiling per list, the contract
fields and the schema."""

import datetime

import pytest

from complexes.models import Complex
from interventions.choices import GrantStatus, GrantStep, SuccessFactor
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    InterventionFactory,
    ProviderFactory,
    SubsidySchemeFactory,
)
from tests.helpers import today
from tests.interventions.helpers import RESOURCES, YEAR_END, YEAR_START, _grant, _ids, _url

pytestmark = pytest.mark.django_db


FOUR = list(RESOURCES)


IN_COMPLEX = [name for name, spec in RESOURCES.items() if spec.in_complex]


ROLES = [
    "corporation_staff",
    "welfare_professional",
    "official",
    "team_member",
    "functional_admin",
    "user_without_role",
]


# Who may do what ----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", FOUR)
def test_permission_matrix_for_list_and_create(request, api_client, world, role, resource):
    spec = RESOURCES[resource]
    api_client.force_authenticate(request.getfixturevalue(role))

    listed = api_client.get(_url(resource))
    assert listed.status_code == (200 if role in spec.readers else 403)

    before = spec.model.objects.count()
    created = api_client.post(_url(resource), spec.payload(world), format="json")
    assert created.status_code == (201 if role in spec.writers else 403), created.content
    assert spec.model.objects.count() == before + (1 if role in spec.writers else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", FOUR)
def test_permission_matrix_for_a_row_of_the_own_complex(
    request, api_client, own_complex, role, resource
):
    """Read, change, delete one row: 200/200/204 for writers, 403 for the rest (a visible row
    without the permission, or a role that may not read the resource at all)."""
    spec = RESOURCES[resource]
    row = spec.make(own_complex)
    field, value = spec.change
    before = getattr(row, field)
    api_client.force_authenticate(request.getfixturevalue(role))

    detail = api_client.get(_url(resource, row.pk))
    assert detail.status_code == (200 if role in spec.readers else 403)

    changed = api_client.patch(_url(resource, row.pk), {field: value}, format="json")
    if role in spec.writers:
        assert changed.status_code == 200, changed.content
        assert changed.json()[field] == value
        assert api_client.delete(_url(resource, row.pk)).status_code == 204
        assert not spec.model.objects.filter(pk=row.pk).exists()
    else:
        assert changed.status_code == 403
        assert api_client.delete(_url(resource, row.pk)).status_code == 403
        row.refresh_from_db()
        assert getattr(row, field) == before


# Scoping --------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional", "official"])
@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_list_shows_own_rows_and_never_foreign_ones(
    request, api_client, role, resource, own_complex, foreign_complex
):
    spec = RESOURCES[resource]
    own, foreign = spec.make(own_complex), spec.make(foreign_complex)
    api_client.force_authenticate(request.getfixturevalue(role))
    ids = _ids(api_client.get(_url(resource)))
    assert own.pk in ids
    assert (foreign.pk in ids) is (role == "official")


@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_professional_does_not_reach_an_unassigned_complex(
    api_client, welfare_professional, corporation, resource
):
    unassigned = RESOURCES[resource].make(ComplexFactory(corporation=corporation))
    api_client.force_authenticate(welfare_professional)
    assert unassigned.pk not in _ids(api_client.get(_url(resource)))
    assert api_client.get(_url(resource, unassigned.pk)).status_code == 404


@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_foreign_row_is_404_for_reads_and_writes_and_changes_nothing(
    as_staff, resource, foreign_complex
):
    spec = RESOURCES[resource]
    foreign = spec.make(foreign_complex)
    field, value = spec.change
    before = getattr(foreign, field)
    audit_before = AuditEntry.objects.count()

    assert as_staff.get(_url(resource, foreign.pk)).status_code == 404
    assert as_staff.patch(_url(resource, foreign.pk), {field: value}).status_code == 404
    assert as_staff.put(_url(resource, foreign.pk), {field: value}).status_code == 404
    assert as_staff.delete(_url(resource, foreign.pk)).status_code == 404

    foreign.refresh_from_db()
    assert getattr(foreign, field) == before
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("resource", FOUR)
def test_unknown_id_is_404(as_official, resource):
    assert as_official.get(_url(resource, 999999)).status_code == 404
    assert as_official.delete(_url(resource, 999999)).status_code == 404


@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_create_in_a_foreign_complex_is_400_on_complex_and_writes_nothing(
    as_staff, world, foreign_complex, resource
):
    spec = RESOURCES[resource]
    before = spec.model.objects.count()
    payload = {**spec.payload(world), "complex": foreign_complex.pk}
    response = as_staff.post(_url(resource), payload, format="json")
    assert response.status_code == 400
    assert "complex" in response.json()
    assert "Huize Linde" not in response.content.decode()
    assert spec.model.objects.count() == before


@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_a_row_cannot_move_to_another_complex(as_staff, own_complex, corporation, resource):
    row = RESOURCES[resource].make(own_complex)
    elsewhere = ComplexFactory(corporation=corporation)
    response = as_staff.patch(_url(resource, row.pk), {"complex": elsewhere.pk}, format="json")
    assert response.status_code == 400
    assert "complex" in response.json()
    row.refresh_from_db()
    assert row.complex_id == own_complex.pk


@pytest.mark.parametrize("resource", IN_COMPLEX)
def test_professional_cannot_create_even_in_an_assigned_complex(
    api_client, welfare_professional, world, resource
):
    spec = RESOURCES[resource]
    api_client.force_authenticate(welfare_professional)
    response = api_client.post(_url(resource), spec.payload(world), format="json")
    assert response.status_code == 403
    assert not spec.model.objects.exists()


# Reports due, overlap, filters ----------------------------------------------------------------
def test_reports_due_lists_due_and_overdue_reports_only(as_staff, own_complex, foreign_complex):
    overdue = _grant(
        own_complex, GrantStatus.RUNNING, report_due=today() - datetime.timedelta(days=3)
    )
    due = _grant(own_complex, GrantStatus.AWARDED, report_due=today() + datetime.timedelta(days=10))
    _grant(own_complex, GrantStatus.RUNNING, report_due=today() + datetime.timedelta(days=90))
    _grant(own_complex, GrantStatus.SETTLED, report_due=today() - datetime.timedelta(days=3))
    _grant(foreign_complex, GrantStatus.RUNNING, report_due=today() - datetime.timedelta(days=3))

    response = as_staff.get(_url("grants", suffix="reports-due/"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [(row["id"], row["overdue"]) for row in body["results"]] == [
        (overdue.pk, True),
        (due.pk, False),
    ]


@pytest.mark.parametrize("role", ["team_member", "user_without_role"])
def test_reports_due_is_403_for_roles_that_do_not_see_grants(request, api_client, role):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.get(_url("grants", suffix="reports-due/")).status_code == 403


def test_overlap_between_schemes_is_flagged_and_filtered(as_official, own_complex, scheme):
    other_scheme = SubsidySchemeFactory(name="Opzoomeren mee")
    first = _grant(own_complex, scheme=scheme)
    second = _grant(own_complex, GrantStatus.AWARDED, scheme=other_scheme)
    alone = _grant(ComplexFactory(), scheme=scheme)
    _grant(own_complex, GrantStatus.REJECTED, scheme=SubsidySchemeFactory(name="Thuisplus"))

    assert as_official.get(_url("grants", first.pk)).json()["has_overlap"] is True
    assert as_official.get(_url("grants", alone.pk)).json()["has_overlap"] is False
    overlapping = _ids(as_official.get(_url("grants"), {"overlap": "true"}))
    assert sorted(overlapping) == sorted([first.pk, second.pk])
    assert alone.pk in _ids(as_official.get(_url("grants"), {"overlap": "false"}))


def test_grants_filter_by_year_status_and_scheme(as_official, own_complex, scheme):
    last_year = _grant(
        own_complex,
        start=YEAR_START.replace(year=today().year - 1),
        end=YEAR_END.replace(year=today().year - 1),
    )
    this_year = _grant(own_complex, GrantStatus.AWARDED)
    other = _grant(own_complex, scheme=SubsidySchemeFactory(name="Thuisplus"))

    assert _ids(as_official.get(_url("grants"), {"year": today().year - 1})) == [last_year.pk]
    assert _ids(as_official.get(_url("grants"), {"status": "awarded"})) == [this_year.pk]
    by_scheme = _ids(as_official.get(_url("grants"), {"scheme": scheme.pk}))
    assert sorted(by_scheme) == sorted([last_year.pk, this_year.pk])
    assert other.pk not in by_scheme


def test_filtering_grants_by_a_foreign_complex_is_refused(as_staff, foreign_complex):
    _grant(foreign_complex)
    response = as_staff.get(_url("grants"), {"complex": foreign_complex.pk})
    assert response.status_code == 400
    assert "complex" in response.json()


# Query ceilings -------------------------------------------------------------------------------
def _rows(resource: str, count: int, complex_: Complex) -> None:
    for n in range(count):
        if resource == "schemes":
            SubsidySchemeFactory(name=f"Regeling {n}")
        elif resource == "providers":
            ProviderFactory()
        elif resource == "interventions":
            InterventionFactory(complex=complex_, grant=_grant(complex_))
        else:
            _grant(complex_, GrantStatus.RUNNING, report_due=today())


# count and the page: never one query per row.
LIST_CEILING = 2


# Interventions add whether their effects lasted: the page's index snapshots and the settings.
CEILINGS = {"interventions": LIST_CEILING + 2}


LISTS = [*FOUR, "grants/reports-due"]


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("resource", LISTS)
def test_list_query_count_does_not_grow(
    as_staff, own_complex, django_assert_max_num_queries, resource, count
):
    name = resource.split("/")[0]
    # Vitale Leefgemeenschappen is in every database (a data migration).
    existing = RESOURCES[name].model.objects.count() if name == "schemes" else 0
    _rows(name, count, own_complex)
    as_staff.get(_url(resource))  # warm the role and permission caches of the user
    with django_assert_max_num_queries(CEILINGS.get(resource, LIST_CEILING)):
        response = as_staff.get(_url(resource))
    assert response.json()["count"] == existing + count


# Contract and schema --------------------------------------------------------------------------
CONTRACT = {
    "schemes": {"id", "name", "min_amount", "max_amount"}
    | {"funder", "purpose", "start", "end", "report_within_weeks", "active"},
    "providers": {"id", "name", "kind", "contact_name", "email", "phone", "website"},
    "grants": {"id", "scheme", "corporation", "complex", "amount_requested", "amount_awarded"}
    | {"status", "title", "description", "reference", "documents", "start", "end"}
    | {"amount_settled", "report_due", "decision_note", "report_summary", "applied_on"}
    | {"decided_on", "started_on", "reported_on", "settled_on", "has_overlap", "next_steps"},
    "interventions": {"id", "complex", "provider", "grant", "title", "methodology", "start"}
    | {"end", "status", "goals", "success_factors", "approach", "challenges"}
    | {"challenges_notes", "outcome"},
}


@pytest.mark.parametrize("resource", FOUR)
def test_rows_carry_the_contract_fields(as_official, own_complex, resource):
    row = RESOURCES[resource].make(own_complex)
    body = as_official.get(_url(resource, row.pk)).json()
    assert CONTRACT[resource] <= set(body)


def test_grant_money_is_a_decimal_string(as_official, own_complex):
    grant = _grant(own_complex, GrantStatus.SETTLED)
    body = as_official.get(_url("grants", grant.pk)).json()
    assert (body["amount_requested"], body["amount_awarded"], body["amount_settled"]) == (
        "7500.00",
        "7000.00",
        "7000.00",
    )
    scheme = as_official.get(_url("schemes", grant.scheme_id)).json()
    assert (scheme["min_amount"], scheme["max_amount"]) == ("5000.00", "10000.00")


def test_schema_lists_the_funding_resources_and_the_steps(as_official):
    response = as_official.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in FOUR:
        assert f"/api/v1/{resource}/" in paths, resource
        assert f"/api/v1/{resource}/{{id}}/" in paths, resource
    for step in GrantStep.values:
        assert "post" in paths[f"/api/v1/grants/{{id}}/{step}/"], step
    assert "get" in paths["/api/v1/grants/reports-due/"]
    # A checklist is a list of the evaluation's values, so an integrator sees what may be ticked.
    schemas = response.json()["components"]["schemas"]
    checklist = schemas["Intervention"]["properties"]["success_factors"]
    assert checklist["type"] == "array"
    enum = schemas[checklist["items"]["$ref"].rsplit("/", 1)[-1]]["enum"]
    assert enum == [value for value, _label in SuccessFactor.choices]
    assert schemas["Grant"]["properties"]["status"]["readOnly"] is True
