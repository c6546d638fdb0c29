from complexes.api import views


def register(router) -> None:
    router.register("corporations", views.CorporationViewSet, basename="corporation")
    router.register("districts", views.DistrictViewSet, basename="district")
    router.register("complexes", views.ComplexViewSet, basename="complex")
    router.register("galleries", views.GalleryViewSet, basename="gallery")
