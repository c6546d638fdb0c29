"""API resources of the interventions app, registered on the /api/v1/ router."""

from interventions.api import views


def register(router) -> None:
    """Add this app's resources to the shared router."""
    router.register("schemes", views.SchemeViewSet, basename="scheme")
    router.register("grants", views.GrantViewSet, basename="grant")
    router.register("providers", views.ProviderViewSet, basename="provider")
    router.register("interventions", views.InterventionViewSet, basename="intervention")
    router.register("hours", views.HoursEntryViewSet, basename="hours")
