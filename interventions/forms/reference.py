"""Forms of the reference data of the interventions app: subsidy schemes and providers.

Model forms parse the input; the views hand ``cleaned_data`` to the services, which validate the
record again and write. The views give the form a copy of the record, so the service compares
the stored values with the new ones.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.models import Provider, SubsidyScheme
from leefbaarheid.fields import MoneyField
from leefbaarheid.forms import date_input

SCHEME_FIELDS = (
    "name",
    "funder",
    "purpose",
    "min_amount",
    "max_amount",
    "start",
    "end",
    "report_within_weeks",
    "active",
)
PROVIDER_FIELDS = ("name", "kind", "contact_name", "email", "phone", "website")


class SchemeForm(forms.ModelForm):
    class Meta:
        model = SubsidyScheme
        fields = SCHEME_FIELDS
        field_classes = {"min_amount": MoneyField, "max_amount": MoneyField}
        widgets = {
            "purpose": forms.Textarea({"rows": 3}),
            "start": date_input(),
            "end": date_input(),
        }

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in SCHEME_FIELDS}


class ProviderForm(forms.ModelForm):
    # A website typed without "https://" gets it, as Django 6 will do by default.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Provider
        fields = PROVIDER_FIELDS

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROVIDER_FIELDS}
