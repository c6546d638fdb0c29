"""Filters shared by the residents app's list screens and its API endpoints."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.filters import ComplexScopedFilterSet
from complexes.models import Gallery
from leefbaarheid import params
from residents.choices import ActivityKind, BookingStatus, GroupKind, HelpKind, Household
from residents.models import Activity, MutualHelp, Resident, ResidentGroup, RoomBooking

YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


def _date():
    return forms.DateInput({"type": "date"}, format="%Y-%m-%d")


def _galleries(request):
    # A gallery is labelled with its complex's name: fetch both at once, not one per option.
    if not request:
        return Gallery.objects.none()
    return Gallery.objects.visible_to(request.user).select_related("complex")


def _groups(request):
    return (
        ResidentGroup.objects.visible_to(request.user) if request else ResidentGroup.objects.none()
    )


# Choice filters list only what the user may see: never another corporation's names.
def _gallery_filter():
    return django_filters.ModelChoiceFilter(
        queryset=_galleries, label=_("Gallery"), empty_label=_("All")
    )


def _group_filter():
    return django_filters.ModelChoiceFilter(
        queryset=_groups, label=_("Group"), empty_label=_("All")
    )


class ResidentFilterSet(ComplexScopedFilterSet):
    gallery = _gallery_filter()
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    household = django_filters.ChoiceFilter(
        choices=Household.choices, label=_("Household"), empty_label=_("All")
    )

    class Meta:
        model = Resident
        fields = ["complex", "gallery", "q", "household"]


class ChosenComplexChoices:
    """For list screens: the choice filters named in ``per_complex`` offer the options of the
    chosen complex only. A city-wide list of galleries or groups is hundreds of options nobody
    can tell apart (the API keeps the plain filter set and accepts any visible one).
    """

    per_complex: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        complex_id = params.id_or_none(self.data.get("complex") or "")
        for name in self.per_complex:
            field = self.form.fields[name]
            if complex_id is not None:
                field.queryset = field.queryset.filter(complex_id=complex_id)
            else:
                field.queryset = field.queryset.none()


class ResidentScreenFilterSet(ChosenComplexChoices, ResidentFilterSet):
    """The residents screen: the galleries of the chosen complex only."""

    per_complex = ("gallery",)


class ResidentGroupFilterSet(ComplexScopedFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=GroupKind.choices, label=_("Kind"), empty_label=_("All")
    )
    active = django_filters.BooleanFilter(label=_("Active"), widget=forms.Select(choices=YES_NO))

    class Meta:
        model = ResidentGroup
        fields = ["complex", "kind", "active"]


class ActivityFilterSet(ComplexScopedFilterSet):
    group = _group_filter()
    kind = django_filters.ChoiceFilter(
        choices=ActivityKind.choices, label=_("Kind"), empty_label=_("All")
    )
    date_after = params.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=_date()
    )
    date_before = params.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Until"), widget=_date()
    )

    class Meta:
        model = Activity
        fields = ["complex", "group", "kind", "date_after", "date_before"]


class ActivityScreenFilterSet(ChosenComplexChoices, ActivityFilterSet):
    """The activities screen: the groups of the chosen complex only."""

    per_complex = ("group",)


class RoomBookingFilterSet(ComplexScopedFilterSet):
    group = _group_filter()
    status = django_filters.ChoiceFilter(
        choices=BookingStatus.choices, label=_("Status"), empty_label=_("All")
    )
    start_after = params.DateFilter(
        field_name="end", lookup_expr="date__gte", label=_("From"), widget=_date()
    )
    start_before = params.DateFilter(
        field_name="start", lookup_expr="date__lte", label=_("Until"), widget=_date()
    )

    class Meta:
        model = RoomBooking
        fields = ["complex", "group", "status", "start_after", "start_before"]


class RoomBookingScreenFilterSet(ChosenComplexChoices, RoomBookingFilterSet):
    """The bookings list: the groups of the chosen complex only."""

    per_complex = ("group",)


class MutualHelpFilterSet(ComplexScopedFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=HelpKind.choices, label=_("Kind"), empty_label=_("All")
    )
    month_after = params.DateFilter(
        field_name="month", lookup_expr="gte", label=_("From"), widget=_date()
    )
    month_before = params.DateFilter(
        field_name="month", lookup_expr="lte", label=_("Until"), widget=_date()
    )

    class Meta:
        model = MutualHelp
        fields = ["complex", "kind", "month_after", "month_before"]
