"""Complex screens: the list with its exports, the complex page, and create/edit/delete.

Every complex is fetched through ``selectors.complex_get`` (a foreign complex is a 404); what a
role may do is a model permission (missing one on a visible complex is a 403).
"""

import copy
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from complexes import exports, selectors, services
from complexes.filters import ComplexFilterSet
from complexes.forms import ComplexForm
from complexes.models import vacancy_percent
from complexes.tables import ComplexTable
from evaluations.views.indicators import complex_page_section
from interventions import selectors as funding_selectors
from leefbaarheid import roles
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import is_htmx, require_perm
from residents import selectors as resident_selectors
from residents.choices import AgeBand, Household

RECENT_WEEKS = 8
RECENT_ACTIVITY_ROWS = 20
FUNDING_ROWS = 10  # the newest grants and interventions on the complex page


def _single_corporation(user) -> bool:
    """Corporation staff only ever see their own corporation: a corporation column or filter
    would tell them nothing (the API keeps the filter)."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _filterset(request) -> ComplexFilterSet:
    filterset = ComplexFilterSet(
        request.GET, queryset=selectors.complex_list(user=request.user), request=request
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    return filterset


@permission_required("complexes.view_complex", raise_exception=True)
def complex_list(request):
    """The complexes this user may see, filtered, sorted and paged; htmx swaps just the table."""
    filterset = _filterset(request)
    exclude = ("corporation",) if _single_corporation(request.user) else ()
    table = ComplexTable(filterset.qs, exclude=exclude)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "table": table, "export_query": query.urlencode()}
    template = (
        "complexes/_complex_table.html" if is_htmx(request) else "complexes/complex_list.html"
    )
    return render(request, template, context)


def _export_queryset(request):
    """Exactly the rows the list shows for the same query string, all pages, same order."""
    return exports.ordered(_filterset(request).qs, request.GET.get("sort"))


@permission_required("complexes.view_complex", raise_exception=True)
def complex_export_csv(request):
    """Every complex the current filters select (not just one page), as CSV."""
    return exports.csv_response(_export_queryset(request))


@permission_required("complexes.view_complex", raise_exception=True)
def complex_export_xlsx(request):
    """Every complex the current filters select (not just one page), as an Excel workbook."""
    return exports.xlsx_response(_export_queryset(request))


def _counted(counter, choices) -> list[tuple[str, int]]:
    """(label, count) in the order of the choices, leaving out what nobody has."""
    return [(choice.label, counter[choice.value]) for choice in choices if counter[choice.value]]


def _week_days(bookings, monday: datetime.date) -> list[dict]:
    """Monday to Sunday, each with the bookings that start that day (or before Monday)."""
    days = [{"date": monday + datetime.timedelta(days=n), "bookings": []} for n in range(7)]
    for booking in bookings:
        offset = (timezone.localtime(booking.start).date() - monday).days
        days[min(max(offset, 0), 6)]["bookings"].append(booking)
    return days


def _detail_context(request, complex_) -> dict:
    """What the complex page shows. Residents' names only for those who may see personal data;
    other roles get counts and "contact person: yes/no". A fixed number of queries at any size."""
    user = request.user
    today = timezone.localdate()
    may_see_names = user.has_perm("residents.view_resident")

    galleries = complex_.galleries.order_by("floor", "name")
    if may_see_names:
        galleries = galleries.select_related("contact_person")
    galleries = list(galleries)

    mix = resident_selectors.resident_mix(complex=complex_, today=today)
    counts = resident_selectors.complex_counts(complex=complex_, today=today)
    monday = today - datetime.timedelta(days=today.weekday())
    bookings = list(resident_selectors.week_bookings(complex=complex_, day=today))

    groups = activities = week = None
    if user.has_perm("residents.view_residentgroup"):
        groups = list(
            resident_selectors.group_list(user=user)
            .filter(complex=complex_, active=True)
            .order_by("kind", "name")
        )
    if user.has_perm("residents.view_activity"):
        since = today - datetime.timedelta(weeks=RECENT_WEEKS)
        activities = list(
            resident_selectors.activity_list(user=user)
            .filter(complex=complex_, date__gt=since, date__lte=today)
            .order_by("-date", "-pk")[:RECENT_ACTIVITY_ROWS]
        )
    if user.has_perm("residents.view_roombooking"):
        week = _week_days(bookings, monday)
    grants = interventions = None
    if user.has_perm("interventions.view_grant"):
        grants = list(funding_selectors.complex_grants(complex=complex_, user=user)[:FUNDING_ROWS])
    if user.has_perm("interventions.view_intervention"):
        interventions = list(
            funding_selectors.complex_interventions(complex=complex_, user=user)[:FUNDING_ROWS]
        )
    hours = None
    if user.has_perm("interventions.view_hoursentry"):
        # The last 4, 13 and 52 weeks against the norm and the alert: one query.
        hours = funding_selectors.hours_complex_norm(user=user, complex=complex_)
    # The cohesion index, its status and the two costliest components: one query.
    indicator = complex_page_section(user=user, complex_=complex_)

    return {
        "complex": complex_,
        "today": today,
        "may_see_names": may_see_names,
        "vacancy_percent": vacancy_percent(complex_.vacant_units, complex_.units),
        "galleries": galleries,
        "galleries_covered": sum(1 for gallery in galleries if gallery.contact_person_id),
        "groups": groups,
        "activities": activities,
        "recent_weeks": RECENT_WEEKS,
        "week": week,
        "week_start": monday,
        "week_end": monday + datetime.timedelta(days=6),
        "week_booking_count": len(bookings),
        "history": selectors.occupancy_history(complex=complex_),
        "grants": grants,
        "grants_overlap": any(grant.has_overlap for grant in grants or ()),
        "interventions": interventions,
        "hours": hours,
        "indicator": indicator,
        "mix": mix,
        "age_bands": _counted(mix["age_bands"], AgeBand),
        "households": _counted(mix["households"], Household),
        "languages": mix["languages"].most_common(),
        "counts": counts,
        "to_welcome": resident_selectors.to_welcome_count(complex=complex_, today=today),
    }


@permission_required("complexes.view_complex", raise_exception=True)
def complex_detail(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    return render(request, "complexes/complex_detail.html", _detail_context(request, complex_))


def _form_page(request, form, *, title: str, cancel_url: str, wide: bool = False, complex_=None):
    return render(
        request,
        "complexes/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "wide": wide, "complex": complex_},
    )


@permission_required("complexes.add_complex", raise_exception=True)
def complex_create(request):
    """A new complex; staff always add it to their own corporation, an admin chooses."""
    form = ComplexForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            complex_ = services.complex_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Complex %(name)s added.") % {"name": complex_.name})
            return redirect(complex_)
    return _form_page(
        request,
        form,
        title=_("New complex"),
        cancel_url=reverse("complexes:complex_list"),
        wide=True,
    )


def complex_update(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.change_complex")
    # The form works on a copy: the service compares the stored figures with the new ones.
    form = ComplexForm(request.POST or None, instance=copy.copy(complex_), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.complex_update(complex=complex_, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Complex %(name)s saved.") % {"name": complex_.name})
            return redirect(complex_)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": complex_.name},
        cancel_url=complex_.get_absolute_url(),
        wide=True,
        complex_=complex_,
    )


def complex_delete(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.delete_complex")
    if request.method == "POST":
        try:
            services.complex_delete(complex=complex_, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(complex_)
        messages.success(request, _("Complex %(name)s deleted.") % {"name": complex_.name})
        return redirect("complexes:complex_list")
    return render(
        request,
        "complexes/confirm_delete.html",
        {
            "title": _("Delete %(name)s") % {"name": complex_.name},
            "warning": _(
                "This deletes the complex with its galleries, residents, groups, activities, "
                "bookings and occupancy history. This cannot be undone."
            ),
            "cancel_url": complex_.get_absolute_url(),
        },
    )
