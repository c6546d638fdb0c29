"""GET /healthz reports database, broker and worker, and fails with 503 naming what is down."""

import pytest

from leefbaarheid.celery import app as celery_app
from tests.helpers import clean_env, python_json

pytestmark = pytest.mark.django_db


def test_inline_mode_reports_broker_and_worker_inline(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "inline",
        "worker": "inline",
    }


def test_unreachable_broker_is_503_naming_it(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == "down"
    assert body["worker"] == "down"
    assert body["down"] == ["broker", "worker"]


@pytest.mark.services
def test_no_worker_is_503_naming_it(client, settings):
    # The real Redis answers, but no worker listens on this project's broker database.
    celery_app.conf.task_always_eager = False
    response = client.get("/healthz")
    if response.status_code == 200:
        pytest.fail("a worker answered the ping: is a stray celery worker running on this Redis?")
    assert response.status_code == 503
    assert response.json()["down"] == ["worker"]


def test_unreachable_database_is_reported_down():
    states = python_json(
        "from leefbaarheid import health\nprint(json.dumps(health.health()))",
        env=clean_env(
            DJANGO_DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:1/leefbaarheid"
        ),
    )
    assert states == {"database": "down", "broker": "inline", "worker": "inline"}


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]
