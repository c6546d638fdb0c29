"""Checks behind GET /healthz: is the database, the broker and at least one worker answering?"""

import logging

import redis
from django.conf import settings
from django.db import connection

from leefbaarheid.celery import app

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
INLINE = "inline"


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unreachable")
        return DOWN
    return OK


def broker_state() -> str:
    if not settings.REDIS_URL:
        return INLINE
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError:
        logger.warning("Health check: broker unreachable", exc_info=True)
        return DOWN
    return OK


def worker_state(broker: str) -> str:
    if broker == INLINE:
        return INLINE
    if broker != OK:
        return DOWN
    try:
        replies = app.control.ping(timeout=1.0, limit=1)
    except Exception:
        logger.warning("Health check: worker ping failed", exc_info=True)
        return DOWN
    return OK if replies else DOWN


def health() -> dict[str, str]:
    """The state of every backing service, by name."""
    broker = broker_state()
    return {"database": database_state(), "broker": broker, "worker": worker_state(broker)}


def is_healthy(states: dict[str, str]) -> bool:
    return all(state in (OK, INLINE) for state in states.values())
