"""The resident-group screens: each role reaches exactly the groups of its own complexes."""

import pytest
from django.urls import reverse

from residents.choices import GroupKind
from residents.models import Membership, ResidentGroup
from tests.factories import ComplexFactory, GalleryFactory, ResidentFactory, ResidentGroupFactory
from tests.helpers import nav_links

pytestmark = pytest.mark.django_db

NO_PERMISSION = ["official", "team_member", "user_without_role"]


def _names(response) -> set[str]:
    return {row.record.name for row in response.context["table"].paginated_rows}


def _create_url(complex_) -> str:
    return f"{reverse('residents:group_create')}?complex={complex_.pk}"


def _data(**overrides) -> dict:
    return {
        "kind": GroupKind.CORE_GROUP,
        "name": "Trekkers",
        "started": "2025-03-01",
        "active": "on",
        "unnamed_members": "2",
        **overrides,
    }


def test_owner_lists_only_own_groups_with_member_count(
    client, corporation_staff, own_complex, foreign_complex, own_resident
):
    ResidentGroupFactory(complex=own_complex, name="Commissie", members=[own_resident])
    ResidentGroup.objects.filter(name="Commissie").update(unnamed_members=3)
    ResidentGroupFactory(complex=foreign_complex, name="Vreemd")
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:group_list"))
    assert response.status_code == 200
    assert _names(response) == {"Commissie"}
    row = next(iter(response.context["table"].paginated_rows))
    assert row.record.member_count == 4


def test_professional_lists_only_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    unassigned = ComplexFactory(corporation=corporation, name="Niet toegewezen")
    ResidentGroupFactory(complex=own_complex, name="Hier")
    ResidentGroupFactory(complex=unassigned, name="Daar")
    client.force_login(welfare_professional)
    assert _names(client.get(reverse("residents:group_list"))) == {"Hier"}


def test_filters_narrow_the_list(client, functional_admin, own_complex, foreign_complex):
    ResidentGroupFactory(complex=own_complex, name="Actief", kind=GroupKind.COMMITTEE)
    ResidentGroupFactory(complex=own_complex, name="Slapend", active=False)
    ResidentGroupFactory(complex=foreign_complex, name="Vrouwen", kind=GroupKind.WOMENS_GROUP)
    client.force_login(functional_admin)
    url = reverse("residents:group_list")
    assert _names(client.get(url)) == {"Actief", "Slapend", "Vrouwen"}
    assert _names(client.get(url, {"complex": own_complex.pk})) == {"Actief", "Slapend"}
    assert _names(client.get(url, {"active": "false"})) == {"Slapend"}
    assert _names(client.get(url, {"kind": GroupKind.WOMENS_GROUP})) == {"Vrouwen"}


def test_htmx_request_gets_only_the_table(client, corporation_staff, own_complex):
    ResidentGroupFactory(complex=own_complex, name="Commissie")
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:group_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Commissie" in response.content


@pytest.mark.parametrize("role_fixture", NO_PERMISSION)
def test_roles_without_permission_are_refused(client, request, role_fixture, own_complex):
    group = ResidentGroupFactory(complex=own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("residents:group_list")).status_code == 403
    assert client.get(_create_url(own_complex)).status_code == 403
    assert client.get(reverse("residents:group_update", args=[group.pk])).status_code == 403
    assert client.post(reverse("residents:group_delete", args=[group.pk])).status_code == 403
    assert ResidentGroup.objects.filter(pk=group.pk).exists()


def test_official_has_no_menu_item(client, official, corporation_staff):
    client.force_login(official)
    labels = [item["url"] for item in nav_links(client.get(reverse("home")))]
    assert reverse("residents:group_list") not in labels
    client.force_login(corporation_staff)
    labels = [item["url"] for item in nav_links(client.get(reverse("home")))]
    assert reverse("residents:group_list") in labels


