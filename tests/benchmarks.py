"""Benchmarks behind `make bench`: wall time, queries and peak memory of the heavy paths.

Not a test: it measures and prints, it asserts nothing. It runs against a throw-away test database
on whatever DATABASE_URL points to (SQLite when unset), filled with the full demo city.
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leefbaarheid.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, Resolver404, resolve, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from complexes.models import Complex  # noqa: E402
from evaluations import services as evaluations_services  # noqa: E402
from evaluations.models import IndicatorSettings  # noqa: E402
from interventions import selectors as interventions_selectors  # noqa: E402
from leefbaarheid.models import User  # noqa: E402
from leefbaarheid.site.demo import seed_demo_city  # noqa: E402
from leefbaarheid.weeks import Week  # noqa: E402

ROUNDS = 5


def measure(label, action, rounds=ROUNDS):
    timings, queries = [], 0
    tracemalloc.start()
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<42} median {statistics.median(timings) * 1000:8.1f} ms"
        f"   {queries:4d} queries   peak {peak / 1024 / 1024:6.1f} MiB"
    )


def url_or_none(name: str, *args) -> str | None:
    """The URL of a named route, or None (with a note) while the route does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        print(f"{name:<42} skipped: no such URL yet")
        return None


def path_or_none(path: str) -> str | None:
    try:
        resolve(path)
    except Resolver404:
        print(f"{path:<42} skipped: no such URL yet")
        return None
    return path


def get(client, url):
    return lambda: client.get(url)


def measure_hours(client) -> None:
    """Welfare hours of the whole city (a year of weeks for 266 complexes): the norm view per
    complex and district, the API, and the two selectors behind the alert and the norm view."""
    gemeente = User.objects.get(username="gemeente")
    norm = path_or_none("/interventions/hours/norm/")
    api = path_or_none("/api/v1/hours/")
    for username in ("gemeente", "welzijn1"):
        client.force_login(User.objects.get(username=username))
        if norm:
            for by in ("complex", "district"):
                url = f"{norm}?by={by}"
                measure(f"GET {url} as {username}", get(client, url))
        if api:
            measure(f"GET {api} as {username}", get(client, api))
    measure(
        "hours_below_norm (city) as gemeente",
        lambda: interventions_selectors.hours_below_norm(user=gemeente),
    )
    for by in ("complex", "district"):
        measure(
            f"hours_norm_rows(by={by}) as gemeente",
            lambda by=by: interventions_selectors.hours_norm_rows(user=gemeente, by=by),
        )


def measure_indicators() -> None:
    """The cohesion index of the whole city (266 complexes × 53 weeks, set-based): a run that
    rewrites every snapshot (the weights change between rounds), one with nothing to write (the
    nightly case after a quiet day), and the recalculation one edit schedules for one complex."""
    this_week = Week.of(timezone.localdate())
    year = {"first": this_week.shifted(-52), "last": this_week}
    weights = iter([2, 1] * ROUNDS)

    def rewrite_all():
        IndicatorSettings.objects.filter(pk=1).update(weight_hours=next(weights))
        evaluations_services.indicators_recalculate(**year)

    measure("recalculate city, 53 weeks, all rewritten", rewrite_all, rounds=2)
    measure(
        "recalculate city, 53 weeks, none changed",
        lambda: evaluations_services.indicators_recalculate(**year),
        rounds=2,
    )
    complex_id = Complex.objects.order_by("-units", "pk").values_list("pk", flat=True).first()
    measure(
        "recalculate one complex (after an edit)",
        lambda: evaluations_services.indicators_recalculate_complex(complex_id=complex_id),
    )


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}, {ROUNDS} rounds each")
        measure("seed_demo (266 complexes, first run)", seed_demo_city, rounds=1)
        measure("seed_demo (266 complexes, re-run)", seed_demo_city, rounds=2)
        client = Client()
        residents_list = url_or_none("residents:resident_list")
        residents_api = path_or_none("/api/v1/residents/")
        # Subsidies: the lists officials and corporations open most (screens, then the API).
        funding_lists = [
            url
            for url in (
                url_or_none("interventions:intervention_list"),
                url_or_none("interventions:grant_list"),
                url_or_none("interventions:reports_due"),
                path_or_none("/api/v1/grants/"),
                path_or_none("/api/v1/interventions/"),
            )
            if url
        ]
        for username in ("gemeente", "corporatie1", "welzijn1"):
            user = User.objects.get(username=username)
            client.force_login(user)
            measure(f"GET /complexes/ as {username}", get(client, "/complexes/"))
            measure(f"GET /api/v1/complexes/ as {username}", get(client, "/api/v1/complexes/"))
            # The biggest complex this user sees: the detail page's heaviest case.
            largest = Complex.objects.visible_to(user).order_by("-units", "pk").first()
            detail = url_or_none("complexes:complex_detail", largest.pk)
            if detail:
                measure(
                    f"GET complex page ({largest.units} units) as {username}", get(client, detail)
                )
            if residents_list and username != "gemeente":
                measure(f"GET {residents_list} as {username}", get(client, residents_list))
            if residents_api and username != "gemeente":
                measure(f"GET {residents_api} as {username}", get(client, residents_api))
            for url in funding_lists:
                measure(f"GET {url} as {username}", get(client, url))
        measure("GET / (overview) as welzijn1", lambda: client.get("/"))
        measure("GET /healthz", lambda: client.get("/healthz"))
        measure_hours(client)
        measure_indicators()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
