"""The data step of a migration, run against the current models: weeks returned before the
returned status existed become returned weeks, and nothing else changes."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from interventions.choices import WeekStatus
from interventions.models import HoursWeek
from tests.interventions.helpers import _open_week, _week_row

pytestmark = pytest.mark.django_db

returned_step = importlib.import_module("interventions.migrations.0006_hours_week_returned")


def test_an_open_week_with_a_reason_becomes_a_returned_week(wendy, team_lead):
    week = _open_week()
    decided = timezone.now()
    old_return = _week_row(wendy, week, status=WeekStatus.OPEN)
    HoursWeek.objects.filter(pk=old_return.pk).update(
        return_note="Graag nakijken", decided_at=decided
    )
    plain_open = _week_row(team_lead, week, status=WeekStatus.OPEN)
    approved = _week_row(wendy, week.shifted(-1), status=WeekStatus.APPROVED)
    HoursWeek.objects.filter(pk=approved.pk).update(decided_at=decided)

    returned_step.mark_returned(apps, None)

    old_return.refresh_from_db()
    assert (old_return.status, old_return.returned_at) == (WeekStatus.RETURNED, decided)
    assert HoursWeek.objects.get(pk=plain_open.pk).status == WeekStatus.OPEN
    assert HoursWeek.objects.get(pk=approved.pk).status == WeekStatus.APPROVED

    returned_step.unmark_returned(apps, None)
    assert HoursWeek.objects.get(pk=old_return.pk).status == WeekStatus.OPEN
