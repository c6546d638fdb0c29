"""Admin registrations of the complexes app, scoped like every other screen."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from complexes import services
from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from leefbaarheid import roles
from leefbaarheid.admin import ScopedAdmin, ScopedInline

COMPLEX_FILTER = ("complex", admin.RelatedOnlyFieldListFilter)


@admin.register(Corporation)
class CorporationAdmin(ScopedAdmin):
    list_display = ("name", "email", "phone")
    search_fields = ("name",)


@admin.register(District)
class DistrictAdmin(ScopedAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


def _may_see_names(request) -> bool:
    """Contact persons are residents: named only to those who may see residents."""
    return request.user.has_perm("residents.view_resident")


class GalleryInline(ScopedInline, admin.TabularInline):
    model = Gallery
    fields = ("name", "floor", "homes", "contact_person", "contact_since")
    autocomplete_fields = ("contact_person",)
    extra = 0

    def get_fields(self, request, obj=None):
        if _may_see_names(request):
            return self.fields
        return ("name", "floor", "homes", "contact_since")


class OccupancySnapshotInline(ScopedInline, admin.TabularInline):
    model = OccupancySnapshot
    fields = ("date", "units", "vacant_units", "new_tenants")
    extra = 0


@admin.register(Complex)
class ComplexAdmin(ScopedAdmin):
    list_display = (
        "name",
        "corporation",
        "district",
        "units",
        "vacant_units",
        "is_thuisplus",
        "room_managed_by",
    )
    list_filter = ("district", "corporation", "is_thuisplus", "is_senior", "room_managed_by")
    list_select_related = ("corporation", "district")
    search_fields = ("name", "address", "postcode")
    autocomplete_fields = ("corporation", "district")
    inlines = [GalleryInline, OccupancySnapshotInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # As on every other path, a change in units or vacancy goes into the history (after the
        # inlines, so a snapshot typed in for today is updated rather than doubled).
        if not change or {"units", "vacant_units"} & set(form.changed_data):
            services.occupancy_record(complex=form.instance, user=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Corporation staff keep complexes of their own corporation only.
        if db_field.name == "corporation" and not roles.has_role(
            request.user, roles.FUNCTIONAL_ADMIN
        ):
            kwargs["queryset"] = Corporation.objects.filter(pk=request.user.corporation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Gallery)
class GalleryAdmin(ScopedAdmin):
    list_display = ("name", "complex", "floor", "homes", "contact_person", "contact_since")
    list_filter = (("contact_person", admin.EmptyFieldListFilter), COMPLEX_FILTER)
    list_select_related = ("complex", "contact_person")
    search_fields = ("name", "complex__name", "contact_person__name")
    autocomplete_fields = ("complex", "contact_person")

    def get_list_display(self, request):
        if _may_see_names(request):
            return self.list_display
        return ("name", "complex", "floor", "homes", "has_contact_person", "contact_since")

    def get_search_fields(self, request):
        if _may_see_names(request):
            return self.search_fields
        return ("name", "complex__name")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if _may_see_names(request):
            return fields
        return [field for field in fields if field != "contact_person"]

    @admin.display(boolean=True, description=_("contact person"))
    def has_contact_person(self, gallery) -> bool:
        return gallery.contact_person_id is not None


@admin.register(OccupancySnapshot)
class OccupancySnapshotAdmin(ScopedAdmin):
    list_display = ("complex", "date", "units", "vacant_units", "new_tenants")
    list_filter = (COMPLEX_FILTER,)
    list_select_related = ("complex",)
    search_fields = ("complex__name",)
    date_hierarchy = "date"
    autocomplete_fields = ("complex",)
