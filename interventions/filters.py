"""Filter sets of the interventions app, shared by screens and API."""

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from complexes.filters import ComplexScopedFilterSet
from complexes.models import Corporation, District
from interventions.choices import GrantStatus, InterventionStatus, ProviderKind
from interventions.models import Grant, Intervention, Provider, SubsidyScheme

YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


def _schemes(request):
    if not request:
        return SubsidyScheme.objects.none()
    return SubsidyScheme.objects.visible_to(request.user)


def _providers(request):
    return Provider.objects.visible_to(request.user) if request else Provider.objects.none()


def _corporations(request):
    return Corporation.objects.visible_to(request.user) if request else Corporation.objects.none()


def _districts(request):
    return District.objects.visible_to(request.user) if request else District.objects.none()


class SchemeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    active = django_filters.BooleanFilter(
        label=_("Open for applications"), widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = SubsidyScheme
        fields = ["q", "active"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(funder__icontains=value))


class ProviderFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    kind = django_filters.ChoiceFilter(
        choices=ProviderKind.choices, label=_("Kind"), empty_label=_("All")
    )

    class Meta:
        model = Provider
        fields = ["q", "kind"]


class GrantFilterSet(ComplexScopedFilterSet):
    """Grants by scheme, corporation, district, year (of the period's start), status, and
    whether the complex has a grant of another scheme in an overlapping period (the queryset
    must come from ``selectors.grant_list``, which annotates ``has_overlap``)."""

    scheme = django_filters.ModelChoiceFilter(
        queryset=_schemes, label=_("Scheme"), empty_label=_("All")
    )
    corporation = django_filters.ModelChoiceFilter(
        queryset=_corporations, label=_("Corporation"), empty_label=_("All")
    )
    district = django_filters.ModelChoiceFilter(
        field_name="complex__district",
        queryset=_districts,
        label=_("District"),
        empty_label=_("All"),
    )
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=GrantStatus.choices, label=_("Status"), empty_label=_("All")
    )
    overlap = django_filters.BooleanFilter(
        field_name="has_overlap",
        label=_("Overlaps another scheme"),
        widget=forms.Select(choices=YES_NO),
    )

    class Meta:
        model = Grant
        fields = ["scheme", "corporation", "district", "complex", "year", "status", "overlap"]

    def filter_year(self, queryset, name, value):
        return queryset.alias(start_year=ExtractYear("start")).filter(start_year=value)


class InterventionFilterSet(ComplexScopedFilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    provider = django_filters.ModelChoiceFilter(
        queryset=_providers, label=_("Provider"), empty_label=_("All")
    )
    district = django_filters.ModelChoiceFilter(
        field_name="complex__district",
        queryset=_districts,
        label=_("District"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        choices=InterventionStatus.choices, label=_("Status"), empty_label=_("All")
    )
    with_grant = django_filters.BooleanFilter(
        field_name="grant",
        lookup_expr="isnull",
        exclude=True,
        label=_("Paid from a grant"),
        widget=forms.Select(choices=YES_NO),
    )

    class Meta:
        model = Intervention
        fields = ["q", "complex", "district", "provider", "status", "with_grant"]
