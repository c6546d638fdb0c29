from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles
from leefbaarheid.forms import UserAdminChangeForm
from leefbaarheid.models import AuditEntry, User, WorkerHeartbeat
from leefbaarheid.services import delete_logged, inputs_written, log_action


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
    form = UserAdminChangeForm
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Reach"), {"fields": ("corporation", "organisation", "assigned_complexes")}),
    )
    list_display = ("username", "first_name", "last_name", "corporation", "is_active")
    list_filter = ("groups", "corporation", "is_active")
    list_select_related = ("corporation",)
    filter_horizontal = ("groups", "user_permissions", "assigned_complexes")


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
