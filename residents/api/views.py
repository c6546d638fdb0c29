"""API viewsets of the residents app: rows from the selectors (scoped through ``visible_to``),
writes through ``residents.services``.

Officials and the intervention team hold no permission on these models: every endpoint here
answers them 403, as the screens do.
"""

from collections.abc import Callable

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from leefbaarheid.api.base import ServiceModelViewSet
from leefbaarheid.services import log_action
from residents import selectors, services
from residents.api.serializers import (
    ActivitySerializer,
    MutualHelpSerializer,
    ResidentGroupSerializer,
    ResidentSerializer,
    RoomBookingSerializer,
)
from residents.choices import Recurrence
from residents.filters import (
    ActivityFilterSet,
    MutualHelpFilterSet,
    ResidentFilterSet,
    ResidentGroupFilterSet,
    RoomBookingFilterSet,
)
from residents.models import Activity, MutualHelp, Resident, ResidentGroup, RoomBooking


def _ids(relation: str) -> Prefetch:
    """Prefetch a many-to-many as bare ids: one query per page, whatever its size."""
    return Prefetch(relation, queryset=Resident.objects.only("pk"))


class ResidentViewSet(ServiceModelViewSet):
    """Residents of the complexes the caller keeps records of: minimal personal data only.

    DELETE erases the resident (AVG art. 17): removed from galleries, groups, activities and
    mutual help while the head counts stay. ``export/`` gives everything held (AVG art. 15).
    """

    queryset = Resident.objects.none()
    serializer_class = ResidentSerializer
    filterset_class = ResidentFilterSet
    ordering_fields = ["name", "moved_in", "birth_year"]

    def get_queryset(self):
        return selectors.resident_list(user=self.request.user)

    def create_object(self, data):
        complex_ = data.pop("complex")
        return services.resident_create(complex=complex_, user=self.request.user, data=data)

    def update_object(self, instance, data):
        data.pop("complex", None)
        return services.resident_update(resident=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        services.resident_erase(resident=instance, user=self.request.user)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="Export everything held about a resident",
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        """Everything held about one resident as JSON, for a request to see one's own data;
        the export is written to the audit log."""
        resident = self.get_object()
        log_action(user=request.user, action="export", instance=resident)
        return Response(services.resident_export(resident=resident))


class WithResidentsViewSet(ServiceModelViewSet):
    """A record of a complex with a set of its residents (a group's members, an activity's
    attendees, who helped): the list carries the set as ids, one query per page, and writes go
    through the record's save and delete services, named by the subclass."""

    people: str  # the relation, the serializer field and the services' keyword
    record: str  # the services' keyword for the record itself
    list_selector: Callable  # the rows, scoped: list_selector(user=)
    save_service: Callable  # the service that creates or changes a record
    delete_service: Callable  # the service that deletes one

    def get_queryset(self):
        model = self.queryset.model
        return (
            self.list_selector(user=self.request.user)
            .prefetch_related(_ids(self.people))
            .order_by(*model._meta.ordering, "pk")  # an annotation drops Meta.ordering
        )

    def create_object(self, data):
        people = data.pop(self.people, None)
        complex_ = data.pop("complex")
        return self.save_service(
            user=self.request.user, data=data, complex=complex_, **{self.people: people}
        )

    def update_object(self, instance, data):
        data.pop("complex", None)
        people = data.pop(self.people, None)
        return self.save_service(
            user=self.request.user, data=data, **{self.people: people, self.record: instance}
        )

    def delete_object(self, instance):
        self.delete_service(user=self.request.user, **{self.record: instance})


class ResidentGroupViewSet(WithResidentsViewSet):
    """Resident groups: the committee, a core group (trekkersgroep), a women's group…

    ``members`` are ids of residents of the group's complex; ``unnamed_members`` counts members
    not recorded by name.
    """

    queryset = ResidentGroup.objects.none()
    serializer_class = ResidentGroupSerializer
    filterset_class = ResidentGroupFilterSet
    ordering_fields = ["name", "kind", "started"]

    people = "members"
    record = "group"
    list_selector = staticmethod(selectors.group_list)
    save_service = staticmethod(services.group_save)
    delete_service = staticmethod(services.group_delete)


class ActivityViewSet(WithResidentsViewSet):
    """Activities in the communal room, with named attendees and/or a head count.

    The head count is at least the number of named attendees; left out, it is that number.
    """

    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["date", "kind"]

    people = "attendees"
    record = "activity"
    list_selector = staticmethod(selectors.activity_list)
    save_service = staticmethod(services.activity_save)
    delete_service = staticmethod(services.activity_delete)


WHOLE_SERIES = OpenApiParameter(
    "whole_series",
    OpenApiTypes.BOOL,
    description="Also delete the later bookings of this booking's weekly series.",
)


class RoomBookingViewSet(ServiceModelViewSet):
    """Bookings of a complex's communal room.

    POST books once, or with ``recurrence=weekly`` every week until ``until`` (all occurrences
    or none) and answers with the first. A booking that overlaps an active one is refused with
    a 400 on ``start`` naming the clash.
    """

    queryset = RoomBooking.objects.none()
    serializer_class = RoomBookingSerializer
    filterset_class = RoomBookingFilterSet
    ordering_fields = ["start", "end", "status"]

    def get_queryset(self):
        return selectors.booking_list(user=self.request.user)

    def create_object(self, data):
        complex_ = data.pop("complex")
        recurrence = data.pop("recurrence", "once")
        until = data.pop("until", None)
        occurrences = services.booking_create(
            complex=complex_,
            user=self.request.user,
            data=data,
            recurrence=Recurrence.WEEKLY if recurrence == "weekly" else Recurrence.NONE,
            until=until,
        )
        return occurrences[0]

    def update_object(self, instance, data):
        for create_only in ("complex", "recurrence", "until"):
            data.pop(create_only, None)
        return services.booking_update(booking=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        whole_series = self.request.query_params.get("whole_series") in ("true", "1")
        services.booking_delete(booking=instance, user=self.request.user, whole_series=whole_series)

    @extend_schema(parameters=[WHOLE_SERIES])
    def destroy(self, request, *args, **kwargs):
        """Delete a booking, with ``?whole_series=true`` also the later ones of its series."""
        return super().destroy(request, *args, **kwargs)


class MutualHelpViewSet(WithResidentsViewSet):
    """Mutual help between neighbours in a month: the residents involved and/or a count.

    ``month`` may be any day; it is stored as the first. ``recorded_by`` is the caller.
    """

    queryset = MutualHelp.objects.none()
    serializer_class = MutualHelpSerializer
    filterset_class = MutualHelpFilterSet
    ordering_fields = ["month", "kind", "people_count"]

    people = "residents"
    record = "help_"
    list_selector = staticmethod(selectors.mutual_help_list)
    save_service = staticmethod(services.mutual_help_save)
    delete_service = staticmethod(services.mutual_help_delete)
