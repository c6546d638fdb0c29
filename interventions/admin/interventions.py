"""Admin of interventions, with the evaluation's checklists as checkboxes."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from interventions import selectors, services
from interventions.admin.common import COMPLEX_FILTER, StartYearFilter
from interventions.choices import Approach, Challenge, SuccessFactor
from interventions.models import Intervention
from leefbaarheid.admin import ScopedAdmin


def _checklist(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterventionAdminForm(forms.ModelForm):
    """The evaluation's checklists as checkboxes rather than raw JSON."""

    success_factors = _checklist(_("success factors"), SuccessFactor)
    approach = _checklist(_("approach"), Approach)
    challenges = _checklist(_("challenges met"), Challenge)

    class Meta:
        model = Intervention
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets decide)


@admin.register(Intervention)
class InterventionAdmin(ScopedAdmin):
    form = InterventionAdminForm
    list_display = ("title", "complex", "provider", "grant", "start", "end", "status")
    list_filter = ("status", "provider", StartYearFilter, COMPLEX_FILTER)
    list_select_related = ("complex", "provider", "grant")
    search_fields = ("title", "complex__name", "provider__name")
    autocomplete_fields = ("complex", "provider", "grant")
    readonly_fields = ("created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        # An intervention stays in the complex it was recorded in (the service's rule).
        if obj is not None:
            return ("complex", *self.readonly_fields)
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The complexes one may record an intervention in, as on the screens.
        if db_field.name == "complex":
            kwargs["queryset"] = selectors.complexes_for_grants(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request, obj):
        services.intervention_delete(intervention=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for intervention in queryset:
            services.intervention_delete(intervention=intervention, user=request.user)
