"""Interventions that last: the complex's cohesion index before, during and 3, 6 and 12 months
after an intervention, and whether the effect held — on hand-written weekly snapshots, since
snapshots are exactly what the selector reads. Then the intervention page, the list's verdict
column and the API's ``effect``."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluations.choices import Status
from evaluations.models import IndicatorSettings, IndicatorSnapshot
from evaluations.selectors import intervention_effect, intervention_effects
from interventions.choices import InterventionStatus, Verdict
from leefbaarheid import roles
from leefbaarheid.weeks import Week
from tests.factories import ComplexFactory, InterventionFactory
from tests.helpers import today

pytestmark = pytest.mark.django_db

# Start in 2024-W10, end in 2024-W35; a year and a quarter later every window is over.
START = datetime.date(2024, 3, 6)
END = datetime.date(2024, 8, 30)
LATER = datetime.date(2025, 12, 1)
LIST = reverse("interventions:intervention_list")
API = "/api/v1/interventions/"


def _history(complex_, *, start, end, before, during, after, first=None, last=None, weeks=None):
    """Weekly snapshots of ``complex_`` from ``first`` to ``last``: index ``before`` up to the
    start week, ``during`` through the end week, ``after`` since (a number, or a function of the
    week's Monday). ``weeks`` overrides single weeks ({Week: index or None for "no data"}, a
    week mapped to ``...`` gets no snapshot at all)."""
    first = Week.of(first or start - datetime.timedelta(weeks=12))
    last = Week.of(last or today())
    start_monday, end_monday = Week.of(start).monday, Week.of(end).monday if end else None
    rows, week = [], first
    while week <= last:
        if week.monday < start_monday:
            index = before
        elif end_monday is None or week.monday <= end_monday:
            index = during
        else:
            index = after(week.monday) if callable(after) else after
        index = (weeks or {}).get(week, index)
        if index is not ...:
            rows.append(
                IndicatorSnapshot(
                    complex=complex_,
                    year=week.year,
                    week=week.week,
                    week_start=week.monday,
                    index=None if index is None else Decimal(index),
                    status=Status.NO_DATA if index is None else Status.AMBER,
                    calculated_at=timezone.now(),
                )
            )
        week = week.shifted(1)
    IndicatorSnapshot.objects.bulk_create(rows)


def _intervention(complex_, *, start=START, end=END, **history):
    status = InterventionStatus.COMPLETED if end else InterventionStatus.RUNNING
    intervention = InterventionFactory(complex=complex_, start=start, end=end, status=status)
    if history:
        history.setdefault("last", LATER if start == START else None)
        _history(complex_, start=start, end=end, **history)
    return intervention


def _effect(intervention, user, on=LATER):
    return intervention_effect(intervention, user=user, today=on)


def _figures(effect) -> list:
    return [window.mean for window in effect.windows]


def _settings(**values) -> None:
    IndicatorSettings.objects.update_or_create(pk=1, defaults=values)


# The verdicts ---------------------------------------------------------------------------------


def test_an_effect_that_stayed_held(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    effect = _effect(intervention, official)
    assert _figures(effect) == [Decimal("40.0"), Decimal("60.0"), *[Decimal("55.0")] * 3]
    assert effect.gain == Decimal("20.0")
    assert effect.kept_share == 75
    assert effect.verdict == Verdict.HELD
    assert effect.judged == effect.after_12


def test_an_effect_that_fell_back_faded(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=44)
    effect = _effect(intervention, official)
    assert effect.kept_share == 20
    assert effect.verdict == Verdict.FADED


def test_the_latest_after_window_decides(own_complex, official):
    # Held at 3 and 6 months, gone after a year: it did not last.
    fell_back = datetime.date(2025, 6, 1)
    intervention = _intervention(
        own_complex, before=40, during=60, after=lambda monday: 55 if monday < fell_back else 42
    )
    effect = _effect(intervention, official)
    assert [effect.after_3.mean, effect.after_6.mean, effect.after_12.mean] == [
        Decimal("55.0"),
        Decimal("55.0"),
        Decimal("42.0"),
    ]
    assert effect.verdict == Verdict.FADED
    assert effect.judged == effect.after_12


def test_the_latest_after_window_with_data_decides(foreign_complex, official):
    # No snapshots at all a year after: the 6-month figure is the latest there is.
    after_12 = Week.of(datetime.date(2025, 8, 30))
    gap = {after_12.shifted(n): ... for n in range(4)}
    intervention = _intervention(foreign_complex, before=40, during=60, after=55, weeks=gap)
    effect = _effect(intervention, official)
    assert effect.after_12.mean is None
    assert not effect.after_12.to_come
    assert effect.judged == effect.after_6
    assert effect.verdict == Verdict.HELD


def test_a_small_rise_is_no_effect_until_the_smallest_effect_is_lowered(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=43, after=43)
    assert _effect(intervention, official).verdict == Verdict.NO_EFFECT
    _settings(effect_min_gain=Decimal("2.0"))
    effect = _effect(intervention, official)
    assert effect.verdict == Verdict.HELD
    assert effect.kept_share == 100


def test_the_share_that_must_last_is_a_setting(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)  # 75 % kept
    _settings(effect_kept_share=80)
    assert _effect(intervention, official).verdict == Verdict.FADED
    _settings(effect_kept_share=75)
    assert _effect(intervention, official).verdict == Verdict.HELD


def test_no_rise_is_no_effect_even_when_any_gain_counts(own_complex, official):
    _settings(effect_min_gain=Decimal(0))
    intervention = _intervention(own_complex, before=50, during=50, after=50)
    effect = _effect(intervention, official)
    assert effect.gain == Decimal("0.0")
    assert effect.kept_share is None
    assert effect.verdict == Verdict.NO_EFFECT


def test_a_running_intervention_is_too_early(own_complex, official):
    intervention = _intervention(own_complex, end=None, before=40, during=60, after=None)
    effect = _effect(intervention, official, on=datetime.date(2024, 6, 5))
    assert effect.verdict == Verdict.TOO_EARLY
    assert (effect.before.mean, effect.during.mean, effect.gain) == (
        Decimal("40.0"),
        Decimal("60.0"),
        Decimal("20.0"),
    )
    # During runs up to this week (2024-W23), and nothing is after yet.
    assert (effect.during.first, effect.during.last) == (Week(2024, 10), Week(2024, 23))
    assert all(window.to_come and window.mean is None for window in effect.after)


def test_an_intervention_that_ended_a_month_ago_is_too_early(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=20)
    effect = _effect(intervention, official, on=END + datetime.timedelta(days=31))
    assert effect.verdict == Verdict.TOO_EARLY
    # The snapshots after the end exist, but no after-window is over: none is read.
    assert all(window.to_come and window.mean is None for window in effect.after)


def test_three_months_after_the_first_window_judges(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    effect = _effect(intervention, official, on=datetime.date(2024, 12, 23))  # 2024-W52
    assert not effect.after_3.to_come
    assert effect.after_6.to_come and effect.after_12.to_come
    assert effect.judged == effect.after_3
    assert effect.verdict == Verdict.HELD


def test_without_snapshots_before_the_start_there_is_no_data(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55, first=START)
    effect = _effect(intervention, official)
    assert effect.before.mean is None
    assert effect.gain is None
    assert effect.verdict == Verdict.NO_DATA


def test_without_snapshots_after_the_end_there_is_no_data(own_complex, official):
    intervention = _intervention(own_complex, before=40, during=60, after=55, last=END)
    effect = _effect(intervention, official)
    assert effect.gain == Decimal("20.0")
    assert effect.verdict == Verdict.NO_DATA


def test_weeks_without_an_index_are_left_out_not_counted_as_zero(own_complex, official):
    # The 8 weeks before 2024-W10 are W02–W09: two without a snapshot, two "no data".
    weeks = {
        Week(2024, 2): ...,
        Week(2024, 3): ...,
        Week(2024, 4): None,
        Week(2024, 5): None,
        Week(2024, 6): 40,
        Week(2024, 7): 42,
        Week(2024, 8): 44,
        Week(2024, 9): 46,
        Week(2024, 20): None,  # one "no data" week while it ran
    }
    intervention = _intervention(own_complex, before=40, during=60, after=55, weeks=weeks)
    effect = _effect(intervention, official)
    assert (effect.before.mean, effect.before.weeks_with_data) == (Decimal("43.0"), 4)
    assert (effect.during.mean, effect.during.weeks_with_data) == (Decimal("60.0"), 25)
    assert effect.gain == Decimal("17.0")


def test_the_windows_are_exactly_the_weeks_defined(own_complex, official):
    after_3 = Week.of(datetime.date(2024, 11, 30))  # end + 3 months: 2024-W48
    # A week just outside each window would pull its mean to 0 if it were counted.
    outside = {Week(2024, 1): 0, after_3.shifted(-1): 0, after_3.shifted(4): 0}
    intervention = _intervention(own_complex, before=40, during=60, after=55, weeks=outside)
    effect = _effect(intervention, official)
    bounds = [(window.first, window.last) for window in effect.windows]
    assert bounds == [
        (Week(2024, 2), Week(2024, 9)),
        (Week(2024, 10), Week(2024, 35)),
        (Week(2024, 48), Week(2024, 51)),
        (Week(2025, 9), Week(2025, 12)),
        (Week(2025, 35), Week(2025, 38)),
    ]
    assert _figures(effect) == [Decimal("40.0"), Decimal("60.0"), *[Decimal("55.0")] * 3]
    assert [window.weeks_with_data for window in effect.windows] == [8, 26, 4, 4, 4]


def test_an_end_on_the_31st_counts_months_to_the_months_last_day(own_complex, official):
    intervention = _intervention(own_complex, end=datetime.date(2024, 8, 31))
    effect = _effect(intervention, official)
    assert effect.after_6.first == Week.of(datetime.date(2025, 2, 28))


def test_the_figures_of_a_complex_out_of_reach_stay_hidden(
    own_complex, other_corporation_staff, corporation_staff
):
    intervention = _intervention(own_complex, before=40, during=60, after=55)
    assert _effect(intervention, corporation_staff).verdict == Verdict.HELD
    effect = _effect(intervention, other_corporation_staff)
    assert _figures(effect) == [None] * 5
    assert effect.verdict == Verdict.NO_DATA


def test_many_interventions_take_one_query_for_their_snapshots(official, django_assert_num_queries):
    interventions = []
    for n in range(12):
        complex_ = ComplexFactory()
        after = 55 if n % 2 else 44
        interventions.append(_intervention(complex_, before=40, during=60, after=after))
    _settings()  # the row exists; reading it is the second query
    roles.user_roles(official)  # the roles are read once per request, not per query
    with django_assert_num_queries(2):
        effects = intervention_effects(interventions, user=official, today=LATER)
    assert [effects[i.pk].verdict for i in interventions] == [Verdict.FADED, Verdict.HELD] * 6
    assert effects[interventions[1].pk] == _effect(interventions[1], official)


# The intervention page ------------------------------------------------------------------------


def _lasting_intervention(complex_, *, after=55):
    """An intervention a year and a half ago, with its index history up to today."""
    start = today() - datetime.timedelta(days=600)
    end = start + datetime.timedelta(days=100)
    return _intervention(complex_, start=start, end=end, before=40, during=60, after=after)


def _detail(intervention) -> str:
    return reverse("interventions:intervention_detail", args=[intervention.pk])


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
