"""The complex screens show each role exactly the complexes it may see."""

import datetime

import pytest
from django.urls import reverse

from complexes import services
from complexes.models import Complex
from tests.factories import ComplexFactory, DistrictFactory, GalleryFactory, ResidentFactory

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
        "Het aantal leegstaande woningen (11) kan niet groter zijn"
        in caught.value.message_dict["vacant_units"][0]
    )
    assert not Complex.objects.filter(name="Te leeg").exists()


def test_database_refuses_vacancy_above_units_even_without_validation(own_complex):
    from django.db import IntegrityError, transaction

    from complexes.models import Complex

    with pytest.raises(IntegrityError), transaction.atomic():
        Complex.objects.filter(pk=own_complex.pk).update(vacant_units=own_complex.units + 1)


# --- The list: gallery columns, the "without contact person" filter, sorting, paging ---------


def test_list_shows_gallery_counts_and_gaps(client, corporation_staff, own_complex, own_resident):
    own_resident.consent_contact_person = True  # agreed to be a contact person
    own_resident.save()
    GalleryFactory(complex=own_complex, name="Galerij B")
    own_gallery = own_complex.galleries.get(name="Galerij A")
    services.gallery_set_contact_person(gallery=own_gallery, user=None, resident=own_resident)
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_list"))
    (row,) = response.context["table"].paginated_rows
    assert row.record.gallery_count == 2
    assert row.record.galleries_without_contact == 1
    assert "galleries_without_contact" in response.context["table"].columns.names()


def test_without_contact_filter_on_the_screen(client, official, own_complex, foreign_complex):
    GalleryFactory(complex=own_complex)  # a gap
    covered = GalleryFactory(complex=foreign_complex)
    resident = ResidentFactory(complex=foreign_complex, consent_contact_person=True)
    services.gallery_set_contact_person(gallery=covered, user=None, resident=resident)
    client.force_login(official)
    url = reverse("complexes:complex_list")
    response = client.get(url)
    assert "without_contact" in response.context["filter"].form.fields
    assert _names(client.get(url, {"without_contact": "true"})) == {"De Meidoorn"}
    assert _names(client.get(url, {"without_contact": "false"})) == {"Huize Linde"}


def test_list_sorts_by_gallery_count(client, official, own_complex, foreign_complex):
    GalleryFactory.create_batch(3, complex=foreign_complex)
    GalleryFactory(complex=own_complex)
    client.force_login(official)
    url = reverse("complexes:complex_list")
    names = [
        r.record.name
        for r in client.get(url, {"sort": "-gallery_count"}).context["table"].paginated_rows
    ]
    assert names == ["Huize Linde", "De Meidoorn"]
    names = [
        r.record.name for r in client.get(url, {"sort": "vacancy"}).context["table"].paginated_rows
    ]
    assert len(names) == 2


def test_list_pages_by_25(client, official, corporation):
    ComplexFactory.create_batch(30, corporation=corporation)
    client.force_login(official)
    url = reverse("complexes:complex_list")
    assert len(client.get(url).context["table"].paginated_rows) == 25
    assert len(client.get(url, {"page": 2}).context["table"].paginated_rows) == 5


# --- Create, edit, delete ---------------------------------------------------------------------


def _complex_data(**overrides) -> dict:
    district = DistrictFactory()
    data = {
        "name": "Nieuwe Hof",
        "address": "Kade 1",
        "postcode": "3011 AB",
        "district": district.pk,
        "units": 40,
        "vacant_units": 2,
        "is_senior": "on",
        "has_communal_room": "on",
        "room_managed_by": "core_group",
        "room_opening_hours": "ma-vr 10-12",
        "room_key_holders": "huismeester",
    }
    data.update(overrides)
    return data


