"""Filters shared by the complex list screen and the API."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _

from complexes.choices import VacancyBand
from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from leefbaarheid import params


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
    vacant = django_filters.BooleanFilter(
        method="filter_vacant",
        label=_("With vacant units"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    without_contact = django_filters.BooleanFilter(
        method="filter_without_contact",
        label=_("Galleries without contact person"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Complex
        fields = [
            "q",
            "district",
            "corporation",
            "is_thuisplus",
            "vacancy",
            "vacant",
            "without_contact",
        ]

    def filter_search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(address__icontains=value)

    def filter_without_contact(self, queryset, name, value):
        """Complexes with at least one gallery lacking a contact person (or none lacking one)."""
        gap = Gallery.objects.filter(complex=OuterRef("pk"), contact_person__isnull=True)
        return queryset.filter(Exists(gap) if value else ~Exists(gap))

    def filter_vacant(self, queryset, name, value):
        """Complexes with at least one vacant unit (or none)."""
        return queryset.filter(vacant_units__gt=0) if value else queryset.filter(vacant_units=0)

    def filter_vacancy(self, queryset, name, value):
        if value == VacancyBand.NONE:
            return queryset.filter(vacant_units=0)
        # 5% of the units, compared in integers: vacant * 20 > units.
        high = queryset.filter(vacant_units__gt=0).alias(v20=F("vacant_units") * 20)
        if value == VacancyBand.HIGH:
            return high.filter(v20__gt=F("units"))
        return high.filter(v20__lte=F("units"))


def _complexes(request):
    return Complex.objects.visible_to(request.user) if request else Complex.objects.none()


class ComplexScopedFilterSet(django_filters.FilterSet):
    """Base for records of a complex: filter by one of the complexes the user may see."""

    complex = django_filters.ModelChoiceFilter(
        queryset=_complexes, label=_("Complex"), empty_label=_("All")
    )


class GalleryFilterSet(ComplexScopedFilterSet):
    without_contact = django_filters.BooleanFilter(
        field_name="contact_person",
        lookup_expr="isnull",
        label=_("Without contact person"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Gallery
        fields = ["complex", "without_contact"]


class OccupancyFilterSet(ComplexScopedFilterSet):
    date_after = params.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput({"type": "date"}),
    )
    date_before = params.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("Until"),
        widget=forms.DateInput({"type": "date"}),
    )

    class Meta:
        model = OccupancySnapshot
        fields = ["complex", "date_after", "date_before"]
