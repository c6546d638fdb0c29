from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles
from leefbaarheid.forms import UserAdminChangeForm
from leefbaarheid.models import AuditEntry, User, WorkerHeartbeat
from leefbaarheid.services import delete_logged, inputs_written, log_action, user_log_change


def scoped_choices(model, request):
    """The rows of ``model`` a user may pick in an admin form: its ``visible_to`` where it has
    one; for a user account only the user's own, unless a functional admin; otherwise none."""
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(request.user)
    if roles.has_role(request.user, roles.FUNCTIONAL_ADMIN):
        return manager.all()
    if model is User:
        return manager.filter(pk=request.user.pk)
    return manager.none()


class ScopedFormfieldsMixin:
    """Foreign-key and many-to-many choices in admin forms are scoped like the lists."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdmin(ScopedFormfieldsMixin, admin.ModelAdmin):
    """Admin lists start from the model's ``visible_to`` like every other screen; a foreign
    object's change page is "not found"; every save and delete is written to the audit log."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        inputs_written(obj)
        log_action(
            user=request.user,
            action="update" if change else "create",
            instance=obj,
            fields=form.changed_data,
        )

    def delete_model(self, request, obj):
        delete_logged(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_logged(obj, user=request.user)


class ScopedInline(ScopedFormfieldsMixin):
    """Inline rows are scoped like the admin lists (mix in before the inline class)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users and their roles. No role lifts itself: only a superuser grants superuser, staff
    status, single permissions or groups other than the five roles, and changes a superuser;
    nobody changes their own rights. Every change is written to the audit log."""

    form = UserAdminChangeForm
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Reach"), {"fields": ("corporation", "organisation", "assigned_complexes")}),
    )
    list_display = ("username", "first_name", "last_name", "corporation", "is_active")
    list_filter = ("groups", "corporation", "is_active")
    list_select_related = ("corporation",)
    filter_horizontal = ("groups", "user_permissions", "assigned_complexes")

    # Rights only a superuser hands out.
    SUPERUSER_FIELDS = ("is_staff", "is_superuser", "user_permissions")
    # What nobody changes about their own account, superusers included.
    OWN_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:
            # The add form has a username and a password only; rights are set afterwards.
            return fields
        if not request.user.is_superuser:
            fields += self.SUPERUSER_FIELDS
        if obj.pk == request.user.pk:
            fields += self.OWN_FIELDS
        return list(dict.fromkeys(fields))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and not request.user.is_superuser:
            field.queryset = Group.objects.filter(name__in=roles.ROLES).order_by("name")
            field.error_messages["invalid_choice"] = _(
                "Give one of the five roles: only a superuser gives other groups."
            )
        return field

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        # Groups beyond the roles are not offered to a functional admin; those a superuser gave
        # stay when a functional admin saves the form.
        kept = []
        if change and "groups" in form.fields and not request.user.is_superuser:
            kept = list(form.instance.groups.exclude(name__in=roles.ROLES))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)
        if form.changed_data or not change:
            user_log_change(
                by=request.user,
                user=form.instance,
                action="update" if change else "create",
                fields=form.changed_data,
            )

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, unquote(id))
        before = target.password if target is not None else None
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and target is not None:
            target.refresh_from_db(fields=["password"])
            if target.password != before:
                user_log_change(
                    by=request.user, user=target, action="set_password", fields=["password"]
                )
        return response

    def delete_model(self, request, obj):
        user_log_change(by=request.user, user=obj, action="delete")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            self.delete_model(request, user)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Groups, the five roles among them; a change to what a group may do is audited. (The
    roles' permissions are set again from ``roles.ROLE_PERMISSIONS`` after every migrate.)"""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.changed_data or not change:
            log_action(
                user=request.user,
                action="update" if change else "create",
                instance=form.instance,
                fields=form.changed_data,
            )

    def delete_model(self, request, obj):
        log_action(user=request.user, action="delete", instance=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for group in queryset:
            self.delete_model(request, group)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("hostname", "seen_at", "beats")
    readonly_fields = ("hostname", "seen_at", "beats")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read, never written, from the admin."""

    list_display = ("at", "user", "action", "model", "object_id", "complex_id")
    list_filter = ("action", "model")
    list_select_related = ("user",)
    search_fields = ("model", "object_id", "user__username")
    date_hierarchy = "at"
    readonly_fields = ("at", "user", "action", "model", "object_id", "complex_id", "fields")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
