"""Admin registrations of the residents app, scoped like every other screen."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from leefbaarheid.admin import ScopedAdmin, ScopedInline
from residents.choices import BookingStatus
from residents.models import (
    Activity,
    Membership,
    MutualHelp,
    Resident,
    ResidentContact,
    ResidentGroup,
    RoomBooking,
)
from residents.services import booking_refuse_overlap

COMPLEX_FILTER = ("complex", admin.RelatedOnlyFieldListFilter)


class RecordedByAdmin(ScopedAdmin):
    """Records that name who recorded them: that is the user saving it, never a choice."""

    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Resident)
class ResidentAdmin(ScopedAdmin):
    list_display = (
        "name",
        "complex",
        "gallery",
        "birth_year",
        "household",
        "language",
        "moved_in",
        "consent_contact_person",
    )
    list_filter = ("household", "consent_contact_person", "language", COMPLEX_FILTER)
    list_select_related = ("complex", "gallery")
    search_fields = ("name", "complex__name")
    autocomplete_fields = ("complex", "gallery")
    readonly_fields = ("created_at",)


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    fields = ("resident", "joined")
    autocomplete_fields = ("resident",)
    extra = 0


@admin.register(ResidentGroup)
class ResidentGroupAdmin(ScopedAdmin):
    list_display = ("name", "complex", "kind", "started", "active", "unnamed_members")
    list_filter = ("kind", "active", COMPLEX_FILTER)
    list_select_related = ("complex",)
    search_fields = ("name", "complex__name")
    autocomplete_fields = ("complex",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ("resident", "group", "joined")
    list_filter = ("group__kind",)
    list_select_related = ("resident", "group")
    search_fields = ("resident__name", "group__name", "group__complex__name")
    autocomplete_fields = ("group", "resident")


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ("date", "kind", "complex", "group", "head_count")
    list_filter = ("kind", COMPLEX_FILTER)
    list_select_related = ("complex", "group")
    search_fields = ("complex__name", "note")
    date_hierarchy = "date"
    autocomplete_fields = ("complex", "group", "attendees")


class RoomBookingAdminForm(forms.ModelForm):
    """Refuses a booking that overlaps an active one, with the booking service's message."""

    class Meta:
        model = RoomBooking
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets decide)

    def _post_clean(self):
        super()._post_clean()
        booking = self.instance
        if self.errors or booking.status == BookingStatus.CANCELLED or not booking.complex_id:
            return
        try:
            booking_refuse_overlap(booking)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(RoomBooking)
class RoomBookingAdmin(ScopedAdmin):
    list_display = ("title", "complex", "start", "end", "status", "group", "resident")
    list_filter = ("status", COMPLEX_FILTER)
    list_select_related = ("complex", "group", "resident")
    search_fields = ("title", "complex__name")
    date_hierarchy = "start"
    autocomplete_fields = ("complex", "group", "resident")

    form = RoomBookingAdminForm


@admin.register(MutualHelp)
class MutualHelpAdmin(RecordedByAdmin):
    list_display = ("month", "kind", "complex", "people_count", "recorded_by")
    list_filter = ("kind", COMPLEX_FILTER)
    list_select_related = ("complex", "recorded_by")
    search_fields = ("complex__name",)
    date_hierarchy = "month"
    autocomplete_fields = ("complex", "residents")


@admin.register(ResidentContact)
class ResidentContactAdmin(RecordedByAdmin):
    list_display = ("date", "kind", "resident", "made_by", "recorded_by")
    list_filter = ("kind",)
    list_select_related = ("resident", "made_by", "recorded_by")
    search_fields = ("resident__name",)
    date_hierarchy = "date"
    autocomplete_fields = ("resident", "made_by")
