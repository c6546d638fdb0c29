"""Admin of subsidy schemes, providers and grants, scoped like every other screen.

A grant's lifecycle is not edited here: its status and the steps' dates and people are read-only,
a grant is applied for on the screens, and what may be corrected is saved through
``services.grant_update`` with the same rules as everywhere else. The one step the admin offers
is "start", the only one that needs no input, through ``services.grant_step``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interventions import selectors, services
from interventions.admin.common import StartYearFilter
from interventions.choices import REPORT_PENDING, GrantStatus, GrantStep
from interventions.models import Grant, Provider, SubsidyScheme
from leefbaarheid.admin import ScopedAdmin
from leefbaarheid.fields import NumberFieldsAdminMixin
from leefbaarheid.money import euro


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(NumberFieldsAdminMixin, ScopedAdmin):
    money_fields = ("min_amount", "max_amount")
    list_display = (
        "name",
        "funder",
        "minimum",
        "maximum",
        "start",
        "end",
        "report_within_weeks",
        "active",
    )
    list_filter = ("active", "funder")
    search_fields = ("name", "funder")

    @admin.display(description=_("minimum grant"), ordering="min_amount")
    def minimum(self, scheme) -> str:
        return euro(scheme.min_amount)

    @admin.display(description=_("maximum grant"), ordering="max_amount")
    def maximum(self, scheme) -> str:
        return euro(scheme.max_amount)

    # A scheme that gave grants is closed, not deleted: the service refuses, as on the screens.
    def delete_model(self, request, obj):
        services.scheme_delete(scheme=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for scheme in queryset:
            services.scheme_delete(scheme=scheme, user=request.user)


@admin.register(Provider)
class ProviderAdmin(ScopedAdmin):
    list_display = ("name", "kind", "contact_name", "email", "phone")
    list_filter = ("kind",)
    search_fields = ("name", "contact_name")
    # A bare "bruis.nl" becomes https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def delete_model(self, request, obj):
        services.provider_delete(provider=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for provider in queryset:
            services.provider_delete(provider=provider, user=request.user)


class GrantAdminForm(forms.ModelForm):
    """Refuses a corrected application the scheme does not take (closed, or a period outside
    the scheme's), with the service's message, before anything is saved."""

    class Meta:
        model = Grant
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets decide)

    def _post_clean(self):
        super()._post_clean()
        grant = self.instance
        changed = set(self.changed_data) & services.APPLICATION_FIELDS
        if self.errors or not changed or grant.status != GrantStatus.APPLIED:
            return
        try:
            services.grant_check_application(grant)
        except ValidationError as error:
            self.add_error(None, error)


# Written only by the lifecycle's steps.
STEP_FIELDS = (
    "status",
    "applied_on",
    "applied_by",
    "decided_on",
    "decided_by",
    "amount_awarded",
    "decision_note",
    "started_on",
    "started_by",
    "reported_on",
    "reported_by",
    "report_summary",
    "settled_on",
    "settled_by",
    "amount_settled",
)


@admin.register(Grant)
class GrantAdmin(NumberFieldsAdminMixin, ScopedAdmin):
    form = GrantAdminForm
    money_fields = ("amount_requested", "amount_awarded", "amount_settled")
    list_display = (
        "title",
        "complex",
        "corporation",
        "scheme",
        "start",
        "end",
        "requested",
        "awarded",
        "status",
        "report_due",
        "overlap",
    )
    list_filter = ("status", "scheme", StartYearFilter, "corporation")
    list_select_related = ("scheme", "corporation", "complex")
    search_fields = ("title", "reference", "complex__name", "corporation__name")
    actions = ["take_start_step"]
    fieldsets = (
        (
            _("Application"),
            {
                "fields": (
                    "scheme",
                    "corporation",
                    "complex",
                    "title",
                    "description",
                    ("start", "end"),
                    "amount_requested",
                    ("applied_on", "applied_by"),
                )
            },
        ),
        (
            _("Decision"),
            {
                "fields": (
                    "status",
                    ("decided_on", "decided_by"),
                    "amount_awarded",
                    "report_due",
                    "decision_note",
                )
            },
        ),
        (
            _("Progress"),
            {
                "fields": (
                    ("started_on", "started_by"),
                    ("reported_on", "reported_by"),
                    "report_summary",
                    ("settled_on", "settled_by"),
                    "amount_settled",
                )
            },
        ),
        (_("Documents"), {"fields": ("reference", "documents", "updated_at")}),
    )

    def get_queryset(self, request):
        return selectors.with_overlap(super().get_queryset(request))

    # Applications are made on the screens, where the applicant's complexes are offered.
    def has_add_permission(self, request):
        return False

    # Only an application that awaits a decision can be withdrawn (the service's rule).
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != GrantStatus.APPLIED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, and only applications
        return actions

    def get_readonly_fields(self, request, obj=None):
        readonly = ["corporation", "complex", *STEP_FIELDS, "updated_at"]
        if obj is None or obj.status != GrantStatus.APPLIED:
            readonly += sorted(services.APPLICATION_FIELDS)
        if obj is None or not (
            obj.status in REPORT_PENDING and request.user.has_perm(services.DECIDE_PERMISSION)
        ):
            readonly.append("report_due")
        return readonly

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in form.changed_data}
        services.grant_update(grant=obj, user=request.user, data=data)

    def delete_model(self, request, obj):
        services.grant_delete(grant=obj, user=request.user)

    @admin.display(description=_("requested"), ordering="amount_requested")
    def requested(self, grant) -> str:
        return euro(grant.amount_requested)

    @admin.display(description=_("awarded"), ordering="amount_awarded")
    def awarded(self, grant) -> str:
        return euro(grant.amount_awarded) if grant.amount_awarded is not None else "—"

    @admin.display(boolean=True, description=_("other scheme at the same time"))
    def overlap(self, grant) -> bool:
        return grant.has_overlap

    @admin.action(
        description=_("Mark the selected awarded grants as started"), permissions=["change"]
    )
    def take_start_step(self, request, queryset):
        started = 0
        for grant in queryset:
            try:
                services.grant_step(grant=grant, step=GrantStep.START, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{grant}: {reason}", messages.ERROR)
            else:
                started += 1
        if started:
            self.message_user(
                request,
                ngettext("%(count)d grant started.", "%(count)d grants started.", started)
                % {"count": started},
                messages.SUCCESS,
            )
