from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from leefbaarheid.forms import UserAdminChangeForm
from leefbaarheid.models import User, WorkerHeartbeat


class ScopedAdmin(admin.ModelAdmin):
    """Admin lists start from the model's ``visible_to`` like every other screen."""

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
