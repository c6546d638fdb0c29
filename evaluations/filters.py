"""Filter sets of the evaluations app, shared by screens and API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.filters import ComplexFilterSet
from complexes.models import Complex, Corporation, District
from evaluations import selectors
from evaluations.choices import Status
from evaluations.models import IndicatorSnapshot, SurveyRound
from evaluations.selectors import citymap
from interventions.filters import HoursFilterForm
from leefbaarheid.params import IdFilter, YearFilter


# The choices a filter offers: only what the user may see; none without a request.
def _corporations(request):
    return Corporation.objects.visible_to(request.user) if request else Corporation.objects.none()


def _districts(request):
    return District.objects.visible_to(request.user) if request else District.objects.none()


class ComplexPlaceFilterSet(django_filters.FilterSet):
    """Rows of a complex, by the complex's district and corporation."""

    district = django_filters.ModelChoiceFilter(
        field_name="complex__district",
        queryset=_districts,
        label=_("District"),
        empty_label=_("All"),
    )
    corporation = django_filters.ModelChoiceFilter(
        field_name="complex__corporation",
        queryset=_corporations,
        label=_("Corporation"),
        empty_label=_("All"),
    )


# Indicators -------------------------------------------------------------------------------------


class IndicatorFilterSet(ComplexPlaceFilterSet):
    """Indicator snapshots by complex name, district, corporation and status (the city
    overview of one week). Start from ``selectors.current_snapshots``: the rows are the
    user's."""

    q = django_filters.CharFilter(
        field_name="complex__name", lookup_expr="icontains", label=_("Search by name")
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("All")
    )

    class Meta:
        model = IndicatorSnapshot
        fields = ["q", "district", "corporation", "status"]


class IndicatorApiFilterForm(HoursFilterForm):
    """Turns ``week_from`` and ``week_to`` into ISO weeks (2026-W40, or a week number with
    ``year``), each error on its own field, as on the hours."""


class IndicatorApiFilterSet(IndicatorFilterSet):
    """The API's filters: those of the overview plus a complex (by id: one outside the
    caller's reach simply gives nothing), a year, a range of ISO weeks and ``latest`` for the
    newest week only."""

    complex = IdFilter(
        field_name="complex_id",
        label=_("Complex"),
        min_value=1,
        help_text=_("The complex's id."),
    )
    year = YearFilter(field_name="year", label=_("Year"), min_value=2000, max_value=2100)
    week_from = django_filters.CharFilter(
        method="filter_week_from", label=_("From week"), help_text=_("e.g. 2026-W40")
    )
    week_to = django_filters.CharFilter(
        method="filter_week_to", label=_("To week"), help_text=_("e.g. 2026-W47")
    )
    # A choice rather than a boolean, so "latest=perhaps" is refused instead of ignored.
    latest = django_filters.ChoiceFilter(
        method="filter_latest",
        choices=[("true", _("Yes")), ("false", _("No"))],
        label=_("Newest week only"),
        empty_label=_("All"),
        help_text=_("true: only the newest week that has snapshots."),
    )

    class Meta:
        model = IndicatorSnapshot
        form = IndicatorApiFilterForm
        fields = [
            "q",
            "complex",
            "district",
            "corporation",
            "status",
            "year",
            "week_from",
            "week_to",
            "latest",
        ]

    def filter_week_from(self, queryset, name, value):
        return queryset.filter(week_start__gte=value.monday)

    def filter_week_to(self, queryset, name, value):
        return queryset.filter(week_start__lte=value.monday)

    def filter_latest(self, queryset, name, value):
        if value != "true":
            return queryset
        return queryset.filter(week_start=selectors.newest_week_monday())


# Surveys ----------------------------------------------------------------------------------------


def _survey_complexes(request):
    if not request:
        return Complex.objects.none()
    return selectors.indicator_complexes(user=request.user).only("pk", "name")


class SurveyFilterSet(ComplexPlaceFilterSet):
    """Survey rounds by complex, district, corporation and the year they were held (the
    complexes offered are those whose results the user may read)."""

    complex = django_filters.ModelChoiceFilter(
        queryset=_survey_complexes, label=_("Complex"), empty_label=_("All")
    )
    year = YearFilter(
        field_name="held_on",
        lookup_expr="year",
        label=_("Year"),
        widget=forms.NumberInput({"min": 2000, "max": 2100}),
    )

    class Meta:
        model = SurveyRound
        fields = ["complex", "district", "corporation", "year"]


# The city map ---------------------------------------------------------------------------------


class MapFilterSet(ComplexFilterSet):
    """The map's filters: the complex list's district, corporation and Thuisplus (same names
    and values, so the map's query opens the list) and the status of the newest week. Start
    from ``selectors.citymap.map_complexes``: the rows are the user's."""

    status = django_filters.ChoiceFilter(
        choices=Status.choices, method="filter_status", label=_("Status"), empty_label=_("All")
    )
    LIST_ONLY = ("q", "vacancy", "without_contact")

    class Meta(ComplexFilterSet.Meta):
        fields = ["district", "corporation", "status", "is_thuisplus"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.LIST_ONLY:
            del self.filters[name]

    def filter_status(self, queryset, name, value):
        return citymap.map_status_filter(queryset, value)
