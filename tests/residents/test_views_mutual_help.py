"""The mutual-help screens: small help between neighbours, recorded per month."""

import datetime

import pytest
from django.urls import reverse

from residents.choices import HelpKind
from residents.models import MutualHelp
from tests.factories import ComplexFactory, GalleryFactory, MutualHelpFactory, ResidentFactory

pytestmark = pytest.mark.django_db

NO_PERMISSION = ["official", "team_member", "user_without_role"]


def _pks(response) -> set[int]:
    return {row.record.pk for row in response.context["table"].paginated_rows}


def _create_url(complex_) -> str:
    return f"{reverse('residents:mutual_help_create')}?complex={complex_.pk}"


def _data(**overrides) -> dict:
    return {"month": "2026-10", "kind": HelpKind.GROCERIES, "people_count": "", **overrides}


def test_owner_lists_only_own_mutual_help(client, corporation_staff, own_complex, foreign_complex):
    own = MutualHelpFactory(complex=own_complex)
    MutualHelpFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:mutual_help_list"))
    assert response.status_code == 200
    assert _pks(response) == {own.pk}


def test_professional_lists_only_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    own = MutualHelpFactory(complex=own_complex)
    MutualHelpFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert _pks(client.get(reverse("residents:mutual_help_list"))) == {own.pk}


def test_filters_narrow_the_list(client, corporation_staff, own_complex):
    MutualHelpFactory(complex=own_complex, kind=HelpKind.GROCERIES)
    cooking = MutualHelpFactory(complex=own_complex, kind=HelpKind.COOKING)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:mutual_help_list"), {"kind": HelpKind.COOKING})
    assert _pks(response) == {cooking.pk}


def test_residents_involved_are_ordered_and_labelled_by_gallery(
    client, corporation_staff, own_complex
):
    upper = GalleryFactory(complex=own_complex, name="Galerij 2", floor=2)
    lower = GalleryFactory(complex=own_complex, name="Galerij 1", floor=1)
    ResidentFactory(complex=own_complex, gallery=upper, name="Anna Bos")
    ResidentFactory(complex=own_complex, gallery=lower, name="Piet Post")
    client.force_login(corporation_staff)
    form = client.get(_create_url(own_complex)).context["form"]
    labels = [label for _value, label in form.fields["residents"].choices]
    assert labels == ["Piet Post — Galerij 1", "Anna Bos — Galerij 2"]


@pytest.mark.parametrize("role_fixture", NO_PERMISSION)
def test_roles_without_permission_are_refused(client, request, role_fixture, own_complex):
    help_ = MutualHelpFactory(complex=own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("residents:mutual_help_list")).status_code == 403
    assert client.post(_create_url(own_complex), _data(people_count="3")).status_code == 403
    delete = reverse("residents:mutual_help_delete", args=[help_.pk])
    assert client.post(delete).status_code == 403
    assert MutualHelp.objects.count() == 1


def test_owner_records_mutual_help_with_month_and_residents(
    client, corporation_staff, own_complex, own_resident
):
    client.force_login(corporation_staff)
    assert client.get(_create_url(own_complex)).status_code == 200
    response = client.post(_create_url(own_complex), _data(residents=[own_resident.pk]))
    assert response.status_code == 302
    help_ = MutualHelp.objects.get()
    assert help_.month == datetime.date(2026, 10, 1)
    assert help_.people_count == 1
    assert help_.recorded_by == corporation_staff
    assert list(help_.residents.all()) == [own_resident]


def test_only_a_count_is_enough(client, welfare_professional, own_complex):
    client.force_login(welfare_professional)
    assert client.post(_create_url(own_complex), _data(people_count="4")).status_code == 302
    help_ = MutualHelp.objects.get()
    assert (help_.people_count, help_.recorded_by) == (4, welfare_professional)


@pytest.mark.parametrize("count", ["", "0"])
def test_nothing_named_and_no_count_is_a_people_count_error(
    client, corporation_staff, own_complex, count
):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(people_count=count))
    assert response.status_code == 200
    assert "people_count" in response.context["form"].errors
    assert not MutualHelp.objects.exists()


def test_count_below_named_residents_is_a_field_error(
    client, corporation_staff, own_complex, own_resident
):
    other = ResidentFactory(complex=own_complex)
    client.force_login(corporation_staff)
    data = _data(residents=[own_resident.pk, other.pk], people_count="1")
    response = client.post(_create_url(own_complex), data)
    assert "people_count" in response.context["form"].errors
    assert not MutualHelp.objects.exists()


def test_bad_month_and_foreign_resident_are_field_errors(
    client, corporation_staff, own_complex, foreign_resident
):
    client.force_login(corporation_staff)
    data = _data(month="oktober", residents=[foreign_resident.pk])
    response = client.post(_create_url(own_complex), data)
    assert {"month", "residents"} <= set(response.context["form"].errors)
    assert not MutualHelp.objects.exists()


def test_it_rejects_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert client.post(_create_url(foreign_complex), _data(people_count="2")).status_code == 404
    assert not MutualHelp.objects.exists()


def test_professional_cannot_create_in_unassigned_complex(
    client, welfare_professional, corporation
):
    client.force_login(welfare_professional)
    unassigned = ComplexFactory(corporation=corporation)
    assert client.post(_create_url(unassigned), _data(people_count="2")).status_code == 404


def test_owner_edits_mutual_help(client, corporation_staff, own_complex):
    help_ = MutualHelpFactory(complex=own_complex, people_count=2, recorded_by=None)
    client.force_login(corporation_staff)
    url = reverse("residents:mutual_help_update", args=[help_.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b'type="month"' in response.content
    assert client.post(url, _data(kind=HelpKind.COMPANY, people_count="6")).status_code == 302
    help_.refresh_from_db()
    assert (help_.kind, help_.people_count) == (HelpKind.COMPANY, 6)


def test_foreign_mutual_help_is_404(client, corporation_staff, foreign_complex):
    help_ = MutualHelpFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    update = reverse("residents:mutual_help_update", args=[help_.pk])
    assert client.get(update).status_code == 404
    assert client.post(update, _data(people_count="9")).status_code == 404
    delete = reverse("residents:mutual_help_delete", args=[help_.pk])
    assert client.post(delete).status_code == 404
    help_.refresh_from_db()
    assert help_.people_count == 2


def test_owner_deletes_mutual_help(client, corporation_staff, own_complex):
    help_ = MutualHelpFactory(complex=own_complex)
    client.force_login(corporation_staff)
    url = reverse("residents:mutual_help_delete", args=[help_.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not MutualHelp.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_mutual_help_list_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    residents = ResidentFactory.create_batch(3, complex=own_complex)
    MutualHelpFactory.create_batch(
        count, complex=own_complex, residents=residents, recorded_by=corporation_staff
    )
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("residents:mutual_help_list"))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == count
