"""The communal room's bookings: week calendar, list, booking once or weekly, no overlaps."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from leefbaarheid.params import week_or_date_query
from residents import services
from residents.choices import BookingStatus, Recurrence
from residents.models import RoomBooking
from tests.factories import (
    ComplexFactory,
    GalleryFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
)

pytestmark = pytest.mark.django_db

NO_PERMISSION = ["official", "team_member", "user_without_role"]
MONDAY = datetime.date(2030, 3, 4)  # ISO week 2030-W10


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _book(complex_, day=MONDAY, hour=10, hours=2, **kwargs) -> RoomBooking:
    start = _at(day, hour)
    return RoomBookingFactory(
        complex=complex_, start=start, end=start + datetime.timedelta(hours=hours), **kwargs
    )


def _create_url(complex_) -> str:
    return f"{reverse('residents:booking_create')}?complex={complex_.pk}"


def _data(day=MONDAY, start="10:00", end="12:00", **overrides) -> dict:
    return {
        "title": "Koffieochtend",
        "start": f"{day:%Y-%m-%d}T{start}",
        "end": f"{day:%Y-%m-%d}T{end}",
        "status": BookingStatus.CONFIRMED,
        "recurrence": Recurrence.NONE,
        "until": "",
        **overrides,
    }


def _calendar(client, **params):
    return client.get(reverse("residents:booking_calendar"), params)


def _calendar_titles(response) -> list[list[str]]:
    return [[booking.title for booking in day["bookings"]] for day in response.context["days"]]


# The week calendar ---------------------------------------------------------------------------


def test_week_value_and_date_give_the_same_monday():
    assert week_or_date_query(QueryDict("week=2030-W10")).monday == MONDAY
    assert week_or_date_query(QueryDict("date=2030-03-09")).monday == MONDAY
    assert week_or_date_query(QueryDict("")) is None


def test_calendar_shows_the_week_monday_to_sunday(client, corporation_staff, own_complex):
    _book(own_complex, MONDAY, title="Koffie")
    _book(own_complex, MONDAY + datetime.timedelta(days=2), title="Bingo")
    _book(own_complex, MONDAY + datetime.timedelta(days=7), title="Volgende week")
    _book(own_complex, MONDAY, hour=14, title="Afgezegd", status=BookingStatus.CANCELLED)
    client.force_login(corporation_staff)
    response = _calendar(client, complex=own_complex.pk, week="2030-W10")
    assert response.status_code == 200
    days = response.context["days"]
    assert [day["date"] for day in days] == [
        MONDAY + datetime.timedelta(days=offset) for offset in range(7)
    ]
    assert _calendar_titles(response) == [["Koffie"], [], ["Bingo"], [], [], [], []]
    assert "week=2030-W09" in response.context["previous_url"]
    assert "week=2030-W11" in response.context["next_url"]
    same = _calendar(client, complex=own_complex.pk, date="2030-03-06")
    assert _calendar_titles(same) == _calendar_titles(response)


def test_a_booking_past_midnight_shows_on_both_days(client, corporation_staff, own_complex):
    _book(own_complex, MONDAY, hour=22, hours=4, title="Nachtbingo")
    client.force_login(corporation_staff)
    response = _calendar(client, complex=own_complex.pk, week="2030-W10")
    assert _calendar_titles(response)[:3] == [["Nachtbingo"], ["Nachtbingo"], []]


def test_calendar_without_complex_opens_a_visible_one(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = _calendar(client)
    assert response.status_code == 200
    assert response.context["complex"] == own_complex
    assert list(response.context["complexes"]) == [own_complex]


def test_htmx_week_navigation_gets_only_the_week(client, corporation_staff, own_complex):
    _book(own_complex, MONDAY, title="Koffie")
    client.force_login(corporation_staff)
    response = client.get(
        reverse("residents:booking_calendar"),
        {"complex": own_complex.pk, "week": "2030-W10"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="booking-week",
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Koffie" in response.content


def test_calendar_of_foreign_complex_is_404(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert _calendar(client, complex=foreign_complex.pk).status_code == 404


def test_professional_sees_only_calendars_of_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    unassigned = ComplexFactory(corporation=corporation)
    client.force_login(welfare_professional)
    assert _calendar(client, complex=own_complex.pk).status_code == 200
    assert _calendar(client, complex=unassigned.pk).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_calendar_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    group = ResidentGroupFactory(complex=own_complex)
    for number in range(count):
        start = _at(MONDAY + datetime.timedelta(days=number % 7), 8) + datetime.timedelta(
            minutes=20 * (number // 7)
        )
        RoomBookingFactory(
            complex=own_complex,
            group=group,
            start=start,
            end=start + datetime.timedelta(minutes=15),
        )
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(12):
        response = _calendar(client, complex=own_complex.pk, week="2030-W10")
    assert sum(len(day["bookings"]) for day in response.context["days"]) == count


# The list ------------------------------------------------------------------------------------


def test_list_shows_only_own_bookings_and_filters(
    client, corporation_staff, own_complex, foreign_complex
):
    confirmed = _book(own_complex, MONDAY)
    cancelled = _book(own_complex, MONDAY, hour=14, status=BookingStatus.CANCELLED)
    _book(foreign_complex, MONDAY)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_list")
    rows = client.get(url).context["table"].paginated_rows
    assert {row.record.pk for row in rows} == {confirmed.pk, cancelled.pk}
    rows = client.get(url, {"status": BookingStatus.CANCELLED}).context["table"].paginated_rows
    assert {row.record.pk for row in rows} == {cancelled.pk}


def test_list_group_filter_offers_the_chosen_complexs_groups_only(
    client, corporation_staff, own_complex
):
    second = ComplexFactory(corporation=own_complex.corporation, name="De Vlier")
    here = ResidentGroupFactory(complex=own_complex, name="Koor Meidoorn")
    ResidentGroupFactory(complex=second, name="Koor Vlier")
    client.force_login(corporation_staff)
    url = reverse("residents:booking_list")
    assert list(client.get(url).context["filter"].form.fields["group"].queryset) == []
    response = client.get(url, {"complex": own_complex.pk}, HTTP_HX_REQUEST="true")
    assert list(response.context["filter"].form.fields["group"].queryset) == [here]
    assert b'id="booking-group-filter" hx-swap-oob="true"' in response.content
    assert b"Koor Vlier" not in response.content


def test_api_still_filters_on_any_visible_group(api_client, corporation_staff, own_complex):
    group = ResidentGroupFactory(complex=own_complex)
    booking = _book(own_complex, group=group)
    _book(own_complex, hour=14)
    api_client.force_authenticate(corporation_staff)
    response = api_client.get("/api/v1/room-bookings/", {"group": group.pk})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [booking.pk]


@pytest.mark.parametrize("count", [3, 30])
def test_booking_list_query_count_does_not_grow(
    client, welfare_professional, own_complex, django_assert_max_num_queries, count
):
    group = ResidentGroupFactory(complex=own_complex)
    RoomBookingFactory.create_batch(count, complex=own_complex, group=group)
    client.force_login(welfare_professional)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("residents:booking_list"))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == count


@pytest.mark.parametrize("role_fixture", NO_PERMISSION)
def test_roles_without_permission_are_refused(client, request, role_fixture, own_complex):
    booking = _book(own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert _calendar(client, complex=own_complex.pk).status_code == 403
    assert client.get(reverse("residents:booking_list")).status_code == 403
    assert (
        client.post(_create_url(own_complex), _data(day=MONDAY, start="14:00")).status_code == 403
    )
    for name in ("booking_update", "booking_cancel", "booking_delete"):
        assert client.post(reverse(f"residents:{name}", args=[booking.pk])).status_code == 403
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert RoomBooking.objects.count() == 1


# Booking -------------------------------------------------------------------------------------


def test_owner_books_once_in_amsterdam_time(client, corporation_staff, own_complex):
    group = ResidentGroupFactory(complex=own_complex)
    client.force_login(corporation_staff)
    assert client.get(_create_url(own_complex)).status_code == 200
    response = client.post(_create_url(own_complex), _data(group=group.pk))
    assert response.status_code == 302
    booking = RoomBooking.objects.get()
    assert booking.start == _at(MONDAY, 10)
    assert booking.start.astimezone(datetime.UTC).hour == 9  # CET is UTC+1 in March
    assert (booking.group, booking.series) == (group, None)


def test_form_labels_the_empty_choices_and_residents_by_gallery(
    client, corporation_staff, own_complex
):
    gallery = GalleryFactory(complex=own_complex, name="Galerij 3", floor=3)
    ResidentFactory(complex=own_complex, gallery=gallery, name="Maria Post")
    ResidentGroupFactory(complex=own_complex)
    client.force_login(corporation_staff)
    response = client.get(_create_url(own_complex))
    labels = [label for _value, label in response.context["form"].fields["resident"].choices]
    assert labels[1:] == ["Maria Post — Galerij 3"]
    assert b"---------" not in response.content


def test_a_day_picked_in_the_calendar_prefills_the_form(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.get(_create_url(own_complex) + "&date=2030-03-06")
    assert response.context["form"].initial["start"] == _at(datetime.date(2030, 3, 6), 10)


def test_weekly_series_keeps_the_wall_clock_across_summer_time(
    client, corporation_staff, own_complex
):
    client.force_login(corporation_staff)
    first = datetime.date(2030, 3, 18)
    data = _data(day=first, recurrence=Recurrence.WEEKLY, until="2030-04-08")
    assert client.post(_create_url(own_complex), data).status_code == 302
    bookings = list(RoomBooking.objects.order_by("start"))
    assert len(bookings) == 4
    assert len({booking.series for booking in bookings}) == 1
    assert [timezone.localtime(b.start).time() for b in bookings] == [datetime.time(10)] * 4


def test_overlap_is_refused_on_the_start_field(client, corporation_staff, own_complex):
    _book(own_complex, MONDAY, hour=11)
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data())
    assert response.status_code == 200
    assert "start" in response.context["form"].errors
    assert RoomBooking.objects.count() == 1


def test_a_cancelled_booking_does_not_hold_the_room(client, corporation_staff, own_complex):
    _book(own_complex, MONDAY, hour=10, status=BookingStatus.CANCELLED)
    client.force_login(corporation_staff)
    assert client.post(_create_url(own_complex), _data()).status_code == 302
    assert RoomBooking.objects.count() == 2


def test_weekly_series_whose_third_occurrence_clashes_writes_none(
    client, corporation_staff, own_complex
):
    _book(own_complex, MONDAY + datetime.timedelta(weeks=2), hour=11, title="Bingo")
    client.force_login(corporation_staff)
    data = _data(recurrence=Recurrence.WEEKLY, until=f"{MONDAY + datetime.timedelta(weeks=4)}")
    response = client.post(_create_url(own_complex), data)
    assert response.status_code == 200
    assert "start" in response.context["form"].errors
    assert list(RoomBooking.objects.values_list("title", flat=True)) == ["Bingo"]


def test_weekly_without_until_is_an_until_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(recurrence=Recurrence.WEEKLY))
    assert "until" in response.context["form"].errors
    assert not RoomBooking.objects.exists()


def test_end_before_start_is_an_end_error(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(start="12:00", end="10:00"))
    assert "end" in response.context["form"].errors
    assert not RoomBooking.objects.exists()


def test_group_of_another_complex_is_no_choice(
    client, corporation_staff, own_complex, foreign_complex
):
    foreign_group = ResidentGroupFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    response = client.post(_create_url(own_complex), _data(group=foreign_group.pk))
    assert "group" in response.context["form"].errors
    assert not RoomBooking.objects.exists()


def test_it_rejects_foreign_complex(client, corporation_staff, foreign_complex):
    client.force_login(corporation_staff)
    assert client.get(_create_url(foreign_complex)).status_code == 404
    assert client.post(_create_url(foreign_complex), _data()).status_code == 404
    assert not RoomBooking.objects.exists()


def test_professional_cannot_book_in_unassigned_complex(
    client, welfare_professional, own_complex, corporation
):
    unassigned = ComplexFactory(corporation=corporation)
    client.force_login(welfare_professional)
    assert client.post(_create_url(unassigned), _data()).status_code == 404
    assert client.post(_create_url(own_complex), _data()).status_code == 302
    assert RoomBooking.objects.get().complex == own_complex


# Edit, cancel, delete ------------------------------------------------------------------------


def test_owner_moves_a_booking(client, corporation_staff, own_complex):
    booking = _book(own_complex, MONDAY)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_update", args=[booking.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, _data(start="14:00", end="16:00")).status_code == 302
    booking.refresh_from_db()
    assert booking.start == _at(MONDAY, 14)


def test_moving_onto_another_booking_is_refused(client, corporation_staff, own_complex):
    booking = _book(own_complex, MONDAY, hour=10)
    _book(own_complex, MONDAY, hour=14)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_update", args=[booking.pk])
    response = client.post(url, _data(start="13:00", end="15:00"))
    assert "start" in response.context["form"].errors
    booking.refresh_from_db()
    assert booking.start == _at(MONDAY, 10)


def test_owner_cancels_a_booking(client, corporation_staff, own_complex):
    booking = _book(own_complex, MONDAY)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_cancel", args=[booking.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def _series(complex_, weeks=4) -> list[RoomBooking]:
    return services.booking_create(
        complex=complex_,
        user=None,
        data={"title": "Kaarten", "start": _at(MONDAY, 14), "end": _at(MONDAY, 16)},
        recurrence=Recurrence.WEEKLY,
        until=MONDAY + datetime.timedelta(weeks=weeks - 1),
    )


def test_delete_only_one_occurrence(client, corporation_staff, own_complex):
    series = _series(own_complex)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_delete", args=[series[1].pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"scope": "one"}).status_code == 302
    assert set(RoomBooking.objects.values_list("pk", flat=True)) == {
        series[0].pk,
        series[2].pk,
        series[3].pk,
    }


def test_delete_the_rest_of_the_series(client, corporation_staff, own_complex):
    series = _series(own_complex)
    client.force_login(corporation_staff)
    url = reverse("residents:booking_delete", args=[series[1].pk])
    assert client.post(url, {"scope": "series"}).status_code == 302
    assert list(RoomBooking.objects.values_list("pk", flat=True)) == [series[0].pk]


def test_delete_with_a_bad_scope_deletes_nothing(client, corporation_staff, own_complex):
    series = _series(own_complex)
    client.force_login(corporation_staff)
    response = client.post(reverse("residents:booking_delete", args=[series[0].pk]), {"scope": "x"})
    assert "scope" in response.context["form"].errors
    assert RoomBooking.objects.count() == 4


def test_foreign_booking_is_404_on_every_screen(client, corporation_staff, foreign_complex):
    booking = _book(foreign_complex, MONDAY)
    client.force_login(corporation_staff)
    for name in ("booking_update", "booking_delete"):
        assert client.get(reverse(f"residents:{name}", args=[booking.pk])).status_code == 404
    for name in ("booking_update", "booking_cancel", "booking_delete"):
        url = reverse(f"residents:{name}", args=[booking.pk])
        assert client.post(url, {"scope": "one"}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_professional_cannot_reach_bookings_of_unassigned_complex(
    client, welfare_professional, corporation
):
    booking = _book(ComplexFactory(corporation=corporation), MONDAY)
    client.force_login(welfare_professional)
    url = reverse("residents:booking_delete", args=[booking.pk])
    assert client.post(url, {"scope": "one"}).status_code == 404
    assert RoomBooking.objects.filter(pk=booking.pk).exists()


# Two people booking the same slot at the same moment -------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_bookings_of_one_slot_leave_exactly_one(own_complex):
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def book(title: str) -> None:
        try:
            start.wait(timeout=10)
            services.booking_create(
                complex=own_complex,
                user=None,
                data={"title": title, "start": _at(MONDAY, 10), "end": _at(MONDAY, 12)},
            )
            outcomes.append("booked")
        except ValidationError as error:
            assert "start" in error.message_dict
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(title,)) for title in ("Koffie", "Kaarten")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["booked", "refused"]
    assert RoomBooking.objects.filter(complex=own_complex).count() == 1
