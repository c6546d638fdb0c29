"""The activity screens: who came to the communal room, for the complexes a user keeps."""

import datetime

import pytest
from django.urls import reverse

from residents.choices import ActivityKind
from residents.models import Activity
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    ResidentFactory,
    ResidentGroupFactory,
)

pytestmark = pytest.mark.django_db

NO_PERMISSION = ["official", "team_member", "user_without_role"]


def _pks(response) -> set[int]:
    return {row.record.pk for row in response.context["table"].paginated_rows}


def _create_url(complex_) -> str:
    return f"{reverse('residents:activity_create')}?complex={complex_.pk}"


def _data(**overrides) -> dict:
    return {"kind": ActivityKind.BINGO, "date": "2026-03-12", "head_count": "", **overrides}


def test_owner_lists_only_own_activities(client, corporation_staff, own_complex, foreign_complex):
    own = ActivityFactory(complex=own_complex)
    ActivityFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:activity_list"))
    assert response.status_code == 200
    assert _pks(response) == {own.pk}


def test_professional_lists_only_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    own = ActivityFactory(complex=own_complex)
    ActivityFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert _pks(client.get(reverse("residents:activity_list"))) == {own.pk}


def test_filters_narrow_the_list(client, corporation_staff, own_complex):
    bingo = ActivityFactory(complex=own_complex, kind=ActivityKind.BINGO, date="2026-01-10")
    coffee = ActivityFactory(complex=own_complex, kind=ActivityKind.COFFEE, date="2026-02-10")
    client.force_login(corporation_staff)
    url = reverse("residents:activity_list")
    assert _pks(client.get(url, {"kind": ActivityKind.BINGO})) == {bingo.pk}
    assert _pks(client.get(url, {"date_after": "2026-02-01"})) == {coffee.pk}


def test_htmx_request_gets_only_the_table(client, corporation_staff, own_complex):
    ActivityFactory(complex=own_complex)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:activity_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content


def test_group_filter_offers_the_chosen_complexs_groups_only(
    client, corporation_staff, own_complex
):
    second = ComplexFactory(corporation=own_complex.corporation, name="De Vlier")
    here = ResidentGroupFactory(complex=own_complex, name="Kaartclub Meidoorn")
    there = ResidentGroupFactory(complex=second, name="Kaartclub Vlier")
    ActivityFactory(complex=second, group=there)
    client.force_login(corporation_staff)
    url = reverse("residents:activity_list")
    assert list(client.get(url).context["filter"].form.fields["group"].queryset) == []
    response = client.get(url, {"complex": own_complex.pk}, HTTP_HX_REQUEST="true")
    assert list(response.context["filter"].form.fields["group"].queryset) == [here]
    # The htmx answer replaces the group choices beside the table.
    assert b'id="activity-group-filter" hx-swap-oob="true"' in response.content
    assert b"Kaartclub Vlier" not in response.content
    # A full page shows the group filter under the same id, to be replaced.
    assert b'id="activity-group-filter">' in client.get(url).content


def test_attendees_show_their_gallery_and_the_group_has_an_empty_label(
    client, corporation_staff, own_complex
):
    gallery = GalleryFactory(complex=own_complex, name="Galerij 2", floor=2)
    ResidentFactory(complex=own_complex, gallery=gallery, name="Maria Post")
    ResidentGroupFactory(complex=own_complex, name="Bingoclub")
    client.force_login(corporation_staff)
    response = client.get(_create_url(own_complex))
    labels = [label for _value, label in response.context["form"].fields["attendees"].choices]
    assert labels == ["Maria Post — Galerij 2"]
    assert b"---------" not in response.content


