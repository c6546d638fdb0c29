"""Forms of the intervention screens.

Plain forms: they parse input and offer only what the user may choose (providers, and the grants
of the one complex the intervention is in); ``services.intervention_create/update`` validate the
record and write.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex
from interventions import selectors
from interventions.choices import Approach, Challenge, InterventionStatus, SuccessFactor
from interventions.models import Grant, Intervention, Provider
from leefbaarheid.fields import BoundedDateField, PlainTextField
from leefbaarheid.forms import date_input
from leefbaarheid.money import euro

CHECKLISTS = ("success_factors", "approach", "challenges")


def grant_label(grant: Grant) -> str:
    """A grant as offered in the form: scheme, title, period, amount and status."""
    amount = grant.amount_awarded if grant.amount_awarded is not None else grant.amount_requested
    return (
        f"{grant.scheme.name} — {grant.title} "
        f"({grant.start:%d-%m-%Y} – {grant.end:%d-%m-%Y}, {euro(amount)}, "
        f"{grant.get_status_display()})"
    )


def _checklist(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterventionForm(forms.Form):
    """An intervention in one complex: who carries it out, what it is paid from, what it does
    and the evaluation's checklists."""

    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("No provider yet"),
    )
    grant = forms.ModelChoiceField(
        label=_("Paid from grant"),
        queryset=Grant.objects.none(),
        required=False,
        empty_label=_("No grant"),
        help_text=_("Only this complex's grants that were not rejected."),
    )
    title = PlainTextField(label=_("Title"), max_length=200)
    methodology = PlainTextField(
        label=_("Methodology"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("The method and how it is carried out."),
    )
    start = BoundedDateField(label=_("Start"), widget=date_input())
    end = BoundedDateField(
        label=_("End"),
        required=False,
        widget=date_input(),
        help_text=_("Required once the intervention is completed or stopped."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=InterventionStatus.choices, initial=InterventionStatus.PLANNED
    )
    goals = PlainTextField(label=_("Goals"), required=False, widget=forms.Textarea({"rows": 3}))
    success_factors = _checklist(_("Success factors present"), SuccessFactor)
    approach = _checklist(_("Approach"), Approach)
    challenges = _checklist(_("Challenges met"), Challenge)
    challenges_notes = PlainTextField(
        label=_("About the challenges"), required=False, widget=forms.Textarea({"rows": 3})
    )
    outcome = PlainTextField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("What came of it, and whether it lasted."),
    )

    DATA_FIELDS = (
        "provider",
        "grant",
        "title",
        "methodology",
        "start",
        "end",
        "status",
        "goals",
        *CHECKLISTS,
        "challenges_notes",
        "outcome",
    )

    def __init__(self, *args, complex: Complex, user, intervention: Intervention | None, **kwargs):
        if intervention is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(intervention, name) for name in self.DATA_FIELDS}
        super().__init__(*args, **kwargs)
        self.complex = complex
        self.fields["provider"].queryset = selectors.provider_list(user=user)
        grants = selectors.grants_for_intervention(complex=complex, user=user)
        if intervention is not None and intervention.grant_id:
            # The grant it is already paid from stays on offer, so a grant rejected since then
            # gets the service's own message ("this grant was rejected") rather than a generic one.
            grants = grants | Grant.objects.filter(pk=intervention.grant_id, complex=complex)
        self.fields["grant"].queryset = grants
        self.fields["grant"].label_from_instance = grant_label
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The intervention"),
                "title",
                "provider",
                "grant",
                "status",
                "start",
                "end",
                "goals",
                "methodology",
            ),
            Fieldset(_("Evaluation"), *CHECKLISTS, "challenges_notes", "outcome"),
        )

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}
