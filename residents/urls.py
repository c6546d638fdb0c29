"""Screens of the residents app. Each concern's views module adds its routes here."""

from django.urls import path

from residents.views import activities, bookings, care, groups, mutual_help, residents

app_name = "residents"

urlpatterns: list = [
    # Residents and their privacy rights
    path("", residents.resident_list, name="resident_list"),
    path("new/", residents.resident_create, name="resident_create"),
    path("<id:pk>/", residents.resident_detail, name="resident_detail"),
    path("<id:pk>/edit/", residents.resident_update, name="resident_update"),
    path("<id:pk>/export/", residents.resident_export, name="resident_export"),
    path("<id:pk>/erase/", residents.resident_erase, name="resident_erase"),
    # Personal attention: welcomes and residents out of sight
    path("to-welcome/", care.to_welcome, name="to_welcome"),
    path("to-welcome/<id:pk>/", care.welcome_record, name="welcome_record"),
    path("out-of-sight/", care.out_of_sight, name="out_of_sight"),
    path("out-of-sight/<id:pk>/", care.out_of_sight_record, name="out_of_sight_record"),
    path("contacts/<id:pk>/delete/", care.contact_delete, name="contact_delete"),
    # Building life: groups, activities, the communal room's bookings, mutual help
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<id:pk>/", groups.group_update, name="group_update"),
    path("groups/<id:pk>/delete/", groups.group_delete, name="group_delete"),
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<id:pk>/", activities.activity_update, name="activity_update"),
    path("activities/<id:pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("bookings/", bookings.booking_calendar, name="booking_calendar"),
    path("bookings/list/", bookings.booking_list, name="booking_list"),
    path("bookings/new/", bookings.booking_create, name="booking_create"),
    path("bookings/<id:pk>/", bookings.booking_update, name="booking_update"),
    path("bookings/<id:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<id:pk>/delete/", bookings.booking_delete, name="booking_delete"),
    path("mutual-help/", mutual_help.mutual_help_list, name="mutual_help_list"),
    path("mutual-help/new/", mutual_help.mutual_help_create, name="mutual_help_create"),
    path("mutual-help/<id:pk>/", mutual_help.mutual_help_update, name="mutual_help_update"),
    path("mutual-help/<id:pk>/delete/", mutual_help.mutual_help_delete, name="mutual_help_delete"),
]
