"""The admin of welfare hours: lists scoped like the screens, hours saved through the hours
service (its rules and messages), and weeks approved or unlocked only by the actions, which call
the services and are logged."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from interventions.choices import WeekStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek
from leefbaarheid import roles
from leefbaarheid.models import AuditEntry
from tests.factories import HoursEntryFactory, HoursWeekFactory, UserFactory, last_week

pytestmark = pytest.mark.django_db

ENTRY = "interventions.hoursentry"


WEEK = "interventions.hoursweek"


ORGANISATION = "Welzijn Maas en Rotte"


def _url(label: str, action: str = "changelist", *args) -> str:
    app_label, model = label.split(".")
    return reverse(f"admin:{app_label}_{model}_{action}", args=args)


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def _shown(response) -> set[int]:
    return set(response.context["cl"].queryset.values_list("pk", flat=True))


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _actions(response) -> set[str]:
    """The actions a list offers (none at all: no action form)."""
    form = response.context["action_form"]
    return set(dict(form.fields["action"].choices)) - {""} if form else set()


def _entry_data(**values) -> dict:
    """An admin add form as the browser sends it."""
    data = {"year": "", "week": "", "kind": "", "hours": "", "note": ""}
    data.update({key: str(value) for key, value in values.items()})
    return data


@pytest.fixture(autouse=True)
def _english(client):
    """The screens speak Dutch unless one chooses English; the messages are read in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def colleague(foreign_complex):
    """A professional of another team, working in the other corporation's complex."""
    return UserFactory(
        username="fatma", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )


@pytest.fixture
def hours(own_complex, foreign_complex, welfare_professional, colleague):
    """Last week's hours and weeks on both sides of the corporation line."""
    return {
        "own": {
            ENTRY: HoursEntryFactory(complex=own_complex, professional=welfare_professional),
            WEEK: HoursWeekFactory(professional=welfare_professional, status=WeekStatus.SUBMITTED),
        },
        "foreign": {
            ENTRY: HoursEntryFactory(
                complex=foreign_complex, professional=colleague, kind=WorkKind.HOME_VISIT
            ),
            WEEK: HoursWeekFactory(professional=colleague),
        },
    }


@pytest.fixture
def approved_week(welfare_professional, own_complex, official):
    """An old week of wendy's, approved and so locked, with an hour logged in it."""
    week = last_week().shifted(-6)
    HoursEntryFactory(
        complex=own_complex, professional=welfare_professional, year=week.year, week=week.week
    )
    return HoursWeekFactory(
        professional=welfare_professional,
        year=week.year,
        week=week.week,
        status=WeekStatus.APPROVED,
    )


@pytest.fixture
def team_lead(welfare_professional):
    """A professional of wendy's organisation who may approve her colleagues' weeks."""
    welfare_professional.organisation = ORGANISATION
    welfare_professional.save()
    lead = UserFactory(username="petra", role=roles.WELFARE_PROFESSIONAL, organisation=ORGANISATION)
    lead.user_permissions.add(Permission.objects.get(codename=roles.APPROVE_HOURS))
    return _staff(lead)


def test_hours_and_weeks_are_registered():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert {ENTRY, WEEK} <= registered


@pytest.mark.parametrize("label", [ENTRY, WEEK])
def test_functional_admin_opens_every_list_and_record(client, functional_admin, hours, label):
    client.force_login(functional_admin)
    response = client.get(_url(label))
    assert response.status_code == 200
    assert {hours["own"][label].pk, hours["foreign"][label].pk} <= _shown(response)
    assert client.get(_url(label, "change", hours["own"][label].pk)).status_code == 200


def test_hours_list_by_week_kind_complex_and_professional(
    client, functional_admin, hours, own_complex, colleague
):
    own, foreign = hours["own"][ENTRY], hours["foreign"][ENTRY]
    older = HoursEntryFactory(
        complex=own_complex,
        professional=own.professional,
        year=last_week().shifted(-1).year,
        week=last_week().shifted(-1).week,
    )
    client.force_login(functional_admin)
    url = _url(ENTRY)
    assert _shown(client.get(url, {"iso_week": str(last_week())})) == {own.pk, foreign.pk}
    assert _shown(client.get(url, {"iso_week": "2026-W99"})) == set()
    assert _shown(client.get(url, {"kind__exact": WorkKind.HOME_VISIT})) == {foreign.pk}
    assert _shown(client.get(url, {"complex__id__exact": own_complex.pk})) == {own.pk, older.pk}
    assert _shown(client.get(url, {"professional__id__exact": colleague.pk})) == {foreign.pk}
    assert _shown(client.get(url, {"q": "Linde"})) == {foreign.pk}
    assert _shown(client.get(url, {"q": "wendy"})) == {own.pk, older.pk}


