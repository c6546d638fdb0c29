"""The residents' sections of the complex page, registered in ``ResidentsConfig.ready()``: the
resident mix (counts only), active groups with recent activities, and the communal room's week."""

import datetime

from django.utils import timezone

from leefbaarheid import registry
from residents import selectors
from residents.choices import AgeBand, Household

RECENT_WEEKS = 8
RECENT_ACTIVITY_ROWS = 20


def _counted(counter, choices) -> list[tuple[str, int]]:
    """(label, count) in the order of the choices, leaving out what nobody has."""
    return [(choice.label, counter[choice.value]) for choice in choices if counter[choice.value]]


def mix_context(request, complex_) -> dict:
    """Who lives in the complex, as counts for the allocation policy (three queries)."""
    today = timezone.localdate()
    mix = selectors.resident_mix(complex=complex_, today=today)
    return {
        "mix": mix,
        "age_bands": _counted(mix["age_bands"], AgeBand),
        "households": _counted(mix["households"], Household),
        "languages": mix["languages"].most_common(),
        "to_welcome": selectors.to_welcome_count(complex=complex_, today=today),
    }


def groups_activities_context(request, complex_) -> dict:
    """The counts for everyone; the active groups and the recent activities for those who may
    read them."""
    user = request.user
    today = timezone.localdate()
    groups = activities = None
    if user.has_perm("residents.view_residentgroup"):
        groups = list(
            selectors.group_list(user=user)
            .filter(complex=complex_, active=True)
            .order_by("kind", "name")
        )
    if user.has_perm("residents.view_activity"):
        since = today - datetime.timedelta(weeks=RECENT_WEEKS)
        activities = list(
            selectors.activity_list(user=user)
            .filter(complex=complex_, date__gt=since, date__lte=today)
            .order_by("-date", "-pk")[:RECENT_ACTIVITY_ROWS]
        )
    return {
        "counts": selectors.complex_counts(complex=complex_, today=today),
        "groups": groups,
        "activities": activities,
        "recent_weeks": RECENT_WEEKS,
    }


def _week_days(bookings, monday: datetime.date) -> list[dict]:
    """Monday to Sunday, each with the bookings that start that day (or before Monday)."""
    days = [{"date": monday + datetime.timedelta(days=n), "bookings": []} for n in range(7)]
    for booking in bookings:
        offset = (timezone.localtime(booking.start).date() - monday).days
        days[min(max(offset, 0), 6)]["bookings"].append(booking)
    return days


def calendar_context(request, complex_) -> dict:
    """This week's bookings of the communal room, day by day for those who may read bookings,
    otherwise just how many (one query)."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    bookings = list(selectors.week_bookings(complex=complex_, day=today))
    may_read = request.user.has_perm("residents.view_roombooking")
    return {
        "week": _week_days(bookings, monday) if may_read else None,
        "week_start": monday,
        "week_end": monday + datetime.timedelta(days=6),
        "week_booking_count": len(bookings),
    }


def register() -> None:
    """Add the residents' sections to the complex page."""
    registry.register_section(
        "complex.beside_room",
        "residents.mix",
        order=10,
        template="residents/_complex_mix.html",
        context=mix_context,
    )
    registry.register_section(
        "complex",
        "residents.groups_activities",
        order=10,
        template="residents/_complex_groups_activities.html",
        context=groups_activities_context,
    )
    registry.register_section(
        "complex",
        "residents.calendar",
        order=20,
        template="residents/_complex_calendar.html",
        context=calendar_context,
    )
