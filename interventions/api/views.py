"""API viewsets of the interventions app: rows from the selectors (scoped through ``visible_to``),
writes through ``interventions.services``.

Schemes are read by every role but the intervention team, providers by every role; grants and
interventions by corporation staff (own), welfare professionals (assigned, read only), the
municipality and the functional admin (all). A role without the model's view permission gets
403, as on the screens. A grant's status moves only through its step endpoints.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from interventions import selectors, services
from interventions.api.serializers import (
    STEP_SERIALIZERS,
    GrantSerializer,
    InterventionSerializer,
    ProviderSerializer,
    SchemeSerializer,
)
from interventions.choices import GrantStep
from interventions.filters import (
    GrantFilterSet,
    InterventionFilterSet,
    ProviderFilterSet,
    SchemeFilterSet,
)
from interventions.models import Grant, Intervention, Provider, SubsidyScheme
from leefbaarheid.api.base import ServiceModelViewSet


class SchemeViewSet(ServiceModelViewSet):
    """Subsidy schemes (subsidieregelingen) with the smallest and largest grant they give.

    The municipality and the functional admin keep them; a scheme that gave grants cannot be
    deleted (close it with ``active: false``).
    """

    queryset = SubsidyScheme.objects.none()
    serializer_class = SchemeSerializer
    filterset_class = SchemeFilterSet
    ordering_fields = ["name", "start", "min_amount", "max_amount"]

    def get_queryset(self):
        return selectors.scheme_list(user=self.request.user)

    def create_object(self, data):
        return services.scheme_create(user=self.request.user, data=data)

    def update_object(self, instance, data):
        return services.scheme_update(scheme=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        services.scheme_delete(scheme=instance, user=self.request.user)


class ProviderViewSet(ServiceModelViewSet):
    """Providers that carry out interventions: social entrepreneurs, welfare organisations and
    care providers. A provider that carried out interventions cannot be deleted."""

    queryset = Provider.objects.none()
    serializer_class = ProviderSerializer
    filterset_class = ProviderFilterSet
    ordering_fields = ["name", "kind"]

    def get_queryset(self):
        return selectors.provider_list(user=self.request.user)

    def create_object(self, data):
        return services.provider_create(user=self.request.user, data=data)

    def update_object(self, instance, data):
        return services.provider_update(provider=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        services.provider_delete(provider=instance, user=self.request.user)


class GrantViewSet(ServiceModelViewSet):
    """Grants (toekenningen) of a scheme to a corporation for one of its complexes.

    POST applies for a grant for a complex (the corporation follows from the complex); PATCH
    corrects the application while it awaits a decision, the document references always, and
    the report due date (municipality) until the report arrives; DELETE withdraws an
    application that awaits a decision. The status moves only through the step endpoints:
    ``award/``, ``reject/``, ``start/``, ``report/`` and ``settle/``.
    """

    queryset = Grant.objects.none()
    serializer_class = GrantSerializer
    filterset_class = GrantFilterSet
    ordering_fields = ["start", "end", "status", "amount_requested", "amount_awarded", "report_due"]

    def get_queryset(self):
        return selectors.grant_list(user=self.request.user).order_by(*Grant._meta.ordering, "pk")

    def create_object(self, data):
        complex_ = data.pop("complex")
        return services.grant_apply(complex=complex_, user=self.request.user, data=data)

    def update_object(self, instance, data):
        data.pop("complex", None)  # the serializer refuses a move; the same complex is no change
        return services.grant_update(grant=instance, user=self.request.user, data=data)

    def delete_object(self, instance):
        services.grant_delete(grant=instance, user=self.request.user)

    def _step(self, request, step: str):
        # A POST needs the grant permission a writer holds (read-only roles get 403 first);
        # whether the role may take *this* step (award, reject and settle are the
        # municipality's) is the service's question, asked once the grant is found, so a
        # foreign grant stays a 404.
        grant = self.get_object()
        serializer = STEP_SERIALIZERS[step](data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        on = data.pop("date", None)
        # Like every write here: the re-read is inside the step's transaction.
        with transaction.atomic():
            grant = services.grant_step(grant=grant, step=step, user=request.user, data=data, on=on)
            grant = self._reread(grant)
        return Response(GrantSerializer(grant, context=self.get_serializer_context()).data)

    @extend_schema(
        request=STEP_SERIALIZERS[GrantStep.AWARD],
        responses=GrantSerializer,
        summary=_("Award an application (municipality)"),
    )
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        """Award an application: the amount within the scheme's bounds and at most the amount
        requested; the report is due at the period's end plus the scheme's weeks unless given."""
        return self._step(request, GrantStep.AWARD)

    @extend_schema(
        request=STEP_SERIALIZERS[GrantStep.REJECT],
        responses=GrantSerializer,
        summary=_("Reject an application (municipality)"),
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject an application, with the reason."""
        return self._step(request, GrantStep.REJECT)

    @extend_schema(
        request=STEP_SERIALIZERS[GrantStep.START],
        responses=GrantSerializer,
        summary=_("Start an awarded grant"),
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Record that the work paid by an awarded grant has started."""
        return self._step(request, GrantStep.START)

    @extend_schema(
        request=STEP_SERIALIZERS[GrantStep.REPORT],
        responses=GrantSerializer,
        summary=_("Submit the report of a running grant"),
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Submit what a running grant achieved, with references to the report's documents."""
        return self._step(request, GrantStep.REPORT)

    @extend_schema(
        request=STEP_SERIALIZERS[GrantStep.SETTLE],
        responses=GrantSerializer,
        summary=_("Settle a reported grant (municipality)"),
    )
    @action(detail=True, methods=["post"])
    def settle(self, request, pk=None):
        """Settle a reported grant: the final amount, at most the amount awarded."""
        return self._step(request, GrantStep.SETTLE)

    @extend_schema(
        responses=GrantSerializer(many=True),
        summary=_("Reports due within 30 days or overdue"),
    )
    @action(detail=False, methods=["get"], url_path="reports-due")
    def reports_due(self, request):
        """Awarded and running grants whose report is due within 30 days or overdue, the most
        overdue first; the grant list's filters apply."""
        rows = self.filter_queryset(
            selectors.reports_due(user=request.user).order_by("report_due", "complex__name", "pk")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class InterventionViewSet(ServiceModelViewSet):
    """Social interventions in a complex: provider, grant, method, dates, goals, the
    evaluation's success factors and approach as checklists, challenges met and the outcome.

    An intervention stays in the complex it was recorded in; its grant is one of that complex.
    """

    queryset = Intervention.objects.none()
    serializer_class = InterventionSerializer
    filterset_class = InterventionFilterSet
    ordering_fields = ["start", "end", "title", "status"]

    def get_queryset(self):
        return selectors.intervention_list(user=self.request.user).order_by(
            *Intervention._meta.ordering, "pk"
        )

    def create_object(self, data):
        complex_ = data.pop("complex")
        return services.intervention_create(complex=complex_, user=self.request.user, data=data)

    def update_object(self, instance, data):
        data.pop("complex", None)
        return services.intervention_update(
            intervention=instance, user=self.request.user, data=data
        )

    def delete_object(self, instance):
        services.intervention_delete(intervention=instance, user=self.request.user)