def test_hours_list_queries_do_not_grow_with_rows(
    client, functional_admin, hours, own_complex, django_assert_max_num_queries
):
    client.force_login(functional_admin)
    with django_assert_max_num_queries(30) as few:
        assert client.get(_url(ENTRY)).status_code == 200
    for kind in (WorkKind.ACTIVITY, WorkKind.CONSULTATION, WorkKind.OTHER):
        HoursEntryFactory(
            complex=own_complex, professional=hours["own"][ENTRY].professional, kind=kind
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url(ENTRY)).status_code == 200


def test_it_shows_corporation_staff_only_their_own_complexes_hours(
    client, corporation_staff, hours
):
    client.force_login(_staff(corporation_staff))
    response = client.get(_url(ENTRY))
    assert response.status_code == 200
    assert _shown(response) == {hours["own"][ENTRY].pk}
    foreign = hours["foreign"][ENTRY]
    # The admin answers a missing object with a redirect to its index, never the object.
    assert client.get(_url(ENTRY, "change", foreign.pk)).status_code in (302, 404)
    # Reading hours is all they do; weeks of hours are not theirs to see.
    assert client.get(_url(ENTRY, "add")).status_code == 403
    assert client.get(_url(WEEK)).status_code == 403


@pytest.mark.parametrize("label", [ENTRY, WEEK])
def test_intervention_team_and_users_without_a_role_are_refused(
    client, team_member, user_without_role, hours, label
):
    for user in (team_member, user_without_role):
        client.force_login(_staff(user))
        assert client.get(_url(label)).status_code == 403


def test_a_professional_outside_the_admin_is_sent_to_sign_in(client, welfare_professional):
    client.force_login(welfare_professional)
    response = client.get(_url(WEEK))
    assert response.status_code == 302
    assert "login" in response["Location"]


# Weeks: the actions ---------------------------------------------------------------------------
def _act(client, action: str, *weeks):
    return client.post(
        _url(WEEK),
        {"action": action, "_selected_action": [week.pk for week in weeks]},
        follow=True,
    )


def test_approve_action_approves_submitted_weeks_and_reports_the_rest(
    client, functional_admin, hours
):
    submitted, still_open = hours["own"][WEEK], hours["foreign"][WEEK]
    client.force_login(functional_admin)
    response = _act(client, "approve_weeks", submitted, still_open)
    submitted.refresh_from_db()
    still_open.refresh_from_db()
    assert submitted.status == WeekStatus.APPROVED
    assert submitted.decided_by == functional_admin and submitted.decided_at
    assert still_open.status == WeekStatus.OPEN and still_open.decided_by is None
    shown = _messages(response)
    assert "1 week approved." in shown
    assert any("fatma" in message and "submitted" in message for message in shown), shown
    entry = AuditEntry.objects.get(action="approve")
    assert (entry.user, entry.model, entry.object_id) == (
        functional_admin,
        WEEK,
        str(submitted.pk),
    )


def test_unlock_action_reopens_a_locked_week_and_refuses_an_open_one(
    client, functional_admin, hours, approved_week
):
    client.force_login(functional_admin)
    response = _act(client, "unlock_weeks", approved_week, hours["foreign"][WEEK])
    approved_week.refresh_from_db()
    assert approved_week.status == WeekStatus.OPEN
    assert approved_week.unlocked_by == functional_admin and approved_week.unlocked_at
    shown = _messages(response)
    assert "1 week unlocked." in shown
    assert any("not locked" in message for message in shown), shown
    assert AuditEntry.objects.filter(
        action="unlock", object_id=str(approved_week.pk), user=functional_admin
    ).exists()
    still_open = HoursWeek.objects.get(pk=hours["foreign"][WEEK].pk)
    assert still_open.unlocked_at is None
    assert AuditEntry.objects.filter(action="unlock").count() == 1


def test_a_professional_sees_own_weeks_without_the_actions(client, welfare_professional, hours):
    client.force_login(_staff(welfare_professional))
    response = client.get(_url(WEEK))
    assert response.status_code == 200
    assert _shown(response) == {hours["own"][WEEK].pk}
    assert not _actions(response) & {"approve_weeks", "unlock_weeks"}
    _act(client, "approve_weeks", hours["own"][WEEK])
    assert HoursWeek.objects.get(pk=hours["own"][WEEK].pk).status == WeekStatus.SUBMITTED
    assert not AuditEntry.objects.filter(action="approve").exists()
    # Weeks are not edited in the admin, not even one's own.
    assert client.post(_url(WEEK, "change", hours["own"][WEEK].pk), {}).status_code == 403


def test_a_team_lead_approves_the_teams_weeks_but_not_others(
    client, team_lead, hours, welfare_professional
):
    client.force_login(team_lead)
    response = client.get(_url(WEEK))
    # Wendy's week (same organisation) is theirs to approve; fatma's is out of sight.
    assert _shown(response) == {hours["own"][WEEK].pk}
    own_week = HoursWeekFactory(professional=team_lead, status=WeekStatus.SUBMITTED)
    response = _act(client, "approve_weeks", hours["own"][WEEK], own_week, hours["foreign"][WEEK])
    assert HoursWeek.objects.get(pk=hours["own"][WEEK].pk).status == WeekStatus.APPROVED
    # Never one's own week; fatma's is not even among the selected rows.
    own_week.refresh_from_db()
    assert own_week.status == WeekStatus.SUBMITTED
    assert any("may not approve" in message for message in _messages(response))
    assert AuditEntry.objects.filter(action="approve").count() == 1
    # Unlocking is the functional admin's.
    assert _actions(client.get(_url(WEEK))) == {"approve_weeks"}


