"""Screens of the residents app."""

app_name = "residents"

urlpatterns: list = []
