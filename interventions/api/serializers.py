"""API serializers of the interventions app; related ids are limited to what the caller may see.

Which amounts, dates and steps are allowed is the services' (and models') rule; these
serializers only parse the input, refuse a foreign id like a missing one, and keep the status
out of reach of a plain update: it moves only through the step endpoints.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complexes.models import Complex
from interventions import selectors, services
from interventions.choices import (
    REPORT_PENDING,
    Approach,
    Challenge,
    GrantStatus,
    GrantStep,
    SuccessFactor,
)
from interventions.models import Grant, Intervention, Provider, SubsidyScheme
from leefbaarheid.api.base import ComplexFixedMixin, VisibleRelatedField


def _funding_complexes(user):
    """Grants are applied for, and interventions recorded, only in the complexes the caller
    manages (own corporation's; every complex for the municipality and the admin)."""
    return selectors.complexes_for_grants(user=user)


class SchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubsidyScheme
        fields = [
            "id",
            "name",
            "min_amount",
            "max_amount",
            "funder",
            "purpose",
            "start",
            "end",
            "report_within_weeks",
            "active",
        ]


class ProviderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "kind", "contact_name", "email", "phone", "website"]


# Set only by a step of the lifecycle, never by a plain update.
STEP_FIELDS = [
    "status",
    "amount_awarded",
    "amount_settled",
    "decision_note",
    "report_summary",
    "applied_on",
    "decided_on",
    "started_on",
    "reported_on",
    "settled_on",
]


class GrantSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    scheme = VisibleRelatedField(SubsidyScheme)
    complex = VisibleRelatedField(Complex, reach=_funding_complexes)
    has_overlap = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "The complex has a grant of another scheme in an overlapping period (rejected "
            "grants left out)."
        ),
    )
    overdue = serializers.SerializerMethodField(
        help_text=_("The report is still to come and its due date has passed.")
    )
    next_steps = serializers.SerializerMethodField(
        help_text=_(
            "The steps the lifecycle allows now, each a POST to this grant's step endpoint; "
            "award, reject and settle are the municipality's."
        )
    )

    class Meta:
        model = Grant
        fields = [
            "id",
            "scheme",
            "corporation",
            "complex",
            "amount_requested",
            "amount_awarded",
            "status",
            "title",
            "description",
            "reference",
            "documents",
            "start",
            "end",
            "amount_settled",
            "report_due",
            "decision_note",
            "report_summary",
            "applied_on",
            "decided_on",
            "started_on",
            "reported_on",
            "settled_on",
            "has_overlap",
            "overdue",
            "next_steps",
        ]
        read_only_fields = ["corporation", *STEP_FIELDS]
        extra_kwargs = {
            "corporation": {"help_text": _("The corporation of the complex.")},
            "status": {
                "help_text": _(
                    "Changes only through the step endpoints award/, reject/, start/, "
                    "report/ and settle/."
                )
            },
            "report_due": {
                "help_text": _(
                    "Set by the award (the period's end plus the scheme's weeks when left "
                    "out); the municipality may move it until the report arrives."
                )
            },
        }

    def get_overdue(self, grant) -> bool:
        # The same rule as ``selectors.reports_due``, which annotates it for its rows.
        return (
            grant.status in REPORT_PENDING
            and grant.report_due is not None
            and grant.report_due < timezone.localdate()
        )

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=GrantStep.choices))
    )
    def get_next_steps(self, grant) -> list[str]:
        return [str(step) for step in services.next_steps(grant)]

    def validate(self, attrs):
        # ``status`` is read-only, so DRF would drop it without a word: say where it changes.
        if "status" in self.initial_data:
            current = self.instance.status if self.instance is not None else GrantStatus.APPLIED
            if self.initial_data["status"] != current:
                raise serializers.ValidationError(
                    {
                        "status": _(
                            "The status changes only through a step: POST to the grant's "
                            "award/, reject/, start/, report/ or settle/ endpoint."
                        )
                    }
                )
        return attrs


# The steps of the lifecycle: what each takes. ``date`` is the day the step was taken.


class GrantStepSerializer(serializers.Serializer):
    date = serializers.DateField(
        required=False,
        help_text=_("The day the step was taken, if not today (never in the future)."),
    )


class GrantAwardSerializer(GrantStepSerializer):
    amount_awarded = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        help_text=_("Within the scheme's bounds and at most the amount requested."),
    )
    report_due = serializers.DateField(
        required=False,
        help_text=_("The period's end plus the scheme's weeks when left out."),
    )
    decision_note = serializers.CharField(required=False, allow_blank=True)


class GrantRejectSerializer(GrantStepSerializer):
    decision_note = serializers.CharField(help_text=_("The reason for rejecting."))


class GrantReportSerializer(GrantStepSerializer):
    report_summary = serializers.CharField(help_text=_("What the grant achieved."))
    documents = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("References to the report's documents, one per line."),
    )


class GrantSettleSerializer(GrantStepSerializer):
    amount_settled = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        help_text=_("At most the amount awarded."),
    )


STEP_SERIALIZERS: dict[str, type[GrantStepSerializer]] = {
    GrantStep.AWARD: GrantAwardSerializer,
    GrantStep.REJECT: GrantRejectSerializer,
    GrantStep.START: GrantStepSerializer,
    GrantStep.REPORT: GrantReportSerializer,
    GrantStep.SETTLE: GrantSettleSerializer,
}


class ChecklistField(serializers.MultipleChoiceField):
    """A checklist: a list of choice values, kept in the order of the choices."""

    def to_internal_value(self, data):
        ticked = super().to_internal_value(data)
        return [value for value in self.choices if value in ticked]

    def to_representation(self, value):
        ticked = set(value or ())
        return [choice for choice in self.choices if choice in ticked]


class InterventionSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_funding_complexes)
    provider = VisibleRelatedField(Provider, required=False, allow_null=True)
    grant = VisibleRelatedField(
        Grant,
        required=False,
        allow_null=True,
        help_text=_("A grant of the same complex that pays for it, not a rejected one."),
    )
    success_factors = ChecklistField(choices=SuccessFactor.choices, required=False)
    approach = ChecklistField(choices=Approach.choices, required=False)
    challenges = ChecklistField(choices=Challenge.choices, required=False)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "complex",
            "provider",
            "grant",
            "title",
            "methodology",
            "start",
            "end",
            "status",
            "goals",
            "success_factors",
            "approach",
            "challenges",
            "challenges_notes",
            "outcome",
        ]
