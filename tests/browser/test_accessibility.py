"""An accessibility crawl with axe-core: for each role, the start page, every page the menu links
to, a complex page, a grant and (for the professional) the week grid; and the login page for a
visitor. No violation of WCAG 2 A/AA rules with impact serious or critical may remain.

axe-core comes from npm (``package.json``, copied by ``npm run vendor`` into
``tests/browser/vendor/axe.min.js``, for the tests only: it is never served). Playwright injects it
with ``add_script_tag``; the site's Content-Security-Policy refuses scripts it did not serve, so
these pages run in a browser context with ``bypass_csp=True`` — this module only. The other browser
tests keep the policy on and check it is never violated."""

import datetime
from pathlib import Path

import pytest
import time_machine

from leefbaarheid import roles
from tests.factories import GrantFactory, UserFactory
from tests.helpers import AMSTERDAM, sign_in, today, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA; a violation of these with this impact fails the crawl.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN_AXE = """tags => axe
  .run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary),
  })))"""

# Pages of other projects' making, linked from the user menu: Django's admin site and the API
# documentation (Swagger UI from drf-spectacular's sidecar).
FOREIGN = ("/admin/", "/api/")

USERNAMES = {
    roles.WELFARE_PROFESSIONAL: "wendy",
    roles.CORPORATION_STAFF: "carla",
    roles.MUNICIPALITY_OFFICIAL: "gerrit",
    roles.INTERVENTION_TEAM: "ingrid",
    roles.FUNCTIONAL_ADMIN: "anouk",
}


def _axe_page(browser):
    return watched_page(browser, 1366, 900, bypass_csp=True)


def _violations(page, url) -> list[str]:
    """Open ``url`` and return axe's serious and critical violations there, one line each."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [
        f"{page.url} — {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in found
        if v["impact"] in BLOCKING
    ]


def _menu_urls(page) -> list[str]:
    """Every page the menu links to (dropdown items included), without duplicates."""
    hrefs = page.eval_on_selector_all(
        "#main-nav a.nav-link:not(.dropdown-toggle), #main-nav a.dropdown-item",
        "links => links.map(link => link.href)",
    )
    return list(dict.fromkeys(href for href in hrefs if not any(p in href for p in FOREIGN)))


@pytest.fixture
def city(own_complex, corporation_staff, welfare_professional, official, team_member, settings):
    """A complex with a grant, and one user of every role (the fixtures name them). The map's
    background tiles come from the internet, which the tests do not reach: the crawl reads the
    map without them (the map's own tests cover tiles that load and tiles that fail)."""
    settings.MAP_TILES = ""
    UserFactory(username="anouk", role=roles.FUNCTIONAL_ADMIN, is_staff=True)
    return {"complex": own_complex, "grant": GrantFactory(complex=own_complex)}


def test_the_login_page_has_no_serious_violation(browser, live_server):
    page = _axe_page(browser)
    try:
        problems = _violations(page, live_server.url + "/accounts/login/")
        assert problems == [], "\n".join(problems)
        assert page.problems == []
    finally:
        page.context.close()


def test_no_page_of_any_roles_menu_has_a_serious_violation(browser, live_server, city):
    """Each role signs in and crawls its start page, its menu, the complex and (when it may see
    it) the grant. A page another role has already checked is skipped: the crawl stays
    well under a minute, and the professional goes first, for the week grid and their view of
    the complex. On the last Friday (the week grid offers to submit the week from Friday on),
    so that the pages are the same on any day the suite runs."""
    friday = today() - datetime.timedelta(days=(today().weekday() - 4) % 7)
    with time_machine.travel(
        datetime.datetime.combine(friday, datetime.time(10), tzinfo=AMSTERDAM), tick=True
    ):
        problems, checked = _crawl(browser, live_server, city)
    assert "/interventions/hours/" in checked and "/evaluations/budget/" in checked
    assert len(checked) >= 20, sorted(checked)
    assert problems == [], "\n".join(problems)


def _crawl(browser, live_server, city) -> tuple[list[str], set[str]]:
    from django.contrib.auth import get_user_model

    checked: set[str] = set()
    problems: list[str] = []
    for role, username in USERNAMES.items():
        user = get_user_model().objects.get(username=username)
        page = _axe_page(browser)
        try:
            sign_in(page, live_server.url, username)
            urls = [live_server.url + "/", *_menu_urls(page)]
            urls.append(live_server.url + city["complex"].get_absolute_url())
            if user.has_perm("interventions.view_grant"):
                urls.append(live_server.url + city["grant"].get_absolute_url())
            for url in dict.fromkeys(urls):
                path = url.removeprefix(live_server.url)
                if path in checked:
                    continue
                checked.add(path)
                problems += [f"{role}: {line}" for line in _violations(page, url)]
            problems += [f"{role}: console: {problem}" for problem in page.problems]
        finally:
            page.context.close()
    return problems, checked
