"""Where to act: the list (scoped, with a link to the complex and to a grant application), the
tile on the home page, and the complex's need on the grant application and decision screens."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.choices import Status
from interventions.choices import GrantStatus
from tests.evaluations import helpers
from tests.evaluations.helpers import TODAY, amber, red, statuses
from tests.factories import ComplexFactory, GrantFactory
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

_english = helpers._english
ACT = reverse("evaluations:act_list")
HOME = reverse("home")


@pytest.fixture(autouse=True)
def _today():
    with at(TODAY.year, TODAY.month, TODAY.day):
        yield


@pytest.fixture
def needy(own_complex, foreign_complex):
    """The own complex red for 3 weeks, the foreign one amber for 9, a third one green."""
    statuses(own_complex, *red(3))
    statuses(foreign_complex, *amber(9))
    statuses(ComplexFactory(name="Groen"), Status.GREEN)
    return own_complex, foreign_complex


def _rows(response) -> list[str]:
    return [item["row"].complex.name for item in response.context["rows"]]


def test_the_list_shows_status_weeks_index_reasons_and_links(client, official, needy):
    own, foreign = needy
    client.force_login(official)
    response = client.get(ACT)
    html = response.content.decode()

    assert _rows(response) == [own.name, foreign.name]
    assert f'href="{own.get_absolute_url()}"' in html
    assert f"{reverse('interventions:grant_apply')}?complex={own.pk}" in html
    assert "<td data-weeks>3</td>" in html and "<td data-weeks>9</td>" in html
    assert "30.0" in html and 'data-component="occupancy"' in html
    assert "Groen" not in html


def test_corporation_staff_see_their_own(client, corporation_staff, needy):
    own, _foreign = needy
    client.force_login(corporation_staff)
    assert _rows(client.get(ACT)) == [own.name]


def test_the_team_sees_the_city_without_links_it_may_not_follow(client, team_member, needy):
    client.force_login(team_member)
    response = client.get(ACT)
    html = response.content.decode()
    assert len(_rows(response)) == 2
    assert reverse("interventions:grant_apply") not in html
    assert "/indicators/complex/" not in html


def test_nothing_to_do_says_so(client, official):
    client.force_login(official)
    assert 'id="act-none"' in client.get(ACT).content.decode()


@pytest.mark.parametrize("user", ["corporation_staff", "official"])
def test_the_home_tile_counts_the_list_and_links_to_it(client, request, needy, user):
    user = request.getfixturevalue(user)
    client.force_login(user)
    home = client.get(HOME)
    html = home.content.decode()
    assert home.context["act_count"] == len(client.get(ACT).context["rows"])
    assert f'href="{ACT}">{home.context["act_count"]}</a>' in html


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    return len(queries)


def test_the_home_page_queries_do_not_grow_with_the_city(client, official):
    client.force_login(official)
    client.get(HOME)  # sessions and caches settled
    statuses(ComplexFactory(), *red(2))
    statuses(ComplexFactory(), *amber(8))
    once = _home_queries(client)
    for _number in range(2):
        statuses(ComplexFactory(), *red(2))
        statuses(ComplexFactory(), *amber(8))
    assert _home_queries(client) == once
    assert client.get(HOME).context["act_count"] == 6


# The need on the grant screens ------------------------------------------------------------------


def test_the_application_form_shows_the_need_of_the_chosen_complex(
    client, corporation_staff, own_complex
):
    statuses(own_complex, *(Status.GREEN,) * 4, *(Status.AMBER,) * 4, Status.RED)
    client.force_login(corporation_staff)
    html = client.get(f"{reverse('interventions:grant_apply')}?complex={own_complex.pk}")
    html = html.content.decode()
    assert 'id="complex-need"' in html
    assert 'data-need-status="red"' in html
    assert html.count('<td data-week="') == 8
    assert "(change: -50.0)" in html
    assert 'data-component="occupancy"' in html


def test_the_award_screen_shows_the_need(client, official, own_complex):
    statuses(own_complex, *amber(9))
    grant = GrantFactory(complex=own_complex, status=GrantStatus.APPLIED)
    client.force_login(official)
    html = client.get(reverse("interventions:grant_step", args=[grant.pk, "award"]))
    html = html.content.decode()
    assert 'data-need-status="amber"' in html
    assert html.count('<td data-week="') == 8


def test_no_panel_without_an_index(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    html = client.get(f"{reverse('interventions:grant_apply')}?complex={own_complex.pk}")
    assert 'id="complex-need"' not in html.content.decode()
