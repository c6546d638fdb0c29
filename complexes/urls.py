from django.urls import path

from complexes.views import complexes

app_name = "complexes"

urlpatterns = [
    path("", complexes.complex_list, name="complex_list"),
    path("<int:pk>/", complexes.complex_detail, name="complex_detail"),
]
