#!/usr/bin/env python3
"""Decide which database and broker `make test` uses, and say so.

Prints shell `export` lines on stdout (the Makefile evals them) and a human summary on stderr.
PostgreSQL and Redis are used when they answer on their default local ports; otherwise SQLite and
inline tasks. With CI=true a missing service is an error: CI must test against the real ones.
"""

import os
import shlex
import socket
import sys

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/leefbaarheid"
# Database 15: tests flush it and ping workers there, so they never touch a developer's queue.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def answers(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def ensure_database(url: str) -> None:
    """Create the development database if it is missing, so manage.py check can connect."""
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    connection = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}", file=sys.stderr)
    connection.close()


def main() -> int:
    on_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    exports: dict[str, str] = {}
    missing = []

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url and answers(POSTGRES):
        database_url = exports["DATABASE_URL"] = DEFAULT_DATABASE_URL
    if not database_url:
        missing.append(f"PostgreSQL on {POSTGRES[0]}:{POSTGRES[1]}")

    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url and answers(REDIS):
        redis_url = exports["REDIS_URL"] = DEFAULT_REDIS_URL
    if not redis_url:
        missing.append(f"Redis on {REDIS[0]}:{REDIS[1]}")

    database = database_url.split("@")[-1] if database_url else "SQLite (in memory for tests)"
    broker = redis_url.split("@")[-1] if redis_url else "none: tasks run inline"
    print(f"Backends — database: {database}; broker: {broker}", file=sys.stderr)

    if missing and on_ci:
        print(
            "CI=true but these services do not answer: "
            + ", ".join(missing)
            + ". Start them (see .ci/run) — CI never falls back to SQLite or inline tasks.",
            file=sys.stderr,
        )
        return 1
    if missing:
        print(
            "Not reachable: " + ", ".join(missing) + ". Tests marked 'services' (the real "
            "Celery worker and broker, saves from two threads at once) are skipped; start both "
            "to run everything.",
            file=sys.stderr,
        )
    if exports.get("DATABASE_URL"):
        ensure_database(exports["DATABASE_URL"])
    for name, value in exports.items():
        print(f"export {name}={shlex.quote(value)}")
    if on_ci:
        print("export LEEFBAARHEID_REQUIRE_SERVICES=1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