def test_only_the_closest_menu_item_is_current(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:group_list"))
    items = nav_links(response)
    assert [item["url"] for item in items if item["active"]] == [reverse("residents:group_list")]
    menus = [item for item in response.context["nav_items"] if item.get("children")]
    active = [menu for menu in menus if menu["active"]]
    assert len(menus) > 1
    assert len(active) == 1
    child_urls = [child["url"] for child in active[0]["children"]]
    assert reverse("residents:group_list") in child_urls


def test_owner_creates_a_group_with_members(client, corporation_staff, own_complex, own_resident):
    client.force_login(corporation_staff)
    assert client.get(_create_url(own_complex)).status_code == 200
    response = client.post(_create_url(own_complex), _data(members=[own_resident.pk]))
    assert response.status_code == 302
    group = ResidentGroup.objects.get(name="Trekkers")
    assert group.complex == own_complex
    assert group.unnamed_members == 2
    assert list(group.members.all()) == [own_resident]


def test_it_rejects_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert client.get(_create_url(foreign_complex)).status_code == 404
    assert client.post(_create_url(foreign_complex), _data()).status_code == 404
    assert not ResidentGroup.objects.exists()


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_create_without_a_valid_complex_is_404(client, corporation_staff, value):
    client.force_login(corporation_staff)
    url = f"{reverse('residents:group_create')}?complex={value}"
    assert client.get(url).status_code == 404


# Every building-life record starts in a complex: its list, its "new" screen, its model.
RECORD_SCREENS = [
    ("residents:group_list", "residents:group_create", "new-group-complex"),
    ("residents:activity_list", "residents:activity_create", "new-activity-complex"),
    ("residents:booking_list", "residents:booking_create", "new-booking-complex"),
    ("residents:mutual_help_list", "residents:mutual_help_create", "new-mutual_help-complex"),
]


@pytest.mark.parametrize(("list_name", "create_name", "select_id"), RECORD_SCREENS)
@pytest.mark.parametrize("query", ["", "?complex="])
def test_new_without_complex_offers_the_complexes_to_choose_from(
    client,
    corporation_staff,
    own_complex,
    foreign_complex,
    list_name,
    create_name,
    select_id,
    query,
):
    client.force_login(corporation_staff)
    url = reverse(create_name) + query
    response = client.get(url)
    assert response.status_code == 200
    assert "choose_complex.html" in [t.name for t in response.templates]
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]
    # Back to where bookings live (the calendar) or to the list.
    back = "residents:booking_calendar" if "booking" in list_name else list_name
    assert f'<p class="mt-3 mb-0"><a href="{reverse(back)}">'.encode() in response.content
    # Posting without a complex writes nothing: it only offers the choice again.
    assert client.post(url, {"name": "x", "title": "x"}).status_code == 200
    assert not ResidentGroup.objects.exists()


def test_professional_chooses_only_among_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    ComplexFactory(corporation=corporation, name="Niet toegewezen")
    client.force_login(welfare_professional)
    response = client.get(reverse("residents:group_create"))
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]


