"""What a user gets wrong is told in Dutch, on the field to change — on screens, in the API and
in the import preview — and nothing is written."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex, Gallery
from residents.models import Resident, RoomBooking
from tests.factories import DistrictFactory, RoomBookingFactory

pytestmark = pytest.mark.django_db


def _field_errors(response, field) -> list[str]:
    return list(response.context["form"].errors[field])


def test_complex_form_says_in_dutch_that_vacancy_exceeds_units(client, corporation_staff):
    client.force_login(corporation_staff)
    district = DistrictFactory()
    response = client.post(
        reverse("complexes:complex_create"),
        {
            "name": "Nieuwe Hof",
            "address": "Kade 1",
            "postcode": "3011 AB",
            "district": district.pk,
            "units": 10,
            "vacant_units": 11,
            "room_managed_by": "nobody",
        },
    )
    assert _field_errors(response, "vacant_units") == [
        "Het aantal leegstaande woningen (11) kan niet groter zijn dan het aantal woningen (10)."
    ]
    assert not Complex.objects.filter(name="Nieuwe Hof").exists()


def test_duplicate_gallery_is_told_in_dutch_on_the_name(client, corporation_staff, own_gallery):
    client.force_login(corporation_staff)
    response = client.post(
        reverse("complexes:gallery_create", args=[own_gallery.complex_id]),
        {"name": own_gallery.name, "floor": 2, "homes": 10},
    )
    assert _field_errors(response, "name") == ["Dit complex heeft al een galerij met deze naam."]
    assert Gallery.objects.filter(complex=own_gallery.complex).count() == 1


def test_api_errors_are_dutch_without_asking(api_client, corporation_staff, own_complex):
    api_client.force_authenticate(corporation_staff)
    next_year = timezone.localdate().year + 1
    response = api_client.post(
        "/api/v1/residents/",
        {"complex": own_complex.pk, "name": "Mevrouw Smit", "birth_year": next_year},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"birth_year": ["Het geboortejaar kan niet in de toekomst liggen."]}
    assert not Resident.objects.filter(name="Mevrouw Smit").exists()


def test_api_speaks_english_when_asked(api_client, corporation_staff, own_complex):
    api_client.force_authenticate(corporation_staff)
    next_year = timezone.localdate().year + 1
    response = api_client.post(
        "/api/v1/residents/",
        {"complex": own_complex.pk, "name": "Mevrouw Smit", "birth_year": next_year},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json() == {"birth_year": ["The birth year cannot be in the future."]}


def test_an_overlapping_booking_names_the_clash_in_dutch(
    api_client, corporation_staff, own_complex
):
    day = timezone.localdate() + datetime.timedelta(days=4)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
    RoomBookingFactory(
        complex=own_complex, title="Bingo", start=start, end=start + datetime.timedelta(hours=2)
    )
    api_client.force_authenticate(corporation_staff)
    response = api_client.post(
        "/api/v1/room-bookings/",
        {
            "complex": own_complex.pk,
            "title": "Kaarten",
            "start": (start + datetime.timedelta(hours=1)).isoformat(),
            "end": (start + datetime.timedelta(hours=3)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["start"] == [
        "De gemeenschappelijke ruimte is dan al gereserveerd: “Bingo” op "
        f"{day:%d-%m-%Y} van 14:00 tot 16:00."
    ]
    assert RoomBooking.objects.filter(complex=own_complex).count() == 1


def test_import_preview_names_row_and_column_in_dutch(client, corporation_staff):
    DistrictFactory(name="Charlois", code="charlois")
    csv = (
        b"complex;adres;postcode;gebied;woningen;leegstand\r\n"
        b"De Vlinderhof;Wolphaertsbocht 120;3083 KA;Charlois;48;2\r\n"
        b"Huize Maaszicht;Oranjeboomstraat 45;30711 SB;Charlois;36;0\r\n"
    )
    client.force_login(corporation_staff)
    preview = client.post(
        reverse("complexes:complex_import"),
        {"file": SimpleUploadedFile("complexen.csv", csv)},
    )
    messages = [str(error) for error in preview.context["errors"]]
    assert len(messages) == 1
    assert messages[0].startswith("Rij 3, kolom postcode: ")
    assert "Nederlandse postcode" in messages[0]
    assert not Complex.objects.exists()
