"""Filter sets of the interventions app, shared by screens and API."""

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from complexes.filters import ComplexScopedFilterSet
from complexes.models import Complex, Corporation, District
from interventions import selectors
from interventions.choices import GrantStatus, InterventionStatus, ProviderKind, WorkKind
from interventions.models import Grant, HoursEntry, Intervention, Provider, SubsidyScheme
from leefbaarheid.models import User
from leefbaarheid.params import YearFilter, parse_week
from leefbaarheid.weeks import Week

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
    year = YearFilter(method="filter_year", label=_("Year"))
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


# Welfare hours ---------------------------------------------------------------------------------


def _hours_complexes(request):
    if not request:
        return Complex.objects.none()
    return selectors.hours_complexes(user=request.user).order_by("name")


def _hours_professionals(request):
    if not request:
        return User.objects.none()
    return selectors.hours_professionals(user=request.user)


class PersonChoiceField(forms.ModelChoiceField):
    """A user offered by name rather than by username."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class HoursFilterForm(forms.Form):
    """Turns "from week" and "to week" into ISO weeks: as 2026-W05, or a week number with the
    year filled in. A wrong week is an error on its own field."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        for name in ("week_from", "week_to"):
            text = cleaned.get(name)
            if not text:
                continue
            try:
                cleaned[name] = parse_week(text, year)
            except ValueError:
                self.add_error(name, self._week_error(name, text, year))
        start, end = cleaned.get("week_from"), cleaned.get("week_to")
        if isinstance(start, Week) and isinstance(end, Week) and end.monday < start.monday:
            self.add_error(
                "week_to",
                _("“%(field)s” is before “%(other)s”: choose a later week.")
                % {"field": self.fields["week_to"].label, "other": self.fields["week_from"].label},
            )
        return cleaned

    def _week_error(self, name: str, text: str, year: int | None) -> str:
        label = self.fields[name].label
        if text.strip().isdigit() and year is None:
            return _(
                "“%(field)s” is a week number without a year: fill in the year, or give the "
                "week as 2026-W05."
            ) % {"field": label}
        return _(
            "“%(field)s” is not an existing week: give it as 2026-W05, or a week number "
            "from 1 to 52 (53 in some years) with the year."
        ) % {"field": label}


class HoursFilterSet(django_filters.FilterSet):
    """Hours entries by complex, professional, corporation, district, kind of work and a range
    of ISO weeks (``week_from``/``week_to`` as 2026-W05, or week numbers with ``year``; ``year``
    alone selects that ISO year). Start from ``selectors.hours_list``: the choices offered are
    the user's, the rows must be too."""

    complex = django_filters.ModelChoiceFilter(
        queryset=_hours_complexes, label=_("Complex"), empty_label=_("All")
    )
    professional = PersonFilter(
        queryset=_hours_professionals, label=_("Professional"), empty_label=_("All")
    )
    corporation = django_filters.ModelChoiceFilter(
        field_name="complex__corporation",
        queryset=_corporations,
        label=_("Corporation"),
        empty_label=_("All"),
    )
    district = django_filters.ModelChoiceFilter(
        field_name="complex__district",
        queryset=_districts,
        label=_("District"),
        empty_label=_("All"),
    )
    year = YearFilter(field_name="year", label=_("Year"), min_value=2000, max_value=2100)
    week_from = django_filters.CharFilter(
        method="filter_week_from", label=_("From week"), help_text=_("e.g. 2026-W05")
    )
    week_to = django_filters.CharFilter(
        method="filter_week_to", label=_("To week"), help_text=_("e.g. 2026-W18")
    )
    kind = django_filters.ChoiceFilter(
        choices=WorkKind.choices, label=_("Kind of work"), empty_label=_("All")
    )

    class Meta:
        model = HoursEntry
        form = HoursFilterForm
        fields = [
            "complex",
            "professional",
            "corporation",
            "district",
            "year",
            "week_from",
            "week_to",
            "kind",
        ]

    def filter_week_from(self, queryset, name, value: Week):
        return queryset.filter(week_start__gte=value.monday)

    def filter_week_to(self, queryset, name, value: Week):
        return queryset.filter(week_start__lte=value.monday)
