"""Admin of welfare hours, the weeks they are handed in by, and the welfare calendars.

Hours are saved through ``services.hours_save_cells`` with the rules of the screens (assigned
complex, no future or locked week, quarter hours, at most 40 a complex and week): the form
calls the service while it validates, inside the admin's transaction, so a refused cell shows
as a form error and nothing is written. A cell's place (professional, complex, week, kind)
is fixed once logged; a locked week's cells are read-only. Weeks are read-only too: they move
only through the "approve" and "unlock" actions, which call the services.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interventions import selectors, services
from interventions.admin.common import COMPLEX_FILTER
from interventions.models import HoursEntry, HoursWeek, WelfareCalendar
from leefbaarheid import numbers, params, roles
from leefbaarheid.admin import ScopedAdmin
from leefbaarheid.fields import NumberFieldsAdminMixin
from leefbaarheid.models import User
from leefbaarheid.weeks import Week

# The fields the hours service reports errors on, and where the admin form shows them.
HOURS_ERROR_FIELDS = ("hours", "note", "complex", "kind", "week")
HOURS_CELL_FIELDS = ("professional", "complex", "year", "week", "kind")


def _reason(error: Exception) -> str:
    """The message(s) of a service error, for an admin message."""
    return "; ".join(getattr(error, "messages", None) or [str(error)])


def _iso_week(row) -> str:
    return str(Week(row.year, row.week))


def _hours_lock(entry: HoursEntry) -> str | None:
    """Why an entry's week cannot change now (the services' rule), or None."""
    week = Week(entry.year, entry.week)
    return services.hours_week_lock(
        week, selectors.week_status(professional=entry.professional, week=week)
    )


class IsoWeekFilter(admin.SimpleListFilter):
    """An ISO week ("2026-W47"); the list offers the last twelve weeks that have rows."""

    title = _("week")
    parameter_name = "iso_week"

    def lookups(self, request, model_admin):
        mondays = model_admin.get_queryset(request).dates("week_start", "day", order="DESC")
        return [(str(Week.of(day)), str(Week.of(day))) for day in mondays[:12]]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            week = Week.parse(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(year=week.year, week=week.week)


class HoursYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).order_by("-year").values_list("year", flat=True)
        return [(str(year), str(year)) for year in years.distinct()]

    def queryset(self, request, queryset):
        try:
            return queryset.filter(year=params.parse_year(self.value() or ""))
        except ValueError:
            return queryset
        return queryset


class HoursEntryAdminForm(forms.ModelForm):
    """Saves the cell through the hours service while validating, so the service's rules and
    messages apply; ``user`` is set per request by the admin."""

    user = None

    class Meta:
        model = HoursEntry
        fields = "__all__"  # noqa: DJ007 (the admin's fields decide)

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.has_changed():
            return
        entry = self.instance
        cell = {
            "complex": entry.complex,
            "kind": entry.kind,
            "hours": entry.hours,
            "note": entry.note,
            "key": "hours",
        }
        try:
            saved = services.hours_save_cells(
                user=self.user,
                professional=entry.professional,
                week=Week(entry.year, entry.week),
                cells=[cell],
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages_:
                    self.add_error(target, message)
        except PermissionDenied as error:
            self.add_error(None, _reason(error))
        else:
            # The service wrote (and logged) the cell; the admin carries on with that row.
            self.instance = saved[0]


@admin.register(HoursEntry)
class HoursEntryAdmin(NumberFieldsAdminMixin, ScopedAdmin):
    form = HoursEntryAdminForm
    hours_fields = ("hours",)
    list_display = ("iso_week", "complex", "professional", "kind", "hours", "note")
    list_filter = (
        IsoWeekFilter,
        HoursYearFilter,
        "kind",
        COMPLEX_FILTER,
        ("professional", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("complex", "professional")
    search_fields = (
        "complex__name",
        "professional__username",
        "professional__first_name",
        "professional__last_name",
        "note",
    )
    fields = (*HOURS_CELL_FIELDS, "hours", "note", "week_start", "lock", "created_at", "updated_at")

    @admin.display(description=_("week"), ordering="week_start")
    def iso_week(self, entry) -> str:
        return _iso_week(entry)

    @admin.display(description=_("locked"))
    def lock(self, entry) -> str:
        return (_hours_lock(entry) or "—") if entry.pk else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a fresh form class per request
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = ["week_start", "lock", "created_at", "updated_at"]
        if obj is not None:
            readonly += HOURS_CELL_FIELDS
            if _hours_lock(obj):
                readonly += ["hours", "note"]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Hours are logged by a welfare professional: the admin picks one, others log their own.
        if db_field.name == "professional":
            professionals = User.objects.filter(groups__name=roles.WELFARE_PROFESSIONAL)
            if not roles.has_role(request.user, roles.FUNCTIONAL_ADMIN):
                professionals = professionals.filter(pk=request.user.pk)
            kwargs["queryset"] = professionals.order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Saved (and logged) by the service while the form validated."""

    # A locked week's cells stay; one at a time, through the service.
    def has_delete_permission(self, request, obj=None):
        if obj is not None and _hours_lock(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        services.hours_delete(entry=obj, user=request.user)


@admin.register(HoursWeek)
class HoursWeekAdmin(ScopedAdmin):
    list_display = (
        "professional",
        "iso_week",
        "status",
        "total",
        "submitted_at",
        "decided_by",
        "decided_at",
        "unlocked_at",
    )
    list_filter = (
        "status",
        IsoWeekFilter,
        HoursYearFilter,
        "professional__organisation",
        ("professional", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("professional", "decided_by")
    search_fields = (
        "professional__username",
        "professional__first_name",
        "professional__last_name",
        "professional__organisation",
    )
    fields = (
        "professional",
        "year",
        "week",
        "week_start",
        "status",
        "total",
        "submitted_at",
        ("decided_at", "decided_by"),
        ("return_note", "returned_at"),
        ("unlocked_at", "unlocked_by"),
    )
    readonly_fields = (
        "professional",
        "year",
        "week",
        "week_start",
        "status",
        "total",
        "submitted_at",
        "decided_at",
        "decided_by",
        "return_note",
        "returned_at",
        "unlocked_at",
        "unlocked_by",
    )
    actions = ["approve_weeks", "unlock_weeks"]

    def get_queryset(self, request):
        total = (
            HoursEntry.objects.filter(
                professional=OuterRef("professional"), year=OuterRef("year"), week=OuterRef("week")
            )
            .values("professional")
            .annotate(total=Sum("hours"))
            .values("total")
        )
        return super().get_queryset(request).annotate(total_hours=Subquery(total))

    @admin.display(description=_("week"), ordering="week_start")
    def iso_week(self, hours_week) -> str:
        return _iso_week(hours_week)

    @admin.display(description=_("hours"), ordering="total_hours")
    def total(self, hours_week) -> str:
        return numbers.format_hours(hours_week.total_hours or 0)

    # Weeks come from logging hours and move only through the actions (the services).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_approve_permission(self, request):
        return request.user.has_perm(services.APPROVE_PERMISSION)

    def has_unlock_permission(self, request):
        return request.user.has_perm(services.UNLOCK_PERMISSION)

    def _each(self, request, queryset, step) -> int:
        """Take ``step`` for every selected week, each refusal an error message; how many
        worked."""
        count = 0
        for hours_week in queryset.select_related("professional"):
            try:
                step(hours_week)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{hours_week}: {_reason(error)}", messages.ERROR)
            else:
                count += 1
        return count

    @admin.action(description=_("Approve the selected submitted weeks"), permissions=["approve"])
    def approve_weeks(self, request, queryset):
        def approve(hours_week):
            services.hours_week_decide(hours_week=hours_week, user=request.user, approve=True)

        if count := self._each(request, queryset, approve):
            message = ngettext("%(count)d week approved.", "%(count)d weeks approved.", count)
            self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Unlock the selected weeks"), permissions=["unlock"])
    def unlock_weeks(self, request, queryset):
        def unlock(hours_week):
            services.hours_week_unlock(hours_week=hours_week, user=request.user)

        if count := self._each(request, queryset, unlock):
            message = ngettext("%(count)d week unlocked.", "%(count)d weeks unlocked.", count)
            self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(WelfareCalendar)
class WelfareCalendarAdmin(NumberFieldsAdminMixin, ScopedAdmin):
    """The welfare calendars; the calendar screen is where weeks are ticked, here the unfunded
    weeks are a list of week numbers. A save recalculates the city's index of that year."""

    list_display = ("year", "organisation", "hours_per_week", "funded", "updated_at")
    hours_fields = ("hours_per_week",)
    list_filter = ("year",)
    search_fields = ("organisation",)
    readonly_fields = ("updated_at", "updated_by")

    @admin.display(description=_("funded weeks"))
    def funded(self, calendar) -> str:
        weeks = Week(calendar.year, 1).weeks_in_year
        return f"{weeks - len(calendar.unfunded_weeks or [])} / {weeks}"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
