"""Admin registrations of the residents app, scoped like every other screen."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from leefbaarheid.admin import ScopedAdmin, ScopedInline
from residents import services
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


class SameComplexPeopleForm(forms.ModelForm):
    """Residents named on a record (attendees, people helped) must live in its complex, as the
    services require on every other path."""

    people_field = ""

    def clean(self):
        cleaned = super().clean()
        complex_ = cleaned.get("complex") or getattr(self.instance, "complex", None)
        people = cleaned.get(self.people_field) or []
        if complex_ is not None and any(person.complex_id != complex_.pk for person in people):
            self.add_error(self.people_field, _("Choose only residents of this complex."))
        return cleaned


class ActivityAdminForm(SameComplexPeopleForm):
    people_field = "attendees"

    class Meta:
        model = Activity
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets decide)


class MutualHelpAdminForm(SameComplexPeopleForm):
    people_field = "residents"

    class Meta:
        model = MutualHelp
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets decide)


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

    # Deleting a resident is erasure: out of galleries and groups, head counts kept.
    def delete_model(self, request, obj):
        services.resident_erase(resident=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for resident in queryset:
            services.resident_erase(resident=resident, user=request.user)

    # Django's own admin log keeps the name as text, beyond erasure; the audit log keeps ids.
    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return None


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
    form = ActivityAdminForm


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
    form = MutualHelpAdminForm


@admin.register(ResidentContact)
class ResidentContactAdmin(RecordedByAdmin):
    list_display = ("date", "kind", "resident", "made_by", "recorded_by")
    list_filter = ("kind",)
    list_select_related = ("resident", "made_by", "recorded_by")
    search_fields = ("resident__name",)
    date_hierarchy = "date"
    autocomplete_fields = ("resident", "made_by")
