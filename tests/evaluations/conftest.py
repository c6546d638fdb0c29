"""Fixtures shared by several test modules of the evaluations app: the budget's city, the
index engine's complex and professional, the survey screens' round, language and unassigned
professional, and the index screens' second complex."""

import pytest

from leefbaarheid import roles
from tests.factories import ComplexFactory, CorporationFactory, DistrictFactory, UserFactory
from tests.surveys import SurveyRoundFactory


@pytest.fixture
def city(db):
    """Two corporations over two districts, with one complex that is no senior complex:

    - Noord: Maasstad (2 senior, 1 not senior), Havenhuis (1 senior)
    - Zuid: Havenhuis (2 senior)
    """
    maasstad, havenhuis = CorporationFactory(name="Maasstad"), CorporationFactory(name="Havenhuis")
    noord = DistrictFactory(name="Noord", code="noord")
    zuid = DistrictFactory(name="Zuid", code="zuid")
    complexes = {
        "Anker": ComplexFactory(name="Anker", corporation=maasstad, district=noord),
        "Bongerd": ComplexFactory(name="Bongerd", corporation=maasstad, district=noord),
        "Gewoon": ComplexFactory(
            name="Gewoon", corporation=maasstad, district=noord, is_senior=False
        ),
        "Linde": ComplexFactory(name="Linde", corporation=havenhuis, district=noord),
        "Meidoorn": ComplexFactory(name="Meidoorn", corporation=havenhuis, district=zuid),
        "Wilg": ComplexFactory(name="Wilg", corporation=havenhuis, district=zuid),
    }
    return {
        "maasstad": maasstad,
        "havenhuis": havenhuis,
        "noord": noord,
        "zuid": zuid,
        **complexes,
    }


@pytest.fixture
def complex_():
    """60 homes, 3 vacant today: 57 occupied."""
    return ComplexFactory(units=60, vacant_units=3)


@pytest.fixture
def professional():
    return UserFactory(role=roles.WELFARE_PROFESSIONAL)


@pytest.fixture
def _english(client):
    """The screens in English, the words these tests look for."""
    client.cookies.load({"django_language": "en"})


@pytest.fixture
def own_round(own_complex):
    return SurveyRoundFactory(complex=own_complex, name="Voorjaar")


@pytest.fixture
def anker(own_complex):
    """A second complex of the own corporation, in the same district, assigned to nobody."""
    return ComplexFactory(
        corporation=own_complex.corporation, district=own_complex.district, name="Het Anker"
    )


@pytest.fixture
def unassigned_professional(foreign_complex):
    """A professional whose only complex is another corporation's."""
    return UserFactory(
        username="frank", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )
