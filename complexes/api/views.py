"""API viewsets of the complexes app: rows from the selectors, writes through the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from complexes import selectors, services
from complexes.api.serializers import (
    ComplexSerializer,
    ContactPersonSerializer,
    CorporationSerializer,
    DistrictSerializer,
    GallerySerializer,
)
from complexes.filters import ComplexFilterSet, GalleryFilterSet
from complexes.models import Complex, Corporation, District, Gallery
from leefbaarheid.api.base import ServiceModelViewSet


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


class ComplexViewSet(ServiceModelViewSet):
    """Housing complexes for older people, limited to those the caller may see.

    Corporation staff create and change their own corporation's complexes (never moving one to
    another corporation); the functional admin any. A change in units or vacant units is
    recorded in the occupancy history.
    """

    queryset = Complex.objects.none()
    serializer_class = ComplexSerializer
    filterset_class = ComplexFilterSet
    ordering_fields = ["name", "units", "vacant_units", "year_built"]

    def get_queryset(self):
        return selectors.complex_list(user=self.request.user)

    def create_object(self, data):
        return services.complex_create(user=self.request.user, data=data)

    def update_object(self, instance, data):
        return services.complex_update(complex=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        services.complex_delete(complex=instance, user=self.request.user)


class CanSetContactPerson(permissions.BasePermission):
    """The role may name a gallery's contact person (staff, professionals, admin)."""

    def has_permission(self, request, view):
        return request.user.has_perm("complexes.set_contact_person")


class GalleryViewSet(ServiceModelViewSet):
    """Galleries (galerijen) of the complexes the caller may see, with their contact person.

    A contact person is a resident of the gallery's complex; naming one without a date uses
    today.
    """

    queryset = Gallery.objects.none()
    serializer_class = GallerySerializer
    filterset_class = GalleryFilterSet
    ordering_fields = ["name", "floor", "homes"]

    def get_queryset(self):
        return selectors.gallery_list(user=self.request.user)

    def get_permissions(self):
        if self.action == "contact_person":
            return [CanSetContactPerson()]
        return super().get_permissions()

    def create_object(self, data):
        user = self.request.user
        complex_ = data.pop("complex")
        person = data.pop("contact_person", None)
        since = data.pop("contact_since", None)
        gallery = services.gallery_create(complex=complex_, user=user, data=data)
        if person is not None:
            gallery = services.gallery_set_contact_person(
                gallery=gallery, user=user, resident=person, since=since
            )
        return gallery

    def update_object(self, instance, data):
        user = self.request.user
        data.pop("complex", None)  # the serializer refuses a move; the same complex is no change
        person_given = "contact_person" in data
        person = data.pop("contact_person", None)
        if person_given and person != instance.contact_person:
            since = data.pop("contact_since", None)
            gallery = services.gallery_update(gallery=instance, user=user, data=data)
            return services.gallery_set_contact_person(
                gallery=gallery, user=user, resident=person, since=since
            )
        return services.gallery_update(gallery=instance, user=user, data=data)

    def delete_object(self, instance):
        services.gallery_delete(gallery=instance, user=self.request.user)

    @extend_schema(
        request=ContactPersonSerializer,
        responses=GallerySerializer,
        summary=_("Name or clear a gallery's contact person"),
    )
    @action(detail=True, methods=["post"], url_path="contact-person")
    def contact_person(self, request, pk=None):
        """Name a resident of the gallery's complex as its contact person, or clear it with
        ``null``; for every role that may set contact persons, welfare professionals included."""
        gallery = self.get_object()
        serializer = ContactPersonSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        gallery = services.gallery_set_contact_person(
            gallery=gallery,
            user=request.user,
            resident=serializer.validated_data["contact_person"],
            since=serializer.validated_data.get("since"),
        )
        return Response(self.get_serializer(self._reread(gallery)).data)
