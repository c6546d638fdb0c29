"""API serializers of the residents app; every related id is limited to what the caller may see.

Whether related objects belong to the same complex is the services' (and models') rule; these
serializers only make sure a foreign id is refused like a missing one.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from complexes.models import Complex, Gallery
from leefbaarheid.api.base import BoundedDateField, ComplexFixedMixin, VisibleRelatedField
from residents import selectors
from residents.choices import AgeBand
from residents.models import Activity, MutualHelp, Resident, ResidentGroup, RoomBooking


def _record_complexes(user):
    """Records are kept only in the complexes the caller keeps records of (never by a
    city-wide read role's reach)."""
    return selectors.complexes_for_records(user=user)


class ResidentSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_record_complexes)
    gallery = VisibleRelatedField(Gallery, required=False, allow_null=True)
    age_band = serializers.ChoiceField(
        choices=AgeBand.choices, read_only=True, help_text=_("From the birth year.")
    )

    class Meta:
        model = Resident
        fields = [
            "id",
            "complex",
            "gallery",
            "name",
            "birth_year",
            "household",
            "language",
            "moved_in",
            "consent_contact_person",
            "age_band",
        ]


class ResidentGroupSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_record_complexes)
    members = VisibleRelatedField(
        Resident,
        many=True,
        required=False,
        help_text=_("Ids of the named members, residents of the group's complex."),
    )

    class Meta:
        model = ResidentGroup
        fields = [
            "id",
            "complex",
            "name",
            "kind",
            "members",
            "unnamed_members",
            "started",
            "active",
        ]
        # A duplicate name is the model's field error on ``name`` (full_clean in the service).
        validators = []


class ActivitySerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_record_complexes)
    group = VisibleRelatedField(ResidentGroup, required=False, allow_null=True)
    attendees = VisibleRelatedField(
        Resident,
        many=True,
        required=False,
        help_text=_("Ids of the named attendees, residents of the activity's complex."),
    )

    class Meta:
        model = Activity
        fields = ["id", "complex", "group", "kind", "date", "attendees", "head_count", "note"]


class RoomBookingSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    RECURRENCE_CHOICES = [("once", _("Once")), ("weekly", _("Weekly"))]

    complex = VisibleRelatedField(Complex, reach=_record_complexes)
    group = VisibleRelatedField(ResidentGroup, required=False, allow_null=True)
    recurrence = serializers.ChoiceField(
        choices=RECURRENCE_CHOICES,
        default="once",
        write_only=True,
        help_text=_("On create only: once, or weekly until ``until``."),
    )
    until = BoundedDateField(
        required=False,
        write_only=True,
        help_text=_("The last date of a weekly series (at most 52 occurrences)."),
    )

    class Meta:
        model = RoomBooking
        fields = [
            "id",
            "complex",
            "title",
            "group",
            "resident",
            "start",
            "end",
            "status",
            "series",
            "recurrence",
            "until",
        ]
        read_only_fields = ["resident", "series"]


class MutualHelpSerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex, reach=_record_complexes)
    residents = VisibleRelatedField(
        Resident,
        many=True,
        required=False,
        help_text=_("Ids of the residents involved, residents of the complex."),
    )

    class Meta:
        model = MutualHelp
        fields = [
            "id",
            "complex",
            "month",
            "kind",
            "residents",
            "people_count",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]
