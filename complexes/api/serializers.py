"""API serializers of the complexes app; related ids are limited to what the caller may see."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from complexes.models import Complex, Corporation, District, Gallery
from leefbaarheid import roles
from leefbaarheid.api.base import BoundedDateField, ComplexFixedMixin, VisibleRelatedField


class CorporationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Corporation
        fields = ["id", "name", "email", "phone"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "code", "latitude", "longitude"]


class ComplexSerializer(serializers.ModelSerializer):
    corporation = VisibleRelatedField(
        Corporation,
        required=False,
        help_text=_("Corporation staff may leave this out: their own corporation is used."),
    )
    district = VisibleRelatedField(District)

    class Meta:
        model = Complex
        fields = [
            "id",
            "name",
            "corporation",
            "district",
            "address",
            "postcode",
            "units",
            "vacant_units",
            "is_senior",
            "is_thuisplus",
            "joined_on",
            "year_built",
            "latitude",
            "longitude",
            "has_communal_room",
            "room_managed_by",
            "room_opening_hours",
            "room_key_holders",
        ]
        # Uniqueness per corporation is checked by the service (full_clean), which knows the
        # corporation even when staff leave it out.
        validators = []

    def validate_corporation(self, value):
        user = self.context["request"].user
        # On create the service would put staff's own corporation in silently: say so instead.
        # On update the service refuses a move to another corporation itself.
        creating = self.instance is None
        if (
            creating
            and not roles.has_role(user, roles.FUNCTIONAL_ADMIN)
            and value.pk != user.corporation_id
        ):
            raise serializers.ValidationError(
                _("You can only manage your own corporation's complexes.")
            )
        return value


# The model of a gallery's contact person, as the relation names it: complexes sits below the
# residents app and does not import it.
Resident = Gallery._meta.get_field("contact_person").related_model


class GallerySerializer(ComplexFixedMixin, serializers.ModelSerializer):
    complex = VisibleRelatedField(Complex)
    contact_person = VisibleRelatedField(Resident, required=False, allow_null=True)

    has_contact_person = serializers.SerializerMethodField()

    class Meta:
        model = Gallery
        fields = [
            "id",
            "complex",
            "name",
            "floor",
            "homes",
            "contact_person",
            "contact_since",
            "has_contact_person",
        ]
        # A duplicate name is the model's field error on ``name`` (full_clean in the service).
        validators = []

    def get_has_contact_person(self, gallery) -> bool:
        return gallery.contact_person_id is not None

    def to_representation(self, gallery):
        data = super().to_representation(gallery)
        # Roles that see counts only (officials, the intervention team) get the gap, not who.
        request = self.context.get("request")
        if request is not None and not request.user.has_perm("residents.view_resident"):
            data["contact_person"] = None
        return data


class ContactPersonSerializer(serializers.Serializer):
    """Who is a gallery's contact person from when on; ``null`` clears it."""

    contact_person = VisibleRelatedField(Resident, allow_null=True)
    since = BoundedDateField(required=False, allow_null=True, help_text=_("Today when left out."))
