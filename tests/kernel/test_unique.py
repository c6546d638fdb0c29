"""Every unique constraint the database enforces is answered as a Dutch field error, with the
words ``full_clean()`` uses, when a write breaks it anyway (two saves racing): the mapping in
``leefbaarheid.unique``, the savepoint it runs in, and the API's net for a write outside the
services' ``save_validated``. The races themselves run in tests/site/test_races.py."""

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from complexes.models import Complex, OccupancySnapshot
from evaluations.models import SurveyRound
from interventions import services as intervention_services
from interventions.models import Provider, SubsidyScheme
from leefbaarheid.unique import Violation, check_error, check_for, unique_errors, unique_violation
from tests.factories import (
    GalleryFactory,
    OccupancySnapshotFactory,
    ProviderFactory,
    ResidentGroupFactory,
    SubsidySchemeFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("leefbaarheid", "complexes", "residents", "interventions", "evaluations")


def database_unique_constraints():
    """(model, constraint name, columns) of every unique constraint or unique index the
    database holds for the project's models, as the database itself lists them."""
    found = []
    with connection.cursor() as cursor:
        for label in PROJECT_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                table = model._meta.db_table
                constraints = connection.introspection.get_constraints(cursor, table)
                for name, info in constraints.items():
                    if info["unique"] and not info["primary_key"]:
                        found.append((model, name, tuple(info["columns"])))
    return found


def test_the_walk_finds_the_unique_constraints_it_should():
    names = {name for _model, name, _columns in database_unique_constraints()}
    assert {"hours_entry_one_per_cell", "complex_name_unique_per_corporation"} <= names
    models = {model for model, _name, _columns in database_unique_constraints()}
    assert {SubsidyScheme, Provider, SurveyRound} <= models


def test_every_unique_constraint_in_the_database_is_a_dutch_error_on_a_field():
    unmapped = []
    for model, name, columns in database_unique_constraints():
        # PostgreSQL names the constraint and its columns; SQLite names only the columns.
        reported = name if connection.vendor == "postgresql" else ""
        check = check_for(Violation(model._meta.db_table, reported, columns))
        if check is None or check.model is not model:
            unmapped.append((model._meta.label, name, columns))
            continue
        with translation.override("nl"):
            dutch = check_error(check).message_dict
        with translation.override("en"):
            english = check_error(check).message_dict
        field = model._meta.get_field(next(iter(dutch)))
        assert list(dutch) == [field.name] and field.concrete, (model, name, dutch)
        assert dutch != english, f"{model._meta.label}.{name} has no Dutch: {english}"
    assert not unmapped


def _clone(row):
    """A second row with the same values as ``row``: the same unique name, a new id."""
    twin = type(row).objects.get(pk=row.pk)
    twin.pk = None
    twin._state.adding = True
    return twin


ROWS = {
    "scheme (unique field)": lambda own_complex: SubsidySchemeFactory(name="Thuisplus"),
    "provider (unique field)": lambda own_complex: ProviderFactory(name="Stadstrainers"),
    "complex (name within corporation)": lambda own_complex: own_complex,
    "gallery (name within complex)": lambda own_complex: GalleryFactory(complex=own_complex),
    "group (name within complex)": lambda own_complex: ResidentGroupFactory(complex=own_complex),
    "survey round (own words)": lambda own_complex: SurveyRound.objects.create(
        complex=own_complex, name="Voorjaar 2026", held_on="2026-03-01"
    ),
    "occupancy snapshot (Django's words)": lambda own_complex: OccupancySnapshotFactory(
        complex=own_complex
    ),
}


@pytest.mark.parametrize("row", list(ROWS))
def test_a_unique_constraint_the_database_refuses_is_the_error_full_clean_gives(own_complex, row):
    twin = _clone(ROWS[row](own_complex))
    with pytest.raises(ValidationError) as sequential:
        twin.full_clean()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        twin.save()

    mapped = unique_violation(refused.value, twin)

    assert mapped is not None
    [(field, messages)] = mapped.message_dict.items()
    assert field != NON_FIELD_ERRORS
    said = sequential.value.message_dict
    assert messages == said.get(field) or messages == said.get(NON_FIELD_ERRORS)


def test_another_integrity_error_is_not_taken_for_a_unique_name(own_complex):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        # A check constraint, not a unique one: more vacant units than units.
        Complex.objects.filter(pk=own_complex.pk).update(vacant_units=own_complex.units + 1)
    assert unique_violation(refused.value) is None


def test_a_write_refused_on_a_unique_name_leaves_the_transaction_usable(own_complex):
    snapshot = OccupancySnapshotFactory(complex=own_complex)
    twin = _clone(snapshot)
    with transaction.atomic():
        with pytest.raises(ValidationError) as refused, unique_errors(twin):
            twin.save()
        # The savepoint took the failed write back; the transaction goes on.
        assert OccupancySnapshot.objects.filter(complex=own_complex).count() == 1
    with pytest.raises(ValidationError) as sequential:
        twin.full_clean()
    assert refused.value.message_dict == sequential.value.message_dict


def test_the_api_answers_a_unique_name_a_write_outside_the_services_broke_with_a_400(
    api_client, official, monkeypatch
):
    ProviderFactory(name="Stadstrainers")

    def create_unchecked(*, user, data):
        return Provider.objects.create(**data)  # no full_clean: the database refuses it

    monkeypatch.setattr(intervention_services, "provider_create", create_unchecked)
    api_client.force_authenticate(official)
    response = api_client.post(
        "/api/v1/providers/",
        {"name": "Stadstrainers", "kind": "social_entrepreneur"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"name": ["Er bestaat al een Uitvoerder met eenzelfde Naam."]}
    assert Provider.objects.filter(name="Stadstrainers").count() == 1
