"""The embedded SQLite database (``make run`` without DATABASE_URL, or a sqlite:/// URL) lets a
few people write at the same moment: WAL, a busy timeout and write transactions that take the
lock when they begin, so no one gets "database is locked"."""

import pytest

from tests.helpers import clean_env, python_json

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
