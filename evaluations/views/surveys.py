"""Loneliness survey screens: the rounds and their results, a new round, the entry of paper
questionnaires (De Jong Gierveld 6-item scale) and the removal of a mistaken one.

Every round is fetched through ``selectors.survey_round_get`` (another corporation's is a 404).
Results show only from ``IndicatorSettings.survey_min_responses`` valid responses on; below that
a round or group shows its counts and nothing else. Individual questionnaires are seen only by
whoever entered them (number, when, score), never by corporation staff or officials.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Avg
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from complexes.models import Complex
from evaluations import selectors, services
from evaluations.choices import LonelinessLevel
from evaluations.filters import SurveyFilterSet
from evaluations.forms import SurveyResponseForm, SurveyRoundForm
from evaluations.models import SurveyResponse, SurveyRound
from evaluations.tables import SurveyRoundTable
from leefbaarheid import params
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import is_htmx, list_page, posted, require_perm

VIEW = "evaluations.view_surveyround"
ENTER = "evaluations.add_surveyresponse"


def _minimum() -> int:
    return selectors.indicator_settings().survey_min_responses


def _writable_complexes(user):
    """The complexes the user enters surveys in: a professional's assigned ones, every complex
    for the functional admin (the same reach ``services.survey_round_save`` checks)."""
    return Complex.objects.visible_to(user).only("pk", "name")


# The list ----------------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def survey_list(request):
    """Rounds with their counts, the mean score only where shown, and a summary of the rounds
    listed taken together, per district and per corporation."""
    minimum = _minimum()
    rounds = selectors.survey_round_list(user=request.user).annotate(
        mean_score=Avg("responses__score")
    )
    filterset = SurveyFilterSet(request.GET, queryset=rounds, request=request)
    may_add = request.user.has_perm("evaluations.add_surveyround")
    chosen = filterset.form.cleaned_data.get("complex") if filterset.is_valid() else None
    new_url = reverse("evaluations:survey_create")
    if may_add and chosen and _writable_complexes(request.user).filter(pk=chosen.pk).exists():
        new_url += f"?complex={chosen.pk}"
    return list_page(
        request,
        filterset=filterset,
        table=SurveyRoundTable(filterset.qs, minimum=minimum),
        template="evaluations/survey_list.html",
        partial="evaluations/_survey_table.html",
        extra={
            "minimum": minimum,
            "summary": selectors.survey_summary(filterset.qs, minimum=minimum),
            "may_add": may_add,
            "new_url": new_url,
        },
    )


# A new round, and deleting an empty one -----------------------------------------------------------


@permission_required("evaluations.add_surveyround", raise_exception=True)
def survey_create(request):
    """A new round in a complex the user enters surveys in (``?complex=<id>`` chooses it; a
    complex outside that reach is a 404)."""
    complexes = _writable_complexes(request.user)
    initial = {}
    chosen = request.GET.get("complex", "")
    if chosen:
        pk = params.id_or_none(chosen)
        if pk is None:
            raise Http404(_("Choose a complex first."))
        initial["complex"] = get_object_or_404(complexes, pk=pk)
    form = SurveyRoundForm(posted(request), complexes=complexes, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.survey_round_save(user=request.user, data=form.data_for_service())
        except ValidationError as error:
            # The one error on the whole round is its name taken in this complex.
            add_service_errors(form, error, whole_record_field="name")
        else:
            messages.success(
                request,
                _("The survey round “%(name)s” is saved. Enter its questionnaires below.")
                % {"name": round_.name},
            )
            return redirect("evaluations:survey_response_add", pk=round_.pk)
    cancel_url = reverse("evaluations:survey_list")
    if "complex" in initial:
        cancel_url += f"?complex={initial['complex'].pk}"
    return render(request, "evaluations/survey_form.html", {"form": form, "cancel_url": cancel_url})


@permission_required(VIEW, raise_exception=True)
def survey_update(request, pk: int):
    """Correct a round's name, date or note; it stays in its complex."""
    round_ = selectors.survey_round_get(user=request.user, pk=pk)
    require_perm(request.user, "evaluations.change_surveyround")
    initial = {name: getattr(round_, name) for name in SurveyRoundForm.DATA_FIELDS}
    form = SurveyRoundForm(
        posted(request),
        complexes=_writable_complexes(request.user),
        fixed_complex=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_round_save(
                user=request.user, data=form.data_for_service(), round_=round_
            )
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="name")
        else:
            messages.success(
                request, _("The survey round “%(name)s” is saved.") % {"name": round_.name}
            )
            return redirect(round_)
    return render(
        request,
        "evaluations/survey_form.html",
        {"form": form, "cancel_url": round_.get_absolute_url(), "round": round_},
    )


