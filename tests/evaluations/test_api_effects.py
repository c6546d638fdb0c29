"""The API's ``effect`` of an intervention: the windows before, during and after, null
where there are no figures, hidden without the indicator permission, and no query per row."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leefbaarheid import roles
from tests.evaluations.helpers import LIST, _detail, _lasting_intervention
from tests.factories import ComplexFactory, InterventionFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/interventions/"


@pytest.fixture
def staff_without_indicators(corporation_staff):
    """Corporation staff as if their role could not read the cohesion index."""
    permission = Permission.objects.get(
        content_type__app_label="evaluations", codename="view_indicatorsnapshot"
    )
    Group.objects.get(name=roles.CORPORATION_STAFF).permissions.remove(permission)
    return corporation_staff


def test_without_the_indicator_permission_the_effect_is_not_shown(
    client, api_client, staff_without_indicators, own_complex
):
    intervention = _lasting_intervention(own_complex)
    client.force_login(staff_without_indicators)
    page = client.get(_detail(intervention))
    assert page.status_code == 200
    assert "effect" not in page.context
    assert b'id="effect-heading"' not in page.content
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert b"data-verdict" not in listing.content
    api_client.force_authenticate(staff_without_indicators)
    assert api_client.get(f"{API}{intervention.pk}/").json()["effect"] is None


# The API --------------------------------------------------------------------------------------
def test_the_api_gives_the_effect_of_an_intervention(api_client, corporation_staff, own_complex):
    intervention = _lasting_intervention(own_complex)
    api_client.force_authenticate(corporation_staff)
    response = api_client.get(f"{API}{intervention.pk}/")
    assert response.status_code == 200
    assert response.json()["effect"] == {
        "before": "40.0",
        "during": "60.0",
        "after_3": "55.0",
        "after_6": "55.0",
        "after_12": "55.0",
        "gain": "20.0",
        "kept_share": 75,
        "verdict": "held",
    }


def test_the_api_says_null_for_windows_without_figures(api_client, official, own_complex):
    intervention = InterventionFactory(complex=own_complex)  # running, no snapshots
    api_client.force_authenticate(official)
    effect = api_client.get(f"{API}{intervention.pk}/").json()["effect"]
    assert effect["verdict"] == "too_early"
    assert effect["before"] is None and effect["after_12"] is None and effect["gain"] is None


def _api_list_queries(api_client) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(API)
    assert response.status_code == 200
    return len(queries), response.json()["results"]


def test_the_api_list_gives_every_effect_without_a_query_per_row(api_client, official):
    for _n in range(3):
        _lasting_intervention(ComplexFactory())
    api_client.force_authenticate(official)
    api_client.get(API)  # warm the role and permission caches of the user
    few, _rows = _api_list_queries(api_client)
    for _n in range(27):
        _lasting_intervention(ComplexFactory(), after=44)
    many, rows = _api_list_queries(api_client)
    assert many == few <= 4  # count, page, snapshots, settings
    verdicts = [row["effect"]["verdict"] for row in rows]
    assert sorted(set(verdicts)) == ["faded", "held"]
    assert verdicts.count("held") == 3
