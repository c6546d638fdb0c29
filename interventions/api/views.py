"""API viewsets of the interventions app: rows from the selectors (scoped through ``visible_to``),
writes through ``interventions.services``.

Schemes are read by every role but the intervention team, providers by every role; grants and
interventions by corporation staff (own), welfare professionals (assigned, read only), the
municipality and the functional admin (all). A role without the model's view permission gets
403, as on the screens. A grant's status moves only through its step endpoints.

Welfare hours are read by corporation staff (own complexes), professionals (assigned complexes
and their own), the municipality and the functional admin; written by the professional (own)
and the functional admin; the intervention team gets 403.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from interventions import selectors, services
from interventions.api.serializers import (
    HOURS_CELL_FIELDS,
    INDICATOR_PERMISSION,
    STEP_SERIALIZERS,
    GrantSerializer,
    HoursEntrySerializer,
    HoursWeekSummarySerializer,
    InterventionSerializer,
    ProviderSerializer,
    SchemeSerializer,
)
from interventions.choices import GrantStep
from interventions.filters import (
    GrantFilterSet,
    HoursFilterSet,
    InterventionFilterSet,
    ProviderFilterSet,
    SchemeFilterSet,
)
from interventions.models import Grant, HoursEntry, Intervention, Provider, SubsidyScheme
from leefbaarheid import bounds, params, registry
from leefbaarheid.api.base import ServiceModelViewSet
from leefbaarheid.weeks import Week


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

    def get_serializer(self, *args, **kwargs):
        # A page of interventions: whether their effects lasted, all in one query.
        if kwargs.get("many") and args and self.request.user.has_perm(INDICATOR_PERMISSION):
            rows = list(args[0])
            args = (rows, *args[1:])
            kwargs["context"] = {
                **self.get_serializer_context(),
                "effects": registry.provided("intervention_effects")(rows, user=self.request.user),
            }
        return super().get_serializer(*args, **kwargs)

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


# Welfare hours ---------------------------------------------------------------------------------


class WeekParamField(serializers.CharField):
    """An ISO week in a query string, "2026-W47"."""

    def to_internal_value(self, data) -> Week:
        try:
            return params.parse_week(super().to_internal_value(data))
        except ValueError:
            raise serializers.ValidationError(
                _("Give the week as 2026-W47 (an ISO year and week that exist).")
            ) from None


# The most weeks one summary covers (five years).
SUMMARY_MAX_WEEKS = 260


def _summary_validate(self, attrs):
    """The weeks of a summary: ``to`` defaults to the last complete week, ``from`` to 12 weeks
    before it; at most SUMMARY_MAX_WEEKS weeks, the last not before the first."""
    end = attrs.get("to") or selectors.last_complete_week()
    start = attrs.get("from") or end.shifted(-12)
    if start.monday > end.monday:
        raise serializers.ValidationError({"to": _("The last week cannot come before the first.")})
    if (end.monday - start.monday).days // 7 >= SUMMARY_MAX_WEEKS:
        raise serializers.ValidationError(
            {"to": _("Ask for at most %(weeks)s weeks at once.") % {"weeks": SUMMARY_MAX_WEEKS}}
        )
    return {"complex": attrs["complex"], "start": start, "end": end}


# "from" is a keyword, so the query's serializer is put together from a dict.
HoursSummaryQuerySerializer = type(
    "HoursSummaryQuerySerializer",
    (serializers.Serializer,),
    {
        "complex": serializers.IntegerField(
            min_value=1, max_value=bounds.MAX_ID, help_text=_("The complex's id.")
        ),
        "from": WeekParamField(
            required=False,
            help_text=_("The first week, e.g. 2026-W40 (default: 12 weeks before `to`)."),
        ),
        "to": WeekParamField(
            required=False,
            help_text=_("The last week, e.g. 2026-W47 (default: the last complete week)."),
        ),
        "validate": _summary_validate,
        "__doc__": "The complex and the weeks of a summary of hours.",
    },
)


class HoursEntryViewSet(ServiceModelViewSet):
    """Welfare hours (welzijnsuren): the hours one professional logged for one complex, ISO
    week and kind of work.

    A professional logs their own hours in their assigned complexes, the functional admin
    those of any professional (``professional`` required); corporation staff read the hours of
    their complexes and the municipality all of them; the intervention team none. A week still
    to come, a submitted or approved week, and a week past the grace period cannot change.
    Changing an entry's complex, year, week or kind moves its hours to that cell (the old
    cell is removed and a new entry, with a new id, is made, both or neither).
    """

    queryset = HoursEntry.objects.none()
    serializer_class = HoursEntrySerializer
    filterset_class = HoursFilterSet
    ordering_fields = ["week_start", "hours", "kind"]

    def get_queryset(self):
        return selectors.hours_list(user=self.request.user).order_by(
            *HoursEntry._meta.ordering, "pk"
        )

    def _save(self, *, professional, cell: dict, hours, note: str, taken_key: str = ""):
        return services.hours_save(
            user=self.request.user,
            professional=professional,
            complex=cell["complex"],
            week=Week(cell["year"], cell["week"]),
            kind=cell["kind"],
            hours=hours,
            note=note,
            taken_key=taken_key,
        )

    # A cell already holding hours is changed through its own entry, never overwritten: the
    # service checks it under the week's lock (``taken_key``), so of two creates of one cell at
    # the same moment one gets the error the second would get later.
    def create_object(self, data):
        cell = {field: data[field] for field in HOURS_CELL_FIELDS}
        return self._save(
            professional=data["professional"],
            cell=cell,
            hours=data["hours"],
            note=data.get("note", ""),
            taken_key="kind",
        )

    def update_object(self, instance, data):
        cell = {field: data.get(field, getattr(instance, field)) for field in HOURS_CELL_FIELDS}
        hours = data.get("hours", instance.hours)
        note = data.get("note", instance.note)
        moved = [field for field in HOURS_CELL_FIELDS if cell[field] != getattr(instance, field)]
        if moved:
            # Out of the old cell (within its week's rules), then into the new one; the
            # caller's transaction undoes the first when the second is refused.
            services.hours_delete(entry=instance, user=self.request.user)
            return self._save(
                professional=instance.professional,
                cell=cell,
                hours=hours,
                note=note,
                taken_key=moved[0],
            )
        return self._save(professional=instance.professional, cell=cell, hours=hours, note=note)

    def delete_object(self, instance):
        services.hours_delete(entry=instance, user=self.request.user)

    @extend_schema(
        parameters=[HoursSummaryQuerySerializer],
        responses=HoursWeekSummarySerializer(many=True),
        summary=_("A complex's hours per week against the norm"),
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def summary(self, request):
        """Every week from ``from`` to ``to`` (weeks without hours as 0) with the hours logged
        in the complex, whether the week is funded, the norm (4 hours per funded week) and
        whether it was met."""
        query = HoursSummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        complexes = selectors.hours_complexes(user=request.user)
        complex_ = get_object_or_404(complexes, pk=params["complex"])
        rows = selectors.hours_complex_summary(
            user=request.user, complex=complex_, start=params["start"], end=params["end"]
        )
        return Response(HoursWeekSummarySerializer(rows, many=True).data)
