from rest_framework import serializers

from complexes.models import Complex, Corporation, District


class CorporationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Corporation
        fields = ["id", "name", "email", "phone"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "code", "latitude", "longitude"]


class ComplexSerializer(serializers.ModelSerializer):
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
            "year_built",
            "latitude",
            "longitude",
        ]
