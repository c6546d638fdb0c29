"""API views of the evaluations app: every queryset starts from the model's ``visible_to``."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from evaluations import selectors, services
from evaluations.api.serializers import (
    BudgetFiguresSerializer,
    BudgetScenarioSerializer,
    IndicatorSnapshotSerializer,
    SurveyResponseSerializer,
    SurveyRoundSerializer,
)
from evaluations.filters import IndicatorApiFilterSet, SurveyFilterSet
from evaluations.models import BudgetScenario, IndicatorSnapshot, SurveyRound
from leefbaarheid.api.base import ServiceModelViewSet

# Indicators -------------------------------------------------------------------------------------


@extend_schema(tags=["indicators"])
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The cohesion index per complex and ISO week (read only; recalculated by the server).

    Corporation staff read their own complexes, welfare professionals the assigned ones, the
    municipality and the functional admin all; the intervention team gets 403. A snapshot of a
    complex outside the caller's reach is a 404; filtering on such a complex gives nothing.
    Filters: ``complex``, ``district``, ``corporation``, ``status``, ``year``, ``week_from`` and
    ``week_to`` (as 2026-W40) and ``latest=true`` for the newest week only.
    """

    queryset = IndicatorSnapshot.objects.none()
    serializer_class = IndicatorSnapshotSerializer
    filterset_class = IndicatorApiFilterSet
    ordering_fields = ["week_start", "index", "status", "complex__name"]

    def get_queryset(self):
        return selectors.with_city_mean(selectors.indicator_list(user=self.request.user)).order_by(
            "-week_start", "complex__name", "pk"
        )


# Surveys ----------------------------------------------------------------------------------------


class SurveyRoundViewSet(ServiceModelViewSet):
    """Rounds of the De Jong Gierveld loneliness survey in a complex, with their counts and
    results (null below the minimum of valid responses).

    Corporation staff read their own complexes' rounds, officials all; professionals create
    rounds in their assigned complexes and enter responses (``POST surveys/{id}/responses/``),
    as does the functional admin; both may correct a round's name, date or note (PATCH; a
    round stays in its complex). The intervention team gets 403. A round without responses
    can be deleted. Individual responses are never listed here.
    """

    queryset = SurveyRound.objects.none()
    serializer_class = SurveyRoundSerializer
    filterset_class = SurveyFilterSet
    ordering_fields = ["held_on", "name"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.survey_round_list(user=self.request.user).order_by(
            *SurveyRound._meta.ordering, "pk"
        )

    def paginate_queryset(self, queryset):
        # The results of a whole page in one query (see get_serializer_context).
        page = super().paginate_queryset(queryset)
        if page is not None:
            self._survey_results = selectors.survey_results_by_round(page)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["survey_results"] = getattr(self, "_survey_results", None)
        return context

    def create_object(self, data):
        return self._save(data)

    def _save(self, data, round_=None):
        try:
            return services.survey_round_save(user=self.request.user, data=data, round_=round_)
        except DjangoValidationError as error:
            # The one error on the whole round is its name, taken in this complex.
            if hasattr(error, "error_dict") and NON_FIELD_ERRORS in error.error_dict:
                errors = error.message_dict
                errors.setdefault("name", []).extend(errors.pop(NON_FIELD_ERRORS))
                raise DjangoValidationError(errors) from error
            raise

    def update_object(self, instance, data):
        return self._save(data, round_=instance)

    def delete_object(self, instance):
        services.survey_round_delete(round_=instance, user=self.request.user)

    @extend_schema(
        request=SurveyResponseSerializer,
        responses={201: SurveyResponseSerializer},
        summary=_("Enter one completed questionnaire of this round"),
    )
    @action(detail=True, methods=["post"], serializer_class=SurveyResponseSerializer)
    def responses(self, request, pk=None):
        """Enter one paper questionnaire: the six items, each ``yes``, ``more_or_less``,
        ``no`` or empty. Kept without a score when more than one item is unanswered; refused
        when none is answered."""
        round_ = self.get_object()
        if not request.user.has_perm("evaluations.add_surveyresponse"):
            raise PermissionDenied
        serializer = SurveyResponseSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        response = services.survey_response_add(
            round_=round_, user=request.user, answers=dict(serializer.validated_data)
        )
        return Response(SurveyResponseSerializer(response).data, status=status.HTTP_201_CREATED)


# Budget -----------------------------------------------------------------------------------------


class BudgetScenarioViewSet(ServiceModelViewSet):
    """Welfare budget scenarios: complexes × hours per week × hourly rate × weeks per year,
    the total computed by the server as a decimal string. The municipality and the functional
    admin read and write them; every other role gets 403. The evaluation's reference scenario
    “Evaluatie 2022” keeps its name and cannot be deleted."""

    queryset = BudgetScenario.objects.none()
    serializer_class = BudgetScenarioSerializer
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.scenario_list(user=self.request.user)

    def create_object(self, data):
        return services.scenario_save(user=self.request.user, data=data)

    def update_object(self, instance, data):
        return services.scenario_save(user=self.request.user, data=data, scenario=instance)

    def delete_object(self, instance):
        services.scenario_delete(scenario=instance, user=self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "by",
                str,
                enum=list(selectors.BUDGET_GROUPINGS),
                description="Rows per district (default), corporation or complex.",
            )
        ],
        responses=BudgetFiguresSerializer,
    )
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        """The scenario's budget, norm to date, actual cost to date and gap for this year so
        far, per district, corporation or complex, with their total."""
        scenario = self.get_object()
        by = request.query_params.get("by")
        by = by if by in selectors.BUDGET_GROUPINGS else selectors.BUDGET_GROUPINGS[0]
        base = selectors.budget_base(user=request.user)
        figures = selectors.scenario_figures(scenario, base=base, by=by)
        return Response(BudgetFiguresSerializer(figures).data)
