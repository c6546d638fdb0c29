"""API resources of the evaluations app, registered on the /api/v1/ router."""

from evaluations.api import views


def register(router) -> None:
    """Add this app's resources to the shared router."""
    router.register("indicators", views.IndicatorViewSet, basename="indicator")
    router.register("surveys", views.SurveyRoundViewSet, basename="survey")
    router.register("budget-scenarios", views.BudgetScenarioViewSet, basename="budget-scenario")
