"""Forms of the evaluations app."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, Corporation, District
from evaluations.choices import LONELINESS_ITEMS, Answer, Scope
from evaluations.models import WEIGHT_FIELDS, BudgetScenario, IndicatorSettings
from leefbaarheid.fields import (
    BoundedDateField,
    HoursField,
    MoneyField,
    NumberField,
    PlainTextField,
)
from leefbaarheid.forms import date_input

# Indicators -------------------------------------------------------------------------------------

INDICATOR_THRESHOLD_FIELDS = (
    "red_below",
    "green_from",
    "core_group_min_members",
    "survey_min_responses",
    "effect_min_gain",
    "effect_kept_share",
)


class IndicatorSettingsForm(forms.ModelForm):
    """The weights and thresholds of the cohesion index (functional admin only). The model's
    ``clean`` refuses red above green and all weights 0, each on its field; the save goes
    through ``services.indicator_settings_update``."""

    class Meta:
        model = IndicatorSettings
        fields = [*WEIGHT_FIELDS.values(), *INDICATOR_THRESHOLD_FIELDS]
        # Typed and shown the Dutch way: "50", "1,5" (the model's validators keep the bounds).
        field_classes = {
            **dict.fromkeys(WEIGHT_FIELDS.values(), NumberField),
            "red_below": NumberField,
            "green_from": NumberField,
            "hours_norm": HoursField,
            "effect_min_gain": NumberField,
        }

    def weight_fields(self):
        return [self[name] for name in WEIGHT_FIELDS.values()]

    def threshold_fields(self):
        return [self[name] for name in INDICATOR_THRESHOLD_FIELDS]

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


# Surveys ----------------------------------------------------------------------------------------


class SurveyRoundForm(forms.Form):
    """A survey round in one of the complexes the user enters responses for;
    ``services.survey_round_save`` checks the date, the name and the complex again and writes."""

    complex = forms.ModelChoiceField(
        label=_("Complex"), queryset=Complex.objects.none(), empty_label=_("Choose…")
    )
    name = PlainTextField(
        label=_("Name"), max_length=120, help_text=_("For example “Spring 2026”.")
    )
    held_on = BoundedDateField(
        label=_("Held on"),
        widget=date_input(),
        help_text=_("The day the questionnaires were handed out; not in the future."),
    )
    note = PlainTextField(label=_("Note"), max_length=200, required=False)

    DATA_FIELDS = ("complex", "name", "held_on", "note")

    def __init__(self, *args, complexes, fixed_complex=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complex"].queryset = complexes
        # Correcting a round: it stays in its complex (the service refuses a move too).
        self.fields["complex"].disabled = fixed_complex

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}


NOT_ANSWERED = ""
SURVEY_ANSWER_CHOICES = [*Answer.choices, (NOT_ANSWERED, _("Not answered"))]


class SurveyResponseForm(forms.Form):
    """One paper questionnaire: the six items of the De Jong Gierveld scale, each yes / more or
    less / no or not answered (the default, so a skipped item needs no keystroke). Which
    combinations count is the service's rule (``services.survey_response_add``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, (field, wording, _lonely) in enumerate(LONELINESS_ITEMS, start=1):
            self.fields[field] = forms.ChoiceField(
                label=f"{number}. {wording}",
                choices=SURVEY_ANSWER_CHOICES,
                required=False,
                initial=NOT_ANSWERED,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose yes, more or less, or no, or leave the item empty.")
                },
            )

    def answers(self) -> dict[str, str]:
        return {field: self.cleaned_data.get(field) or "" for field, _w, _l in LONELINESS_ITEMS}


# Budget -----------------------------------------------------------------------------------------

SCENARIO_FIELDS = (
    "name",
    "scope",
    "complex_count",
    "corporation",
    "district",
    "hours_per_week",
    "hourly_rate",
    "weeks_per_year",
    "note",
)


class ScenarioForm(forms.ModelForm):
    """A budget scenario. Which of number, corporation and district counts follows the scope
    (static/js/app.js hides the others; without JavaScript they stay and are ignored); the
    model's ``clean`` names the one that is missing, ``services.scenario_save`` writes."""

    scope = forms.ChoiceField(
        label=_("Complexes"),
        choices=Scope.choices,
        initial=Scope.ALL,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = BudgetScenario
        fields = SCENARIO_FIELDS
        field_classes = {"hours_per_week": HoursField, "hourly_rate": MoneyField}
        widgets = {"note": forms.Textarea({"rows": 3})}
        help_texts = {
            "hours_per_week": _(
                "Leave empty to follow the norm of the welfare calendar (4 hours per funded "
                "week, unless the municipality set another)."
            ),
            "hourly_rate": _("In euros, for example 75.00."),
            "weeks_per_year": _(
                "Leave empty for the funded weeks of this year's welfare calendar (42 by "
                "default); the evaluation used 42."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corporation"].queryset = Corporation.objects.visible_to(user)
        self.fields["district"].queryset = District.objects.visible_to(user)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and its token
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "name",
            "scope",
            Div("complex_count", data_show_when=f"scope={Scope.FIXED}"),
            Div("corporation", data_show_when=f"scope={Scope.CORPORATION}"),
            Div("district", data_show_when=f"scope={Scope.DISTRICT}"),
            "hours_per_week",
            "hourly_rate",
            "weeks_per_year",
            "note",
        )

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in SCENARIO_FIELDS}
