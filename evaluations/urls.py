"""Screens of the evaluations app."""

from django.urls import path

from evaluations.views import act, budget, citymap, indicators, surveys, trends

app_name = "evaluations"

urlpatterns = [
    # Indicators ---------------------------------------------------------------------------------
    path("indicators/", indicators.indicator_list, name="indicator_list"),
    path("indicators/export/", indicators.indicator_export, name="indicator_export"),
    path("indicators/settings/", indicators.indicator_settings, name="indicator_settings"),
    path("trends/", trends.trends, name="trends"),
    path(
        "indicators/complex/<id:pk>/",
        indicators.complex_indicator,
        name="complex_indicator",
    ),
    # The city map -------------------------------------------------------------------------------
    path("map/", citymap.complex_map, name="complex_map"),
    # Where to act -------------------------------------------------------------------------------
    path("act/", act.act_list, name="act_list"),
    # Surveys ------------------------------------------------------------------------------------
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<id:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<id:pk>/edit/", surveys.survey_update, name="survey_update"),
    path("surveys/<id:pk>/delete/", surveys.survey_delete, name="survey_delete"),
    path(
        "surveys/<id:pk>/responses/new/",
        surveys.survey_response_add,
        name="survey_response_add",
    ),
    path(
        "surveys/responses/<id:pk>/delete/",
        surveys.survey_response_delete,
        name="survey_response_delete",
    ),
    # Budget -------------------------------------------------------------------------------------
    path("budget/", budget.scenario_list, name="scenario_list"),
    path("budget/new/", budget.scenario_create, name="scenario_create"),
    path("budget/refresh/", budget.budget_refresh, name="budget_refresh"),
    path("budget/<id:pk>/", budget.scenario_detail, name="scenario_detail"),
    path("budget/<id:pk>/export/", budget.scenario_export, name="scenario_export"),
    path("budget/<id:pk>/edit/", budget.scenario_update, name="scenario_update"),
    path("budget/<id:pk>/delete/", budget.scenario_delete, name="scenario_delete"),
]
