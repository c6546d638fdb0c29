"""Schemathesis against the API: every operation of ``/api/schema/``, called through the WSGI
application (no server) by each role and anonymously, with generated parameters and bodies over
a small seeded city so ids exist. No answer may be a server error (5xx), and every answer must
match the schema the API publishes.

Bounded to a few examples per operation and role, so the module runs in minutes."""

import itertools
import json
import os

import jsonschema
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from leefbaarheid import roles
from leefbaarheid.wsgi import application
from tests import factories
from tests.surveys import SurveyRoundFactory, respond

# A few per operation in the suite; a deeper run: LEEFBAARHEID_API_EXAMPLES=50 pytest this file.
EXAMPLES = int(os.environ.get("LEEFBAARHEID_API_EXAMPLES", "3"))
ROLES = [
    None,
    roles.CORPORATION_STAFF,
    roles.WELFARE_PROFESSIONAL,
    roles.MUNICIPALITY_OFFICIAL,
    roles.INTERVENTION_TEAM,
    roles.FUNCTIONAL_ADMIN,
]


@pytest.fixture
def _connection_kept():
    """Calls go straight to the WSGI application, whose end of request closes the database
    connection, and with it the test's transaction; Django's own test client keeps it open the
    same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def city(db, _connection_kept):
    """A small city: one complex of everything the API lists, and one user per role."""
    corporation = factories.CorporationFactory()
    complex_ = factories.ComplexFactory(corporation=corporation)
    gallery = factories.GalleryFactory(complex=complex_)
    resident = factories.ResidentFactory(complex=complex_, gallery=gallery)
    group = factories.ResidentGroupFactory(complex=complex_)
    scheme = factories.SubsidySchemeFactory()
    provider = factories.ProviderFactory()
    grant = factories.GrantFactory(scheme=scheme, complex=complex_)
    users = {
        role: factories.user_with_role(
            role,
            **(
                {"corporation": corporation}
                if role == roles.CORPORATION_STAFF
                else {"complexes": [complex_]}
                if role == roles.WELFARE_PROFESSIONAL
                else {}
            ),
        )
        for role in ROLES
        if role
    }
    round_ = SurveyRoundFactory(complex=complex_)
    respond(round_, 2)
    ids = {
        "complexes": complex_.pk,
        "corporations": corporation.pk,
        "districts": complex_.district_id,
        "galleries": gallery.pk,
        "residents": resident.pk,
        "groups": group.pk,
        "activities": factories.ActivityFactory(complex=complex_).pk,
        "room-bookings": factories.RoomBookingFactory(complex=complex_).pk,
        "mutual-help": factories.MutualHelpFactory(complex=complex_).pk,
        "schemes": scheme.pk,
        "providers": provider.pk,
        "grants": grant.pk,
        "interventions": factories.InterventionFactory(complex=complex_, provider=provider).pk,
        "hours": factories.HoursEntryFactory(
            complex=complex_, professional=users[roles.WELFARE_PROFESSIONAL]
        ).pk,
        "surveys": round_.pk,
    }
    return {"users": users, "ids": ids}


def _published_schema() -> dict:
    """The schema ``/api/schema/`` serves, built by the same generator (collection has no
    database to sign in with; ``test_the_schema_tested_is_the_one_served`` holds them equal)."""
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(public=True)))


PUBLISHED = _published_schema()
# Generated examples only (the coverage phase would make hundreds of cases per operation).
CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": EXAMPLES},
    }
)
schema = schemathesis.openapi.from_dict(PUBLISHED, config=CONFIG)
# Calls go to the WSGI application in this process, on the test database.
schema.app = application
_turn = itertools.count()


def _seeded(case, ids: dict) -> None:
    """Two cases in three ask for a seeded object, so reads and writes reach real rows."""
    if "id" not in case.path_parameters or next(_turn) % 3 == 0:
        return
    resource = case.operation.path.removeprefix("/api/v1/").split("/")[0]
    if resource in ids:
        case.path_parameters["id"] = ids[resource]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_role_without_server_errors_and_as_published(case, city):
    _seeded(case, city["ids"])
    for role in ROLES:
        headers = {}
        if role is not None:
            token, _created = Token.objects.get_or_create(user=city["users"][role])
            headers["Authorization"] = f"Token {token.key}"
        response = case.call(headers=headers)
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance], headers=headers
            )
        except Exception as failure:
            failure.add_note(f"Called as: {role or 'anonymous'}")
            raise


def test_the_schema_tested_is_the_one_served(api_client, city):
    api_client.force_authenticate(city["users"][roles.MUNICIPALITY_OFFICIAL])
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content) == PUBLISHED


def test_a_survey_answer_matches_exactly_one_branch_of_its_schema():
    # A blank answer once matched both branches of the field's ``oneOf``: every response with
    # an unanswered item broke the API's own schema.
    answer = PUBLISHED["components"]["schemas"]["SurveyResponse"]["properties"]["trust"]
    for value in ("", "yes", "more_or_less", "no"):
        jsonschema.validate(value, answer)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("maybe", answer)