@permission_required(VIEW, raise_exception=True)
def survey_delete(request, pk: int):
    """Delete a round entered by mistake; one with responses is refused (delete those first)."""
    round_ = selectors.survey_round_get(user=request.user, pk=pk)
    require_perm(request.user, "evaluations.delete_surveyround")
    if request.method == "POST":
        try:
            services.survey_round_delete(round_=round_, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(round_)
        messages.success(
            request, _("The survey round “%(name)s” is deleted.") % {"name": round_.name}
        )
        return redirect(f"{reverse('evaluations:survey_list')}?complex={round_.complex_id}")
    return render(request, "evaluations/survey_confirm_delete.html", {"round": round_})


# A round's results ------------------------------------------------------------------------------


def _own_entries(round_: SurveyRound, user) -> list[dict]:
    """The questionnaires ``user`` entered in the round: their number in the round, when they
    were entered and the score. Nothing else of a questionnaire is shown on the screens."""
    rows = round_.responses.order_by("pk").values_list("pk", "entered_by_id", "created_at", "score")
    return [
        {"pk": pk, "number": number, "created_at": created_at, "score": score}
        for number, (pk, entered_by, created_at, score) in enumerate(rows, start=1)
        if entered_by == user.pk
    ]


def _entry_context(request, round_: SurveyRound, form: SurveyResponseForm) -> dict:
    return {
        "round": round_,
        "form": form,
        "entries": _own_entries(round_, request.user),
        "minimum": _minimum(),
    }


def _results_context(round_: SurveyRound) -> dict:
    """What the results block (``_survey_results.html``) shows of a round."""
    results = selectors.survey_results(round_.responses.all(), minimum=_minimum())
    context: dict = {"results": results}
    if results["shown"]:
        context["level_label"] = LonelinessLevel(results["level"]).label
        context["level_rows"] = [
            {
                "level": level.value,
                "label": level.label,
                "count": results["levels"][level],
                "share": results["level_shares"][level],
            }
            for level in LonelinessLevel
        ]
    return context


@permission_required(VIEW, raise_exception=True)
def survey_detail(request, pk: int):
    """The round's results (from the minimum of valid responses on), and for whoever enters
    questionnaires the entry form and the ones they entered."""
    round_ = selectors.survey_round_get(user=request.user, pk=pk)
    context = {"round": round_, "may_enter": request.user.has_perm(ENTER)}
    context.update(_results_context(round_))
    if context["may_enter"]:
        context.update(_entry_context(request, round_, SurveyResponseForm()))
    return render(request, "evaluations/survey_detail.html", context)


# Entering paper questionnaires ------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def survey_response_add(request, pk: int):
    """One paper questionnaire at a time: after saving, the form is empty again with the number
    of the response saved, ready for the next. An htmx request gets only the entry section and,
    once a questionnaire is saved, the results block again (swapped out of band), so the
    counts and the mean on the screen follow every questionnaire."""
    round_ = selectors.survey_round_get(user=request.user, pk=pk)
    require_perm(request.user, ENTER)
    form = SurveyResponseForm(posted(request))
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            response = services.survey_response_add(
                round_=round_, user=request.user, answers=form.answers()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            number = round_.responses.filter(pk__lte=response.pk).count()
            if response.score is None:
                saved = {
                    "level": messages.WARNING,
                    "text": _(
                        "Response %(number)s saved, but not scored (more than one item unanswered)."
                    )
                    % {"number": number},
                }
            else:
                saved = {
                    "level": messages.SUCCESS,
                    "text": _("Response %(number)s saved (score %(score)s).")
                    % {"number": number, "score": response.score},
                }
            if not is_htmx(request):
                messages.add_message(request, saved["level"], saved["text"])
                return redirect("evaluations:survey_response_add", pk=round_.pk)
            # The counts changed: read the round again, and start on an empty form.
            round_ = selectors.survey_round_get(user=request.user, pk=pk)
            form = SurveyResponseForm()
    context = _entry_context(request, round_, form)
    if saved is not None:
        saved["tag"] = "warning" if saved["level"] == messages.WARNING else "success"
    context["saved"] = saved
    if is_htmx(request):
        if saved is not None:
            context.update(_results_context(round_), results_out_of_band=True)
        return render(request, "evaluations/_survey_entry.html", context)
    context.update(_results_context(round_))
    return render(request, "evaluations/survey_entry.html", context)


@permission_required(ENTER, raise_exception=True)
def survey_response_delete(request, pk: int):
    """Remove a questionnaire entered by mistake: only one the user entered, in a round they
    see (anything else is a 404)."""
    responses = SurveyResponse.objects.filter(
        round__in=SurveyRound.objects.visible_to(request.user).values("pk"),
        entered_by=request.user,
    ).select_related("round", "round__complex")
    response = get_object_or_404(responses, pk=pk)
    require_perm(request.user, "evaluations.delete_surveyresponse")
    round_ = response.round
    number = round_.responses.filter(pk__lte=response.pk).count()
    if request.method == "POST":
        services.survey_response_delete(response=response, user=request.user)
        messages.success(
            request,
            _("Response %(number)s of “%(name)s” is deleted.")
            % {"number": number, "name": round_.name},
        )
        return redirect("evaluations:survey_response_add", pk=round_.pk)
    return render(
        request,
        "evaluations/survey_response_confirm_delete.html",
        {"round": round_, "response": response, "number": number},
    )
