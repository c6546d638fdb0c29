"""Helpers shared by the tests: today's date, the navigation, calls at the same moment in
threads, and running the project in a separate process, as a server would."""

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

BASE_DIR = Path(__file__).resolve().parents[1]
# The time zone of the application, for tests that travel to a fixed moment (time-machine).
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Variables a test process inherits that would change what the child configures.
PROJECT_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_HSTS_SECONDS",
    "CELERY_QUEUE",
)


def today():
    """Read the date at each use: a module constant goes stale when a run crosses midnight."""
    return timezone.localdate()


def clean_env(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in PROJECT_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "leefbaarheid.settings"
    env.update(overrides)
    return env


def _run(arguments: list[str], env: dict[str, str], timeout: int):
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_manage(*args: str, env: dict[str, str], timeout: int = 120):
    """Run a management command in a fresh interpreter; returns the completed process."""
    return _run(["manage.py", *args], env, timeout)


def run_python(code: str, *, env: dict[str, str], timeout: int = 60):
    """Run code after django.setup() in a fresh interpreter; returns the completed process."""
    return _run(["-c", "import django, json\ndjango.setup()\n" + code], env, timeout)


def python_json(code: str, *, env: dict[str, str]):
    """Run code that prints one JSON document; return it decoded."""
    result = run_python(code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def nav_links(response) -> list[dict]:
    """The menu's links, with those folded into dropdowns flattened in place."""
    links = []
    for item in response.context["nav_items"]:
        links.extend(item.get("children") or [item])
    return links


UNLABELLED_FIELDS = """
[...document.querySelectorAll(
  'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'
)].filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)
"""


# True when the page is wider than the window: it scrolls sideways.
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def watched_page(browser, width: int, height: int = 844, **options):
    """A page in a context of its own at ``width``, collecting console errors and uncaught
    exceptions (a Content-Security-Policy violation among them) in ``page.problems``. Close
    it with ``page.context.close()``. ``options`` go to the context (e.g. ``bypass_csp``)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: page.problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def sign_in(page, base_url, username):
    """Sign in through the login form, as a person would (password of the factories)."""
    from tests.factories import PASSWORD

    page.goto(base_url + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#submit-id-submit")
    page.wait_for_load_state()


def at_once(*calls) -> list:
    """Run the calls in threads, each on its own database connection, released together by a
    barrier; each outcome is "ok", the fields of a ValidationError, or the name of any other
    error (an IntegrityError there is the bug a concurrency test guards against)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(sorted(error.message_dict))
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def responses_at_once(*calls) -> list:
    """Requests at the same moment, as ``at_once`` runs calls: each call makes one request
    through its own test client, in a thread of its own on its own database connection. Each
    outcome, in the order of the calls, is the response, or the name of the error the request
    raised (a server's 500)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = type(error).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        posted = attributes.get("type") not in ("checkbox", "radio", "submit", "button")
        if tag == "input" and attributes.get("name") and "disabled" not in attributes and posted:
            self.values[attributes["name"]] = attributes.get("value") or ""


def form_inputs(html: str) -> dict[str, str]:
    """The text and hidden inputs of a page or fragment, name → value, as a browser posts them
    when nothing is typed (enabled inputs only)."""
    parser = _Inputs()
    parser.feed(html)
    return parser.values


def database_url() -> str:
    """The URL of the database the tests run against (the test database), for a child process."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, process, seconds=60) -> None:
    """Poll ``condition`` until it holds; fail with the worker's output when it never does or the
    worker process dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"worker exited early:\n{process.stdout.read()}")
        time.sleep(0.25)
    process.terminate()
    pytest.fail(f"nothing happened within {seconds}s; worker said:\n{process.communicate()[0]}")


def booking_clashes() -> list[tuple[int, int]]:
    """Pairs of active bookings of one communal room that overlap (none should)."""
    from residents.choices import BookingStatus
    from residents.models import RoomBooking

    by_room = defaultdict(list)
    for pk, complex_id, start, end in (
        RoomBooking.objects.exclude(status=BookingStatus.CANCELLED)
        .order_by("complex_id", "start")
        .values_list("pk", "complex_id", "start", "end")
    ):
        by_room[complex_id].append((start, end, pk))
    clashes = []
    for bookings in by_room.values():
        for (_s1, end1, pk1), (start2, _e2, pk2) in itertools.pairwise(bookings):
            if start2 < end1:
                clashes.append((pk1, pk2))
    return clashes
