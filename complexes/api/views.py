from rest_framework import viewsets

from complexes import selectors
from complexes.api.serializers import (
    ComplexSerializer,
    CorporationSerializer,
    DistrictSerializer,
)
from complexes.filters import ComplexFilterSet
from complexes.models import Complex, Corporation, District


class CorporationViewSet(viewsets.ReadOnlyModelViewSet):
    """Housing corporations."""

    queryset = Corporation.objects.none()  # for the permission and schema; rows: get_queryset
    serializer_class = CorporationSerializer
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.corporation_list(user=self.request.user)


class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    """Rotterdam's districts (gebieden)."""

    queryset = District.objects.none()
    serializer_class = DistrictSerializer
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.district_list(user=self.request.user)


class ComplexViewSet(viewsets.ReadOnlyModelViewSet):
    """Housing complexes for older people, limited to those the caller may see."""

    queryset = Complex.objects.none()
    serializer_class = ComplexSerializer
    filterset_class = ComplexFilterSet
    ordering_fields = ["name", "units", "vacant_units"]

    def get_queryset(self):
        return selectors.complex_list(user=self.request.user)
