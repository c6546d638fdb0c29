"""The welfare-hours week grid: pre-filled rows and last week's hints, saving a whole week at
once, every bad input on its own cell with nothing saved, locked weeks, adding a row, handing a
week in, who opens whose grid, and saves that cross another's change."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, HoursEntryFactory, HoursWeekFactory
from tests.helpers import AMSTERDAM, form_inputs
from tests.interventions import helpers
from tests.interventions.helpers import cell, grid, grid_part, this_week

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english_unless_dutch = helpers._english_unless_dutch
wendy = helpers.wendy


def week_url(name: str, week: Week, professional=None) -> str:
    address = reverse(f"interventions:{name}", args=[week.year, week.week])
    return f"{address}?professional={professional.pk}" if professional else address


def note(complex_, kind=WorkKind.GROUP_WORK) -> str:
    return f"n-{complex_.pk}-{kind}"


@pytest.fixture
def second_complex(corporation, wendy):
    complex_ = ComplexFactory(corporation=corporation, name="De Vlier")
    wendy.assigned_complexes.add(complex_)
    return complex_


def rows_of(response) -> dict[str, dict]:
    return {row["name"]: row for group in response.context["groups"] for row in group["rows"]}


# The grid -------------------------------------------------------------------------------------
def test_grid_shows_this_weeks_rows_and_last_weeks_rows_as_hints(client, wendy, own_complex):
    previous = this_week().shifted(-1)
    HoursEntryFactory(
        professional=wendy,
        complex=own_complex,
        year=previous.year,
        week=previous.week,
        kind=WorkKind.HOME_VISIT,
        hours=Decimal("2.50"),
    )
    HoursEntryFactory(
        professional=wendy,
        complex=own_complex,
        year=this_week().year,
        week=this_week().week,
        kind=WorkKind.ACTIVITY,
        hours=Decimal("1.25"),
    )
    client.force_login(wendy)
    response = client.get(grid())
    assert response.status_code == 200
    assert response.context["week"] == this_week()
    rows = rows_of(response)
    hint = rows[cell(own_complex, WorkKind.HOME_VISIT)]
    assert hint["value"] == ""
    assert hint["hint"] in ("2,5", "2.5")
    # Beside the input, never in it: a placeholder reads as an entry.
    content = response.content.decode()
    assert "placeholder" not in grid_part(content)
    assert f'data-previous="{hint["hint"]}"' in content
    assert f'id="hint_{cell(own_complex, WorkKind.HOME_VISIT)}"' in content
    assert rows[cell(own_complex, WorkKind.ACTIVITY)]["value"] in ("1,25", "1.25")
    group = response.context["groups"][0]
    assert group["complex"] == own_complex
    assert group["met"] is False  # 1.25 h of a 4 h norm
    assert 'inputmode="decimal"' in response.content.decode()
    # No next week beyond the current one; a previous one always.
    assert response.context["next_url"] == ""
    assert response.context["previous_url"].endswith(f"/hours/{previous.year}/{previous.week}/")


# A week the welfare calendar funds, so the norm applies (an unfunded week: test_welfare_calendar).
FUNDED_WEDNESDAY = datetime.datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)


@time_machine.travel(FUNDED_WEDNESDAY)
def test_grid_badge_turns_green_at_the_norm(client, wendy, own_complex):
    week = this_week()
    HoursEntryFactory(
        professional=wendy, complex=own_complex, year=week.year, week=week.week, hours=4
    )
    client.force_login(wendy)
    response = client.get(grid(week))
    assert response.context["groups"][0]["met"] is True
    assert "text-bg-success" in response.content.decode()


def test_grid_is_a_bounded_number_of_queries(
    client, wendy, own_complex, second_complex, django_assert_max_num_queries
):
    previous = this_week().shifted(-1)
    for complex_ in (own_complex, second_complex):
        for kind in WorkKind.values:
            HoursEntryFactory(
                professional=wendy,
                complex=complex_,
                kind=kind,
                year=previous.year,
                week=previous.week,
            )
    client.force_login(wendy)
    with django_assert_max_num_queries(20):
        response = client.get(grid())
    assert len(rows_of(response)) == 2 * len(WorkKind.values)


def test_htmx_week_switch_returns_only_the_grid(client, wendy):
    client.force_login(wendy)
    response = client.get(grid(this_week().shifted(-1)), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    names = [template.name for template in response.templates]
    assert "interventions/hours_week_grid.html" in names
    assert "interventions/hours_week.html" not in names
    assert "<html" not in response.content.decode()
    # Next week exists from a past week, and swaps the grid with htmx too.
    assert 'hx-push-url="true"' in response.content.decode()
    assert response.context["next_url"]


def test_an_unknown_week_is_404(client, wendy):
    client.force_login(wendy)
    assert client.get(reverse("interventions:hours_week", args=[2026, 60])).status_code == 404
    assert client.get(reverse("interventions:hours_week", args=[2026, 0])).status_code == 404


# Saving --------------------------------------------------------------------------------------
def test_saving_creates_updates_and_clears_a_cell(client, wendy, own_complex):
    week = this_week()
    client.force_login(wendy)
    response = client.post(grid(week), {cell(own_complex): "1,5", note(own_complex): "Koffie"})
    assert response.status_code == 302
    entry = HoursEntry.objects.get(professional=wendy)
    assert (entry.hours, entry.note, entry.year, entry.week) == (
        Decimal("1.50"),
        "Koffie",
        week.year,
        week.week,
    )
    # The same cell again, in another notation: still one row.
    client.post(grid(week), {cell(own_complex): "1:30", note(own_complex): "Koffie"})
    client.post(grid(week), {cell(own_complex): "2.5", note(own_complex): "Koffie"})
    assert HoursEntry.objects.filter(professional=wendy).count() == 1
    assert HoursEntry.objects.get(professional=wendy).hours == Decimal("2.50")
    # Emptied: the cell is cleared.
    client.post(grid(week), {cell(own_complex): "", note(own_complex): ""})
    assert not HoursEntry.objects.filter(professional=wendy).exists()


@time_machine.travel(FUNDED_WEDNESDAY)
def test_saving_several_complexes_at_once(client, wendy, own_complex, second_complex):
    client.force_login(wendy)
    data = {
        cell(own_complex): "2",
        cell(own_complex, WorkKind.HOME_VISIT): "2,25",
        cell(second_complex): "1:15",
    }
    assert client.post(grid(), data).status_code == 302
    saved = set(HoursEntry.objects.values_list("complex_id", "kind", "hours"))
    assert saved == {
        (own_complex.pk, WorkKind.GROUP_WORK, Decimal("2.00")),
        (own_complex.pk, WorkKind.HOME_VISIT, Decimal("2.25")),
        (second_complex.pk, WorkKind.GROUP_WORK, Decimal("1.25")),
    }
    response = client.get(grid())
    totals = {group["complex"].pk: group for group in response.context["groups"]}
    assert totals[own_complex.pk]["met"] is True  # 4.25 h
    assert totals[second_complex.pk]["met"] is False  # 1.25 h
    assert response.context["week_total"] in ("5,5", "5.5")


def test_the_cell_error_is_in_dutch(client, wendy, own_complex):
    client.force_login(wendy)
    response = client.post(grid(this_week()), {cell(own_complex): "-1"})
    assert response.context["errors"][cell(own_complex)] == "Uren kunnen niet negatief zijn."
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "negative"),
        ("abc", "Enter the hours as a number"),
        ("0,1", "at least a quarter"),
        ("1:75", "Enter the hours as a number"),
    ],
)
def test_a_bad_value_is_shown_on_its_cell_and_nothing_is_saved(
    client, wendy, own_complex, second_complex, typed, message
):
    week = this_week()
    HoursEntryFactory(
        professional=wendy, complex=second_complex, year=week.year, week=week.week, hours=1
    )
    client.force_login(wendy)
    data = {cell(own_complex): typed, cell(second_complex): "3"}
    response = client.post(grid(week), data)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert list(errors) == [cell(own_complex)]
    assert message in errors[cell(own_complex)]
    content = response.content.decode()
    assert f'id="error_{cell(own_complex)}"' in content
    assert 'aria-invalid="true"' in content
    assert "Nothing was saved" in content
    # The grid comes back as typed; the database as it was.
    assert rows_of(response)[cell(own_complex)]["value"] == typed
    assert rows_of(response)[cell(second_complex)]["value"] == "3"
    assert list(HoursEntry.objects.values_list("complex_id", "hours")) == [
        (second_complex.pk, Decimal("1.00"))
    ]


def test_more_than_40_hours_in_a_complex_is_refused(client, wendy, own_complex):
    client.force_login(wendy)
    data = {cell(own_complex): "20", cell(own_complex, WorkKind.HOME_VISIT): "21"}
    response = client.post(grid(), data)
    assert response.status_code == 200
    messages = " ".join(response.context["errors"].values())
    assert "At most 40 hours per complex per week" in messages
    assert set(response.context["errors"]) <= set(data)
    assert not HoursEntry.objects.exists()


def test_a_week_still_to_come_is_shown_locked_and_refused(client, wendy, own_complex):
    future = this_week().shifted(1)
    client.force_login(wendy)
    response = client.get(grid(future))
    assert response.status_code == 200
    assert response.context["editable"] is False
    assert "still to come" in response.context["lock"]
    assert response.context["may_submit"] is False
    response = client.post(grid(future), {cell(own_complex): "2"})
    assert response.status_code == 200
    assert "still to come" in response.context["errors"]["week"]
    assert not HoursEntry.objects.exists()


def test_a_week_past_the_grace_period_is_locked(client, wendy, own_complex):
    old = this_week().shifted(-(settings.HOURS_GRACE_WEEKS + 2))
    client.force_login(wendy)
    response = client.get(grid(old))
    assert response.context["locked"] is True
    assert response.context["editable"] is False
    content = response.content.decode()
    assert "Save week" not in content
    response = client.post(grid(old), {cell(own_complex): "2"})
    assert "locked" in response.context["errors"]["week"]
    assert not HoursEntry.objects.exists()


def test_a_submitted_week_cannot_change(client, wendy, own_complex):
    week = this_week()
    HoursWeekFactory(
        professional=wendy, year=week.year, week=week.week, status=WeekStatus.SUBMITTED
    )
    client.force_login(wendy)
    response = client.get(grid(week))
    assert response.context["editable"] is False
    assert response.context["may_withdraw"] is True
    response = client.post(grid(week), {cell(own_complex): "2"})
    assert "withdraw the submission" in response.context["errors"]["week"]
    assert not HoursEntry.objects.exists()


def test_it_rejects_foreign_complex(client, wendy, own_complex, foreign_complex):
    client.force_login(wendy)
    data = {cell(own_complex): "2", cell(foreign_complex): "1"}
    assert client.post(grid(), data).status_code == 404
    assert client.post(grid(), {"h-999999-group_work": "1"}).status_code == 404
    assert not HoursEntry.objects.exists()
    assert not HoursWeek.objects.exists()


def test_an_unknown_kind_of_work_is_an_error_on_its_cell(client, wendy, own_complex):
    client.force_login(wendy)
    response = client.post(grid(), {f"h-{own_complex.pk}-gardening": "2"})
    assert response.status_code == 200
    assert "kind of work" in response.context["errors"][f"h-{own_complex.pk}-gardening"]
    assert not HoursEntry.objects.exists()


# Adding a row (htmx) -----------------------------------------------------------------------
def test_adding_a_row_returns_one_row_for_its_complex(client, wendy, own_complex):
    client.force_login(wendy)
    query = {"add_complex": own_complex.pk, "add_kind": WorkKind.COORDINATION}
    response = client.get(grid(), query, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#hours-complex-{own_complex.pk}"
    assert response["HX-Reswap"] == "beforeend"
    content = response.content.decode()
    assert f'name="{cell(own_complex, WorkKind.COORDINATION)}"' in content
    assert content.lstrip().startswith("<tr")


def test_adding_a_row_already_in_the_grid_says_so(client, wendy, own_complex):
    client.force_login(wendy)
    query = {
        "add_complex": own_complex.pk,
        "add_kind": WorkKind.GROUP_WORK,
        cell(own_complex): "",
    }
    response = client.get(grid(), query, HTTP_HX_REQUEST="true")
    assert "HX-Retarget" not in response
    assert "already in the grid" in response.content.decode()


def test_adding_a_row_for_a_foreign_complex_is_404(client, wendy, foreign_complex):
    client.force_login(wendy)
    query = {"add_complex": foreign_complex.pk, "add_kind": WorkKind.GROUP_WORK}
    assert client.get(grid(), query, HTTP_HX_REQUEST="true").status_code == 404


# Submitting and withdrawing -----------------------------------------------------------------
def test_submit_and_withdraw_a_week(client, wendy, own_complex):
    week = this_week().shifted(-1)  # past its Friday on any day
    client.force_login(wendy)
    client.post(grid(week), {cell(own_complex): "4"})
    response = client.post(week_url("hours_week_submit", week))
    assert response.status_code == 302
    hours_week = HoursWeek.objects.get(professional=wendy, year=week.year, week=week.week)
    assert hours_week.status == WeekStatus.SUBMITTED
    # Twice: refused with a message, nothing changes.
    response = client.post(week_url("hours_week_submit", week), follow=True)
    assert "already submitted" in response.content.decode()
    response = client.post(week_url("hours_week_withdraw", week))
    assert response.status_code == 302
    hours_week.refresh_from_db()
    assert hours_week.status == WeekStatus.OPEN
    assert client.get(week_url("hours_week_submit", week)).status_code == 405


def test_submitting_a_week_still_to_come_is_refused(client, wendy):
    week = this_week().shifted(1)
    client.force_login(wendy)
    response = client.post(week_url("hours_week_submit", week), follow=True)
    assert "still to come" in response.content.decode()
    assert not HoursWeek.objects.filter(status=WeekStatus.SUBMITTED).exists()


# Owner, member, outsider on the grid ----------------------------------------------------------
def test_admin_opens_and_writes_a_professionals_grid(client, functional_admin, wendy, own_complex):
    week = this_week().shifted(-1)  # past its Friday on any day
    client.force_login(functional_admin)
    response = client.get(grid())
    assert response.status_code == 200
    assert "interventions/hours_choose.html" in [t.name for t in response.templates]
    response = client.get(grid(week, wendy))
    assert response.status_code == 200
    assert response.context["editable"] is True
    response = client.post(grid(week, wendy), {cell(own_complex): "3"})
    assert response.status_code == 302
    assert response["Location"] == grid(week, wendy)
    assert HoursEntry.objects.get().professional == wendy
    response = client.post(week_url("hours_week_submit", week, wendy))
    assert HoursWeek.objects.get(professional=wendy).status == WeekStatus.SUBMITTED


def test_team_lead_reads_a_team_members_grid_but_does_not_write_it(
    client, team_lead, wendy, own_complex
):
    week = this_week()
    HoursEntryFactory(professional=wendy, complex=own_complex, year=week.year, week=week.week)
    client.force_login(team_lead)
    response = client.get(grid(week, wendy))
    assert response.status_code == 200
    assert response.context["editable"] is False
    content = response.content.decode()
    assert "disabled" in content
    assert "Save week" not in content
    assert client.post(grid(week, wendy), {cell(own_complex): "3"}).status_code == 403
    assert client.post(week_url("hours_week_submit", week, wendy)).status_code == 403
    assert HoursEntry.objects.get().hours == Decimal("2.00")
    assert not HoursWeek.objects.filter(status=WeekStatus.SUBMITTED).exists()


def test_outsiders_cannot_open_someone_elses_grid(
    client, wendy, colleague, other_team_lead, functional_admin, official, own_complex
):
    week = this_week()
    for outsider in (colleague, other_team_lead):
        client.force_login(outsider)
        assert client.get(grid(week, wendy)).status_code == 404
        assert client.post(grid(week, wendy), {cell(own_complex): "1"}).status_code == 404
        assert client.post(week_url("hours_week_submit", week, wendy)).status_code == 404
        assert client.post(week_url("hours_week_withdraw", week, wendy)).status_code == 404
    client.force_login(functional_admin)
    assert client.get(grid(week, official)).status_code == 404  # not a professional
    assert client.get(grid() + "?professional=abc").status_code == 404
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("role_fixture", ["corporation_staff", "official", "team_member"])
def test_roles_without_hours_of_their_own_are_refused_the_grid(
    client, request, role_fixture, wendy, own_complex, submitted_week, approved_week
):
    client.force_login(request.getfixturevalue(role_fixture))
    week = this_week()
    for address in (grid(), grid(week), grid(week, wendy), reverse("interventions:hours_approval")):
        assert client.get(address).status_code == 403, address
    assert client.post(grid(week, wendy), {cell(own_complex): "1"}).status_code == 403
    assert client.post(week_url("hours_week_submit", week, wendy)).status_code == 403
    decide = reverse("interventions:hours_week_decide", args=[submitted_week.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    unlock = reverse("interventions:hours_week_unlock", args=[approved_week.pk])
    assert client.post(unlock).status_code == 403
    submitted_week.refresh_from_db()
    approved_week.refresh_from_db()
    assert submitted_week.status == WeekStatus.SUBMITTED
    assert approved_week.status == WeekStatus.APPROVED
    assert not HoursEntry.objects.filter(week=week.week, year=week.year).exists()


def test_anonymous_is_sent_to_the_login_page(client, submitted_week):
    for address in (
        grid(),
        grid(this_week()),
        reverse("interventions:hours_approval"),
        reverse("interventions:hours_missing"),
    ):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login"))


# Two people with the same week open ------------------------------------------------------------
def _open_grids(wendy, week: Week, count: int = 2) -> list[tuple[Client, dict[str, str]]]:
    """The week grid opened in ``count`` browsers: each client and the inputs its page holds."""
    opened = []
    for _number in range(count):
        browser = Client()
        browser.force_login(wendy)
        page = browser.get(grid(week))
        assert page.status_code == 200
        opened.append((browser, form_inputs(page.content.decode())))
    return opened


@time_machine.travel(FUNDED_WEDNESDAY)
def test_a_grid_saved_after_another_changed_a_different_cell_keeps_that_change(wendy, own_complex):
    week = this_week().shifted(-1)
    for kind, hours in ((WorkKind.GROUP_WORK, 2), (WorkKind.HOME_VISIT, 3)):
        HoursEntryFactory(
            professional=wendy,
            complex=own_complex,
            year=week.year,
            week=week.week,
            kind=kind,
            hours=hours,
        )
    (first, first_form), (second, second_form) = _open_grids(wendy, week)

    assert first.post(grid(week), {**first_form, cell(own_complex): "4"}).status_code == 302
    changed = {**second_form, cell(own_complex, WorkKind.HOME_VISIT): "5"}
    assert second.post(grid(week), changed).status_code == 302

    saved = dict(HoursEntry.objects.values_list("kind", "hours"))
    assert saved == {WorkKind.GROUP_WORK: Decimal("4.00"), WorkKind.HOME_VISIT: Decimal("5.00")}


@time_machine.travel(FUNDED_WEDNESDAY)
def test_a_grid_saved_after_another_changed_the_same_cell_is_refused_on_that_cell(
    wendy, own_complex
):
    week = this_week().shifted(-1)
    HoursEntryFactory(
        professional=wendy, complex=own_complex, year=week.year, week=week.week, hours=2
    )
    (first, first_form), (second, second_form) = _open_grids(wendy, week)
    assert first.post(grid(week), {**first_form, cell(own_complex): "4"}).status_code == 302

    refused = second.post(grid(week), {**second_form, cell(own_complex): "1"})

    assert refused.status_code == 200
    assert refused.context["errors"] == {
        cell(own_complex): "Deze uren zijn intussen door iemand anders gewijzigd (nu 4); "
        "controleer ze en sla opnieuw op."
    }
    assert HoursEntry.objects.get().hours == Decimal("4.00")
    # The page that said so now knows the 4 hours: saving it again is a deliberate choice.
    again = form_inputs(refused.content.decode())
    assert again[cell(own_complex)] == "1"
    assert second.post(grid(week), again).status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("1.00")


@time_machine.travel(FUNDED_WEDNESDAY)
def test_a_grid_clearing_a_cell_another_has_changed_meanwhile_is_refused(wendy, own_complex):
    week = this_week().shifted(-1)
    HoursEntryFactory(
        professional=wendy, complex=own_complex, year=week.year, week=week.week, hours=2
    )
    (first, first_form), (second, second_form) = _open_grids(wendy, week)
    assert first.post(grid(week), {**first_form, cell(own_complex): "3"}).status_code == 302

    refused = second.post(grid(week), {**second_form, cell(own_complex): ""})

    assert cell(own_complex) in refused.context["errors"]
    assert HoursEntry.objects.get().hours == Decimal("3.00")
