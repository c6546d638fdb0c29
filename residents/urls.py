"""Screens of the residents app. Each concern's views module adds its routes here."""

from django.urls import path  # noqa: F401 (routes are added per concern)

app_name = "residents"

urlpatterns: list = []
