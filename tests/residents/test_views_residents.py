"""The residents screens: only roles that may see personal data, and only their own residents;
a resident's privacy rights (an export of everything held, and erasure that keeps the counts)."""

import datetime
import json

import pytest
from django.urls import reverse

from complexes.models import Gallery
from leefbaarheid.models import AuditEntry
from residents.choices import Household
from residents.models import Activity, Membership, MutualHelp, Resident, ResidentGroup
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
)
from tests.helpers import nav_links

pytestmark = pytest.mark.django_db


def _export(pk):
    return reverse("residents:resident_export", args=[pk])


def _erase(pk):
    return reverse("residents:resident_erase", args=[pk])


@pytest.fixture
def full_record(own_complex, own_gallery, own_resident):
    """The resident as contact person, group member, attendee, helper and visited."""
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=own_resident, contact_since=datetime.date(2024, 1, 1)
    )
    neighbour = ResidentFactory(complex=own_complex, name="Buurvrouw")
    group = ResidentGroupFactory(
        complex=own_complex, name="Vrouwengroep", members=[own_resident, neighbour]
    )
    activity = ActivityFactory(
        complex=own_complex, head_count=2, attendees=[own_resident, neighbour]
    )
    help_ = MutualHelpFactory(complex=own_complex, people_count=2, residents=[own_resident])
    ResidentContactFactory(resident=own_resident)
    return {"group": group, "activity": activity, "help": help_, "neighbour": neighbour}


# Export ----------------------------------------------------------------------------------------


