"""Celery: JSON only, time limits, after-commit sending, and a real worker doing real work."""

import datetime
import zoneinfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import transaction

from leefbaarheid.celery import app as celery_app
from leefbaarheid.models import WorkerHeartbeat
from leefbaarheid.tasks import record_heartbeat
from tests.helpers import wait_for


def test_tasks_travel_as_json_only():
    assert celery_app.conf.task_serializer == "json"
    assert celery_app.conf.result_serializer == "json"
    assert list(celery_app.conf.accept_content) == ["json"]


def test_tasks_have_time_limits_within_the_visibility_timeout():
    hard = celery_app.conf.task_time_limit
    assert hard and celery_app.conf.task_soft_time_limit < hard
    assert celery_app.conf.broker_transport_options["visibility_timeout"] > hard


def _shortest_gap(schedule) -> float:
    """Seconds between two consecutive runs: an interval as it is; for a crontab the shortest
    gap (on the clock of the schedule's time zone) over its next 400 runs from a fixed date."""
    if not isinstance(schedule, crontab):
        return float(schedule)
    zone = zoneinfo.ZoneInfo(settings.CELERY_TIMEZONE)
    start, delta, _now = schedule.remaining_delta(datetime.datetime(2025, 1, 1, tzinfo=zone))
    run, gaps = start + delta, []
    for _ in range(400):
        start, delta, _now = schedule.remaining_delta(run)
        following = start + delta
        gaps.append((following.replace(tzinfo=None) - run.replace(tzinfo=None)).total_seconds())
        run = following
    return min(gaps)


def test_shortest_gap_of_a_crontab_is_its_period():
    assert _shortest_gap(crontab(hour=2, minute=30)) == 24 * 60 * 60
    assert _shortest_gap(crontab(minute="*/15")) == 15 * 60
    assert _shortest_gap(crontab(hour=3, minute=0, day_of_week="mon")) == 7 * 24 * 60 * 60


def test_every_beat_entry_expires_before_its_next_run():
    celery_app.loader.import_default_modules()  # as a worker does: every app's tasks
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["options"]["expires"] < _shortest_gap(entry["schedule"]), name
        assert entry["task"] in celery_app.tasks, name


@pytest.mark.django_db(transaction=True)
def test_task_is_sent_only_after_commit():
    with transaction.atomic():
        record_heartbeat.delay_on_commit()
        assert not WorkerHeartbeat.objects.exists()
    assert WorkerHeartbeat.objects.get().beats == 1


@pytest.mark.django_db(transaction=True)
def test_rolled_back_work_sends_no_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        record_heartbeat.delay_on_commit()
        raise RuntimeError("rollback")
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.django_db
def test_heartbeat_is_idempotent_per_worker():
    record_heartbeat.delay()
    record_heartbeat.delay()
    assert WorkerHeartbeat.objects.count() == 1
    assert WorkerHeartbeat.objects.get().beats == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_task_and_writes_database(real_worker, client):
    queue, process = real_worker
    record_heartbeat.apply_async(queue=queue)
    wait_for(lambda: WorkerHeartbeat.objects.filter(hostname__startswith=queue).exists(), process)
    assert WorkerHeartbeat.objects.get(hostname__startswith=queue).beats == 1

    # With that worker alive, the health check reports every service up.
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
