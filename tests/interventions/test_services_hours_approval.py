"""``services.hours_weeks_approve``: several submitted weeks approved in one transaction, all or
nothing, only by someone who may approve every one of them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from interventions import services
from interventions.choices import WeekStatus
from interventions.models import HoursWeek
from leefbaarheid.models import AuditEntry
from tests.factories import HoursWeekFactory
from tests.interventions import helpers
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

wendy = helpers.wendy


@pytest.fixture
def weeks(wendy):
    with at(2026, 12, 9):
        yield [
            HoursWeekFactory(professional=wendy, year=2026, week=number, status=status)
            for number, status in (
                (47, WeekStatus.SUBMITTED),
                (48, WeekStatus.SUBMITTED),
                (49, WeekStatus.APPROVED),
            )
        ]


def statuses() -> list[str]:
    return list(HoursWeek.objects.order_by("week").values_list("status", flat=True))


def test_approves_all_given_weeks_and_logs_each(team_lead, weeks):
    approved = services.hours_weeks_approve(user=team_lead, weeks=[weeks[0], weeks[1].pk])
    assert [week.pk for week in approved] == [weeks[0].pk, weeks[1].pk]
    assert statuses() == [WeekStatus.APPROVED] * 3
    assert set(HoursWeek.objects.values_list("decided_by", flat=True)) == {team_lead.pk, None}
    logged = AuditEntry.objects.filter(action="approve", model="interventions.hoursweek")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        [str(weeks[0].pk), str(weeks[1].pk)]
    )


def test_a_week_no_longer_submitted_stops_them_all(team_lead, weeks):
    with pytest.raises(ValidationError) as error:
        services.hours_weeks_approve(user=team_lead, weeks=weeks)
    assert error.value.message_dict["weeks"][0] == (
        "Week 49 van 2026 van Wendy de Wit is niet (meer) ingediend."
    )
    assert statuses() == [WeekStatus.SUBMITTED, WeekStatus.SUBMITTED, WeekStatus.APPROVED]
    assert not AuditEntry.objects.filter(action="approve").exists()


def test_nothing_given_is_refused(team_lead, weeks):
    with pytest.raises(ValidationError) as error:
        services.hours_weeks_approve(user=team_lead, weeks=[])
    assert error.value.message_dict == {"weeks": ["Kies de weken die u wilt goedkeuren."]}


def test_a_week_the_user_may_not_approve_stops_them_all(other_team_lead, team_lead, weeks):
    with pytest.raises(PermissionDenied):
        services.hours_weeks_approve(user=other_team_lead, weeks=weeks[:2])
    own = HoursWeekFactory(professional=team_lead, year=2026, week=48, status="submitted")
    with pytest.raises(PermissionDenied):
        services.hours_weeks_approve(user=team_lead, weeks=[weeks[0], own])
    assert HoursWeek.objects.filter(status=WeekStatus.APPROVED).count() == 1