def test_owner_downloads_everything_held_as_json(
    client, corporation_staff, own_resident, full_record
):
    client.force_login(corporation_staff)
    response = client.get(_export(own_resident.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="resident-{own_resident.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["resident"]["name"] == "Mevrouw Jansen"
    assert data["contact_person_for"] == ["Galerij A"]
    assert [group["group"] for group in data["groups"]] == ["Vrouwengroep"]
    assert len(data["activities"]) == len(data["mutual_help"]) == len(data["contacts"]) == 1
    entry = AuditEntry.objects.get(action="export")
    assert (entry.model, entry.object_id, entry.user) == (
        "residents.resident",
        str(own_resident.pk),
        corporation_staff,
    )


def test_it_rejects_exporting_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    assert client.get(_export(foreign_resident.pk)).status_code == 404


def test_professional_exports_only_assigned_residents(
    client, welfare_professional, own_resident, corporation
):
    unassigned = ResidentFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.get(_export(own_resident.pk)).status_code == 200
    assert client.get(_export(unassigned.pk)).status_code == 404


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_roles_without_personal_data_cannot_export_or_erase(
    client, request, role_fixture, own_resident
):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(_export(own_resident.pk)).status_code == 403
    assert client.get(_erase(own_resident.pk)).status_code == 403
    assert client.post(_erase(own_resident.pk)).status_code == 403
    assert Resident.objects.filter(pk=own_resident.pk).exists()


# Erasure ---------------------------------------------------------------------------------------


def test_erase_asks_for_confirmation_first(client, corporation_staff, own_resident, full_record):
    client.force_login(corporation_staff)
    response = client.get(_erase(own_resident.pk))
    assert response.status_code == 200
    assert response.context["group_count"] == 1
    assert Resident.objects.filter(pk=own_resident.pk).exists()


def test_erasure_keeps_head_counts_and_cleans_groups_and_galleries(
    client, corporation_staff, own_gallery, own_resident, full_record
):
    client.force_login(corporation_staff)
    response = client.post(_erase(own_resident.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:resident_list")
    assert not Resident.objects.filter(pk=own_resident.pk).exists()

    activity = Activity.objects.get(pk=full_record["activity"].pk)
    assert activity.head_count == 2
    assert list(activity.attendees.all()) == [full_record["neighbour"]]
    help_ = MutualHelp.objects.get(pk=full_record["help"].pk)
    assert help_.people_count == 2
    assert help_.residents.count() == 0

    group = ResidentGroup.objects.get(pk=full_record["group"].pk)
    assert group.unnamed_members == 1
    assert list(Membership.objects.values_list("resident", flat=True)) == [
        full_record["neighbour"].pk
    ]
    own_gallery.refresh_from_db()
    assert (own_gallery.contact_person, own_gallery.contact_since) == (None, None)


def test_erasure_is_audited_without_the_name(client, corporation_staff, own_resident):
    client.force_login(corporation_staff)
    client.post(_erase(own_resident.pk))
    entry = AuditEntry.objects.get(action="erase")
    assert (entry.model, entry.object_id, entry.complex_id, entry.user) == (
        "residents.resident",
        str(own_resident.pk),
        own_resident.complex_id,
        corporation_staff,
    )
    stored = json.dumps([entry.model, entry.object_id, entry.fields, str(entry)])
    assert "Jansen" not in stored


def test_it_rejects_erasing_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    assert client.get(_erase(foreign_resident.pk)).status_code == 404
    assert client.post(_erase(foreign_resident.pk)).status_code == 404
    assert Resident.objects.filter(pk=foreign_resident.pk).exists()
    assert not AuditEntry.objects.filter(action="erase").exists()


def test_professional_erases_only_assigned_residents(
    client, welfare_professional, own_resident, corporation
):
    unassigned = ResidentFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.post(_erase(unassigned.pk)).status_code == 404
    assert client.post(_erase(own_resident.pk)).status_code == 302
    assert list(Resident.objects.all()) == [unassigned]


def test_export_and_erase_pages_keep_a_fixed_number_of_queries(
    client, corporation_staff, own_complex, own_resident, django_assert_max_num_queries
):
    client.force_login(corporation_staff)
    for count in (3, 30):
        ActivityFactory.create_batch(count, complex=own_complex, attendees=[own_resident])
        with django_assert_max_num_queries(20):
            assert client.get(_erase(own_resident.pk)).status_code == 200
        with django_assert_max_num_queries(20):
            assert client.get(_export(own_resident.pk)).status_code == 200


LIST = reverse("residents:resident_list")
CREATE = reverse("residents:resident_create")


def _names(response) -> set[str]:
    return {row.record.name for row in response.context["table"].paginated_rows}


def _nav_urls(response) -> set[str]:
    return {item["url"] for item in nav_links(response)}


def _valid_data(gallery=None, **overrides) -> dict:
    return {
        "name": "Meneer de Vries",
        "gallery": gallery.pk if gallery else "",
        "birth_year": 1950,
        "household": Household.WIDOWED,
        "language": "Nederlands",
        "moved_in": "2024-03-01",
        "consent_contact_person": "on",
        **overrides,
    }


# The list ---------------------------------------------------------------------------------------


def test_corporation_staff_lists_only_own_residents(
    client, corporation_staff, own_resident, foreign_resident
):
    client.force_login(corporation_staff)
    response = client.get(LIST)
    assert response.status_code == 200
    assert _names(response) == {"Mevrouw Jansen"}
    assert LIST in _nav_urls(response)


def test_professional_lists_only_residents_of_assigned_complexes(
    client, welfare_professional, own_resident, foreign_resident, corporation
):
    unassigned = ComplexFactory(corporation=corporation, name="Niet toegewezen")
    ResidentFactory(complex=unassigned, name="Niet zichtbaar")
    client.force_login(welfare_professional)
    assert _names(client.get(LIST)) == {"Mevrouw Jansen"}


def test_functional_admin_lists_every_resident(
    client, functional_admin, own_resident, foreign_resident
):
    client.force_login(functional_admin)
    assert _names(client.get(LIST)) == {"Mevrouw Jansen", "Meneer Pietersen"}


@pytest.mark.parametrize("role_fixture", ["official", "team_member", "user_without_role"])
def test_roles_without_personal_data_are_refused_and_see_no_menu_item(
    client, request, role_fixture, own_resident
):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(LIST).status_code == 403
    detail = reverse("residents:resident_detail", args=[own_resident.pk])
    assert client.get(detail).status_code == 403
    assert client.get(CREATE).status_code == 403
    home = client.get(reverse("home"))
    assert LIST not in _nav_urls(home)


def test_filters_narrow_the_list(client, corporation_staff, own_complex, own_gallery):
    other_gallery = GalleryFactory(complex=own_complex, name="Galerij B")
    ResidentFactory(complex=own_complex, gallery=own_gallery, name="Anna", household="alone")
    ResidentFactory(complex=own_complex, gallery=other_gallery, name="Bert", household="couple")
    client.force_login(corporation_staff)
    assert _names(client.get(LIST, {"q": "ann"})) == {"Anna"}
    assert _names(client.get(LIST, {"household": "couple"})) == {"Bert"}
    chosen = {"complex": own_complex.pk, "gallery": other_gallery.pk}
    assert _names(client.get(LIST, chosen)) == {"Bert"}


def test_gallery_choices_follow_the_chosen_complex(
    client, corporation_staff, own_complex, own_gallery
):
    second = ComplexFactory(corporation=own_complex.corporation, name="De Vlier")
    GalleryFactory(complex=second, name="Galerij Vlier")
    client.force_login(corporation_staff)
    offered = client.get(LIST).context["filter"].form.fields["gallery"].queryset
    assert list(offered) == []
    response = client.get(LIST, {"complex": own_complex.pk}, HTTP_HX_REQUEST="true")
    assert list(response.context["filter"].form.fields["gallery"].queryset) == [own_gallery]
    # The htmx answer replaces the gallery choices beside the table.
    assert b'id="resident-gallery-filter" hx-swap-oob="true"' in response.content
    assert b"Galerij Vlier" not in response.content


def test_gallery_filter_offers_no_foreign_gallery(
    client, corporation_staff, own_gallery, foreign_gallery
):
    client.force_login(corporation_staff)
    response = client.get(LIST, {"gallery": foreign_gallery.pk})
    assert "gallery" in response.context["filter"].form.errors


def test_htmx_request_gets_only_the_table(client, corporation_staff, own_resident):
    client.force_login(corporation_staff)
    response = client.get(LIST, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Mevrouw Jansen" in response.content


@pytest.mark.parametrize("count", [3, 30])
def test_resident_list_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    # The gallery filter grows with the data too: one gallery for every three residents.
    galleries = GalleryFactory.create_batch(count // 3, complex=own_complex)
    for number in range(count):
        ResidentFactory(complex=own_complex, gallery=galleries[number % len(galleries)])
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"per_page": 50, "complex": own_complex.pk})
    assert response.status_code == 200
    assert len(response.context["table"].paginated_rows) == count


# The resident's page ------------------------------------------------------------------------------


def test_owner_opens_resident_page_with_groups_activities_contacts(
    client, corporation_staff, own_complex, own_gallery, own_resident
):
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=own_resident, contact_since=datetime.date(2024, 1, 1)
    )
    ResidentGroupFactory(complex=own_complex, name="Trekkersgroep", members=[own_resident])
    ActivityFactory(complex=own_complex, attendees=[own_resident])
    ResidentContactFactory(resident=own_resident)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:resident_detail", args=[own_resident.pk]))
    assert response.status_code == 200
    assert [m.group.name for m in response.context["memberships"]] == ["Trekkersgroep"]
    assert len(response.context["activities"]) == 1
    assert len(response.context["contacts"]) == 1
    assert response.context["contact_for"] == [own_gallery]
    assert b"Trekkersgroep" in response.content


def test_it_rejects_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    for name in ("resident_detail", "resident_update"):
        response = client.get(reverse(f"residents:{name}", args=[foreign_resident.pk]))
        assert response.status_code == 404, name


def test_professional_cannot_open_unassigned_resident(client, welfare_professional, corporation):
    resident = ResidentFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    detail = reverse("residents:resident_detail", args=[resident.pk])
    assert client.get(detail).status_code == 404


# Adding and changing --------------------------------------------------------------------------


def test_adding_starts_by_choosing_a_visible_complex(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = client.get(CREATE)
    assert response.status_code == 200
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]


def test_choosing_the_complex_has_a_named_empty_choice_and_a_way_back(
    client, corporation_staff, own_complex
):
    client.force_login(corporation_staff)
    response = client.get(CREATE)
    assert b"---------" not in response.content
    assert b'<option value="" selected>' in response.content
    # The menu links to the list too: this is the link under the form.
    assert f'<p class="mt-3 mb-0"><a href="{LIST}">'.encode() in response.content


def test_it_rejects_adding_to_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    url = f"{CREATE}?complex={foreign_complex.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, _valid_data()).status_code == 404
    assert not Resident.objects.exists()


def test_gallery_choices_are_the_complexs_own(
    client, corporation_staff, own_complex, own_gallery, corporation
):
    GalleryFactory(complex=ComplexFactory(corporation=corporation), name="Elders")
    client.force_login(corporation_staff)
    response = client.get(f"{CREATE}?complex={own_complex.pk}")
    assert list(response.context["form"].fields["gallery"].queryset) == [own_gallery]


def test_owner_adds_resident(client, corporation_staff, own_complex, own_gallery):
    client.force_login(corporation_staff)
    response = client.post(f"{CREATE}?complex={own_complex.pk}", _valid_data(own_gallery))
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:resident_detail", args=[resident.pk])
    assert (resident.complex, resident.gallery, resident.household) == (
        own_complex,
        own_gallery,
        Household.WIDOWED,
    )
    assert resident.consent_contact_person is True


def test_professional_adds_resident_only_to_assigned_complex(
    client, welfare_professional, own_complex, corporation
):
    unassigned = ComplexFactory(corporation=corporation)
    client.force_login(welfare_professional)
    assert client.post(f"{CREATE}?complex={unassigned.pk}", _valid_data()).status_code == 404
    assert client.post(f"{CREATE}?complex={own_complex.pk}", _valid_data()).status_code == 302
    assert list(Resident.objects.values_list("complex", flat=True)) == [own_complex.pk]


@pytest.mark.parametrize(
    ("field", "value"),
    [("birth_year", 2999), ("moved_in", "2999-01-01"), ("name", ""), ("household", "rich")],
)
def test_bad_input_names_the_field_and_writes_nothing(
    client, corporation_staff, own_complex, field, value
):
    client.force_login(corporation_staff)
    response = client.post(f"{CREATE}?complex={own_complex.pk}", _valid_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Resident.objects.exists()


def test_gallery_of_another_complex_is_refused(client, corporation_staff, own_complex, corporation):
    elsewhere = GalleryFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(corporation_staff)
    response = client.post(f"{CREATE}?complex={own_complex.pk}", _valid_data(elsewhere))
    assert "gallery" in response.context["form"].errors
    assert not Resident.objects.exists()


def test_owner_changes_resident(client, corporation_staff, own_resident):
    client.force_login(corporation_staff)
    url = reverse("residents:resident_update", args=[own_resident.pk])
    form = client.get(url).context["form"]
    assert form.initial["name"] == "Mevrouw Jansen"
    response = client.post(url, _valid_data(own_resident.gallery, name="Mevrouw Jansen-Bakker"))
    assert response.status_code == 302
    own_resident.refresh_from_db()
    assert own_resident.name == "Mevrouw Jansen-Bakker"
    assert own_resident.complex_id == own_resident.gallery.complex_id


def test_bad_change_writes_nothing(client, corporation_staff, own_resident):
    client.force_login(corporation_staff)
    url = reverse("residents:resident_update", args=[own_resident.pk])
    response = client.post(url, _valid_data(own_resident.gallery, birth_year=2999))
    assert "birth_year" in response.context["form"].errors
    own_resident.refresh_from_db()
    assert own_resident.birth_year == 1948


def test_it_rejects_changing_foreign_resident(client, corporation_staff, foreign_resident):
    client.force_login(corporation_staff)
    url = reverse("residents:resident_update", args=[foreign_resident.pk])
    assert client.post(url, _valid_data(name="Overgenomen")).status_code == 404
    foreign_resident.refresh_from_db()
    assert foreign_resident.name == "Meneer Pietersen"


def test_contact_person_moving_gallery_leaves_the_old_one(
    client, corporation_staff, own_complex, own_gallery, own_resident
):
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=own_resident, contact_since=datetime.date(2024, 1, 1)
    )
    other = GalleryFactory(complex=own_complex, name="Galerij B")
    client.force_login(corporation_staff)
    url = reverse("residents:resident_update", args=[own_resident.pk])
    assert client.post(url, _valid_data(other, name=own_resident.name)).status_code == 302
    own_gallery.refresh_from_db()
    assert own_gallery.contact_person is None
