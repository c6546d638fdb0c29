"""Screens of the interventions app."""

app_name = "interventions"

urlpatterns: list = []
