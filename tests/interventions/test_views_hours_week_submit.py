"""Handing a week in from the grid never loses an edit: the cells posted with "Submit week" are
saved and the week submitted in one go, or nothing happens and the grid comes back as typed with
the reason. Last week's hours are an offer ("Take over last week"), never data; a returned week
opens again for its owner whatever its age; a week is handed in from its Friday on."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek
from leefbaarheid.weeks import Week
from tests.factories import HoursWeekFactory
from tests.helpers import form_inputs
from tests.interventions import helpers
from tests.interventions.helpers import at, cell, grid, grid_part, logged, returned_week, this_week

pytestmark = pytest.mark.django_db

# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy


def submit_url(week: Week, professional=None) -> str:
    address = reverse("interventions:hours_week_submit", args=[week.year, week.week])
    return f"{address}?professional={professional.pk}" if professional else address


def note(complex_, kind=WorkKind.GROUP_WORK) -> str:
    return f"n-{complex_.pk}-{kind}"


def rows_of(response) -> dict[str, dict]:
    return {row["name"]: row for group in response.context["groups"] for row in group["rows"]}


def status_of(professional, week: Week) -> str:
    row = HoursWeek.objects.filter(professional=professional, year=week.year, week=week.week)
    return row.get().status if row.exists() else WeekStatus.OPEN


# Submitting with the grid's cells ----------------------------------------------------------------
def test_submit_from_the_grid_saves_the_edit_and_submits(client, wendy, own_complex):
    week = this_week().shifted(-1)  # past its Friday on any day
    logged(wendy, own_complex, week, hours="1.50")
    client.force_login(wendy)
    page = client.get(grid(week))
    assert 'formaction="' + submit_url(week) + '"' in page.content.decode()
    typed = {**form_inputs(page.content.decode()), cell(own_complex): "3", note(own_complex): "Ok"}

    response = client.post(submit_url(week), typed)

    assert response.status_code == 302
    assert response["Location"] == grid(week)
    saved = HoursEntry.objects.get()
    assert (saved.hours, saved.note) == (Decimal("3.00"), "Ok")
    assert status_of(wendy, week) == WeekStatus.SUBMITTED


def test_a_bad_cell_saves_nothing_and_submits_nothing(client, wendy, own_complex):
    week = this_week().shifted(-1)
    logged(wendy, own_complex, week, hours="1.50")
    client.force_login(wendy)
    typed = {
        **form_inputs(client.get(grid(week)).content.decode()),
        cell(own_complex): "3",
        cell(own_complex, WorkKind.HOME_VISIT): "abc",
    }

    response = client.post(submit_url(week), typed)

    assert response.status_code == 200
    assert list(response.context["errors"]) == [cell(own_complex, WorkKind.HOME_VISIT)]
    assert "not submitted" in response.content.decode()
    rows = rows_of(response)
    assert rows[cell(own_complex)]["value"] == "3"
    assert rows[cell(own_complex, WorkKind.HOME_VISIT)]["value"] == "abc"
    assert HoursEntry.objects.get().hours == Decimal("1.50")
    assert status_of(wendy, week) == WeekStatus.OPEN


@at(2026, 11, 25)  # a Wednesday: this week's Friday is still to come
def test_before_friday_the_week_is_refused_with_the_reason_and_the_typed_values_stay(
    client, wendy, own_complex
):
    week = this_week()
    client.force_login(wendy)
    page = client.get(grid(week))
    assert page.context["may_submit"] is False
    assert 'id="hours-submit"' not in page.content.decode()
    assert page.context["submit_from"] == datetime.date(2026, 11, 27)

    response = client.post(submit_url(week), {cell(own_complex): "2,5", note(own_complex): "Hoi"})

    assert response.status_code == 200
    assert "from its last working day" in response.context["errors"]["week"]
    assert "from its last working day" in response.content.decode()
    row = rows_of(response)[cell(own_complex)]
    assert (row["value"], row["note"]) == ("2,5", "Hoi")
    assert not HoursEntry.objects.exists()
    assert status_of(wendy, week) == WeekStatus.OPEN


@at(2026, 11, 25)
def test_before_friday_the_grid_says_from_which_day_in_dutch(client, wendy):
    client.force_login(wendy)
    content = client.get(grid(this_week())).content.decode()
    assert "Indienen kan vanaf vrijdag 27 november." in content
    assert "Week indienen" not in content


@at(2026, 11, 27)  # its Friday
def test_on_friday_the_week_is_submitted_with_its_cells(client, wendy, own_complex):
    client.force_login(wendy)
    assert client.get(grid(this_week())).context["may_submit"] is True
    response = client.post(submit_url(this_week()), {cell(own_complex): "4"})
    assert response.status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("4.00")
    assert status_of(wendy, this_week()) == WeekStatus.SUBMITTED


def test_cells_posted_to_a_submitted_week_are_refused_and_nothing_changes(
    client, wendy, own_complex
):
    week = this_week().shifted(-1)
    logged(wendy, own_complex, week, hours="1.50")
    HoursWeekFactory(
        professional=wendy, year=week.year, week=week.week, status=WeekStatus.SUBMITTED
    )
    client.force_login(wendy)
    response = client.post(submit_url(week), {cell(own_complex): "3"})
    assert response.status_code == 200
    assert "withdraw the submission" in response.context["errors"]["week"]
    assert HoursEntry.objects.get().hours == Decimal("1.50")


def test_someone_reading_cannot_submit_cells(client, team_lead, wendy, own_complex):
    week = this_week().shifted(-1)
    client.force_login(team_lead)
    assert client.post(submit_url(week, wendy), {cell(own_complex): "3"}).status_code == 403
    assert not HoursEntry.objects.exists()
    assert not HoursWeek.objects.filter(status=WeekStatus.SUBMITTED).exists()


# Last week is an offer ---------------------------------------------------------------------------
def test_take_over_fills_only_the_empty_cells_and_saves_nothing(client, wendy, own_complex):
    week = this_week().shifted(-1)
    previous = week.shifted(-1)
    logged(wendy, own_complex, previous, WorkKind.GROUP_WORK, "2", "Koffie")
    logged(wendy, own_complex, previous, WorkKind.HOME_VISIT, "4", "Huisbezoek")
    logged(wendy, own_complex, previous, WorkKind.ACTIVITY, "1")
    logged(wendy, own_complex, week, WorkKind.ACTIVITY, "0.50")
    client.force_login(wendy)
    page = client.get(grid(week))
    assert page.context["may_take_over"] is True
    typed = {**form_inputs(page.content.decode()), cell(own_complex): "3"}
    typed[cell(own_complex, WorkKind.HOME_VISIT)] = ""

    response = client.post(grid(week), {**typed, "take_over": "1"})

    assert response.status_code == 200
    assert response.context["taken_over"] is True
    rows = rows_of(response)
    assert rows[cell(own_complex)]["value"] == "3"  # typed: kept
    assert rows[cell(own_complex, WorkKind.HOME_VISIT)]["value"] == "4"  # empty: last week's
    assert rows[cell(own_complex, WorkKind.HOME_VISIT)]["note"] == ""  # notes not copied
    assert rows[cell(own_complex, WorkKind.ACTIVITY)]["value"] == "0.5"  # saved: kept
    # The filled cells are unsaved: beside them the grid still says what is saved.
    again = form_inputs(response.content.decode())
    assert again[f"wh-{own_complex.pk}-{WorkKind.HOME_VISIT}"] == ""
    assert list(HoursEntry.objects.filter(week=week.week).values_list("kind", "hours")) == [
        (WorkKind.ACTIVITY, Decimal("0.50"))
    ]
    assert status_of(wendy, week) == WeekStatus.OPEN


def test_take_over_adds_last_weeks_rows_the_grid_did_not_post(client, wendy, own_complex):
    week = this_week().shifted(-1)
    logged(wendy, own_complex, week.shifted(-1), WorkKind.COORDINATION, "2")
    client.force_login(wendy)
    response = client.post(grid(week), {"take_over": "1"})
    assert rows_of(response)[cell(own_complex, WorkKind.COORDINATION)]["value"] == "2"
    assert not HoursEntry.objects.filter(week=week.week).exists()


def test_last_weeks_hours_are_beside_the_input_never_a_placeholder(client, wendy, own_complex):
    week = this_week().shifted(-1)
    logged(wendy, own_complex, week.shifted(-1), WorkKind.HOME_VISIT, "4")
    client.force_login(wendy)
    content = client.get(grid(week)).content.decode()
    assert "placeholder" not in grid_part(content)
    assert f'id="hint_{cell(own_complex, WorkKind.HOME_VISIT)}"' in content
    assert "Take over last week" in content


def _non_editable_views(client, wendy, team_lead, own_complex):
    """The grids that are only read: submitted, approved, locked, read
    by the team lead."""
    submitted = this_week().shifted(-1)
    approved = this_week().shifted(-3)
    locked = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 5))
    for week in (submitted, approved, locked):
        logged(wendy, own_complex, week.shifted(-1), WorkKind.HOME_VISIT, "4")
        logged(wendy, own_complex, week, WorkKind.GROUP_WORK, "1")
    for week, status in ((submitted, WeekStatus.SUBMITTED), (approved, WeekStatus.APPROVED)):
        HoursWeekFactory(professional=wendy, year=week.year, week=week.week, status=status)
    client.force_login(wendy)
    yield client.get(grid(submitted))
    yield client.get(grid(approved))
    yield client.get(grid(locked))
    client.force_login(team_lead)
    yield client.get(grid(submitted, wendy))


def test_views_that_cannot_be_edited_show_no_last_week(client, wendy, team_lead, own_complex):
    for response in _non_editable_views(client, wendy, team_lead, own_complex):
        assert response.context["editable"] is False
        content = response.content.decode()
        assert "placeholder" not in grid_part(content)
        assert "hint_" not in content
        assert "data-previous" not in content
        assert "Take over last week" not in content
        # Only the row with hours of its own; none that exists only because of last week.
        assert list(rows_of(response)) == [cell(own_complex)]
        assert response.context["groups"][0]["total"] == "1"


def test_take_over_of_a_locked_week_fills_nothing(client, wendy, own_complex):
    week = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 3))
    logged(wendy, own_complex, week.shifted(-1), WorkKind.HOME_VISIT, "4")
    client.force_login(wendy)
    response = client.post(grid(week), {"take_over": "1"})
    assert response.context["taken_over"] is False
    assert rows_of(response) == {}
    assert not HoursEntry.objects.filter(week=week.week).exists()


# A returned week ---------------------------------------------------------------------------------
def test_a_returned_old_week_is_editable_and_resubmitted_with_its_corrections(
    client, wendy, team_lead, own_complex
):
    week = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 3))
    logged(wendy, own_complex, week, hours="1.50")
    returned_week(wendy, week, by=team_lead, note="Overleg ontbreekt")
    client.force_login(wendy)
    page = client.get(grid(week))
    context = page.context
    assert (context["editable"], context["locked"], context["lock"]) == (True, False, None)
    assert context["may_submit"] is True
    assert context["returned"]["by"] == "tessa"
    content = page.content.decode()
    assert "Overleg ontbreekt" in content
    assert "Returned by tessa on" in content
    typed = {**form_inputs(content), cell(own_complex): "3"}

    response = client.post(submit_url(week), typed)

    assert response.status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("3.00")
    assert status_of(wendy, week) == WeekStatus.SUBMITTED
