"""The functional admin manages users; a role without the reach it needs is refused."""

import pytest
from django.contrib.auth.models import Group

from leefbaarheid import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post_user(client, user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "groups": [],
        "organisation": "",
        "corporation": "",
        "assigned_complexes": [],
    }
    data.update(changes)
    return client.post(f"/admin/leefbaarheid/user/{user.pk}/change/", data)


def test_staff_role_without_corporation_is_refused(client, functional_admin):
    user = UserFactory(username="nieuw")
    client.force_login(functional_admin)
    staff_group = Group.objects.get(name=roles.CORPORATION_STAFF)
    response = _post_user(client, user, groups=[staff_group.pk])
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Kies de corporatie" in errors["corporation"][0]
    user.refresh_from_db()
    assert not user.groups.exists()


def test_staff_role_with_corporation_is_saved(client, functional_admin, corporation):
    user = UserFactory(username="nieuw")
    client.force_login(functional_admin)
    staff_group = Group.objects.get(name=roles.CORPORATION_STAFF)
    response = _post_user(client, user, groups=[staff_group.pk], corporation=corporation.pk)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.corporation == corporation
    assert roles.user_roles(user) == {roles.CORPORATION_STAFF}


def test_complexes_only_for_professionals(client, functional_admin, own_complex):
    user = UserFactory(username="nieuw")
    client.force_login(functional_admin)
    response = _post_user(client, user, assigned_complexes=[own_complex.pk])
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "welzijnsprofessionals" in errors["assigned_complexes"][0]
    assert not user.assigned_complexes.exists()


def test_corporation_staff_cannot_manage_users(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get("/admin/leefbaarheid/user/", follow=True)
    assert response.status_code == 403


def test_two_roles_are_refused(client, functional_admin, corporation):
    user = UserFactory(username="dubbel")
    client.force_login(functional_admin)
    groups = Group.objects.filter(name__in=[roles.CORPORATION_STAFF, roles.MUNICIPALITY_OFFICIAL])
    response = _post_user(
        client, user, groups=[group.pk for group in groups], corporation=corporation.pk
    )
    assert response.status_code == 200
    assert "één rol" in response.context["adminform"].form.errors["groups"][0]
    user.refresh_from_db()
    assert not user.groups.exists()
