"""Admin registrations of the evaluations app, scoped like every other screen."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex
from evaluations import selectors, services
from evaluations.choices import ITEM_FIELDS
from evaluations.forms import SCENARIO_FIELDS, IndicatorSettingsForm
from evaluations.models import (
    BudgetActual,
    BudgetScenario,
    IndicatorSettings,
    IndicatorSnapshot,
    SurveyResponse,
    SurveyRound,
)
from interventions.admin import IsoWeekFilter
from leefbaarheid import roles
from leefbaarheid.admin import ScopedAdmin
from leefbaarheid.fields import NumberFieldsAdminMixin
from leefbaarheid.money import euro

# Indicators -------------------------------------------------------------------------------------
# Snapshots are written by the recalculation alone: the admin lists and shows them, read-only,
# scoped like every screen. The settings are one row, changed through the service (which
# validates, logs and schedules the city's recalculation), never added or deleted.


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(ScopedAdmin):
    list_display = ("complex", "iso_week", "index", "status", "calculated_at")
    list_filter = ("status", IsoWeekFilter, "year")
    list_select_related = ("complex",)
    search_fields = ("complex__name",)
    ordering = ("-week_start", "complex__name")
    fields = (
        "complex",
        ("year", "week", "week_start"),
        ("index", "status"),
        "components",
        "weights",
        "thresholds",
        "calculated_at",
    )
    readonly_fields = (
        "complex",
        "year",
        "week",
        "week_start",
        "index",
        "status",
        "components",
        "weights",
        "thresholds",
        "calculated_at",
    )

    @admin.display(description=_("week"), ordering="week_start")
    def iso_week(self, snapshot) -> str:
        return f"{snapshot.year}-W{snapshot.week:02d}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndicatorSettings)
class IndicatorSettingsAdmin(admin.ModelAdmin):
    """The one settings row: its list goes straight to the row."""

    form = IndicatorSettingsForm
    readonly_fields = ("updated_at", "updated_by")

    def changelist_view(self, request, extra_context=None):
        settings_row = selectors.indicator_settings()
        if not self.has_view_or_change_permission(request, settings_row):
            return super().changelist_view(request, extra_context)
        url = reverse("admin:evaluations_indicatorsettings_change", args=[settings_row.pk])
        return redirect(url)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.indicator_settings_update(user=request.user, data=form.data_for_service())


# Surveys ----------------------------------------------------------------------------------------
# A round is saved through ``services.survey_round_save`` while the form validates (as the hours
# admin does), so the date, name and complex rules and messages are the screens'. Responses are
# anonymous questionnaires: a round shows only how many it has; the responses themselves are
# listed for the functional admin alone, read-only, and deleted through the service.

SURVEY_ROUND_FIELDS = ("complex", "name", "held_on", "note")


class SurveyRoundAdminForm(forms.ModelForm):
    """Saves the round through the survey service while validating; ``user`` is set per
    request by the admin."""

    user = None

    class Meta:
        model = SurveyRound
        fields = SURVEY_ROUND_FIELDS

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.has_changed():
            return
        data = {field: self.cleaned_data[field] for field in self.changed_data}
        try:
            saved = services.survey_round_save(
                user=self.user, data=data, round_=self.instance if self.instance.pk else None
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                target = field if field in self.fields else "name"
                for message in messages_:
                    self.add_error(target, message)
        except PermissionDenied as error:
            target = "complex" if "complex" in self.fields else None
            self.add_error(target, " ".join(str(arg) for arg in error.args))
        else:
            self.instance = saved


@admin.register(SurveyRound)
class SurveyRoundAdmin(ScopedAdmin):
    form = SurveyRoundAdminForm
    list_display = ("name", "complex", "held_on", "responses", "valid_responses")
    list_filter = (("complex", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("complex",)
    search_fields = ("name", "complex__name")
    date_hierarchy = "held_on"
    fields = (*SURVEY_ROUND_FIELDS, "responses", "valid_responses", "created_by", "created_at")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                response_count=Count("responses"),
                valid_count=Count("responses", filter=Q(responses__score__isnull=False)),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a fresh form class per request
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = ["responses", "valid_responses", "created_by", "created_at"]
        if obj is not None:
            readonly.append("complex")  # a round's responses stay with their complex
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "complex":
            # The complexes one enters surveys in: assigned ones, or every one for the admin.
            kwargs["queryset"] = Complex.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("responses"), ordering="response_count")
    def responses(self, round_) -> int:
        return getattr(round_, "response_count", 0)

    @admin.display(description=_("valid responses"), ordering="valid_count")
    def valid_responses(self, round_) -> int:
        return getattr(round_, "valid_count", 0)

    def save_model(self, request, obj, form, change):
        """Saved (and logged) by the service while the form validated."""

    # Only an empty round can go, so the admin's confirmation never lists responses.
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.responses.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        services.survey_round_delete(round_=obj, user=request.user)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """The anonymous questionnaires, for the functional admin only: read, or delete one
    entered by mistake."""

    list_display = ("pk", "round", "score", "created_at", "entered_by")
    list_select_related = ("round", "round__complex", "entered_by")
    list_filter = (("round", admin.RelatedOnlyFieldListFilter),)
    fields = ("round", *ITEM_FIELDS, "score", "entered_by", "created_at")
    readonly_fields = fields

    @staticmethod
    def _admin(request) -> bool:
        return roles.has_role(request.user, roles.FUNCTIONAL_ADMIN)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if self._admin(request) else queryset.none()

    def has_module_permission(self, request):
        return self._admin(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._admin(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self._admin(request) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        services.survey_response_delete(response=obj, user=request.user)


# Budget -----------------------------------------------------------------------------------------


@admin.register(BudgetScenario)
class BudgetScenarioAdmin(NumberFieldsAdminMixin, ScopedAdmin):
    """Scenarios are saved and deleted through the services, with the screens' rules: the
    evaluation's reference keeps its name and is never deleted."""

    money_fields = ("hourly_rate",)
    hours_fields = ("hours_per_week",)

    fields = (*SCENARIO_FIELDS, "created_by", "created_at", "updated_at")
    readonly_fields = ("created_by", "created_at", "updated_at")
    list_display = (
        "name",
        "scope",
        "complexes",
        "hours",
        "rate",
        "weeks",
        "total",
    )
    list_filter = ("scope",)
    search_fields = ("name",)
    list_select_related = ("corporation", "district")

    @admin.display(description=_("complexes"))
    def complexes(self, scenario) -> int:
        return selectors.scenario_count(scenario)

    @admin.display(description=_("hours per week"), ordering="hours_per_week")
    def hours(self, scenario) -> str:
        hours, _weeks = scenario.terms(selectors.budget_calendar())
        return number_format(hours, 2)

    @admin.display(description=_("weeks per year"), ordering="weeks_per_year")
    def weeks(self, scenario) -> int:
        return scenario.terms(selectors.budget_calendar())[1]

    @admin.display(description=_("hourly rate"), ordering="hourly_rate")
    def rate(self, scenario) -> str:
        return euro(scenario.hourly_rate)

    @admin.display(description=_("total per year"))
    def total(self, scenario) -> str:
        return euro(selectors.scenario_total(scenario))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_reference:
            return (*self.readonly_fields, "name")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_reference:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        data = {field: form.cleaned_data[field] for field in form.changed_data}
        services.scenario_save(user=request.user, data=data, scenario=obj)

    def delete_model(self, request, obj):
        services.scenario_delete(scenario=obj, user=request.user)

    # A selection holding the reference never gets here: Django refuses it whole, as
    # has_delete_permission says no for the reference.
    def delete_queryset(self, request, queryset):
        for scenario in queryset:
            services.scenario_delete(scenario=scenario, user=request.user)


@admin.register(BudgetActual)
class BudgetActualAdmin(ScopedAdmin):
    """The actual hours are written by the hourly refresh only: read here, never edited."""

    list_display = ("complex", "year", "hours", "through_week", "refreshed_at")
    list_filter = ("year",)
    search_fields = ("complex__name",)
    list_select_related = ("complex",)
    readonly_fields = ("complex", "year", "hours", "through_week", "refreshed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
