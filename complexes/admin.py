from django.contrib import admin

from complexes.models import Complex, Corporation, District
from leefbaarheid.admin import ScopedAdmin


@admin.register(Corporation)
class CorporationAdmin(ScopedAdmin):
    list_display = ("name", "email", "phone")
    search_fields = ("name",)


@admin.register(District)
class DistrictAdmin(ScopedAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(Complex)
class ComplexAdmin(ScopedAdmin):
    list_display = ("name", "corporation", "district", "units", "vacant_units", "is_thuisplus")
    list_filter = ("district", "corporation", "is_thuisplus", "is_senior")
    list_select_related = ("corporation", "district")
    search_fields = ("name", "address", "postcode")
    autocomplete_fields = ("corporation", "district")