@pytest.mark.parametrize("role_fixture", NO_PERMISSION)
def test_roles_without_permission_are_refused(client, request, role_fixture, own_complex):
    activity = ActivityFactory(complex=own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("residents:activity_list")).status_code == 403
    assert client.post(_create_url(own_complex), _data()).status_code == 403
    update = reverse("residents:activity_update", args=[activity.pk])
    assert client.post(update, _data()).status_code == 403
    assert client.post(reverse("residents:activity_delete", args=[activity.pk])).status_code == 403
    assert Activity.objects.get().kind == ActivityKind.COFFEE


def test_owner_records_an_activity_with_group_and_attendees(
    client, corporation_staff, own_complex, own_resident
):
    group = ResidentGroupFactory(complex=own_complex)
    client.force_login(corporation_staff)
    assert client.get(_create_url(own_complex)).status_code == 200
    data = _data(group=group.pk, attendees=[own_resident.pk], head_count="12")
    assert client.post(_create_url(own_complex), data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.complex, activity.group, activity.head_count) == (own_complex, group, 12)
    assert activity.date == datetime.date(2026, 3, 12)
    assert list(activity.attendees.all()) == [own_resident]


def test_empty_head_count_becomes_the_number_named(
    client, corporation_staff, own_complex, own_resident
):
    other = ResidentFactory(complex=own_complex)
    client.force_login(corporation_staff)
    client.post(_create_url(own_complex), _data(attendees=[own_resident.pk, other.pk]))
    assert Activity.objects.get().head_count == 2


def test_head_count_below_named_attendees_is_a_field_error(
    client, corporation_staff, own_complex, own_resident
):
    other = ResidentFactory(complex=own_complex)
    client.force_login(corporation_staff)
    data = _data(attendees=[own_resident.pk, other.pk], head_count="1")
    response = client.post(_create_url(own_complex), data)
    assert response.status_code == 200
    assert "head_count" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_group_or_attendee_of_another_complex_is_refused(
    client, corporation_staff, own_complex, foreign_complex, foreign_resident
):
    foreign_group = ResidentGroupFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    data = _data(group=foreign_group.pk, attendees=[foreign_resident.pk])
    response = client.post(_create_url(own_complex), data)
    assert {"group", "attendees"} <= set(response.context["form"].errors)
    assert not Activity.objects.exists()


def test_missing_date_is_a_field_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(date=""))
    assert "date" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_it_rejects_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert client.post(_create_url(foreign_complex), _data()).status_code == 404
    assert not Activity.objects.exists()


def test_professional_cannot_create_in_unassigned_complex(
    client, welfare_professional, corporation
):
    client.force_login(welfare_professional)
    unassigned = ComplexFactory(corporation=corporation)
    assert client.post(_create_url(unassigned), _data()).status_code == 404
    assert not Activity.objects.exists()


def test_owner_edits_an_activity(client, corporation_staff, own_complex, own_resident):
    activity = ActivityFactory(complex=own_complex, attendees=[own_resident], head_count=5)
    client.force_login(corporation_staff)
    url = reverse("residents:activity_update", args=[activity.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _data(kind=ActivityKind.MEAL, head_count="9"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.head_count) == (ActivityKind.MEAL, 9)
    assert not activity.attendees.exists()


def test_foreign_activity_is_404(client, corporation_staff, foreign_complex):
    activity = ActivityFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    assert client.get(reverse("residents:activity_update", args=[activity.pk])).status_code == 404
    assert client.post(reverse("residents:activity_delete", args=[activity.pk])).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_professional_deletes_an_activity_of_assigned_complex(
    client, welfare_professional, own_complex
):
    activity = ActivityFactory(complex=own_complex)
    client.force_login(welfare_professional)
    url = reverse("residents:activity_delete", args=[activity.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Activity.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_activity_list_query_count_does_not_grow(
    client, welfare_professional, own_complex, django_assert_max_num_queries, count
):
    residents = ResidentFactory.create_batch(3, complex=own_complex)
    group = ResidentGroupFactory(complex=own_complex)
    ActivityFactory.create_batch(count, complex=own_complex, group=group, attendees=residents)
    client.force_login(welfare_professional)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("residents:activity_list"))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == count
