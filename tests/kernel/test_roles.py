"""The five roles exist as groups with their permissions, and scoping follows the role."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from complexes.models import Complex, Corporation, District
from leefbaarheid import roles
from tests.factories import ComplexFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_migration_created_every_role_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


@pytest.mark.parametrize("role", roles.ROLES)
def test_role_group_holds_exactly_the_matrix_permissions(role):
    expected = {
        f"{label.split('.')[0]}.{action}"
        if action in roles.CUSTOM_PERMISSIONS
        else f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label, actions in roles.ROLE_PERMISSIONS[role].items()
        for action in actions
    }
    held = {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert held == expected


def test_sync_repairs_a_tampered_group():
    group = Group.objects.get(name=roles.WELFARE_PROFESSIONAL)
    group.permissions.add(Permission.objects.get(codename="delete_complex"))
    roles.sync_roles()
    assert not group.permissions.filter(codename="delete_complex").exists()


def test_sync_refuses_unknown_permission(monkeypatch):
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS, roles.INTERVENTION_TEAM, {"complexes.nothing": ("view",)}
    )
    with pytest.raises(LookupError, match="view_nothing"):
        roles.sync_roles()


def test_migrate_keeps_roles_in_sync():
    Group.objects.get(name=roles.CORPORATION_STAFF).permissions.clear()
    call_command("migrate", verbosity=0)
    assert (
        Group.objects.get(name=roles.CORPORATION_STAFF)
        .permissions.filter(codename="change_complex")
        .exists()
    )


def test_staff_permissions(corporation_staff):
    assert corporation_staff.has_perm("complexes.change_complex")
    assert not corporation_staff.has_perm("complexes.change_corporation")


def test_official_reads_but_does_not_write(official):
    assert official.has_perm("complexes.view_complex")
    assert not official.has_perm("complexes.change_complex")


def test_superuser_counts_as_functional_admin(db):
    user = UserFactory(username="root", is_superuser=True)
    assert roles.user_roles(user) == {roles.FUNCTIONAL_ADMIN}


def test_inactive_user_has_no_role(official):
    official.is_active = False
    official._role_cache = None
    assert roles.user_roles(official) == frozenset()


class TestVisibleTo:
    def test_staff_of_corporation_without_corporation_sees_nothing(self, own_complex):
        user = UserFactory(username="zwerver", role=roles.CORPORATION_STAFF)
        assert not Complex.objects.visible_to(user).exists()

    def test_staff_sees_own_corporation(self, corporation_staff, own_complex, foreign_complex):
        assert list(Complex.objects.visible_to(corporation_staff)) == [own_complex]

    def test_professional_sees_assigned(self, welfare_professional, own_complex, foreign_complex):
        ComplexFactory(corporation=own_complex.corporation, name="Ander complex")
        assert list(Complex.objects.visible_to(welfare_professional)) == [own_complex]

    def test_staff_who_is_also_professional_sees_both(
        self, corporation, own_complex, foreign_complex
    ):
        user = UserFactory(
            username="dubbel",
            role=roles.CORPORATION_STAFF,
            corporation=corporation,
            complexes=[foreign_complex],
        )
        user.groups.add(Group.objects.get(name=roles.WELFARE_PROFESSIONAL))
        assert set(Complex.objects.visible_to(user)) == {own_complex, foreign_complex}

    def test_anonymous_sees_nothing(self, own_complex):
        from django.contrib.auth.models import AnonymousUser

        anonymous = AnonymousUser()
        assert not Complex.objects.visible_to(anonymous).exists()
        assert not Corporation.objects.visible_to(anonymous).exists()
        assert not District.objects.visible_to(anonymous).exists()

    def test_user_without_role_sees_nothing(self, user_without_role, own_complex):
        assert not Complex.objects.visible_to(user_without_role).exists()
        assert not Corporation.objects.visible_to(user_without_role).exists()

    @pytest.mark.parametrize("fixture", ["official", "team_member", "functional_admin"])
    def test_city_wide_roles_see_all(self, request, fixture, own_complex, foreign_complex):
        user = request.getfixturevalue(fixture)
        assert set(Complex.objects.visible_to(user)) == {own_complex, foreign_complex}


def test_admin_list_is_scoped(
    client, corporation_staff, functional_admin, own_complex, foreign_complex
):
    client.force_login(functional_admin)
    response = client.get("/admin/complexes/complex/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_non_staff_user_cannot_open_admin(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (roles.CORPORATION_STAFF, True),
        (roles.WELFARE_PROFESSIONAL, True),
        (roles.MUNICIPALITY_OFFICIAL, False),
        (roles.INTERVENTION_TEAM, False),
        (roles.FUNCTIONAL_ADMIN, True),
    ],
)
def test_only_local_roles_may_set_contact_persons_and_see_residents(role, allowed):
    user = UserFactory(role=role)
    assert user.has_perm("complexes.set_contact_person") is allowed
    assert user.has_perm("residents.view_resident") is allowed
    assert user.has_perm("residents.view_roombooking") is allowed
