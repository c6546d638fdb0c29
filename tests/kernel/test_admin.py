"""The functional admin manages users: no role lifts itself, a role without the reach it needs is
refused, and every change to users is in the audit log."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from leefbaarheid import roles
from leefbaarheid.models import AuditEntry, User
from tests.factories import PASSWORD, UserFactory
from tests.helpers import AMSTERDAM

pytestmark = pytest.mark.django_db


NEW_PASSWORD = "een-nieuw-sterk-wachtwoord-73"
# Whole seconds, as the admin form shows them.
JOINED = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=AMSTERDAM)


def _change_data(user, **changes):
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined_0": f"{joined:%Y-%m-%d}",
        "date_joined_1": f"{joined:%H:%M:%S}",
        # The admin form sends the shown value again, to tell an edit from a default.
        "initial-date_joined_0": f"{joined:%Y-%m-%d}",
        "initial-date_joined_1": f"{joined:%H:%M:%S}",
        "groups": [group.pk for group in user.groups.all()],
        "organisation": "",
        "corporation": user.corporation_id or "",
        "assigned_complexes": [],
    }
    if user.is_active:
        data["is_active"] = "on"
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return data


def _post_change(client, user, **changes):
    return client.post(f"/admin/leefbaarheid/user/{user.pk}/change/", _change_data(user, **changes))


def _group(name):
    return Group.objects.get(name=name)


@pytest.fixture
def superuser(db):
    return UserFactory(username="beheer", is_superuser=True, is_staff=True)


def test_functional_admin_cannot_make_itself_superuser(client, functional_admin):
    client.force_login(functional_admin)
    _post_change(client, functional_admin, is_superuser="on")
    functional_admin.refresh_from_db()
    assert not functional_admin.is_superuser


def test_functional_admin_cannot_make_another_user_superuser_or_staff(client, functional_admin):
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    client.force_login(functional_admin)
    response = _post_change(client, other, is_superuser="on", is_staff="on")
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_superuser
    assert not other.is_staff


def test_functional_admin_cannot_grant_single_permissions(client, functional_admin):
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    permission = Permission.objects.get(codename="change_user")
    client.force_login(functional_admin)
    _post_change(client, other, user_permissions=[permission.pk])
    assert not other.user_permissions.exists()


def test_functional_admin_cannot_grant_a_group_beyond_the_roles(client, functional_admin):
    extra = Group.objects.create(name="sleutelbeheer")
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    client.force_login(functional_admin)
    response = _post_change(
        client, other, groups=[extra.pk, _group(roles.MUNICIPALITY_OFFICIAL).pk]
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "alleen een superuser" in errors["groups"][0]
    assert set(other.groups.values_list("name", flat=True)) == {roles.MUNICIPALITY_OFFICIAL}


def test_a_group_set_by_a_superuser_survives_a_functional_admins_edit(client, functional_admin):
    extra = Group.objects.create(name="sleutelbeheer")
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    other.groups.add(extra)
    client.force_login(functional_admin)
    response = _post_change(
        client, other, groups=[_group(roles.MUNICIPALITY_OFFICIAL).pk], first_name="Nieuw"
    )
    assert response.status_code == 302
    assert set(other.groups.values_list("name", flat=True)) == {
        roles.MUNICIPALITY_OFFICIAL,
        "sleutelbeheer",
    }


def test_functional_admin_gives_another_user_a_role(client, functional_admin):
    other = UserFactory(username="nieuw")
    client.force_login(functional_admin)
    response = _post_change(client, other, groups=[_group(roles.MUNICIPALITY_OFFICIAL).pk])
    assert response.status_code == 302
    assert roles.user_roles(User.objects.get(pk=other.pk)) == {roles.MUNICIPALITY_OFFICIAL}


def test_nobody_changes_their_own_role(client, functional_admin):
    client.force_login(functional_admin)
    _post_change(client, functional_admin, groups=[_group(roles.MUNICIPALITY_OFFICIAL).pk])
    assert set(functional_admin.groups.values_list("name", flat=True)) == {roles.FUNCTIONAL_ADMIN}


def test_a_superuser_cannot_change_its_own_rights_either(client, superuser):
    client.force_login(superuser)
    _post_change(client, superuser, groups=[_group(roles.INTERVENTION_TEAM).pk])
    superuser.refresh_from_db()
    assert superuser.is_superuser
    assert not superuser.groups.exists()


def test_a_superuser_grants_staff_status_and_groups(client, superuser):
    extra = Group.objects.create(name="sleutelbeheer")
    other = UserFactory(username="nieuw")
    client.force_login(superuser)
    response = _post_change(
        client, other, is_staff="on", groups=[extra.pk, _group(roles.FUNCTIONAL_ADMIN).pk]
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.is_staff
    assert set(other.groups.values_list("name", flat=True)) == {
        "sleutelbeheer",
        roles.FUNCTIONAL_ADMIN,
    }


def test_functional_admin_cannot_change_a_superuser_or_its_password(
    client, functional_admin, superuser
):
    client.force_login(functional_admin)
    response = _post_change(client, superuser, is_active="")
    assert response.status_code == 403
    response = client.post(
        f"/admin/leefbaarheid/user/{superuser.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active
    assert superuser.check_password(PASSWORD)


def test_the_add_form_creates_no_superuser(client, functional_admin):
    client.force_login(functional_admin)
    response = client.post(
        "/admin/leefbaarheid/user/add/",
        {
            "username": "nieuwkomer",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [_group(roles.FUNCTIONAL_ADMIN).pk],
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="nieuwkomer")
    assert not created.is_superuser
    assert not created.is_staff
    assert not created.groups.exists()


# The audit log ------------------------------------------------------------------------------


def _entries(user):
    return AuditEntry.objects.filter(model="leefbaarheid.user", object_id=str(user.pk))


def test_creating_a_user_is_audited_without_the_password(client, functional_admin):
    client.force_login(functional_admin)
    client.post(
        "/admin/leefbaarheid/user/add/",
        {
            "username": "nieuwkomer",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    created = User.objects.get(username="nieuwkomer")
    entry = _entries(created).get(action="create")
    assert entry.user == functional_admin
    assert "username" in entry.fields
    assert NEW_PASSWORD not in str(list(AuditEntry.objects.values_list()))


def test_a_role_change_and_deactivation_are_audited(client, functional_admin):
    other = UserFactory(username="nieuw", date_joined=JOINED)
    client.force_login(functional_admin)
    _post_change(client, other, groups=[_group(roles.MUNICIPALITY_OFFICIAL).pk])
    other.refresh_from_db()
    _post_change(client, other, is_active="")
    changes = list(_entries(other).filter(action="update").order_by("pk"))
    assert [entry.fields for entry in changes] == [["groups"], ["is_active"]]
    assert {entry.user for entry in changes} == {functional_admin}


def test_staff_status_granted_by_a_superuser_is_audited(client, superuser):
    other = UserFactory(username="nieuw", date_joined=JOINED)
    client.force_login(superuser)
    _post_change(client, other, is_staff="on", is_superuser="on")
    entry = _entries(other).get(action="update")
    assert entry.fields == ["is_staff", "is_superuser"]


def test_a_password_set_by_an_admin_is_audited_but_not_kept(client, functional_admin):
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    client.force_login(functional_admin)
    response = client.post(
        f"/admin/leefbaarheid/user/{other.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    entry = _entries(other).get(action="set_password")
    assert entry.user == functional_admin
    assert entry.fields == ["password"]
    assert NEW_PASSWORD not in str(list(AuditEntry.objects.values_list()))


def test_a_refused_password_is_not_audited(client, functional_admin):
    other = UserFactory(username="nieuw", role=roles.MUNICIPALITY_OFFICIAL)
    client.force_login(functional_admin)
    response = client.post(
        f"/admin/leefbaarheid/user/{other.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": "iets-anders", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert not _entries(other).exists()


def test_functional_admin_cannot_delete_a_superuser_in_bulk(client, functional_admin, superuser):
    client.force_login(functional_admin)
    client.post(
        "/admin/leefbaarheid/user/",
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=superuser.pk).exists()


def test_a_change_to_a_groups_permissions_is_audited(client, superuser):
    group = Group.objects.create(name="sleutelbeheer")
    permission = Permission.objects.get(codename="change_user")
    client.force_login(superuser)
    response = client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": "sleutelbeheer", "permissions": [permission.pk]},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(model="auth.group", object_id=str(group.pk))
    assert (entry.user, entry.action, entry.fields) == (superuser, "update", ["permissions"])


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
