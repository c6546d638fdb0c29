"""Settings come from the environment, through helpers that fail loudly on nonsense; the
embedded SQLite database lets two people write at once."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from leefbaarheid.env import env_bool, env_int, env_list, env_str, env_url
from tests.helpers import clean_env, python_json, run_manage, run_python

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "q8!vZ2@pL4#xN7$kR1%tY6^wB3&mC9*eH5(jU0)sD-fG_aK+oI=lQ",
    "DJANGO_ALLOWED_HOSTS": "leefbaarheid.example.nl",
    # Without one a server drops its mails and warns (leefbaarheid.W001).
    "EMAIL_HOST": "smtp.example.nl",
}


class TestHelpers:
    @pytest.mark.parametrize(
        "raw,expected", [("1", True), ("TRUE", True), ("yes", True), ("off", False), ("0", False)]
    )
    def test_env_bool_reads_common_spellings(self, monkeypatch, raw, expected):
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG", not expected) is expected

    def test_env_bool_rejects_nonsense(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "misschien")
        with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
            env_bool("X_FLAG", False)

    def test_env_bool_default_when_unset_or_blank(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "  ")
        assert env_bool("X_FLAG", True) is True

    def test_env_int_rejects_text_and_below_minimum(self, monkeypatch):
        monkeypatch.setenv("X_NUM", "twaalf")
        with pytest.raises(ImproperlyConfigured, match="not an integer"):
            env_int("X_NUM", 1)
        monkeypatch.setenv("X_NUM", "3")
        with pytest.raises(ImproperlyConfigured, match="at least 5"):
            env_int("X_NUM", 10, minimum=5)
        monkeypatch.setenv("X_NUM", "12")
        assert env_int("X_NUM", 1) == 12

    def test_env_list_splits_on_commas(self, monkeypatch):
        monkeypatch.setenv("X_LIST", " a.nl, b.nl ,,")
        assert env_list("X_LIST", []) == ["a.nl", "b.nl"]

    def test_env_str_required_without_default(self, monkeypatch):
        monkeypatch.delenv("X_REQUIRED", raising=False)
        with pytest.raises(ImproperlyConfigured, match="X_REQUIRED must be set"):
            env_str("X_REQUIRED")

    @pytest.mark.parametrize("raw", ["localhost:5432/db", "mysql://x/y", "postgres://"])
    def test_env_url_rejects_other_schemes_and_non_urls(self, monkeypatch, raw):
        monkeypatch.setenv("X_URL", raw)
        with pytest.raises(ImproperlyConfigured, match="X_URL must be a URL starting with"):
            env_url("X_URL", ("postgres",))

    def test_env_url_accepts_its_schemes(self, monkeypatch):
        monkeypatch.setenv("X_URL", "rediss://cache.example:6380/1")
        assert env_url("X_URL", ("redis", "rediss")) == "rediss://cache.example:6380/1"


def test_deploy_check_passes_with_debug_off():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION))
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_stops_a_production_start():
    env = clean_env(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="x.nl")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_stops_the_start():
    env = clean_env(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must name" in result.stderr


def test_malformed_database_url_stops_the_start():
    result = run_manage("check", env=clean_env(DJANGO_DEBUG="true", DATABASE_URL="db.example"))
    assert result.returncode != 0
    assert "DATABASE_URL must be a URL starting with postgres://" in result.stderr


def test_bad_debug_value_stops_the_start():
    result = run_manage("check", env=clean_env(DJANGO_DEBUG="soms"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG='soms' is not a boolean" in result.stderr


def test_embedded_default_is_sqlite_with_inline_tasks():
    values = python_json(
        "from django.conf import settings\n"
        "from leefbaarheid.celery import app\n"
        "print(json.dumps([settings.DATABASES['default']['ENGINE'], app.conf.task_always_eager,"
        " settings.EMAIL_BACKEND]))",
        env=clean_env(DJANGO_DEBUG="true"),
    )
    assert values == [
        "django.db.backends.sqlite3",
        True,
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_urls_configure_postgresql_and_redis():
    values = python_json(
        "from django.conf import settings\n"
        "from leefbaarheid.celery import app\n"
        "db = settings.DATABASES['default']\n"
        "print(json.dumps([db['ENGINE'], db['NAME'], db['HOST'], app.conf.task_always_eager,"
        " app.conf.broker_url, settings.CACHES['default']['BACKEND']]))",
        env=clean_env(
            DJANGO_DEBUG="true",
            DATABASE_URL="postgres://u:p@db.example:5432/leefbaar",
            REDIS_URL="redis://redis.example:6379/2",
        ),
    )
    assert values == [
        "django.db.backends.postgresql",
        "leefbaar",
        "db.example",
        False,
        "redis://redis.example:6379/2",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_production_sends_security_headers_and_redirects_to_https():
    headers = python_json(
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='leefbaarheid.example.nl')\n"
        "r = c.get('/healthz', secure=True)\n"
        "plain = c.get('/accounts/login/')\n"
        "out = {k: r.headers.get(k) for k in ['Strict-Transport-Security',"
        " 'Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options']}\n"
        "out['redirect'] = [plain.status_code, plain.headers.get('Location')]\n"
        "print(json.dumps(out))",
        env=clean_env(**PRODUCTION),
    )
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["redirect"] == [301, "https://leefbaarheid.example.nl/accounts/login/"]


def test_manage_py_defaults_to_development_but_servers_do_not():
    env = clean_env()
    assert run_manage("check", env=env).returncode == 0
    server = run_python("from django.conf import settings; print(settings.DEBUG)", env=env)
    assert server.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in server.stderr


# Two writers on a file database, released together; each reads, lingers a moment (so both have
# read before either writes, the case where SQLite's default transactions fail one at once) and
# writes what it read. Prints the journal mode and what each writer got.
TWO_WRITERS = """
import threading, time
from django.db import connection, connections, transaction
if PATH:
    connections["default"].settings_dict["NAME"] = PATH
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE visits (seen INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
connection.close()
barrier = threading.Barrier(2)
outcomes = []

def write():
    try:
        barrier.wait(timeout=10)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM visits")
            seen = cursor.fetchone()[0]
            time.sleep(0.5)
            cursor.execute("INSERT INTO visits VALUES (%s)", [seen])
        outcomes.append("ok")
    except Exception as error:
        outcomes.append(f"{type(error).__name__}: {error}")
    finally:
        connection.close()

threads = [threading.Thread(target=write) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
with connection.cursor() as cursor:
    cursor.execute("SELECT seen FROM visits ORDER BY seen")
    rows = [row[0] for row in cursor.fetchall()]
print(json.dumps({"mode": mode, "outcomes": outcomes, "rows": rows}))
"""


@pytest.mark.parametrize("configured_by", ["embedded default", "DATABASE_URL"])
def test_two_people_writing_at_once_on_sqlite_both_succeed(tmp_path, configured_by):
    path = tmp_path / "demo.sqlite3"
    if configured_by == "DATABASE_URL":
        env = clean_env(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{path}")
        code = "PATH = ''\n" + TWO_WRITERS
    else:
        # The embedded default's settings, pointed at a scratch file instead of db.sqlite3.
        env = clean_env(DJANGO_DEBUG="true")
        code = f"PATH = {str(path)!r}\n" + TWO_WRITERS

    result = python_json(code, env=env)

    assert result["mode"] == "wal"
    assert result["outcomes"] == ["ok", "ok"]
    # The second writer read after the first had written: nothing it wrote was based on a
    # stale read.
    assert result["rows"] == [0, 1]
