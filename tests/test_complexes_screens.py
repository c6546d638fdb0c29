"""The complex screens show each role exactly the complexes it may see."""

import pytest
from django.urls import reverse

from tests.factories import ComplexFactory

pytestmark = pytest.mark.django_db


def _names(response) -> set[str]:
    return {row.record.name for row in response.context["table"].paginated_rows}


def test_corporation_staff_lists_only_own_complexes(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_list"))
    assert response.status_code == 200
    assert _names(response) == {"De Meidoorn"}


def test_it_rejects_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_detail", args=[foreign_complex.pk]))
    assert response.status_code == 404


def test_owner_opens_own_complex(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_detail", args=[own_complex.pk]))
    assert response.status_code == 200
    assert b"De Meidoorn" in response.content


def test_professional_sees_only_assigned_complexes(
    client, welfare_professional, own_complex, foreign_complex
):
    ComplexFactory(corporation=own_complex.corporation, name="Niet toegewezen")
    client.force_login(welfare_professional)
    assert _names(client.get(reverse("complexes:complex_list"))) == {"De Meidoorn"}
    detail = reverse("complexes:complex_detail", args=[foreign_complex.pk])
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("role_fixture", ["official", "team_member", "functional_admin"])
def test_city_wide_roles_see_every_complex(
    client, request, role_fixture, own_complex, foreign_complex
):
    client.force_login(request.getfixturevalue(role_fixture))
    assert _names(client.get(reverse("complexes:complex_list"))) == {"De Meidoorn", "Huize Linde"}


def test_filters_narrow_the_list(client, official, own_complex, foreign_complex):
    client.force_login(official)
    url = reverse("complexes:complex_list")
    response = client.get(url, {"corporation": own_complex.corporation_id})
    assert _names(response) == {"De Meidoorn"}
    response = client.get(url, {"q": "huize"})
    assert _names(response) == {"Huize Linde"}


def test_htmx_request_gets_only_the_table(client, official, own_complex):
    client.force_login(official)
    response = client.get(reverse("complexes:complex_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"De Meidoorn" in response.content


@pytest.mark.parametrize("count", [3, 30])
def test_complex_list_query_count_does_not_grow(
    client, official, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count)
    client.force_login(official)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("complexes:complex_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_home_query_count_does_not_grow(
    client, corporation_staff, corporation, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count, corporation=corporation)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("home"))
    assert response.context["summary"]["complexes"] == count


def test_vacancy_and_thuisplus_filters(client, official, corporation):
    ComplexFactory(corporation=corporation, name="Vol", units=100, vacant_units=0)
    ComplexFactory(corporation=corporation, name="Beetje leeg", units=100, vacant_units=5)
    ComplexFactory(corporation=corporation, name="Erg leeg", units=100, vacant_units=6)
    ComplexFactory(corporation=corporation, name="Thuisplus", units=100, is_thuisplus=True)
    client.force_login(official)
    url = reverse("complexes:complex_list")
    assert _names(client.get(url, {"vacancy": "none"})) == {"Vol"}
    assert _names(client.get(url, {"vacancy": "low"})) == {"Beetje leeg", "Thuisplus"}
    assert _names(client.get(url, {"vacancy": "high"})) == {"Erg leeg"}
    assert _names(client.get(url, {"is_thuisplus": "true"})) == {"Thuisplus"}


def test_vacant_units_above_units_is_a_dutch_field_error(corporation):
    from django.core.exceptions import ValidationError

    from complexes import services
    from complexes.models import Complex

    district = ComplexFactory.build().district
    district.save()
    with pytest.raises(ValidationError) as caught:
        services.complex_upsert(
            corporation=corporation,
            name="Te leeg",
            data={
                "district": district,
                "address": "Kade 1",
                "postcode": "3011 AB",
                "units": 10,
                "vacant_units": 11,
            },
        )
    assert (
        "Leegstaande woningen (11) kan niet meer zijn"
        in caught.value.message_dict["vacant_units"][0]
    )
    assert not Complex.objects.filter(name="Te leeg").exists()


def test_database_refuses_vacancy_above_units_even_without_validation(own_complex):
    from django.db import IntegrityError, transaction

    from complexes.models import Complex

    with pytest.raises(IntegrityError), transaction.atomic():
        Complex.objects.filter(pk=own_complex.pk).update(vacant_units=own_complex.units + 1)
