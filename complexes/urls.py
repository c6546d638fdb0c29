from django.urls import path

from complexes import views

app_name = "complexes"

urlpatterns = [
    path("", views.complex_list, name="complex_list"),
    path("<int:pk>/", views.complex_detail, name="complex_detail"),
]
