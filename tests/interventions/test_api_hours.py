"""The hours API (/api/v1/hours/): scoped like the other records, writes through the hours
services with every rule answered as a 400 naming the field, moves of a cell, read-only roles,
the intervention team kept out, filters, pagination and the per-complex summary."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursEntryFactory, HoursWeekFactory, UserFactory
from tests.helpers import AMSTERDAM, today

pytestmark = pytest.mark.django_db

URL = "/api/v1/hours/"


SUMMARY = URL + "summary/"


CONTRACT = {"id", "professional", "complex", "year", "week", "kind", "hours", "note", "week_start"}


def _this_week() -> Week:
    return Week.of(today())


def _open_week() -> Week:
    """Last week: ended, and within the grace period."""
    return _this_week().shifted(-1)


def _locked_week() -> Week:
    """Well past a grace period of two weeks."""
    return _this_week().shifted(-6)


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.HOURS_GRACE_WEEKS = 2
    settings.HOURS_MAX_PER_COMPLEX_WEEK = 40


@pytest.fixture
def wendy(welfare_professional):
    return welfare_professional


@pytest.fixture
def foreign_professional(foreign_complex):
    return UserFactory(
        username="frank", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )


@pytest.fixture
def colleague(own_complex):
    """Another professional working in Wendy's complex."""
    return UserFactory(username="cor", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])


def _entry(professional, complex_, week: Week | None = None, **fields) -> HoursEntry:
    week = week or _open_week()
    return HoursEntryFactory(
        professional=professional, complex=complex_, year=week.year, week=week.week, **fields
    )


def _payload(complex_, week: Week | None = None, **fields) -> dict:
    week = week or _open_week()
    return {
        "complex": complex_.pk,
        "year": week.year,
        "week": week.week,
        "kind": WorkKind.GROUP_WORK,
        "hours": "2",
        **fields,
    }


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()


# Reading: who sees which hours ------------------------------------------------------------------
@pytest.fixture
def both_entries(wendy, foreign_professional, own_complex, foreign_complex):
    return _entry(wendy, own_complex), _entry(foreign_professional, foreign_complex)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("corporation_staff", {"own"}),
        ("other_corporation_staff", {"foreign"}),
        ("welfare_professional", {"own"}),
        ("official", {"own", "foreign"}),
        ("functional_admin", {"own", "foreign"}),
    ],
)
def test_the_list_shows_each_role_its_reach(request, api_client, both_entries, role, sees):
    own, foreign = both_entries
    response = _client(api_client, request.getfixturevalue(role)).get(URL)
    expected = {"own": own.pk, "foreign": foreign.pk}
    assert _ids(response) == {expected[name] for name in sees}


def test_a_professional_sees_a_colleagues_hours_in_an_assigned_complex(
    api_client, wendy, colleague, own_complex
):
    theirs = _entry(colleague, own_complex)
    assert _ids(_client(api_client, wendy).get(URL)) == {theirs.pk}


def test_a_professional_still_sees_own_hours_in_a_complex_no_longer_assigned(
    api_client, wendy, own_complex, corporation
):
    earlier = ComplexFactory(corporation=corporation)
    entry = _entry(wendy, earlier)
    assert entry.pk in _ids(_client(api_client, wendy).get(URL))


def test_an_entry_has_the_contract_fields(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex, hours=Decimal("1.50"), note="Koffieochtend")
    body = _client(api_client, wendy).get(f"{URL}{entry.pk}/").json()
    assert set(body) == CONTRACT
    week = _open_week()
    assert body == {
        "id": entry.pk,
        "professional": wendy.pk,
        "complex": own_complex.pk,
        "year": week.year,
        "week": week.week,
        "kind": "group_work",
        "hours": "1.50",
        "note": "Koffieochtend",
        "week_start": week.monday.isoformat(),
    }


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional"])
def test_a_foreign_entry_is_not_found(request, api_client, both_entries, role):
    _own, foreign = both_entries
    client = _client(api_client, request.getfixturevalue(role))
    assert client.get(f"{URL}{foreign.pk}/").status_code == 404


