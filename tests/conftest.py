"""Shared fixtures: one user per role, their complexes, and the Celery test mode."""

import os
import shutil
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import translation
from rest_framework.test import APIClient

from leefbaarheid import roles
from leefbaarheid.celery import app as celery_app
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    GalleryFactory,
    ResidentFactory,
    UserFactory,
)
from tests.helpers import watched_page

REQUIRE_SERVICES = os.environ.get("LEEFBAARHEID_REQUIRE_SERVICES") == "1"


def _redis_of_this_worker() -> None:
    """Under pytest-xdist (``make test`` runs one worker per core) each worker gets a Redis
    database of its own, counting down from the configured one (15 → 14, 13, …), as pytest-django
    gives each its own test database: a test clears the cache and pings workers, and must not
    clear another worker's throttle counters or markers halfway through its test. Set before any
    cache or broker connection is made (this conftest is loaded before the tests are)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker or not settings.REDIS_URL:
        return
    parts = urlsplit(settings.REDIS_URL)
    configured = int(parts.path.strip("/") or 0)
    url = urlunsplit(parts._replace(path=f"/{(configured - 1 - int(worker[2:])) % 16}"))
    settings.REDIS_URL = settings.CELERY_BROKER_URL = url
    settings.CACHES["default"]["LOCATION"] = url
    celery_app.conf.broker_url = url
    caches.close_all()


_redis_of_this_worker()


def services_available() -> tuple[bool, str]:
    """Whether the real PostgreSQL and Redis are configured for this run."""
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return False, "DATABASE_URL does not point at PostgreSQL"
    if not settings.REDIS_URL:
        return False, "REDIS_URL is not set"
    return True, ""


def browser_available() -> tuple[bool, str]:
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return True, ""
    return False, "Chromium is not installed (apt-get install -y chromium)"


def pytest_collection_modifyitems(config, items):
    missing = {}
    for marker, check in (("services", services_available), ("browser", browser_available)):
        available, reason = check()
        if not available:
            missing[marker] = reason
    for marker, reason in missing.items():
        needed = [item for item in items if marker in item.keywords]
        if needed and REQUIRE_SERVICES:
            # On CI a missing service stops the run loudly, never a quiet skip.
            raise pytest.UsageError(f"CI needs what the '{marker}' tests use: {reason}")
        for item in needed:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _celery_inline():
    """Tasks run inline in tests, unless a test starts a real worker and switches this off."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache (Redis when available): no test inherits another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Dutch and leaves Dutch behind. A request through the test client runs
    LocaleMiddleware in this thread, which activates the request's language and leaves it active
    after the response: a test that reads a page in English would otherwise leave English on for
    the tests after it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """One transaction around a whole module, for data that is costly to build and that its
    tests only read (a module-scoped fixture built on this one writes it once). Each test still
    runs in a savepoint of its own (``db``), rolled back after it; this transaction is rolled back
    after the module, so the next module starts from an empty database. Tasks run inline while
    the data is written, as in the tests. Not for a module with ``transaction=True`` tests: they
    commit, and would see (and be seen by) this open transaction."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture
def corporation(db):
    return CorporationFactory(name="Maasstad Wonen")


@pytest.fixture
def other_corporation(db):
    return CorporationFactory(name="Havenhuis Wonen")


@pytest.fixture
def own_complex(corporation):
    return ComplexFactory(corporation=corporation, name="De Meidoorn")


@pytest.fixture
def foreign_complex(other_corporation):
    return ComplexFactory(corporation=other_corporation, name="Huize Linde")


@pytest.fixture
def corporation_staff(corporation):
    return UserFactory(username="carla", role=roles.CORPORATION_STAFF, corporation=corporation)


@pytest.fixture
def other_corporation_staff(other_corporation):
    return UserFactory(username="kees", role=roles.CORPORATION_STAFF, corporation=other_corporation)


@pytest.fixture
def welfare_professional(own_complex):
    return UserFactory(username="wendy", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])


@pytest.fixture
def official(db):
    return UserFactory(username="gerrit", role=roles.MUNICIPALITY_OFFICIAL)


@pytest.fixture
def team_member(db):
    return UserFactory(username="ingrid", role=roles.INTERVENTION_TEAM)


@pytest.fixture
def functional_admin(db):
    return UserFactory(username="anouk", role=roles.FUNCTIONAL_ADMIN, is_staff=True)


@pytest.fixture
def user_without_role(db):
    return UserFactory(username="niemand")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def own_gallery(own_complex):
    return GalleryFactory(complex=own_complex, name="Galerij A", floor=1)


@pytest.fixture
def foreign_gallery(foreign_complex):
    return GalleryFactory(complex=foreign_complex, name="Galerij A", floor=1)


@pytest.fixture
def own_resident(own_complex, own_gallery):
    return ResidentFactory(complex=own_complex, gallery=own_gallery, name="Mevrouw Jansen")


@pytest.fixture
def foreign_resident(foreign_complex, foreign_gallery):
    return ResidentFactory(
        complex=foreign_complex, gallery=foreign_gallery, name="Meneer Pietersen"
    )


# A real Celery worker -----------------------------------------------------------------------------


@pytest.fixture
def real_worker():
    """A real `celery worker` process on its own queue, against the test database; this process
    sends to that queue (not inline) while the test runs."""
    import subprocess
    import sys
    import uuid

    from tests.helpers import BASE_DIR, database_url

    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
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
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield queue, process
    finally:
        celery_app.conf.task_default_queue = default_queue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Browser tests ---------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in these tests are
    # plain synchronous test set-up, so Django's async guard can stand down here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    page = watched_page(browser, 1280, 900)
    yield page
    page.context.close()


@pytest.fixture
def world(own_complex, own_gallery, own_resident):
    """What a valid payload refers to: the caller's own complex, gallery and resident."""
    return {"complex": own_complex, "gallery": own_gallery, "resident": own_resident}


@pytest.fixture
def as_staff(api_client, corporation_staff):
    api_client.force_authenticate(corporation_staff)
    return api_client
