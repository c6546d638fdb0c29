"""The hours API's writes: through the hours services with every rule answered as a 400 naming
the field, changes, deletes and moves of a cell."""

from decimal import Decimal

import pytest

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursWeekFactory
from tests.interventions import helpers_api_hours
from tests.interventions.helpers_api_hours import (
    URL,
    _client,
    _entry,
    _errors,
    _open_week,
    _payload,
    _this_week,
)

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_grace = helpers_api_hours._grace
colleague = helpers_api_hours.colleague


def _locked_week() -> Week:
    """Well past a grace period of two weeks."""
    return _this_week().shifted(-6)


# Creating --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1,5", "1.50"), ("1.5", "1.50"), ("1:30", "1.50"), ("0.13", "0.25"), (2, "2.00")],
)
def test_a_professional_logs_hours_as_typed(api_client, wendy, own_complex, typed, stored):
    response = _client(api_client, wendy).post(
        URL, _payload(own_complex, hours=typed), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["hours"] == stored
    assert body["professional"] == wendy.pk
    assert body["week_start"] == _open_week().monday.isoformat()
    entry = HoursEntry.objects.get(pk=body["id"])
    assert (entry.professional, entry.complex, entry.hours) == (wendy, own_complex, Decimal(stored))


@pytest.mark.parametrize(
    "hours", ["-1", "abc", "0.1", "0", "", "1:75", "NaN", "41", "1e30", "-0:30", None]
)
def test_bad_hours_are_refused_on_the_hours_field(api_client, wendy, own_complex, hours):
    payload = _payload(own_complex, hours=hours)
    response = _client(api_client, wendy).post(URL, payload, format="json")
    assert list(_errors(response)) == ["hours"]
    assert not HoursEntry.objects.exists()


def test_hours_are_required(api_client, wendy, own_complex):
    payload = _payload(own_complex)
    del payload["hours"]
    assert "hours" in _errors(_client(api_client, wendy).post(URL, payload))


def test_at_most_40_hours_per_complex_and_week_over_all_kinds(api_client, wendy, own_complex):
    _entry(wendy, own_complex, kind=WorkKind.GROUP_WORK, hours=Decimal("30"))
    _entry(wendy, own_complex, kind=WorkKind.ACTIVITY, hours=Decimal("8"))
    client = _client(api_client, wendy)
    too_much = _payload(own_complex, kind=WorkKind.HOME_VISIT, hours="2.25")
    assert list(_errors(client.post(URL, too_much))) == ["hours"]
    assert HoursEntry.objects.count() == 2
    just_enough = _payload(own_complex, kind=WorkKind.HOME_VISIT, hours="2")
    assert client.post(URL, just_enough).status_code == 201


def test_a_week_still_to_come_is_refused(api_client, wendy, own_complex):
    payload = _payload(own_complex, _this_week().shifted(1))
    assert list(_errors(_client(api_client, wendy).post(URL, payload))) == ["week"]
    assert not HoursEntry.objects.exists()


def test_the_current_week_can_be_logged(api_client, wendy, own_complex):
    payload = _payload(own_complex, _this_week())
    assert _client(api_client, wendy).post(URL, payload).status_code == 201


def test_a_week_that_does_not_exist_is_refused(api_client, wendy, own_complex):
    payload = {**_payload(own_complex), "year": 2025, "week": 53}  # 2025 has 52 ISO weeks
    assert list(_errors(_client(api_client, wendy).post(URL, payload))) == ["week"]


def test_a_week_past_the_grace_period_is_refused(api_client, wendy, own_complex):
    payload = _payload(own_complex, _locked_week())
    assert list(_errors(_client(api_client, wendy).post(URL, payload))) == ["week"]
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("status", [WeekStatus.SUBMITTED, WeekStatus.APPROVED])
def test_a_submitted_or_approved_week_is_refused(api_client, wendy, own_complex, status):
    week = _open_week()
    HoursWeekFactory(professional=wendy, year=week.year, week=week.week, status=status)
    response = _client(api_client, wendy).post(URL, _payload(own_complex, week))
    assert list(_errors(response)) == ["week"]
    assert not HoursEntry.objects.exists()


def test_a_professional_cannot_log_in_a_complex_not_assigned(
    api_client, wendy, corporation, foreign_complex
):
    unassigned = ComplexFactory(corporation=corporation)
    client = _client(api_client, wendy)
    for complex_ in (unassigned, foreign_complex):
        assert list(_errors(client.post(URL, _payload(complex_)))) == ["complex"]
    assert not HoursEntry.objects.exists()


def test_a_professional_cannot_log_for_someone_else(api_client, wendy, colleague, own_complex):
    payload = _payload(own_complex, professional=colleague.pk)
    assert list(_errors(_client(api_client, wendy).post(URL, payload))) == ["professional"]
    assert not HoursEntry.objects.exists()


def test_a_cell_already_logged_is_changed_through_its_entry(api_client, wendy, own_complex):
    existing = _entry(wendy, own_complex, hours=Decimal("2"))
    response = _client(api_client, wendy).post(URL, _payload(own_complex, hours="5"))
    errors = _errors(response)
    assert list(errors) == ["kind"] and str(existing.pk) in errors["kind"][0]
    existing.refresh_from_db()
    assert existing.hours == Decimal("2.00")
    assert HoursEntry.objects.count() == 1


def test_the_admin_logs_hours_for_a_professional(api_client, functional_admin, wendy, own_complex):
    payload = _payload(own_complex, professional=wendy.pk, hours="3:15")
    response = _client(api_client, functional_admin).post(URL, payload)
    assert response.status_code == 201, response.content
    assert response.json()["professional"] == wendy.pk
    assert HoursEntry.objects.get().hours == Decimal("3.25")


def test_the_admin_must_name_the_professional(api_client, functional_admin, own_complex):
    response = _client(api_client, functional_admin).post(URL, _payload(own_complex))
    assert list(_errors(response)) == ["professional"]


def test_the_admin_logs_only_for_a_welfare_professional(
    api_client, functional_admin, corporation_staff, own_complex
):
    payload = _payload(own_complex, professional=corporation_staff.pk)
    response = _client(api_client, functional_admin).post(URL, payload)
    assert list(_errors(response)) == ["professional"]


def test_the_admin_logs_only_in_a_complex_assigned_to_the_professional(
    api_client, functional_admin, wendy, foreign_complex
):
    payload = _payload(foreign_complex, professional=wendy.pk)
    response = _client(api_client, functional_admin).post(URL, payload)
    assert list(_errors(response)) == ["complex"]
    assert not HoursEntry.objects.exists()


# Changing and deleting --------------------------------------------------------------------------
def test_a_professional_changes_the_hours_and_note(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    response = _client(api_client, wendy).patch(
        f"{URL}{entry.pk}/", {"hours": "2,75", "note": "Met buurvrouw"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["id"] == entry.pk
    entry.refresh_from_db()
    assert (entry.hours, entry.note) == (Decimal("2.75"), "Met buurvrouw")


def test_a_put_with_the_same_cell_changes_the_hours(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    response = _client(api_client, wendy).put(f"{URL}{entry.pk}/", _payload(own_complex, hours="4"))
    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert entry.hours == Decimal("4.00")


@pytest.mark.parametrize("hours", ["0", "", "-2", "x"])
def test_a_change_to_bad_hours_is_refused(api_client, wendy, own_complex, hours):
    entry = _entry(wendy, own_complex)
    response = _client(api_client, wendy).patch(f"{URL}{entry.pk}/", {"hours": hours})
    assert list(_errors(response)) == ["hours"]
    entry.refresh_from_db()
    assert entry.hours == Decimal("2.00")


def test_a_change_above_the_ceiling_is_refused(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, hours=Decimal("10"))
    _entry(wendy, own_complex, kind=WorkKind.OTHER, hours=Decimal("25"))
    response = _client(api_client, wendy).patch(f"{URL}{entry.pk}/", {"hours": "15.25"})
    assert list(_errors(response)) == ["hours"]
    entry.refresh_from_db()
    assert entry.hours == Decimal("10.00")


def test_hours_in_a_locked_week_cannot_change_or_go(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, _locked_week())
    client = _client(api_client, wendy)
    assert list(_errors(client.patch(f"{URL}{entry.pk}/", {"hours": "3"}))) == ["week"]
    assert list(_errors(client.delete(f"{URL}{entry.pk}/"))) == ["week"]
    entry.refresh_from_db()
    assert entry.hours == Decimal("2.00")


def test_the_professional_of_an_entry_cannot_change(
    api_client, functional_admin, wendy, colleague, own_complex
):
    entry = _entry(wendy, own_complex)
    response = _client(api_client, functional_admin).patch(
        f"{URL}{entry.pk}/", {"professional": colleague.pk}
    )
    assert list(_errors(response)) == ["professional"]
    entry.refresh_from_db()
    assert entry.professional == wendy


def test_a_professional_may_not_change_a_colleagues_hours(
    api_client, wendy, colleague, own_complex
):
    theirs = _entry(colleague, own_complex)
    client = _client(api_client, wendy)
    assert client.patch(f"{URL}{theirs.pk}/", {"hours": "5"}).status_code == 403
    assert client.delete(f"{URL}{theirs.pk}/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.hours == Decimal("2.00")


def test_a_professional_deletes_own_hours(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    assert _client(api_client, wendy).delete(f"{URL}{entry.pk}/").status_code == 204
    assert not HoursEntry.objects.exists()


def test_the_admin_changes_and_deletes_a_professionals_hours(
    api_client, functional_admin, wendy, own_complex
):
    entry = _entry(wendy, own_complex)
    client = _client(api_client, functional_admin)
    assert client.patch(f"{URL}{entry.pk}/", {"hours": "1"}).status_code == 200
    entry.refresh_from_db()
    assert entry.hours == Decimal("1.00")
    assert client.delete(f"{URL}{entry.pk}/").status_code == 204
    assert not HoursEntry.objects.exists()


# Moving hours to another cell --------------------------------------------------------------------
def test_changing_the_kind_moves_the_hours(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, hours=Decimal("3"), note="Bingo")
    response = _client(api_client, wendy).patch(f"{URL}{entry.pk}/", {"kind": WorkKind.ACTIVITY})
    assert response.status_code == 200, response.content
    body = response.json()
    moved = HoursEntry.objects.get()
    assert body["id"] == moved.pk != entry.pk
    assert (moved.kind, moved.hours, moved.note) == (WorkKind.ACTIVITY, Decimal("3.00"), "Bingo")


def test_changing_the_week_and_complex_moves_the_hours(api_client, wendy, own_complex, corporation):
    second = ComplexFactory(corporation=corporation)
    wendy.assigned_complexes.add(second)
    entry = _entry(wendy, own_complex)
    earlier = _open_week().shifted(-1)
    response = _client(api_client, wendy).patch(
        f"{URL}{entry.pk}/",
        {"complex": second.pk, "year": earlier.year, "week": earlier.week, "hours": "1"},
    )
    assert response.status_code == 200, response.content
    moved = HoursEntry.objects.get()
    assert (moved.complex, moved.year, moved.week, moved.hours) == (
        second,
        earlier.year,
        earlier.week,
        Decimal("1.00"),
    )


def test_a_move_into_a_week_to_come_leaves_the_entry_where_it_was(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    future = _this_week().shifted(2)
    response = _client(api_client, wendy).patch(
        f"{URL}{entry.pk}/", {"year": future.year, "week": future.week}
    )
    assert list(_errors(response)) == ["week"]
    assert list(HoursEntry.objects.values_list("pk", "week")) == [(entry.pk, entry.week)]


def test_a_move_onto_a_cell_with_hours_is_refused(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, kind=WorkKind.GROUP_WORK, hours=Decimal("2"))
    other = _entry(wendy, own_complex, kind=WorkKind.OTHER, hours=Decimal("5"))
    response = _client(api_client, wendy).patch(f"{URL}{entry.pk}/", {"kind": WorkKind.OTHER})
    assert list(_errors(response)) == ["kind"]
    assert set(HoursEntry.objects.values_list("pk", "kind", "hours")) == {
        (entry.pk, WorkKind.GROUP_WORK, Decimal("2.00")),
        (other.pk, WorkKind.OTHER, Decimal("5.00")),
    }


def test_hours_cannot_move_out_of_a_locked_week(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, _locked_week())
    response = _client(api_client, wendy).patch(
        f"{URL}{entry.pk}/", {"year": _open_week().year, "week": _open_week().week}
    )
    assert list(_errors(response)) == ["week"]
    assert list(HoursEntry.objects.values_list("pk", flat=True)) == [entry.pk]


def test_hours_cannot_move_into_a_complex_not_assigned(
    api_client, wendy, own_complex, foreign_complex
):
    entry = _entry(wendy, own_complex)
    response = _client(api_client, wendy).patch(
        f"{URL}{entry.pk}/", {"complex": foreign_complex.pk}
    )
    assert list(_errors(response)) == ["complex"]
    assert HoursEntry.objects.get().complex == own_complex
