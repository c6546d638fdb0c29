"""Every figure on the home page is a link to the filtered list behind it, and the figure is
what that list holds for the same user: rows counted, or units summed."""

import datetime
import re

import pytest
from django.db.models import Sum

from evaluations.choices import Status
from interventions.choices import GrantStatus
from tests.evaluations.helpers import TODAY, amber, red, statuses
from tests.factories import ComplexFactory, GrantFactory
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'<a class="stretched-link text-reset" href="([^"]+)">([\d.,]+)</a>')


@pytest.fixture(autouse=True)
def _today():
    with at(TODAY.year, TODAY.month, TODAY.day):
        yield


@pytest.fixture
def city(own_complex, foreign_complex, corporation):
    """Two complexes of the own corporation and one foreign, with vacancy, Thuisplus, grants
    in every stage that counts, and statuses of the index."""
    second = ComplexFactory(corporation=corporation, units=40, vacant_units=0, is_thuisplus=True)
    own_complex.units, own_complex.vacant_units = 30, 3
    own_complex.save()
    foreign_complex.units, foreign_complex.vacant_units = 50, 5
    foreign_complex.is_thuisplus = True
    foreign_complex.save()
    day = datetime.timedelta(days=1)
    for complex_ in (own_complex, second, foreign_complex):
        GrantFactory(complex=complex_, status=GrantStatus.APPLIED)
    GrantFactory(complex=own_complex, status=GrantStatus.RUNNING, report_due=TODAY - day)
    GrantFactory(complex=foreign_complex, status=GrantStatus.AWARDED, report_due=TODAY - day)
    GrantFactory(complex=second, status=GrantStatus.RUNNING, report_due=TODAY + 10 * day)
    statuses(own_complex, *red(2))
    statuses(second, *amber(9))
    statuses(foreign_complex, Status.GREEN)
    return own_complex, second, foreign_complex


def _figures(client) -> list[tuple[str, int]]:
    html = client.get("/").content.decode()
    return [(url, int(re.sub(r"\D", "", value))) for url, value in FIGURE.findall(html)]


def _rows(client, url: str) -> int:
    """How many rows the list at ``url`` holds (the alert list of the norm page)."""
    context = client.get(url).context
    if "alerts" in context:
        return len(context["alerts"])
    if "rows" in context:
        return len(context["rows"])
    if "filter" in context:
        return context["filter"].qs.count()
    return len(context["table"].data)


def _units(client, url: str, field: str) -> int:
    return client.get(url).context["filter"].qs.aggregate(total=Sum(field))["total"] or 0


@pytest.mark.parametrize("role_fixture", ["corporation_staff", "official"])
def test_every_figure_is_what_its_list_holds(client, request, city, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    figures = _figures(client)
    urls = [url for url, _value in figures]
    assert "/complexes/?vacant=true" in urls
    assert "/complexes/?is_thuisplus=true" in urls
    assert "/grants/?status=applied" in "".join(urls)
    assert any(url.endswith("?due=overdue") for url in urls)
    assert any(url.endswith("?due=soon") for url in urls)
    assert any(url.endswith("?status=red") for url in urls)
    assert any(url.endswith("/act/") for url in urls)
    assert any("#hours-alerts" in url for url in urls)
    complexes_seen = False
    for url, value in figures:
        if url == "/complexes/" and not complexes_seen:  # the count, then the units
            complexes_seen = True
            assert value == client.get(url).context["filter"].qs.count(), url
        elif url == "/complexes/":
            assert value == _units(client, url, "units"), url
        elif url == "/complexes/?vacant=true":
            assert value == _units(client, url, "vacant_units"), url
        else:
            assert value == _rows(client, url.split("#")[0]), url


def test_the_figures_differ_by_user(client, corporation_staff, official, city):
    client.force_login(corporation_staff)
    own = dict(_figures(client))
    client.force_login(official)
    everything = dict(_figures(client))
    assert own["/complexes/?is_thuisplus=true"] == 1
    assert everything["/complexes/?is_thuisplus=true"] == 2
    assert own["/complexes/?vacant=true"] == 3
    assert everything["/complexes/?vacant=true"] == 8