def test_staff_creates_a_complex_for_their_own_corporation(
    client, corporation_staff, corporation, other_corporation
):
    client.force_login(corporation_staff)
    url = reverse("complexes:complex_create")
    form = client.get(url).context["form"]
    assert "corporation" not in form.fields
    response = client.post(url, _complex_data(corporation=other_corporation.pk))
    assert response.status_code == 302
    created = Complex.objects.get(name="Nieuwe Hof")
    assert created.corporation == corporation
    assert created.room_managed_by == "core_group"
    assert created.snapshots.count() == 1


def test_functional_admin_chooses_the_corporation(client, functional_admin, other_corporation):
    client.force_login(functional_admin)
    url = reverse("complexes:complex_create")
    assert client.post(url, _complex_data()).status_code == 200  # corporation is required
    assert not Complex.objects.filter(name="Nieuwe Hof").exists()
    response = client.post(url, _complex_data(corporation=other_corporation.pk))
    assert response.status_code == 302
    assert Complex.objects.get(name="Nieuwe Hof").corporation == other_corporation


def test_create_with_vacancy_above_units_is_a_field_error(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.post(
        reverse("complexes:complex_create"), _complex_data(units=10, vacant_units=11)
    )
    assert response.status_code == 200
    assert "vacant_units" in response.context["form"].errors
    assert not Complex.objects.filter(name="Nieuwe Hof").exists()


def test_duplicate_complex_name_writes_nothing(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(reverse("complexes:complex_create"), _complex_data(name="De Meidoorn"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Complex.objects.filter(name="De Meidoorn").count() == 1


@pytest.mark.parametrize("role_fixture", ["official", "team_member", "welfare_professional"])
def test_roles_without_permission_cannot_create(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = reverse("complexes:complex_create")
    assert client.get(url).status_code == 403
    assert client.post(url, _complex_data()).status_code == 403
    assert not Complex.objects.filter(name="Nieuwe Hof").exists()


def test_staff_edits_own_complex_and_vacancy_change_is_recorded(
    client, corporation_staff, own_complex
):
    client.force_login(corporation_staff)
    url = reverse("complexes:complex_update", args=[own_complex.pk])
    assert client.get(url).status_code == 200
    data = _complex_data(name="De Meidoorn", units=60, vacant_units=9)
    response = client.post(url, data)
    assert response.status_code == 302
    own_complex.refresh_from_db()
    assert own_complex.vacant_units == 9
    assert own_complex.snapshots.get().vacant_units == 9


def test_edit_with_bad_input_writes_nothing(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    url = reverse("complexes:complex_update", args=[own_complex.pk])
    response = client.post(url, _complex_data(name="Anders", units=5, vacant_units=9))
    assert "vacant_units" in response.context["form"].errors
    own_complex.refresh_from_db()
    assert own_complex.name == "De Meidoorn"


@pytest.mark.parametrize("name", ["complex_update", "complex_delete"])
def test_it_rejects_editing_foreign_complex(client, corporation_staff, foreign_complex, name):
    client.force_login(corporation_staff)
    url = reverse(f"complexes:{name}", args=[foreign_complex.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _complex_data(name="Overgenomen")).status_code == 404
    assert Complex.objects.filter(pk=foreign_complex.pk, name="Huize Linde").exists()


@pytest.mark.parametrize("name", ["complex_update", "complex_delete"])
@pytest.mark.parametrize("role_fixture", ["official", "welfare_professional", "team_member"])
def test_read_only_roles_get_403_on_edit(client, request, own_complex, name, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = reverse(f"complexes:{name}", args=[own_complex.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _complex_data(name="Overgenomen")).status_code == 403
    assert Complex.objects.filter(pk=own_complex.pk, name="De Meidoorn").exists()


def test_professional_gets_404_for_unassigned_complex_edit(
    client, welfare_professional, foreign_complex
):
    client.force_login(welfare_professional)
    url = reverse("complexes:complex_update", args=[foreign_complex.pk])
    assert client.get(url).status_code == 404


def test_staff_deletes_own_complex(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    url = reverse("complexes:complex_delete", args=[own_complex.pk])
    assert client.get(url).status_code == 200
    assert Complex.objects.filter(pk=own_complex.pk).exists()  # GET only asks
    assert client.post(url).status_code == 302
    assert not Complex.objects.filter(pk=own_complex.pk).exists()


@pytest.mark.parametrize("count", [3, 30])
def test_edit_page_query_count_does_not_grow(
    client, corporation_staff, corporation, own_complex, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count, corporation=corporation)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("complexes:complex_update", args=[own_complex.pk]))
    assert response.status_code == 200


def test_vacancy_rounds_half_up_on_list_and_complex_page(client, official, corporation):
    # 1 of 63 is 1.587 % (was truncated to 1.5 in the list); 1 of 16 is 6.25 % (half up: 6.3).
    ComplexFactory(corporation=corporation, name="Drieënzestig", units=63, vacant_units=1)
    sixteen = ComplexFactory(corporation=corporation, name="Zestien", units=16, vacant_units=1)
    services.occupancy_record(complex=sixteen, date=datetime.date(2025, 1, 1), vacant_units=1)
    client.force_login(official)
    rows = client.get(reverse("complexes:complex_list"), {"sort": "name"}).context["table"].rows
    cells = {row.record.name: row.get_cell("vacancy").replace(",", ".") for row in rows}
    assert cells == {"Drieënzestig": "1.6", "Zestien": "6.3"}
    response = client.get(sixteen.get_absolute_url())
    assert str(response.context["vacancy_percent"]) == "6.3"
    assert [row["vacancy_percent"] for row in response.context["history"]] == [6.3]


def test_empty_complex_list_has_an_empty_text_and_no_export_buttons(
    client, corporation_staff, own_complex
):
    client.force_login(corporation_staff)
    url = reverse("complexes:complex_list")
    export = reverse("complexes:complex_export_csv")
    assert export in client.get(url).content.decode()
    response = client.get(url, {"q": "bestaat niet"})
    assert response.context["table"].empty_text
    assert export not in response.content.decode()
    assert reverse("complexes:complex_export_xlsx") not in response.content.decode()


def test_staff_see_no_corporation_column_or_filter(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_list"))
    assert "corporation" not in [column.name for column in response.context["table"].columns]
    assert "corporation" not in response.context["filter"].form.fields
    assert 'name="corporation"' not in response.content.decode()


@pytest.mark.parametrize("role_fixture", ["official", "functional_admin"])
def test_city_wide_roles_keep_the_corporation_column_and_filter(
    client, request, own_complex, foreign_complex, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(reverse("complexes:complex_list"))
    assert "corporation" in [column.name for column in response.context["table"].columns]
    assert 'name="corporation"' in response.content.decode()
    filtered = client.get(
        reverse("complexes:complex_list"), {"corporation": own_complex.corporation_id}
    )
    assert _names(filtered) == {"De Meidoorn"}


def test_api_keeps_the_corporation_filter_for_staff(
    api_client, corporation_staff, own_complex, foreign_complex
):
    api_client.force_authenticate(corporation_staff)
    own = api_client.get("/api/v1/complexes/", {"corporation": own_complex.corporation_id})
    assert own.status_code == 200
    foreign = api_client.get("/api/v1/complexes/", {"corporation": foreign_complex.corporation_id})
    assert foreign.status_code == 200
    assert "De Meidoorn" not in foreign.content.decode()
    # Still a filter: an unknown corporation is an invalid choice, not silently ignored.
    unknown = api_client.get("/api/v1/complexes/", {"corporation": 999999})
    assert unknown.status_code == 400
    assert "corporation" in unknown.json()


def test_complex_form_offers_a_choose_label_for_the_district(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_create"))
    assert response.context["form"].fields["district"].empty_label != "---------"
    assert "---------" not in response.content.decode()
