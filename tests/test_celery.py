"""Celery: JSON only, time limits, after-commit sending, and a real worker doing real work."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection, transaction

from leefbaarheid.celery import app as celery_app
from leefbaarheid.models import WorkerHeartbeat
from leefbaarheid.tasks import record_heartbeat
from tests.helpers import BASE_DIR


def test_tasks_travel_as_json_only():
    assert celery_app.conf.task_serializer == "json"
    assert celery_app.conf.result_serializer == "json"
    assert list(celery_app.conf.accept_content) == ["json"]


def test_tasks_have_time_limits_within_the_visibility_timeout():
    hard = celery_app.conf.task_time_limit
    assert hard and celery_app.conf.task_soft_time_limit < hard
    assert celery_app.conf.broker_transport_options["visibility_timeout"] > hard


def test_every_beat_entry_expires_before_its_next_run():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["options"]["expires"] < entry["schedule"], name
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


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def real_worker():
    """A real `celery worker` process on its own queue, against the test database."""
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": queue,
        "DJANGO_DEBUG": "true",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "leefbaarheid",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(condition, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"worker exited early:\n{process.stdout.read()}")
        time.sleep(0.25)
    process.terminate()
    pytest.fail(f"nothing happened within {seconds}s; worker said:\n{process.communicate()[0]}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_task_and_writes_database(real_worker, client):
    queue, process = real_worker
    record_heartbeat.apply_async(queue=queue)
    _wait_for(lambda: WorkerHeartbeat.objects.filter(hostname__startswith=queue).exists(), process)
    assert WorkerHeartbeat.objects.get(hostname__startswith=queue).beats == 1

    # With that worker alive, the health check reports every service up.
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