def test_a_professional_gets_404_writing_a_foreign_entry(api_client, wendy, both_entries):
    _own, foreign = both_entries
    client = _client(api_client, wendy)
    assert client.patch(f"{URL}{foreign.pk}/", {"hours": "3"}).status_code == 404
    assert client.delete(f"{URL}{foreign.pk}/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.hours == Decimal("2.00")


def test_the_list_is_paginated(api_client, official, wendy, own_complex):
    kinds = list(WorkKind.values)
    for offset in range(9):
        week = _open_week().shifted(-offset)
        for kind in kinds:
            _entry(wendy, own_complex, week, kind=kind)
    client = _client(api_client, official)
    first = client.get(URL).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 9 * len(kinds)
    assert len(first["results"]) == 50
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(URL, {"page": 2}).json()
    assert len(second["results"]) == 9 * len(kinds) - 50
    assert second["next"] is None
    everything = {row["id"] for row in first["results"] + second["results"]}
    assert len(everything) == 9 * len(kinds)


def test_the_newest_week_comes_first(api_client, wendy, own_complex):
    older = _entry(wendy, own_complex, _open_week().shifted(-3))
    newer = _entry(wendy, own_complex)
    rows = _client(api_client, wendy).get(URL).json()["results"]
    assert [row["id"] for row in rows] == [newer.pk, older.pk]


def test_the_list_takes_a_fixed_number_of_queries(
    api_client, official, wendy, colleague, own_complex, django_assert_max_num_queries
):
    for offset in range(6):
        _entry(wendy, own_complex, _open_week().shifted(-offset))
        _entry(colleague, own_complex, _open_week().shifted(-offset))
    client = _client(api_client, official)
    with django_assert_max_num_queries(6):
        assert len(client.get(URL).json()["results"]) == 12


def test_an_anonymous_caller_is_not_let_in(api_client, both_entries):
    assert api_client.get(URL).status_code == 401


# Roles that only read, and the intervention team -----------------------------------------------
def test_the_intervention_team_is_refused_everything(api_client, team_member, both_entries):
    own, _foreign = both_entries
    client = _client(api_client, team_member)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{own.pk}/").status_code == 403
    assert client.post(URL, _payload(own.complex)).status_code == 403
    assert client.patch(f"{URL}{own.pk}/", {"hours": "3"}).status_code == 403
    assert client.delete(f"{URL}{own.pk}/").status_code == 403
    assert client.get(SUMMARY, {"complex": own.complex_id}).status_code == 403


@pytest.mark.parametrize("role", ["corporation_staff", "official"])
def test_readers_cannot_write_hours(request, api_client, both_entries, own_complex, role):
    own, _foreign = both_entries
    client = _client(api_client, request.getfixturevalue(role))
    assert client.get(f"{URL}{own.pk}/").status_code == 200
    payload = _payload(own_complex, kind=WorkKind.HOME_VISIT)
    assert client.post(URL, payload).status_code == 403
    assert client.patch(f"{URL}{own.pk}/", {"hours": "3"}).status_code == 403
    assert client.put(f"{URL}{own.pk}/", _payload(own_complex, hours="3")).status_code == 403
    assert client.delete(f"{URL}{own.pk}/").status_code == 403
    assert HoursEntry.objects.count() == 2
    own.refresh_from_db()
    assert own.hours == Decimal("2.00")


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


# Filters ----------------------------------------------------------------------------------------
@pytest.fixture
def history(wendy, colleague, own_complex, corporation):
    """Wendy's hours over three weeks in two complexes and a colleague's in one."""
    second = ComplexFactory(corporation=corporation)
    wendy.assigned_complexes.add(second)
    weeks = [_open_week().shifted(-offset) for offset in range(3)]
    return {
        "weeks": weeks,
        "second": second,
        "w0": _entry(wendy, own_complex, weeks[0], kind=WorkKind.HOME_VISIT),
        "w1": _entry(wendy, own_complex, weeks[1]),
        "w2": _entry(wendy, second, weeks[2]),
        "colleague": _entry(colleague, own_complex, weeks[0]),
    }


def test_the_list_filters_by_complex_professional_and_kind(
    api_client, functional_admin, history, own_complex, colleague
):
    client = _client(api_client, functional_admin)
    ids = _ids(client.get(URL, {"complex": history["second"].pk}))
    assert ids == {history["w2"].pk}
    assert _ids(client.get(URL, {"professional": colleague.pk})) == {history["colleague"].pk}
    assert _ids(client.get(URL, {"kind": WorkKind.HOME_VISIT})) == {history["w0"].pk}
    both = {"complex": own_complex.pk, "kind": WorkKind.GROUP_WORK}
    assert _ids(client.get(URL, both)) == {history["w1"].pk, history["colleague"].pk}


def test_the_list_filters_by_a_range_of_iso_weeks(api_client, wendy, history):
    weeks = history["weeks"]
    client = _client(api_client, wendy)
    ids = _ids(client.get(URL, {"week_from": str(weeks[1]), "week_to": str(weeks[0])}))
    assert ids == {history["w0"].pk, history["w1"].pk, history["colleague"].pk}
    assert _ids(client.get(URL, {"week_to": str(weeks[2])})) == {history["w2"].pk}


def test_the_list_filters_by_week_numbers_within_a_year(api_client, wendy, history):
    week = history["weeks"][1]
    query = {"year": week.year, "week_from": week.week, "week_to": week.week}
    assert _ids(_client(api_client, wendy).get(URL, query)) == {history["w1"].pk}


def test_the_list_filters_by_year(api_client, wendy, own_complex):
    entry = _entry(wendy, own_complex)
    client = _client(api_client, wendy)
    assert _ids(client.get(URL, {"year": entry.year})) == {entry.pk}
    assert _ids(client.get(URL, {"year": entry.year - 3})) == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"week_from": "2026-W60"}, "week_from"),
        ({"week_to": "week 4"}, "week_to"),
        ({"week_from": "40"}, "week_from"),  # a bare number needs the year
        ({"year": 2025, "week_to": "53"}, "week_to"),
        ({"kind": "gardening"}, "kind"),
        ({"year": "twenty"}, "year"),
        ({"week_from": "2026-W47", "week_to": "2026-W40"}, "week_to"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api_client, wendy, history, query, field):
    assert field in _errors(_client(api_client, wendy).get(URL, query))


