"""Forms of the grant screens: the complex to apply for, the application, its corrections and
one form per lifecycle step.

Plain forms: they parse input, the services (``interventions.services``) decide what is allowed
and say why not. Amounts are typed as Dutch users write them ("8.500,50", "€ 12.000") or as
the API does ("8500.50"): ``leefbaarheid.fields.MoneyField``.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interventions.choices import GrantStep
from interventions.models import Grant, SubsidyScheme
from leefbaarheid.fields import BoundedDateField, MoneyField, PlainTextField
from leefbaarheid.forms import date_input
from leefbaarheid.money import euro


def _money(label, **kwargs) -> MoneyField:
    return MoneyField(label=label, max_digits=10, **kwargs)


def scheme_label(scheme: SubsidyScheme) -> str:
    """A scheme with its bounds, so the applicant knows what to ask for."""
    return f"{scheme.name} ({euro(scheme.min_amount)} – {euro(scheme.max_amount)})"


class GrantForm(forms.Form):
    """An application, and its corrections: the view drops the fields that cannot change."""

    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=SubsidyScheme.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("Between brackets: the smallest and largest grant the scheme gives."),
    )
    title = PlainTextField(label=_("Title"), max_length=200)
    description = PlainTextField(
        label=_("Plan"),
        required=False,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("What you want to do, with whom, and what it should bring the residents."),
    )
    start = BoundedDateField(label=_("Period from"), widget=date_input())
    end = BoundedDateField(label=_("Period until"), widget=date_input())
    amount_requested = _money(_("Amount requested (€)"))
    report_due = BoundedDateField(label=_("Report due"), required=False, widget=date_input())
    reference = PlainTextField(
        label=_("File number"),
        max_length=40,
        required=False,
        help_text=Grant._meta.get_field("reference").help_text,
    )
    documents = PlainTextField(
        label=_("Documents"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=Grant._meta.get_field("documents").help_text,
    )

    def __init__(self, *args, schemes, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]
        if "scheme" in self.fields:
            self.fields["scheme"].queryset = schemes
            self.fields["scheme"].label_from_instance = scheme_label

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


def _on_field() -> forms.DateField:
    return BoundedDateField(
        label=_("Date of this step"),
        required=False,
        widget=date_input(),
        help_text=_("Leave as is for today; an earlier date records a step taken before."),
    )


class GrantStepForm(forms.Form):
    """Base of the step forms: the date of the step, today unless given."""

    on = _on_field()

    def __init__(self, *args, grant: Grant, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            "on": timezone.localdate(),
            **self.initial_for(grant),
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)
        self.grant = grant

    def initial_for(self, grant: Grant) -> dict:
        return {}

    def data_for_service(self) -> dict:
        """What the service takes as ``data``; empty optional values are left out."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "on" and value not in (None, "")
        }


class AwardForm(GrantStepForm):
    amount_awarded = _money(_("Amount awarded (€)"), required=False)
    report_due = BoundedDateField(label=_("Report due"), required=False, widget=date_input())
    decision_note = PlainTextField(
        label=_("Note on the decision"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, grant: Grant, **kwargs):
        super().__init__(*args, grant=grant, **kwargs)
        self.fields["report_due"].help_text = _(
            "Leave empty for the scheme's rule: %(weeks)s weeks after the period ends."
        ) % {"weeks": grant.scheme.report_within_weeks}

    def initial_for(self, grant):
        return {"amount_awarded": grant.amount_requested}


class RejectForm(GrantStepForm):
    # Required by the service, which says so on the field in the user's language.
    decision_note = PlainTextField(
        label=_("Reason for rejecting"), required=False, widget=forms.Textarea({"rows": 4})
    )


class StartForm(GrantStepForm):
    pass


class ReportForm(GrantStepForm):
    report_summary = PlainTextField(
        label=_("Report"),
        required=False,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("What the grant achieved: who took part, what came of it, what lasts."),
    )
    documents = PlainTextField(
        label=_("Documents"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=Grant._meta.get_field("documents").help_text,
    )

    def initial_for(self, grant):
        return {"documents": grant.documents}

    def data_for_service(self) -> dict:
        data = super().data_for_service()
        # The references are replaced as a whole: clearing them is a choice too.
        data["documents"] = self.cleaned_data["documents"]
        return data


class SettleForm(GrantStepForm):
    amount_settled = _money(_("Amount settled (€)"), required=False)

    def initial_for(self, grant):
        return {"amount_settled": grant.amount_awarded}


STEP_FORMS: dict[str, type[GrantStepForm]] = {
    GrantStep.AWARD: AwardForm,
    GrantStep.REJECT: RejectForm,
    GrantStep.START: StartForm,
    GrantStep.REPORT: ReportForm,
    GrantStep.SETTLE: SettleForm,
}
