"""Forms of the residents app."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, Gallery
from leefbaarheid import params
from leefbaarheid.fields import BoundedDateField, BoundedDateTimeField, PlainTextField
from leefbaarheid.forms import date_input
from residents.choices import (
    ActivityKind,
    BookingStatus,
    ContactKind,
    GroupKind,
    HelpKind,
    Recurrence,
)
from residents.models import Resident, ResidentGroup

# Building life: groups, activities, room bookings, mutual help ------------------------------
# Plain forms: the services validate the record; these only parse input and offer the residents
# and groups of the one complex the record belongs to.


def _datetime_input():
    return forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


DATETIME_LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def resident_with_gallery(resident: Resident) -> str:
    """A resident's label in a form: two Maria Posts are told apart by their gallery."""
    if resident.gallery is None:
        return resident.name
    return f"{resident.name} — {resident.gallery.name}"


class ComplexRecordForm(forms.Form):
    """A form for a record of one complex: residents and groups are offered from it only.

    Residents come gallery by gallery (floor, then name), each labelled with their gallery."""

    def __init__(self, *args, complex: Complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.complex = complex
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                queryset = model.objects.filter(complex=complex)
                if model is Resident:
                    # Residents without a gallery last, on SQLite as on PostgreSQL.
                    queryset = queryset.select_related("gallery").order_by(
                        F("gallery__floor").asc(nulls_last=True),
                        F("gallery__name").asc(nulls_last=True),
                        "name",
                        "pk",
                    )
                    field.label_from_instance = resident_with_gallery
                else:
                    queryset = queryset.order_by("name", "pk")
                field.queryset = queryset


class ResidentGroupForm(ComplexRecordForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    name = PlainTextField(label=_("Name"), max_length=120)
    started = BoundedDateField(label=_("Started"), required=False, widget=date_input())
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    members = params.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unnamed_members = forms.IntegerField(
        label=_("Members not named"),
        min_value=0,
        initial=0,
        help_text=_("Members counted but not recorded by name."),
    )

    DATA_FIELDS = ("kind", "name", "started", "active", "unnamed_members")


class ActivityForm(ComplexRecordForm):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=ResidentGroup.objects.none(),
        required=False,
        empty_label=_("No group"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    date = BoundedDateField(label=_("Date"), widget=date_input())
    attendees = params.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    head_count = forms.IntegerField(
        label=_("Attendance"),
        min_value=0,
        required=False,
        help_text=_("Everyone who came, named or not. Left empty: the number named."),
    )
    note = PlainTextField(label=_("Note"), max_length=200, required=False)

    DATA_FIELDS = ("group", "kind", "date", "head_count", "note")


class RoomBookingForm(ComplexRecordForm):
    title = PlainTextField(label=_("What"), max_length=120)
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=ResidentGroup.objects.none(),
        required=False,
        empty_label=_("No group"),
    )
    resident = forms.ModelChoiceField(
        label=_("Booked by resident"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("No resident"),
    )
    start = BoundedDateTimeField(
        label=_("Start"), input_formats=DATETIME_LOCAL_FORMATS, widget=_datetime_input()
    )
    end = BoundedDateTimeField(
        label=_("End"), input_formats=DATETIME_LOCAL_FORMATS, widget=_datetime_input()
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=BookingStatus.choices, initial=BookingStatus.CONFIRMED
    )

    DATA_FIELDS = ("title", "group", "resident", "start", "end", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>


class RoomBookingCreateForm(RoomBookingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The end date of a series matters only for a weekly booking (static/js/app.js).
        self.helper.layout = Layout(
            *[name for name in self.fields if name != "until"],
            Div("until", data_show_when="recurrence=weekly"),
        )

    recurrence = forms.ChoiceField(
        label=_("Repeat"),
        choices=Recurrence.choices,
        initial=Recurrence.NONE,
        widget=forms.RadioSelect,
    )
    until = BoundedDateField(
        label=_("Weekly until"),
        required=False,
        widget=date_input(),
        help_text=_("The date of the last weekly occurrence."),
    )


class RoomBookingDeleteForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Delete"),
        choices=[
            ("one", _("Only this booking")),
            ("series", _("This booking and the later ones of its series")),
        ],
        initial="one",
        widget=forms.RadioSelect,
    )


class MutualHelpForm(ComplexRecordForm):
    month = BoundedDateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput({"type": "month"}, format="%Y-%m"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=HelpKind.choices)
    residents = params.ModelMultipleChoiceField(
        label=_("Residents involved"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_count = forms.IntegerField(
        label=_("Number of people involved"),
        min_value=0,
        required=False,
        help_text=_("Everyone involved, named or not. Left empty: the number named."),
    )

    DATA_FIELDS = ("month", "kind", "people_count")


# Residents and personal contacts (welcomes, visits) -------------------------------------------


class ResidentForm(forms.ModelForm):
    """A resident of one fixed complex: the gallery is offered from that complex only."""

    class Meta:
        model = Resident
        fields = [
            "name",
            "gallery",
            "birth_year",
            "household",
            "language",
            "moved_in",
            "consent_contact_person",
        ]
        widgets = {"moved_in": date_input()}

    def __init__(self, *args, complex: Complex, **kwargs):
        # A fresh instance of the fixed complex: the model's own checks run against it, and the
        # resident being edited stays untouched until the service saves it.
        kwargs["instance"] = Resident(complex=complex)
        super().__init__(*args, **kwargs)
        self.complex = complex
        gallery = self.fields["gallery"]
        gallery.queryset = Gallery.objects.filter(complex=complex)
        gallery.label_from_instance = lambda g: g.name


class InlineForm(forms.Form):
    """A small form that also fits in a table row: Bootstrap's small controls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if is_select else "form-control form-control-sm"
            )


# The list parameters a row's form may carry back to its list: nothing else, so the redirect
# after saving stays on the list (never another site) and on the complex and page one came from.
LIST_QUERY_KEYS = ("complex", "page")


class BackToListForm(InlineForm):
    """A row's form that returns to the same filtered page of its list after saving."""

    next_query = PlainTextField(required=False, widget=forms.HiddenInput)

    def clean_next_query(self) -> str:
        """Only the list's own parameters, digits only, re-encoded: never a URL to follow."""
        given = QueryDict(self.cleaned_data["next_query"] or "")
        kept = {
            key: given[key]
            for key in LIST_QUERY_KEYS
            if params.id_or_none(given.get(key, "")) is not None
        }
        return urlencode(kept)


class WelcomeForm(BackToListForm):
    """Mark a new tenant as welcomed: when, and by which contact person of the complex."""

    date = BoundedDateField(label=_("Date"), initial=timezone.localdate, widget=date_input())
    made_by = forms.TypedChoiceField(
        label=_("Welcomed by contact person"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, contact_persons, **kwargs):
        """``contact_persons``: the contact persons of the resident's complex, fetched once."""
        super().__init__(*args, **kwargs)
        self.contact_persons = {person.pk: person for person in contact_persons}
        self.fields["made_by"].choices = [
            ("", _("Nobody (a professional or staff member)")),
            *((person.pk, person.name) for person in contact_persons),
        ]

    def clean_made_by(self):
        pk = self.cleaned_data["made_by"]
        return self.contact_persons.get(pk) if pk is not None else None


class VisitForm(BackToListForm):
    """Record a visit or other contact with a resident who was out of sight."""

    kind = forms.ChoiceField(
        label=_("Kind of contact"),
        choices=[
            (choice.value, choice.label)
            for choice in (ContactKind.VISIT, ContactKind.PHONE, ContactKind.OTHER)
        ],
        initial=ContactKind.VISIT,
    )
    date = BoundedDateField(label=_("Date"), initial=timezone.localdate, widget=date_input())
