from django.urls import path

from complexes.views import complexes, galleries, occupancy
from complexes.views import imports as import_views

app_name = "complexes"

urlpatterns = [
    path("import/", import_views.complex_import, name="complex_import"),
    path("import/confirm/", import_views.complex_import_confirm, name="complex_import_confirm"),
    path("import/example/", import_views.complex_import_example, name="complex_import_example"),
    path("", complexes.complex_list, name="complex_list"),
    path("new/", complexes.complex_create, name="complex_create"),
    path("export.csv", complexes.complex_export_csv, name="complex_export_csv"),
    path("export.xlsx", complexes.complex_export_xlsx, name="complex_export_xlsx"),
    path("<id:pk>/", complexes.complex_detail, name="complex_detail"),
    path("<id:pk>/edit/", complexes.complex_update, name="complex_update"),
    path("<id:pk>/delete/", complexes.complex_delete, name="complex_delete"),
    # Galleries and their contact persons, reached from the complex page.
    path("<id:pk>/galleries/new/", galleries.gallery_create, name="gallery_create"),
    path("galleries/<id:pk>/edit/", galleries.gallery_update, name="gallery_update"),
    path("galleries/<id:pk>/delete/", galleries.gallery_delete, name="gallery_delete"),
    path(
        "galleries/<id:pk>/contact-person/",
        galleries.gallery_contact_person,
        name="gallery_contact_person",
    ),
    # Occupancy history (the vacancy chart's data).
    path("<id:pk>/occupancy/", occupancy.occupancy_list, name="occupancy_list"),
    path("<id:pk>/occupancy/new/", occupancy.occupancy_create, name="occupancy_create"),
    path("occupancy/<id:pk>/edit/", occupancy.occupancy_update, name="occupancy_update"),
    path("occupancy/<id:pk>/delete/", occupancy.occupancy_delete, name="occupancy_delete"),
]
