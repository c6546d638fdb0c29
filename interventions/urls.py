"""Screens of the interventions app. Each concern's views module has its routes here."""

from django.urls import path

from interventions.views import (
    calendar,
    grants,
    hours,
    hours_approval,
    hours_norm,
    interventions,
    providers,
    schemes,
)

app_name = "interventions"

urlpatterns: list = [
    # Interventions in complexes
    path("", interventions.intervention_list, name="intervention_list"),
    path("new/", interventions.intervention_create, name="intervention_create"),
    path("<id:pk>/", interventions.intervention_detail, name="intervention_detail"),
    path("<id:pk>/edit/", interventions.intervention_update, name="intervention_update"),
    path("<id:pk>/delete/", interventions.intervention_delete, name="intervention_delete"),
    # Grants and their lifecycle
    path("grants/", grants.grant_list, name="grant_list"),
    path("grants/export/", grants.grant_export, name="grant_export"),
    path("grants/apply/", grants.grant_apply, name="grant_apply"),
    path("grants/reports/", grants.reports_due, name="reports_due"),
    path("grants/<id:pk>/", grants.grant_detail, name="grant_detail"),
    path("grants/<id:pk>/edit/", grants.grant_update, name="grant_update"),
    path("grants/<id:pk>/withdraw/", grants.grant_delete, name="grant_delete"),
    path("grants/<id:pk>/step/<str:step>/", grants.grant_step, name="grant_step"),
    # Welfare hours against the norm, and their export
    path("hours/norm/", hours_norm.hours_norm, name="hours_norm"),
    path("hours/export/", hours_norm.hours_export, name="hours_export"),
    # The welfare calendar: the funded weeks and the hours per funded week
    path("hours/calendar/", calendar.welfare_calendar, name="welfare_calendar"),
    path("hours/calendar/reset/", calendar.welfare_calendar_reset, name="welfare_calendar_reset"),
    # Welfare hours: the week grid, handing in, approval, missing weeks
    path("hours/", hours.hours_week, name="hours_week"),
    path("hours/<int:year>/<int:week>/", hours.hours_week, name="hours_week"),
    path("hours/<int:year>/<int:week>/submit/", hours.hours_week_submit, name="hours_week_submit"),
    path(
        "hours/<int:year>/<int:week>/withdraw/",
        hours.hours_week_withdraw,
        name="hours_week_withdraw",
    ),
    path(
        "hours/<int:year>/<int:week>/unlock/",
        hours.hours_week_unlock_at,
        name="hours_week_unlock_at",
    ),
    path("hours/approval/", hours_approval.hours_approval, name="hours_approval"),
    path(
        "hours/approval/approve/",
        hours_approval.hours_weeks_approve,
        name="hours_weeks_approve",
    ),
    path(
        "hours/weeks/<id:pk>/decide/",
        hours_approval.hours_week_decide,
        name="hours_week_decide",
    ),
    path(
        "hours/weeks/<id:pk>/unlock/",
        hours_approval.hours_week_unlock,
        name="hours_week_unlock",
    ),
    path("hours/missing/", hours.hours_missing, name="hours_missing"),
    # Reference data: subsidy schemes and providers
    path("schemes/", schemes.scheme_list, name="scheme_list"),
    path("schemes/new/", schemes.scheme_create, name="scheme_create"),
    path("schemes/<id:pk>/", schemes.scheme_detail, name="scheme_detail"),
    path("schemes/<id:pk>/edit/", schemes.scheme_update, name="scheme_update"),
    path("schemes/<id:pk>/delete/", schemes.scheme_delete, name="scheme_delete"),
    path("providers/", providers.provider_list, name="provider_list"),
    path("providers/new/", providers.provider_create, name="provider_create"),
    path("providers/<id:pk>/", providers.provider_detail, name="provider_detail"),
    path("providers/<id:pk>/edit/", providers.provider_update, name="provider_update"),
    path("providers/<id:pk>/delete/", providers.provider_delete, name="provider_delete"),
]