def test_the_choice_carries_the_day_picked_in_the_calendar(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:booking_create"), {"date": "2030-03-04"})
    assert response.status_code == 200
    assert b'<input type="hidden" name="date" value="2030-03-04">' in response.content


@pytest.mark.parametrize(("list_name", "create_name", "select_id"), RECORD_SCREENS)
def test_in_complex_picker_starts_empty_and_follows_the_complex_filter(
    client, corporation_staff, own_complex, list_name, create_name, select_id
):
    second = ComplexFactory(corporation=own_complex.corporation, name="De Vlier")
    client.force_login(corporation_staff)
    url = reverse(list_name)
    plain = client.get(url).content.decode()
    assert f'id="{select_id}" name="complex">\n  <option value="">' in plain
    assert " selected>" not in plain.split(f'id="{select_id}"')[1].split("</select>")[0]
    chosen = client.get(url, {"complex": second.pk}).content.decode()
    assert f'<option value="{second.pk}" selected>' in chosen
    # After an htmx filter change the picker is replaced out of band, on the same complex.
    htmx = client.get(url, {"complex": second.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="{select_id}" name="complex" hx-swap-oob="true"' in htmx
    assert f'<option value="{second.pk}" selected>' in htmx


@pytest.mark.parametrize(
    "list_name",
    [
        "residents:group_list",
        "residents:activity_list",
        "residents:booking_list",
        "residents:mutual_help_list",
        "residents:resident_list",
    ],
)
def test_an_empty_list_says_so(client, corporation_staff, own_complex, list_name):
    client.force_login(corporation_staff)
    response = client.get(reverse(list_name))
    table = response.context["table"]
    assert table.paginator.count == 0
    assert table.empty_text
    assert f'<td colspan="{len(table.columns)}">{table.empty_text}</td>'.encode() in (
        response.content
    )


def test_members_are_labelled_and_ordered_by_gallery(client, corporation_staff, own_complex):
    upper = GalleryFactory(complex=own_complex, name="Galerij 2", floor=2)
    lower = GalleryFactory(complex=own_complex, name="Galerij 1", floor=1)
    ResidentFactory(complex=own_complex, gallery=upper, name="Maria Post")
    ResidentFactory(complex=own_complex, gallery=lower, name="Maria Post")
    ResidentFactory(complex=own_complex, gallery=lower, name="Anna Bos")
    ResidentFactory(complex=own_complex, gallery=None, name="Zonder Galerij")
    client.force_login(corporation_staff)
    form = client.get(_create_url(own_complex)).context["form"]
    labels = [label for _value, label in form.fields["members"].choices]
    assert labels == [
        "Anna Bos — Galerij 1",
        "Maria Post — Galerij 1",
        "Maria Post — Galerij 2",
        "Zonder Galerij",
    ]


def test_professional_cannot_create_in_unassigned_complex(
    client, welfare_professional, own_complex, corporation
):
    unassigned = ComplexFactory(corporation=corporation, name="Niet toegewezen")
    client.force_login(welfare_professional)
    assert client.post(_create_url(unassigned), _data()).status_code == 404
    assert client.post(_create_url(own_complex), _data()).status_code == 302
    assert list(ResidentGroup.objects.values_list("complex", flat=True)) == [own_complex.pk]


def test_functional_admin_creates_in_any_complex(client, functional_admin, foreign_complex):
    client.force_login(functional_admin)
    assert client.post(_create_url(foreign_complex), _data()).status_code == 302
    assert ResidentGroup.objects.get().complex == foreign_complex


def test_resident_of_another_complex_is_no_choice(
    client, corporation_staff, own_complex, foreign_resident
):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(members=[foreign_resident.pk]))
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not ResidentGroup.objects.exists()


def test_duplicate_name_in_a_complex_is_a_name_error(client, corporation_staff, own_complex):
    ResidentGroupFactory(complex=own_complex, name="Trekkers")
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data())
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert ResidentGroup.objects.count() == 1


def test_negative_unnamed_members_is_a_field_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(unnamed_members="-1"))
    assert "unnamed_members" in response.context["form"].errors
    assert not ResidentGroup.objects.exists()


def test_owner_edits_a_group_and_its_members(client, corporation_staff, own_complex, own_resident):
    other = ResidentFactory(complex=own_complex, name="Meneer De Vries")
    group = ResidentGroupFactory(complex=own_complex, name="Oud", members=[own_resident])
    client.force_login(corporation_staff)
    url = reverse("residents:group_update", args=[group.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _data(name="Nieuw", active="", members=[other.pk]))
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.active) == ("Nieuw", False)
    assert list(Membership.objects.filter(group=group).values_list("resident", flat=True)) == [
        other.pk
    ]


def test_foreign_group_is_404_on_every_screen(client, corporation_staff, foreign_complex):
    group = ResidentGroupFactory(complex=foreign_complex, name="Vreemd")
    client.force_login(corporation_staff)
    update = reverse("residents:group_update", args=[group.pk])
    delete = reverse("residents:group_delete", args=[group.pk])
    assert client.get(update).status_code == 404
    assert client.post(update, _data()).status_code == 404
    assert client.get(delete).status_code == 404
    assert client.post(delete).status_code == 404
    group.refresh_from_db()
    assert group.name == "Vreemd"


def test_professional_cannot_reach_groups_of_unassigned_complex(
    client, welfare_professional, corporation
):
    group = ResidentGroupFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.get(reverse("residents:group_update", args=[group.pk])).status_code == 404
    assert client.post(reverse("residents:group_delete", args=[group.pk])).status_code == 404


def test_owner_deletes_a_group(client, corporation_staff, own_complex):
    group = ResidentGroupFactory(complex=own_complex)
    client.force_login(corporation_staff)
    url = reverse("residents:group_delete", args=[group.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not ResidentGroup.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_group_list_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    residents = ResidentFactory.create_batch(3, complex=own_complex)
    for _ in range(count):
        ResidentGroupFactory(complex=own_complex, members=residents)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("residents:group_list"))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == count