def test_filtering_on_a_foreign_complex_or_professional_is_refused(
    api_client, wendy, foreign_complex, foreign_professional
):
    client = _client(api_client, wendy)
    assert "complex" in _errors(client.get(URL, {"complex": foreign_complex.pk}))
    assert "professional" in _errors(client.get(URL, {"professional": foreign_professional.pk}))


# The summary of a complex ----------------------------------------------------------------------
@time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM))  # weeks 43-47: funded
def test_the_summary_gives_every_week_against_the_norm(
    api_client, corporation_staff, wendy, colleague, own_complex
):
    last = _open_week()
    first = last.shifted(-3)
    _entry(wendy, own_complex, last, hours=Decimal("2.5"))
    _entry(colleague, own_complex, last, hours=Decimal("1.5"))
    _entry(wendy, own_complex, first.shifted(1), hours=Decimal("3"))
    _entry(wendy, own_complex, first.shifted(-1), hours=Decimal("9"))  # before the range
    response = _client(api_client, corporation_staff).get(
        SUMMARY, {"complex": own_complex.pk, "from": str(first), "to": str(last)}
    )
    assert response.status_code == 200, response.content
    weeks = [first.shifted(offset) for offset in range(4)]
    assert response.json() == [
        {
            "year": week.year,
            "week": week.week,
            "hours": hours,
            "funded": True,
            "norm": "4.00",
            "met": met,
        }
        for week, hours, met in zip(
            weeks, ["0.00", "3.00", "0.00", "4.00"], [False, False, False, True], strict=True
        )
    ]


def test_the_summary_of_one_week(api_client, wendy, own_complex):
    week = _open_week()
    response = _client(api_client, wendy).get(
        SUMMARY, {"complex": own_complex.pk, "from": str(week), "to": str(week)}
    )
    assert [(row["year"], row["week"]) for row in response.json()] == [tuple(week)]


def test_the_summary_defaults_to_the_last_13_complete_weeks(api_client, official, own_complex):
    rows = _client(api_client, official).get(SUMMARY, {"complex": own_complex.pk}).json()
    assert len(rows) == 13
    assert (rows[-1]["year"], rows[-1]["week"]) == tuple(_open_week())


@pytest.mark.parametrize("role", ["corporation_staff", "welfare_professional"])
def test_the_summary_of_a_foreign_complex_is_not_found(request, api_client, foreign_complex, role):
    client = _client(api_client, request.getfixturevalue(role))
    # A valid range on any day (a fixed week would lie ahead of the last complete week before
    # it comes, and the range would be refused before the complex is looked at).
    week = str(_open_week().shifted(-3))
    response = client.get(SUMMARY, {"complex": foreign_complex.pk, "from": week})
    assert response.status_code == 404


def test_the_summary_of_a_complex_that_does_not_exist_is_not_found(api_client, official):
    assert _client(api_client, official).get(SUMMARY, {"complex": 999999}).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-W60"}, "from"),
        ({"from": "gisteren"}, "from"),
        ({"to": "2025-W53"}, "to"),
        ({"from": "2026-W47", "to": "2026-W40"}, "to"),
        ({"from": "2000-W01", "to": "2026-W01"}, "to"),
    ],
)
def test_a_bad_summary_week_is_a_400_naming_it(api_client, official, own_complex, query, field):
    response = _client(api_client, official).get(SUMMARY, {"complex": own_complex.pk, **query})
    assert field in _errors(response)


@pytest.mark.parametrize("complex_", [None, "abc"])
def test_the_summary_needs_a_complex(api_client, official, complex_):
    query = {"from": "2026-W40"} if complex_ is None else {"complex": complex_}
    assert "complex" in _errors(_client(api_client, official).get(SUMMARY, query))
