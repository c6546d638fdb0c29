"""API serializers of the interventions app; related ids are limited to what the caller may see.

Which amounts, dates and steps are allowed is the services' (and models') rule; these
serializers only parse the input, refuse a foreign id like a missing one, and keep the status
out of reach of a plain update: it moves only through the step endpoints.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
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
    Verdict,
)
from interventions.models import Grant, HoursEntry, Intervention, Provider, SubsidyScheme
from leefbaarheid import registry, roles
from leefbaarheid.api.base import (
    BoundedDateField,
    ComplexFixedMixin,
    PlainTextField,
    VisibleRelatedField,
)
from leefbaarheid.models import User


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
    date = BoundedDateField(
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
    report_due = BoundedDateField(
        required=False,
        help_text=_("The period's end plus the scheme's weeks when left out."),
    )
    decision_note = PlainTextField(required=False, allow_blank=True)


class GrantRejectSerializer(GrantStepSerializer):
    decision_note = PlainTextField(help_text=_("The reason for rejecting."))


class GrantReportSerializer(GrantStepSerializer):
    report_summary = PlainTextField(help_text=_("What the grant achieved."))
    documents = PlainTextField(
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


# Who may see the cohesion index, and so whether an intervention's effect lasted.
INDICATOR_PERMISSION = "evaluations.view_indicatorsnapshot"


def _index_field(source: str | None, help_text):
    return serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        **({"source": source} if source else {}),
        allow_null=True,
        read_only=True,
        help_text=help_text,
    )


class InterventionEffectSerializer(serializers.Serializer):
    """Whether an intervention's effect on the cohesion index lasted: the complex's mean index
    per window (``evaluations.selectors.intervention_effects`` defines the windows), the gain
    and the verdict. A window's figure is null when it has no data or is not over yet."""

    before = _index_field("before.mean", _("Mean index of the 8 weeks before the start week."))
    during = _index_field("during.mean", _("Mean index from the start week to the end week."))
    after_3 = _index_field("after_3.mean", _("Mean index of 4 weeks from 3 months after the end."))
    after_6 = _index_field("after_6.mean", _("Mean index of 4 weeks from 6 months after the end."))
    after_12 = _index_field(
        "after_12.mean", _("Mean index of 4 weeks from 12 months after the end.")
    )
    gain = _index_field(None, _("During minus before, in index points."))
    kept_share = serializers.IntegerField(
        allow_null=True,
        read_only=True,
        help_text=_("The share of the gain still there at the latest measurement after, in %."),
    )
    verdict = serializers.ChoiceField(choices=Verdict.choices, read_only=True)


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
    effect = serializers.SerializerMethodField(
        help_text=_(
            "Whether the effect on the cohesion index lasted; null for a caller who may not "
            "see the index."
        )
    )

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
            "effect",
        ]

    @extend_schema_field(InterventionEffectSerializer(allow_null=True))
    def get_effect(self, intervention):
        """From ``context["effects"]`` (a list's page, prepared in one query by the viewset),
        else computed for this one intervention."""
        request = self.context.get("request")
        if request is None or not request.user.has_perm(INDICATOR_PERMISSION):
            return None
        effect = (self.context.get("effects") or {}).get(intervention.pk)
        if effect is None:
            effect = registry.provided("intervention_effect")(intervention, user=request.user)
        return InterventionEffectSerializer(effect).data


# Welfare hours ---------------------------------------------------------------------------------


def _hours_writers(user):
    """The professionals whose hours ``user`` logs: every welfare professional for the
    functional admin, oneself for a professional (a team lead approves, never logs for others)."""
    if roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        return selectors.hours_professionals(user=user)
    return User.objects.filter(pk=user.pk, groups__name=roles.WELFARE_PROFESSIONAL)


def _hours_complexes(user):
    """The complexes whose hours ``user`` reads; logging is limited further by the service
    (the professional's assigned complexes)."""
    return selectors.hours_complexes(user=user)


@extend_schema_field({"type": "string", "format": "decimal", "example": "1.50"})
class HoursField(serializers.DecimalField):
    """Hours as a decimal string ("1.50"); typed as ``1.5``, ``"1,5"`` or ``"1:30"`` and rounded
    to the nearest quarter by the service's rule. Zero is refused: an entry is removed by
    DELETE, not by saving 0."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data is None or str(data).strip() == "":
            raise serializers.ValidationError(_("Enter the hours worked, at least 0.25."))
        try:
            hours = services.hours_round(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["hours"]) from None
        if hours == 0:
            raise serializers.ValidationError(
                _("Log at least a quarter of an hour (0.25); to remove hours, delete the entry.")
            )
        return hours


# An entry's cell: changing one of these moves the hours to another cell.
HOURS_CELL_FIELDS = ("complex", "year", "week", "kind")


class HoursEntrySerializer(serializers.ModelSerializer):
    """One cell of a professional's week; the rules (week, lock, assignment, ceiling) are the
    service's, the serializer parses the hours and settles whose hours they are."""

    professional = VisibleRelatedField(
        User,
        reach=_hours_writers,
        required=False,
        help_text=_(
            "The professional whose hours these are: the caller when a professional logs "
            "them; required when the functional admin does. Cannot change afterwards."
        ),
    )
    complex = VisibleRelatedField(
        Complex,
        reach=_hours_complexes,
        help_text=_("One of the professional's assigned complexes."),
    )
    hours = HoursField(
        help_text=_(
            "Hours in quarter hours, at most 40 per complex and week over all kinds of work; "
            '"1,5" and "1:30" are accepted and rounded to the nearest quarter.'
        )
    )

    class Meta:
        model = HoursEntry
        fields = [
            "id",
            "professional",
            "complex",
            "year",
            "week",
            "kind",
            "hours",
            "note",
            "week_start",
        ]
        read_only_fields = ["week_start"]
        extra_kwargs = {
            "year": {"min_value": 2000, "max_value": 2100, "help_text": _("The ISO year.")},
            "week": {
                "help_text": _(
                    "The ISO week: not one still to come, nor one that is locked (submitted, "
                    "approved, or past the grace period). Changing the complex, year, week "
                    "or kind moves the hours to that cell (the entry gets a new id)."
                )
            },
            "week_start": {"help_text": _("The Monday of the week.")},
        }
        # The cell's uniqueness is the service's rule (checked under the week's lock).
        validators: list = []

    def validate(self, attrs):
        user = self.context["request"].user
        if self.instance is not None:
            given = attrs.get("professional")
            if given is not None and given.pk != self.instance.professional_id:
                raise serializers.ValidationError(
                    {"professional": _("Hours stay with the professional who logged them.")}
                )
            attrs["professional"] = self.instance.professional
        elif "professional" not in attrs:
            if not roles.has_role(user, roles.WELFARE_PROFESSIONAL):
                raise serializers.ValidationError(
                    {"professional": _("Choose the professional whose hours these are.")}
                )
            attrs["professional"] = user
        return attrs


class HoursWeekSummarySerializer(serializers.Serializer):
    """One week of a complex's hours against the norm (4 hours per funded week)."""

    year = serializers.IntegerField()
    week = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=7, decimal_places=2)
    funded = serializers.BooleanField(
        help_text=_(
            "The norm applies this week: a funded week of the welfare calendar, the complex a "
            "senior complex that had joined by then."
        )
    )
    norm = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        allow_null=True,
        help_text=_("The hours the norm expects; null in a week without a norm."),
    )
    met = serializers.BooleanField(
        allow_null=True, help_text=_("The hours reach the norm; null in a week without a norm.")
    )
