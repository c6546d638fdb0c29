"""API resources of the residents app, registered on the /api/v1/ router."""

from residents.api import views


def register(router) -> None:
    """Add this app's resources to the shared router."""
    router.register("residents", views.ResidentViewSet, basename="resident")
    router.register("groups", views.ResidentGroupViewSet, basename="group")
    router.register("activities", views.ActivityViewSet, basename="activity")
    router.register("room-bookings", views.RoomBookingViewSet, basename="room-booking")
    router.register("mutual-help", views.MutualHelpViewSet, basename="mutual-help")
