"""Filters shared by the complex list screen and the API."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from complexes.choices import VacancyBand
from complexes.models import Complex, Corporation, District


def _corporations(request):
    return Corporation.objects.visible_to(request.user) if request else Corporation.objects.none()


def _districts(request):
    return District.objects.visible_to(request.user) if request else District.objects.none()


class ComplexFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    district = django_filters.ModelChoiceFilter(
        queryset=_districts, label=_("District"), empty_label=_("All")
    )
    corporation = django_filters.ModelChoiceFilter(
        queryset=_corporations, label=_("Corporation"), empty_label=_("All")
    )
    is_thuisplus = django_filters.BooleanFilter(
        label=_("Thuisplus complex"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    vacancy = django_filters.ChoiceFilter(
        choices=VacancyBand.choices,
        method="filter_vacancy",
        label=_("Vacancy"),
        empty_label=_("All"),
    )

    class Meta:
        model = Complex
        fields = ["q", "district", "corporation", "is_thuisplus", "vacancy"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(address__icontains=value)

    def filter_vacancy(self, queryset, name, value):
        if value == VacancyBand.NONE:
            return queryset.filter(vacant_units=0)
        # 5% of the units, compared in integers: vacant * 20 > units.
        high = queryset.filter(vacant_units__gt=0).alias(v20=F("vacant_units") * 20)
        if value == VacancyBand.HIGH:
            return high.filter(v20__gt=F("units"))
        return high.filter(v20__lte=F("units"))
