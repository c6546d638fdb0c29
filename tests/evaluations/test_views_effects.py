"""Whether an intervention's effect lasted, on its page and in the list's verdict
column: the windows to come in Dutch, a foreign intervention still a 404, and a bounded query
count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interventions.choices import Verdict
from tests.evaluations.helpers import LIST, _detail, _intervention, _lasting_intervention
from tests.factories import ComplexFactory, InterventionFactory
from tests.helpers import today

pytestmark = pytest.mark.django_db

# The intervention page ------------------------------------------------------------------------


def test_the_page_shows_whether_the_effect_lasted(client, corporation_staff, own_complex):
    intervention = _lasting_intervention(own_complex)
    client.cookies["django_language"] = "en"
    client.force_login(corporation_staff)
    response = client.get(_detail(intervention))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Did it last?" in content
    assert "The effect held" in content
    for key, figure in [("before", "40.0"), ("during", "60.0"), ("after_3", "55.0")]:
        assert f'data-figure="{key}"><strong>{figure}</strong>' in content
    assert 'data-figure="after_12"><strong>55.0</strong>' in content
    assert 'data-figure="gain">+20.0</strong>' in content
    assert "75% of it still there" in content
    assert "8 weeks before the start week" in content  # the windows explained


def test_the_page_says_not_yet_for_windows_to_come_in_dutch(client, corporation_staff, own_complex):
    intervention = _intervention(
        own_complex,
        start=today() - datetime.timedelta(days=120),
        end=today() - datetime.timedelta(days=30),
        before=40,
        during=60,
        after=58,
    )
    client.force_login(corporation_staff)
    response = client.get(_detail(intervention))
    assert response.context["effect"].verdict == Verdict.TOO_EARLY
    assert 'data-verdict="too_early"' in response.content.decode()
    assert all(window.to_come for window in response.context["effect"].after)


def test_a_foreign_intervention_is_still_a_404(client, other_corporation_staff, own_complex):
    intervention = _lasting_intervention(own_complex)
    client.force_login(other_corporation_staff)
    assert client.get(_detail(intervention)).status_code == 404


def test_a_professional_sees_the_effect_in_an_assigned_complex(
    client, welfare_professional, own_complex
):
    intervention = _lasting_intervention(own_complex, after=44)
    client.force_login(welfare_professional)
    response = client.get(_detail(intervention))
    assert response.context["effect"].verdict == Verdict.FADED
    assert 'data-verdict="faded"' in response.content.decode()


# The list -------------------------------------------------------------------------------------
def test_the_list_shows_each_verdict(client, official):
    held = _lasting_intervention(ComplexFactory())
    faded = _lasting_intervention(ComplexFactory(), after=44)
    running = InterventionFactory(complex=ComplexFactory())
    client.force_login(official)
    response = client.get(LIST)
    table = response.context["table"]
    verdicts = {row.record.pk: table.effects[row.record.pk].verdict for row in table.paginated_rows}
    assert verdicts == {
        held.pk: Verdict.HELD,
        faded.pk: Verdict.FADED,
        running.pk: Verdict.TOO_EARLY,
    }
    content = response.content.decode()
    for verdict in ("held", "faded", "too_early"):
        assert f'data-verdict="{verdict}"' in content


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_interventions(client, official):
    for _n in range(3):
        _lasting_intervention(ComplexFactory())
    client.force_login(official)
    client.get(LIST)  # warm the session and permission lookups
    few = _list_queries(client)
    for n in range(27):
        _lasting_intervention(ComplexFactory(), after=44 if n % 2 else 55)
    assert _list_queries(client) == few
    # The list's own ceiling (12) plus the snapshots and the settings row.
    assert few <= 14
