"""The welfare calendar: which weeks of a year are funded and the hours per funded week, the
norm every hours screen, the alert, the index and the budget read.

Everyone who reads welfare hours sees the calendar; the municipality and the functional admin
change it (a POST from anyone else is a 403). ``?organisation=`` opens a welfare organisation's
own calendar, which the complexes its professionals work in follow.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventions import selectors, services
from interventions.forms.hours import WelfareCalendarForm, week_label
from leefbaarheid import params
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import posted
from leefbaarheid.weeks import Week

VIEW = "interventions.view_welfarecalendar"
CHANGE = "interventions.change_welfarecalendar"
DELETE = "interventions.delete_welfarecalendar"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(request) -> int:
    """``?year=2026`` (this ISO year by default); a year out of range is a 404."""
    text = request.GET.get("year", "").strip()
    if not text:
        return Week.of(timezone.localdate()).year
    try:
        year = params.parse_year(text)
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _url(year: int, organisation: str = "") -> str:
    query = {"year": year, **({"organisation": organisation} if organisation else {})}
    return f"{reverse('interventions:welfare_calendar')}?{urlencode(query)}"


def _save(request, form, *, year: int, organisation: str) -> bool:
    """Save the ticked calendar through the service; its errors land on the form (``False``)."""
    try:
        services.calendar_save(
            user=request.user, year=year, organisation=organisation, data=form.data_for_service()
        )
    except ValidationError as error:
        add_service_errors(form, error, whole_record_field="funded_weeks")
        return False
    messages.success(
        request,
        _(
            "The welfare calendar of %(year)s is saved. The cohesion index of the "
            "year is being recalculated."
        )
        % {"year": year},
    )
    return True


def _calendar_context(request, *, year: int, organisation: str, calendar, overview) -> dict:
    """The year's weeks with their dates and funding, and the ways to the neighbouring years
    and the other organisations' calendars."""
    weeks = [
        {
            "number": number,
            "label": week_label(Week(year, number)),
            "funded": calendar.is_funded(number),
        }
        for number in range(1, calendar.weeks + 1)
    ]
    return {
        "year": year,
        "organisation": organisation,
        "calendar": calendar,
        "overview": overview,
        "followers": overview["followers"].get(organisation, 0),
        "weeks": weeks,
        "may_delete": request.user.has_perm(DELETE) and not calendar.is_default,
        "previous_url": _url(year - 1, organisation) if year > FIRST_YEAR else None,
        "next_url": _url(year + 1, organisation) if year < LAST_YEAR else None,
        "organisation_urls": [
            (name, _url(year, name), name in overview["stored"])
            for name in overview["organisations"]
        ],
        "city_url": _url(year),
    }


@permission_required(VIEW, raise_exception=True)
def welfare_calendar(request):
    """One year's calendar, the municipality's or an organisation's: every week with its dates,
    funded or not; the municipality and the functional admin tick the funded weeks here."""
    year = _year(request)
    organisation = request.GET.get("organisation", "").strip()
    overview = selectors.calendar_overview(year=year)
    if organisation and organisation not in overview["organisations"]:
        raise Http404
    calendar = selectors.calendar_of(year=year, organisation=organisation)
    may_change = request.user.has_perm(CHANGE)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = None
    if may_change:
        initial = {
            "hours_per_week": calendar.hours_per_week,
            "funded_weeks": calendar.funded_weeks(),
            "note": overview["notes"].get(organisation, ""),
        }
        form = WelfareCalendarForm(posted(request), initial=initial, calendar=calendar)
        saved = (
            request.method == "POST"
            and form.is_valid()
            and _save(request, form, year=year, organisation=organisation)
        )
        if saved:
            return redirect(_url(year, organisation))
    context = _calendar_context(
        request, year=year, organisation=organisation, calendar=calendar, overview=overview
    )
    context["form"] = form
    return render(request, "interventions/welfare_calendar.html", context)


@require_POST
@permission_required(DELETE, raise_exception=True)
def welfare_calendar_reset(request):
    """Drop a stored calendar: the year follows the default again, an organisation's complexes
    the municipality's calendar."""
    year = _year(request)
    organisation = request.GET.get("organisation", "").strip()
    calendar = selectors.calendar_get(user=request.user, year=year, organisation=organisation)
    services.calendar_delete(calendar=calendar, user=request.user)
    messages.success(request, _("The calendar is reset. The cohesion index is being recalculated."))
    return redirect(_url(year, organisation))
