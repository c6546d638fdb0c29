"""Room bookings: the communal room's week calendar per complex, the list, and booking once or
weekly. Overlaps are refused by the service, which writes all occurrences of a series or none."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leefbaarheid import params, weeks
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import is_htmx, list_page, posted
from leefbaarheid.weeks import Week
from residents import selectors, services
from residents.choices import BookingStatus
from residents.filters import RoomBookingScreenFilterSet
from residents.forms import (
    RoomBookingCreateForm,
    RoomBookingDeleteForm,
    RoomBookingForm,
)
from residents.models import RoomBooking
from residents.tables import RoomBookingTable
from residents.views.common import (
    choose_complex,
    complex_from_query,
    complexes_for,
    form_data,
    new_in_complex,
)

ONE_DAY = datetime.timedelta(days=1)


def iso_week(day: datetime.date) -> str:
    """``2026-W48`` — the value of an ``<input type="week">``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def chosen_week(request) -> Week:
    """The week of ``?week=2026-W48`` or of the day ``?date=2026-11-25`` (else this week);
    one outside the bounds or no week at all is a 400 naming it."""
    return params.week_or_date_query(request.GET) or Week.of(timezone.localdate())


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def calendar_url(complex_id: int, day: datetime.date) -> str:
    query = urlencode({"complex": complex_id, "week": iso_week(day)})
    return f"{reverse('residents:booking_calendar')}?{query}"


def _neighbour_url(complex_id: int, week: Week, step: int) -> str | None:
    """The calendar of the week before or after, unless that week lies beyond the bounds."""
    neighbour = week.shifted(step)
    return calendar_url(complex_id, neighbour.monday) if weeks.is_valid(*neighbour) else None


@permission_required("residents.view_roombooking", raise_exception=True)
def booking_calendar(request):
    """One week (Monday to Sunday) of a complex's communal room; htmx swaps just the week."""
    complexes = complexes_for(request.user).only("pk", "name")
    complex_ = complex_from_query(request) if request.GET.get("complex") else complexes.first()
    week = chosen_week(request)
    monday = week.monday
    days = []
    if complex_ is not None:
        bookings = list(selectors.week_bookings(complex=complex_, day=monday))
        today = timezone.localdate()
        for offset in range(7):
            day = monday + datetime.timedelta(days=offset)
            start, end = _local_midnight(day), _local_midnight(day + ONE_DAY)
            days.append(
                {
                    "date": day,
                    "is_today": day == today,
                    "bookings": [b for b in bookings if b.start < end and b.end > start],
                }
            )
    context = {
        "complex": complex_,
        "complexes": complexes,
        "days": days,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week": iso_week(monday),
        "previous_url": complex_ and _neighbour_url(complex_.pk, week, -1),
        "next_url": complex_ and _neighbour_url(complex_.pk, week, 1),
        "this_week_url": complex_ and calendar_url(complex_.pk, timezone.localdate()),
    }
    partial = is_htmx(request) and request.headers.get("HX-Target") == "booking-week"
    template = "residents/_booking_week.html" if partial else "residents/booking_calendar.html"
    return render(request, template, context)


@permission_required("residents.view_roombooking", raise_exception=True)
def booking_list(request):
    filterset = RoomBookingScreenFilterSet(
        request.GET, queryset=selectors.booking_list(user=request.user), request=request
    )
    return list_page(
        request,
        filterset=filterset,
        table=RoomBookingTable(filterset.qs),
        template="residents/booking_list.html",
        partial="residents/_booking_table.html",
        extra=new_in_complex(request, RoomBooking),
    )


def _initial_from_date(value: str) -> dict | None:
    """Start a booking on a day picked in the calendar (``?date=2026-11-25``): 10:00–12:00."""
    try:
        day = params.parse_date(value)
    except ValueError:
        return None
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return {"start": start, "end": start + datetime.timedelta(hours=2)}


@permission_required("residents.add_roombooking", raise_exception=True)
def booking_create(request):
    complex_ = complex_from_query(request)
    if complex_ is None:
        back = reverse("residents:booking_calendar")
        return choose_complex(request, title=_("New booking"), back_url=back)
    form = RoomBookingCreateForm(
        posted(request), initial=_initial_from_date(request.GET.get("date", "")), complex=complex_
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.booking_create(
                complex=complex_,
                user=request.user,
                data=form_data(form),
                recurrence=form.cleaned_data["recurrence"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The communal room is booked (%(count)s times).") % {"count": len(created)},
            )
            return redirect(calendar_url(complex_.pk, timezone.localtime(created[0].start).date()))
    return render(request, "residents/booking_form.html", {"form": form, "complex": complex_})


@permission_required("residents.change_roombooking", raise_exception=True)
def booking_update(request, pk: int):
    booking = selectors.booking_get(user=request.user, pk=pk)
    initial = {name: getattr(booking, name) for name in RoomBookingForm.DATA_FIELDS}
    form = RoomBookingForm(posted(request), initial=initial, complex=booking.complex)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_update(booking=booking, user=request.user, data=form_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The booking is saved."))
            return redirect(_calendar_of(booking))
    return render(
        request,
        "residents/booking_form.html",
        {"form": form, "complex": booking.complex, "booking": booking},
    )


def _calendar_of(booking: RoomBooking) -> str:
    return calendar_url(booking.complex_id, timezone.localtime(booking.start).date())


@require_POST
@permission_required("residents.change_roombooking", raise_exception=True)
def booking_cancel(request, pk: int):
    """Cancel a booking: it stays on record but no longer holds the room."""
    booking = selectors.booking_get(user=request.user, pk=pk)
    services.booking_update(
        booking=booking, user=request.user, data={"status": BookingStatus.CANCELLED}
    )
    messages.success(request, _("The booking is cancelled."))
    return redirect(_calendar_of(booking))


@permission_required("residents.delete_roombooking", raise_exception=True)
def booking_delete(request, pk: int):
    booking = selectors.booking_get(user=request.user, pk=pk)
    form = RoomBookingDeleteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.booking_delete(
            booking=booking,
            user=request.user,
            whole_series=form.cleaned_data["scope"] == "series",
        )
        messages.success(request, _("The booking is deleted."))
        return redirect(_calendar_of(booking))
    return render(
        request, "residents/booking_confirm_delete.html", {"booking": booking, "form": form}
    )
