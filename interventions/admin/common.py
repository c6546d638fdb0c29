"""What the interventions app's admin screens share: the complex filter and the year filter."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from leefbaarheid import params

COMPLEX_FILTER = ("complex", admin.RelatedOnlyFieldListFilter)


class StartYearFilter(admin.SimpleListFilter):
    """The year a grant or intervention starts in (the year a grant counts in)."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        try:
            return queryset.filter(start__year=params.parse_year(self.value() or ""))
        except ValueError:
            return queryset
        return queryset
