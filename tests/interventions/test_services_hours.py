"""The rules of welfare hours, asked of the services directly: quarter hours, no week
to come, the grace period and who unlocks it, submit / withdraw / approve / return, who approves
whose week, the 40-hour ceiling, all-or-nothing saves of a week, two saves of one cell at the
same moment; and the welfare calendar set by the municipality or an organisation."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations.models import IndicatorSnapshot
from interventions import selectors, services
from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek, WelfareCalendar
from leefbaarheid import roles
from leefbaarheid.models import AuditEntry
from leefbaarheid.weeks import Week
from tests.evaluations.helpers import _this_week
from tests.factories import ComplexFactory, UserFactory
from tests.helpers import at_once
from tests.interventions.helpers import (
    _entry,
    _open_week,
    _save,
    _submit,
    _week_row,
    _with_permission,
    at,
    log,
)

ONE_DAY = datetime.timedelta(days=1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_rules")]


def _old_week() -> Week:
    """Past a grace period of two weeks (not of ten)."""
    return _this_week().shifted(-5)


def _fields(error: pytest.ExceptionInfo) -> list[str]:
    return sorted(error.value.message_dict)


# Hours as typed ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1,5", "1.50"),
        ("1.5", "1.50"),
        ("1:30", "1.50"),
        ("0.13", "0.25"),
        ("0.125", "0.25"),  # half-way rounds up
        ("0:15", "0.25"),
        ("2:05", "2.00"),
        (" 3 ", "3.00"),
        (2, "2.00"),
        (Decimal("1.1"), "1.00"),
        ("0", "0.00"),  # nothing: clears a cell
    ],
)
def test_hours_round_to_the_nearest_quarter(typed, hours):
    assert services.hours_round(typed) == Decimal(hours)


@pytest.mark.parametrize(
    "typed",
    [
        "0.1",
        "0:07",
        "-1",
        "-0.5",
        "-0:30",
        "abc",
        "1:75",
        "1:",
        "",
        None,
        "NaN",
        "inf",
        "1e30",  # too large to round: once an uncaught decimal.InvalidOperation
        "1e30:30",
    ],
)
def test_hours_that_are_no_quarter_hours_are_an_error_on_the_field(typed):
    with pytest.raises(ValidationError) as error:
        services.hours_round(typed, "cell_3")
    assert _fields(error) == ["cell_3"]


# Which weeks can change -------------------------------------------------------------------------
def test_a_week_to_come_is_refused(wendy, own_complex):
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, _this_week().shifted(1))
    assert _fields(error) == ["week"]
    assert not HoursEntry.objects.exists()


def test_the_current_week_is_open(wendy, own_complex):
    assert _save(wendy, own_complex, _this_week()).hours == Decimal("2.00")


def test_a_week_that_does_not_exist_is_refused(wendy, own_complex):
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, Week(2025, 53))
    assert _fields(error) == ["week"]


def test_the_grace_period_ends_on_the_sunday_so_many_weeks_after_the_week():
    week = Week(2026, 10)
    last_day = week.sunday + datetime.timedelta(weeks=2)
    assert services.hours_week_lock(week, None, last_day) is None
    assert services.hours_week_lock(week, None, last_day + datetime.timedelta(days=1))


def test_a_week_past_the_grace_period_is_locked(settings, wendy, own_complex):
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, _old_week())
    assert _fields(error) == ["week"]
    settings.HOURS_GRACE_WEEKS = 10
    assert _save(wendy, own_complex, _old_week()).hours == Decimal("2.00")


def test_hours_in_a_locked_week_cannot_be_deleted(wendy, own_complex):
    entry = _entry(wendy, own_complex, _old_week())
    with pytest.raises(ValidationError) as error:
        services.hours_delete(entry=entry, user=wendy)
    assert _fields(error) == ["week"]
    assert HoursEntry.objects.filter(pk=entry.pk).exists()


def test_a_week_unlocked_by_the_admin_can_be_changed(wendy, functional_admin, own_complex):
    week = _old_week()
    _entry(wendy, own_complex, week)
    hours_week = _week_row(wendy, week)
    services.hours_week_unlock(hours_week=hours_week, user=functional_admin)
    hours_week.refresh_from_db()
    assert (hours_week.unlocked_by, hours_week.status) == (functional_admin, WeekStatus.OPEN)
    assert _save(wendy, own_complex, week, hours="3").hours == Decimal("3.00")
    assert HoursEntry.objects.get().hours == Decimal("3.00")


def test_only_the_admin_unlocks_and_only_a_locked_week(wendy, functional_admin, own_complex):
    locked = _week_row(wendy, _old_week())
    with pytest.raises(PermissionDenied):
        services.hours_week_unlock(hours_week=locked, user=wendy)
    open_week = _week_row(wendy, _open_week())
    with pytest.raises(ValidationError) as error:
        services.hours_week_unlock(hours_week=open_week, user=functional_admin)
    assert _fields(error) == ["status"]


def test_an_approved_week_is_locked_until_the_admin_unlocks_it(
    wendy, functional_admin, own_complex
):
    week = _open_week()
    entry = _entry(wendy, own_complex, week)
    hours_week = _week_row(wendy, week, status=WeekStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, week, hours="3")
    assert _fields(error) == ["week"]
    with pytest.raises(ValidationError):
        services.hours_delete(entry=entry, user=wendy)
    services.hours_week_unlock(hours_week=hours_week, user=functional_admin)
    assert _save(wendy, own_complex, week, hours="3").hours == Decimal("3.00")


def test_a_submitted_week_is_locked_until_it_is_withdrawn(wendy, own_complex):
    week = _open_week()
    _save(wendy, own_complex, week)
    services.hours_week_submit(user=wendy, professional=wendy, week=week)
    assert selectors.week_status(professional=wendy, week=week).status == WeekStatus.SUBMITTED
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, week, hours="3")
    assert _fields(error) == ["week"]
    services.hours_week_withdraw(user=wendy, professional=wendy, week=week)
    assert _save(wendy, own_complex, week, hours="3").hours == Decimal("3.00")


def test_a_week_to_come_cannot_be_submitted(wendy):
    with pytest.raises(ValidationError) as error:
        services.hours_week_submit(user=wendy, professional=wendy, week=_this_week().shifted(1))
    assert _fields(error) == ["week"]
    assert not HoursWeek.objects.exists()


def test_only_a_submitted_week_is_withdrawn(wendy):
    with pytest.raises(ValidationError) as error:
        services.hours_week_withdraw(user=wendy, professional=wendy, week=_open_week())
    assert _fields(error) == ["status"]


# Approving and returning ------------------------------------------------------------------------
@pytest.fixture
def submitted(wendy, own_complex):
    week = _open_week()
    _save(wendy, own_complex, week)
    return services.hours_week_submit(user=wendy, professional=wendy, week=week)


def test_returning_a_week_needs_a_note(submitted, functional_admin, wendy, own_complex):
    with pytest.raises(ValidationError) as error:
        services.hours_week_decide(
            hours_week=submitted, user=functional_admin, approve=False, note="   "
        )
    assert _fields(error) == ["return_note"]
    submitted.refresh_from_db()
    assert submitted.status == WeekStatus.SUBMITTED
    services.hours_week_decide(
        hours_week=submitted, user=functional_admin, approve=False, note="Huisbezoek ontbreekt"
    )
    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_note) == (
        WeekStatus.RETURNED,
        "Huisbezoek ontbreekt",
    )
    assert submitted.returned_at == submitted.decided_at
    assert submitted.decided_by == functional_admin
    # Back with the professional: open to change again.
    assert _save(wendy, own_complex, submitted.iso_week, hours="4").hours == Decimal("4.00")


def test_a_week_returned_after_the_grace_period_opens_for_corrections(
    functional_admin, wendy, own_complex
):
    week = _old_week()
    old = _week_row(wendy, week, status=WeekStatus.SUBMITTED)
    services.hours_week_decide(hours_week=old, user=functional_admin, approve=False, note="Te laag")
    old.refresh_from_db()
    assert old.status == WeekStatus.RETURNED
    assert old.unlocked_at is None  # no unlock needed: a returned week is open whatever its age
    assert _save(wendy, own_complex, week, hours="3").hours == Decimal("3.00")
    # Handed in again, it is a submitted week like any other.
    services.hours_week_submit(user=wendy, professional=wendy, week=week)
    old.refresh_from_db()
    assert old.status == WeekStatus.SUBMITTED
    assert old.return_note == "Te laag"  # the reason stays for the approver to read


def test_a_returned_week_withdrawn_after_resubmitting_counts_its_grace_from_the_return(
    functional_admin, wendy, own_complex
):
    week = _old_week()
    old = _week_row(wendy, week, status=WeekStatus.SUBMITTED)
    return_day = week.sunday + datetime.timedelta(weeks=3)
    with time_machine.travel(datetime.datetime.combine(return_day, datetime.time(10)), tick=False):
        services.hours_week_decide(hours_week=old, user=functional_admin, approve=False, note="X")
    services.hours_week_submit(user=wendy, professional=wendy, week=week)
    services.hours_week_withdraw(user=wendy, professional=wendy, week=week)
    old.refresh_from_db()
    assert old.status == WeekStatus.OPEN
    grace = datetime.timedelta(weeks=settings.HOURS_GRACE_WEEKS)
    assert services.grace_end(week, old) == return_day + grace
    assert services.hours_week_lock(week, old, today=return_day + grace) is None
    assert services.hours_week_lock(week, old, today=return_day + grace + ONE_DAY) is not None


@pytest.mark.parametrize(("weekday", "refused"), [(1, True), (4, True), (5, False), (7, False)])
def test_a_week_is_submitted_from_its_friday_on(wendy, weekday, refused):
    week = _this_week().shifted(-1)
    day = datetime.date.fromisocalendar(week.year, week.week, weekday)
    if refused:
        with pytest.raises(ValidationError) as error:
            services.hours_week_submit(user=wendy, professional=wendy, week=week, today=day)
        assert _fields(error) == ["week"]
        assert "vrijdag" in " ".join(error.value.messages)
        assert not HoursWeek.objects.filter(status=WeekStatus.SUBMITTED).exists()
    else:
        services.hours_week_submit(user=wendy, professional=wendy, week=week, today=day)
        assert HoursWeek.objects.get(professional=wendy).status == WeekStatus.SUBMITTED


def _cells(complex_, **hours_by_kind) -> list[dict]:
    return [
        {"complex": complex_, "kind": kind, "hours": hours, "note": "", "key": f"h-{kind}"}
        for kind, hours in hours_by_kind.items()
    ]


@pytest.mark.parametrize(
    ("cells", "weekday", "refused_on"),
    [
        ({"group_work": "3"}, 5, None),
        ({"group_work": "3", "home_visit": "abc"}, 5, "h-home_visit"),
        ({"group_work": "3"}, 4, "week"),  # Thursday: before its Friday
    ],
)
def test_saving_and_submitting_is_all_or_nothing(wendy, own_complex, cells, weekday, refused_on):
    week = _this_week().shifted(-1)
    day = datetime.date.fromisocalendar(week.year, week.week, weekday)
    call = {"user": wendy, "professional": wendy, "week": week, "today": day}
    if refused_on is None:
        services.hours_save_and_submit(**call, cells=_cells(own_complex, **cells))
        assert HoursEntry.objects.get().hours == Decimal("3.00")
        assert HoursWeek.objects.get(professional=wendy).status == WeekStatus.SUBMITTED
        return
    with pytest.raises(ValidationError) as error:
        services.hours_save_and_submit(**call, cells=_cells(own_complex, **cells))
    assert _fields(error) == [refused_on]
    assert not HoursEntry.objects.exists()
    assert not HoursWeek.objects.filter(status=WeekStatus.SUBMITTED).exists()


def test_the_admin_is_told_whose_complex_it_is_not(functional_admin, wendy, foreign_complex):
    with pytest.raises(ValidationError) as error:
        services.hours_save(
            user=functional_admin,
            professional=wendy,
            complex=foreign_complex,
            week=_open_week(),
            kind=WorkKind.GROUP_WORK,
            hours="2",
        )
    assert _fields(error) == ["complex"]
    assert not HoursEntry.objects.exists()


def test_an_approved_week_is_locked(submitted, functional_admin, wendy, own_complex):
    services.hours_week_decide(hours_week=submitted, user=functional_admin, approve=True)
    submitted.refresh_from_db()
    assert submitted.status == WeekStatus.APPROVED
    with pytest.raises(ValidationError):
        _save(wendy, own_complex, submitted.iso_week, hours="4")


def test_only_a_submitted_week_is_decided(wendy, functional_admin):
    hours_week = _week_row(wendy, _open_week())
    with pytest.raises(ValidationError) as error:
        services.hours_week_decide(hours_week=hours_week, user=functional_admin, approve=True)
    assert _fields(error) == ["status"]


def test_a_team_lead_approves_a_colleagues_week(team, own_complex):
    hours_week = _submit(team["colleague"], own_complex)
    services.hours_week_decide(hours_week=hours_week, user=team["lead"], approve=True)
    hours_week.refresh_from_db()
    assert (hours_week.status, hours_week.decided_by) == (WeekStatus.APPROVED, team["lead"])


@pytest.mark.parametrize("whose", ["lead", "outsider"])
def test_a_team_lead_approves_neither_own_week_nor_another_organisations(team, own_complex, whose):
    hours_week = _submit(team[whose], own_complex)
    with pytest.raises(PermissionDenied):
        services.hours_week_decide(hours_week=hours_week, user=team["lead"], approve=True)
    hours_week.refresh_from_db()
    assert hours_week.status == WeekStatus.SUBMITTED


def test_a_professional_without_the_permission_approves_nothing(team, own_complex):
    hours_week = _submit(team["lead"], own_complex)
    with pytest.raises(PermissionDenied):
        services.hours_week_decide(hours_week=hours_week, user=team["colleague"], approve=True)


def test_a_lead_without_an_organisation_approves_nobody_without_one(own_complex):
    lead = _with_permission(
        UserFactory(username="lea", role=roles.WELFARE_PROFESSIONAL), roles.APPROVE_HOURS
    )
    loner = UserFactory(username="lou", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])
    hours_week = _submit(loner, own_complex)
    with pytest.raises(PermissionDenied):
        services.hours_week_decide(hours_week=hours_week, user=lead, approve=True)


# Who writes hours ------------------------------------------------------------------------------
def test_a_professional_logs_only_own_hours(wendy, own_complex):
    colleague = UserFactory(role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])
    with pytest.raises(PermissionDenied):
        services.hours_save(
            user=wendy,
            professional=colleague,
            complex=own_complex,
            week=_open_week(),
            kind=WorkKind.OTHER,
            hours="1",
        )
    theirs = _entry(colleague, own_complex, _open_week())
    with pytest.raises(PermissionDenied):
        services.hours_delete(entry=theirs, user=wendy)
    assert HoursEntry.objects.get() == theirs


def test_hours_go_only_into_an_assigned_complex(wendy, foreign_complex):
    with pytest.raises(ValidationError) as error:
        _save(wendy, foreign_complex)
    assert _fields(error) == ["complex"]


def test_a_kind_of_work_must_be_one_of_the_list(wendy, own_complex):
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, kind="gardening")
    assert _fields(error) == ["kind"]


def test_saving_a_cell_again_updates_it_and_zero_clears_it(wendy, own_complex):
    first = _save(wendy, own_complex, hours="2")
    second = _save(wendy, own_complex, hours="2:45")
    assert second.pk == first.pk
    assert HoursEntry.objects.get().hours == Decimal("2.75")
    assert _save(wendy, own_complex, hours="0") is None
    assert not HoursEntry.objects.exists()


# The 40-hour ceiling and all-or-nothing saves --------------------------------------------------
def _cell(complex_, kind, hours, key) -> dict:
    return {"complex": complex_, "kind": kind, "hours": hours, "note": "", "key": key}


def _save_cells(professional, cells, week: Week | None = None):
    return services.hours_save_cells(
        user=professional, professional=professional, week=week or _open_week(), cells=cells
    )


def test_at_most_40_hours_per_complex_and_week_over_all_kinds(wendy, own_complex):
    cells = [
        _cell(own_complex, WorkKind.GROUP_WORK, "15", "a"),
        _cell(own_complex, WorkKind.HOME_VISIT, "15", "b"),
        _cell(own_complex, WorkKind.ACTIVITY, "10,25", "c"),
    ]
    with pytest.raises(ValidationError) as error:
        _save_cells(wendy, cells)
    assert set(_fields(error)) <= {"a", "b", "c"} and _fields(error)
    assert not HoursEntry.objects.exists()
    cells[2] = _cell(own_complex, WorkKind.ACTIVITY, "10", "c")
    assert len(_save_cells(wendy, cells)) == 3
    assert sum(HoursEntry.objects.values_list("hours", flat=True)) == Decimal("40.00")


def test_the_ceiling_counts_the_hours_already_logged(wendy, own_complex):
    _entry(wendy, own_complex, _open_week(), kind=WorkKind.GROUP_WORK, hours=Decimal("35"))
    with pytest.raises(ValidationError) as error:
        _save(wendy, own_complex, kind=WorkKind.OTHER, hours="5.25")
    assert _fields(error) == ["hours"]
    # Lowering the logged cell in the same save makes room.
    _save_cells(
        wendy,
        [
            _cell(own_complex, WorkKind.GROUP_WORK, "20", "a"),
            _cell(own_complex, WorkKind.OTHER, "20", "b"),
        ],
    )
    assert sum(HoursEntry.objects.values_list("hours", flat=True)) == Decimal("40.00")


def test_the_ceiling_is_per_complex(wendy, own_complex, corporation):
    second = ComplexFactory(corporation=corporation)
    wendy.assigned_complexes.add(second)
    cells = [
        _cell(own_complex, WorkKind.GROUP_WORK, "30", "a"),
        _cell(second, WorkKind.GROUP_WORK, "30", "b"),
    ]
    assert len(_save_cells(wendy, cells)) == 2


def test_the_ceiling_follows_the_setting(settings, wendy, own_complex):
    settings.HOURS_MAX_PER_COMPLEX_WEEK = 8
    with pytest.raises(ValidationError):
        _save(wendy, own_complex, hours="8.25")


def test_one_bad_cell_and_nothing_is_written(wendy, own_complex, foreign_complex):
    kept = _entry(wendy, own_complex, _open_week(), kind=WorkKind.OTHER, hours=Decimal("1"))
    for bad in (
        _cell(own_complex, WorkKind.ACTIVITY, "abc", "bad"),
        _cell(own_complex, WorkKind.ACTIVITY, "-2", "bad"),
        {**_cell(foreign_complex, WorkKind.ACTIVITY, "2", "bad"), "complex_key": "bad"},
        {**_cell(own_complex, "gardening", "2", "bad"), "kind_key": "bad"},
    ):
        cells = [
            _cell(own_complex, WorkKind.GROUP_WORK, "3", "good"),
            _cell(own_complex, WorkKind.OTHER, "0", "clear"),  # would clear the kept cell
            bad,
        ]
        with pytest.raises(ValidationError) as error:
            _save_cells(wendy, cells)
        assert _fields(error) == ["bad"]
        assert list(HoursEntry.objects.values_list("pk", "hours")) == [(kept.pk, Decimal("1.00"))]


def test_every_bad_cell_is_reported_at_once(wendy, own_complex):
    cells = [
        _cell(own_complex, WorkKind.GROUP_WORK, "x", "first"),
        _cell(own_complex, WorkKind.OTHER, "1:99", "second"),
    ]
    with pytest.raises(ValidationError) as error:
        _save_cells(wendy, cells)
    assert _fields(error) == ["first", "second"]


# Two saves of one cell at the same moment ------------------------------------------------------
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("week_row", [False, True], ids=["first-save-of-week", "week-row-exists"])
def test_two_saves_of_one_cell_at_once_leave_one_row(wendy, own_complex, week_row):
    week = _open_week()
    if week_row:
        _week_row(wendy, week)

    def save(hours):
        return lambda: _save(wendy, own_complex, week, hours=hours)

    assert at_once(save("2"), save("3")) == ["ok", "ok"]
    entries = HoursEntry.objects.filter(professional=wendy)
    assert entries.count() == 1
    assert entries.get().hours in {Decimal("2.00"), Decimal("3.00")}
    assert HoursWeek.objects.filter(professional=wendy).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_cannot_pass_the_ceiling_together(wendy, own_complex):
    week = _open_week()
    _week_row(wendy, week)  # so only the lock on this row keeps the two apart

    def save(kind):
        return lambda: _save(wendy, own_complex, week, hours="25", kind=kind)

    outcomes = at_once(save(WorkKind.GROUP_WORK), save(WorkKind.HOME_VISIT))
    assert sorted(outcomes, key=str) == [["hours"], "ok"]
    assert HoursEntry.objects.filter(professional=wendy).count() == 1


def test_an_organisation_sets_weeks_only(official):
    with pytest.raises(ValidationError) as error:
        services.calendar_save(
            user=official,
            year=2027,
            organisation="Welzijn Zuid",
            data={"hours_per_week": Decimal(5), "unfunded_weeks": [1]},
        )
    assert list(error.value.message_dict) == ["hours_per_week"]
    assert not WelfareCalendar.objects.exists()  # nothing half-written


def test_the_weeks_are_stored_once_each_in_order(official):
    saved = services.calendar_save(
        user=official, year=2027, data={"unfunded_weeks": [35, 1, 35, 2]}
    )
    saved.refresh_from_db()
    assert saved.unfunded_weeks == [1, 2, 35]
    assert saved.updated_by == official
    assert AuditEntry.objects.filter(model="interventions.welfarecalendar", action="create")


@pytest.mark.parametrize(
    "role", ["corporation_staff", "welfare_professional", "team_member", "user_without_role"]
)
def test_only_the_municipality_and_the_admin_set_the_calendar(request, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.calendar_save(user=user, year=2027, data={"unfunded_weeks": [1]})
    assert not WelfareCalendar.objects.exists()


def test_saving_again_changes_the_one_row_of_the_year(official, functional_admin):
    services.calendar_save(user=official, year=2027, data={"unfunded_weeks": [1]})
    services.calendar_save(
        user=functional_admin, year=2027, data={"unfunded_weeks": [1, 2], "note": "Griepgolf"}
    )
    (row,) = WelfareCalendar.objects.all()
    assert (row.unfunded_weeks, row.note, row.updated_by) == ([1, 2], "Griepgolf", functional_admin)


def test_a_new_calendar_recalculates_the_index_of_the_year(
    official, welfare_professional, own_complex, django_capture_on_commit_callbacks
):
    # Wednesday 25 November 2026; 2 hours in each of the four weeks before: half the norm of 4.
    with at(2026, 11, 25):
        this_week = Week.of(datetime.date(2026, 11, 25))
        for back in range(1, 5):
            log(own_complex, welfare_professional, this_week.shifted(-back), 2)
        with django_capture_on_commit_callbacks(execute=True):
            services.calendar_save(
                user=official,
                year=2026,
                data={"hours_per_week": Decimal(2), "unfunded_weeks": [1, 52, 53]},
            )
        snapshot = IndicatorSnapshot.objects.get(
            complex=own_complex, year=this_week.year, week=this_week.week
        )
    assert snapshot.components["hours"]["value"] == 1.0  # 2 a week against the new norm of 2
    assert snapshot.thresholds["hours_norm"] == "2.00"
