"""Forms of the complexes app.

The forms parse and check input; the views hand ``cleaned_data`` to the services in
``complexes/services.py``, which validate again and write. Choice fields only offer what the user
may see (corporations, districts, residents of the one complex).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, Corporation, District, Gallery, OccupancySnapshot
from leefbaarheid import roles
from leefbaarheid.fields import BoundedDateField
from leefbaarheid.forms import date_input


class ComplexForm(forms.ModelForm):
    """A complex with its communal room. Only a functional admin chooses the corporation;
    corporation staff always create and keep complexes of their own corporation."""

    class Meta:
        model = Complex
        widgets = {"joined_on": date_input()}
        fields = [
            "corporation",
            "name",
            "address",
            "postcode",
            "district",
            "units",
            "vacant_units",
            "year_built",
            "is_senior",
            "is_thuisplus",
            "joined_on",
            "latitude",
            "longitude",
            "has_communal_room",
            "room_managed_by",
            "room_opening_hours",
            "room_key_holders",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, a new complex takes part from today (and a changed one keeps its date).
        self.fields["joined_on"].required = False
        self.fields["district"].queryset = District.objects.visible_to(user)
        self.fields["district"].empty_label = _("Choose…")
        if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
            self.fields["corporation"].queryset = Corporation.objects.visible_to(user)
        else:
            del self.fields["corporation"]
        building = [name for name in self.fields if not name.startswith(("room_", "has_"))]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Building"), *building),
            Fieldset(
                _("Communal room"),
                "has_communal_room",
                "room_managed_by",
                "room_opening_hours",
                "room_key_holders",
            ),
        )

    def clean_joined_on(self):
        joined = self.cleaned_data.get("joined_on")
        if joined is None:
            return self.instance.joined_on if self.instance.pk else timezone.localdate()
        return joined


class GalleryForm(forms.ModelForm):
    """A gallery of one complex; its name must be new within that complex."""

    class Meta:
        model = Gallery
        fields = ["name", "floor", "homes"]

    def __init__(self, *args, complex: Complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.complex = complex

    def clean_name(self):
        name = self.cleaned_data["name"]
        taken = Gallery.objects.filter(complex=self.complex, name=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("This complex already has a gallery with this name."), code="unique"
            )
        return name


# The model of a gallery's contact person, as the relation names it: complexes sits below the
# residents app and does not import it.
Resident = Gallery._meta.get_field("contact_person").related_model


class ContactPersonForm(forms.Form):
    """Choose a gallery's contact person among the residents of its complex who agreed to it.

    Leaving the choice empty clears the contact person: the gallery shows as a gap again.
    """

    resident = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("No contact person"),
        help_text=_(
            "Residents of this complex who agreed to be contact person "
            "(tick that on the resident's record)."
        ),
    )
    since = BoundedDateField(
        label=_("Contact person since"),
        required=False,
        widget=date_input(),
        help_text=_("Today when left empty."),
    )

    def __init__(self, *args, gallery: Gallery, user, **kwargs):
        super().__init__(*args, **kwargs)
        residents = Resident.objects.visible_to(user).filter(complex_id=gallery.complex_id)
        willing = residents.filter(consent_contact_person=True)
        if gallery.contact_person_id:
            # The current contact person stays choosable, so saving unchanged never fails.
            willing = willing | residents.filter(pk=gallery.contact_person_id)
        self.fields["resident"].queryset = willing.order_by("name")
        self.fields["resident"].initial = gallery.contact_person_id
        self.fields["since"].initial = gallery.contact_since


class OccupancySnapshotForm(forms.ModelForm):
    """Units, vacant units and new tenants of a complex on a date (one snapshot per date)."""

    class Meta:
        model = OccupancySnapshot
        fields = ["date", "units", "vacant_units", "new_tenants"]
        widgets = {"date": date_input()}

    def __init__(self, *args, complex: Complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.complex = complex

    def clean_date(self):
        date = self.cleaned_data["date"]
        taken = OccupancySnapshot.objects.filter(complex=self.complex, date=date)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("This complex already has a snapshot on this date; edit that one."),
                code="unique",
            )
        return date

    def clean(self):
        cleaned = super().clean()
        units, vacant = cleaned.get("units"), cleaned.get("vacant_units")
        if units is not None and vacant is not None and vacant > units:
            self.add_error("vacant_units", _("Vacant units cannot exceed the number of units."))
        return cleaned


class ComplexImportForm(forms.Form):
    """Step 1 of the import: the file, and for a functional admin the corporation it is for.

    Corporation staff import into their own corporation; the field is not offered to them.
    The file is read in ``clean_file``; the parsed table is left on ``self.table``.
    """

    corporation = forms.ModelChoiceField(
        label=_("Corporation"), queryset=Corporation.objects.none(), empty_label=_("Choose…")
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("At most 5 MB and 5,000 rows; the first row holds the column names."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.table = None
        if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
            self.fields["corporation"].queryset = Corporation.objects.visible_to(user)
        else:
            del self.fields["corporation"]

    def clean_file(self):
        from complexes.imports import parse_upload  # imports.py needs the services

        uploaded = self.cleaned_data["file"]
        self.table = parse_upload(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if "corporation" not in self.fields:
            cleaned["corporation"] = self.user.corporation
        return cleaned