# Hours: saved through the service -----------------------------------------------------------
def test_admin_changes_hours_through_the_service(client, functional_admin, hours):
    entry = hours["foreign"][ENTRY]  # fatma's week is open; wendy's is submitted
    client.force_login(functional_admin)
    url = _url(ENTRY, "change", entry.pk)
    form = client.get(url).context["adminform"].form
    # A cell's place is fixed once logged: only its hours and note are open.
    assert set(form.fields) == {"hours", "note"}
    response = client.post(url, {"hours": "3.4", "note": "Koffieochtend"})
    assert response.status_code == 302
    entry.refresh_from_db()
    # Rounded to the nearest quarter, as on the screens, and logged once by the service.
    assert (entry.hours, entry.note) == (Decimal("3.50"), "Koffieochtend")
    assert (
        AuditEntry.objects.filter(
            action="update", model=ENTRY, object_id=str(entry.pk), user=functional_admin
        ).count()
        == 1
    )


def test_admin_adds_hours_for_a_professional(
    client, functional_admin, hours, colleague, foreign_complex
):
    client.force_login(functional_admin)
    week = last_week()
    data = _entry_data(
        professional=colleague.pk,
        complex=foreign_complex.pk,
        year=week.year,
        week=week.week,
        kind=WorkKind.ACTIVITY,
        hours="1.75",
    )
    assert client.post(_url(ENTRY, "add"), data).status_code == 302
    entry = HoursEntry.objects.get(professional=colleague, kind=WorkKind.ACTIVITY)
    assert entry.hours == Decimal("1.75") and entry.week_start == week.monday
    assert AuditEntry.objects.filter(action="create", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"complex": "other"}, "complex", "assigned"),
        ({"week_shift": 2}, "week", "still to come"),
        ({"hours": "39"}, "hours", "At most 40"),
        ({"week_shift": -6}, "week", "locked"),
    ],
)
def test_admin_add_refuses_what_the_service_refuses(
    client, functional_admin, hours, colleague, own_complex, foreign_complex, changes, field, words
):
    week = last_week().shifted(changes.get("week_shift", 0))
    # fatma works in the foreign complex only; she logged 2 hours there last week.
    complex_ = own_complex if changes.get("complex") == "other" else foreign_complex
    data = _entry_data(
        professional=colleague.pk,
        complex=complex_.pk,
        year=week.year,
        week=week.week,
        kind=WorkKind.ACTIVITY,
        hours=changes.get("hours", "2"),
    )
    before = HoursEntry.objects.count()
    client.force_login(functional_admin)
    response = client.post(_url(ENTRY, "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert words in " ".join(errors.get(field, [])), errors
    assert HoursEntry.objects.count() == before
    assert not AuditEntry.objects.filter(model=ENTRY).exists()


def test_locked_weeks_hours_are_read_only(client, functional_admin, approved_week):
    entry = HoursEntry.objects.get(
        professional=approved_week.professional, week_start=approved_week.week_start
    )
    client.force_login(functional_admin)
    url = _url(ENTRY, "change", entry.pk)
    response = client.get(url)
    assert "hours" not in response.context["adminform"].form.fields
    assert "approved and locked" in response.content.decode()
    client.post(url, {"hours": "9", "note": "Later"})
    entry.refresh_from_db()
    assert entry.hours == Decimal("2.00") and entry.note == ""
    assert client.post(_url(ENTRY, "delete", entry.pk), {"post": "yes"}).status_code == 403
    assert HoursEntry.objects.filter(pk=entry.pk).exists()


def test_admin_deletes_an_open_weeks_hours_through_the_service(client, functional_admin, hours):
    entry = hours["foreign"][ENTRY]
    client.force_login(functional_admin)
    assert client.post(_url(ENTRY, "delete", entry.pk), {"post": "yes"}).status_code == 302
    assert not HoursEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(entry.pk)).exists()
    # One at a time, so every delete goes through the service's rules.
    assert "delete_selected" not in _actions(client.get(_url(ENTRY)))


def test_a_staff_professional_logs_only_their_own_hours(
    client, welfare_professional, hours, own_complex, colleague
):
    client.force_login(_staff(welfare_professional))
    form = client.get(_url(ENTRY, "add")).context["adminform"].form
    assert list(form.fields["professional"].queryset) == [welfare_professional]
    assert list(form.fields["complex"].queryset) == [own_complex]
    response = client.get(_url(ENTRY))
    assert _shown(response) == {hours["own"][ENTRY].pk}
