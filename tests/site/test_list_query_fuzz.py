"""Every list screen answers whatever its query string says: random text, huge and negative
numbers, odd weeks, dates and years in each of its parameters give the page (200) or a refusal
(400), never a 500. Bounded: a handful of generated query strings per screen."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from complexes.filters import ComplexFilterSet, OccupancyFilterSet
from evaluations.filters import IndicatorFilterSet, SurveyFilterSet
from interventions.filters import (
    GrantFilterSet,
    HoursFilterSet,
    InterventionFilterSet,
    ProviderFilterSet,
    SchemeFilterSet,
)
from leefbaarheid import bounds
from residents.filters import (
    ActivityFilterSet,
    MutualHelpFilterSet,
    ResidentFilterSet,
    ResidentGroupFilterSet,
    RoomBookingFilterSet,
)
from tests.factories import ActivityFactory, RoomBookingFactory
from tests.site.helpers import VALUES, bounded

# The values that broke a screen before: each is given to every parameter of every screen.
SPOTLIGHT = ["-1", "0.0", str(bounds.MAX_ID + 1), "9999-W52", "0001-01-01", "²"]
COMMON = ["page", "sort", "format", "by", "week", "date", "year"]


def _names(filterset=None, *extra: str) -> list[str]:
    return [*(filterset.base_filters if filterset else ()), *COMMON, *extra]


# (screen, role, its query parameters)
SCREENS = [
    ("complexes:complex_list", "functional_admin", _names(ComplexFilterSet)),
    ("residents:resident_list", "corporation_staff", _names(ResidentFilterSet)),
    ("residents:group_list", "corporation_staff", _names(ResidentGroupFilterSet)),
    ("residents:activity_list", "corporation_staff", _names(ActivityFilterSet)),
    ("residents:booking_list", "corporation_staff", _names(RoomBookingFilterSet)),
    ("residents:booking_calendar", "corporation_staff", _names(None, "complex")),
    ("residents:mutual_help_list", "corporation_staff", _names(MutualHelpFilterSet)),
    ("residents:to_welcome", "welfare_professional", _names(None, "complex")),
    ("residents:out_of_sight", "welfare_professional", _names(None, "complex")),
    ("interventions:intervention_list", "official", _names(InterventionFilterSet)),
    ("interventions:grant_list", "official", _names(GrantFilterSet)),
    ("interventions:reports_due", "official", _names(GrantFilterSet)),
    ("interventions:scheme_list", "official", _names(SchemeFilterSet)),
    ("interventions:provider_list", "official", _names(ProviderFilterSet)),
    ("interventions:hours_norm", "official", _names(HoursFilterSet)),
    ("interventions:hours_export", "official", _names(HoursFilterSet)),
    ("interventions:hours_week", "welfare_professional", _names(None, "professional")),
    ("interventions:hours_approval", "functional_admin", _names()),
    ("interventions:hours_missing", "functional_admin", _names()),
    ("interventions:welfare_calendar", "official", _names(None, "organisation")),
    ("evaluations:indicator_list", "official", _names(IndicatorFilterSet)),
    ("evaluations:indicator_export", "official", _names(IndicatorFilterSet)),
    ("evaluations:survey_list", "official", _names(SurveyFilterSet)),
    ("evaluations:scenario_list", "official", _names()),
    ("search", "functional_admin", _names(None, "q")),
]


CHOOSING = {
    "residents:booking_calendar",
    "interventions:hours_week",
    "interventions:welfare_calendar",
}


@pytest.fixture
def rows(own_complex, welfare_professional):
    """A record or two, so filters have something to narrow."""
    ActivityFactory(complex=own_complex)
    RoomBookingFactory(complex=own_complex)


@pytest.mark.parametrize(("name", "role", "names"), SCREENS, ids=[s[0] for s in SCREENS])
def test_a_list_screen_answers_any_query_with_a_page_or_a_refusal(
    client, request, rows, name, role, names
):
    client.force_login(request.getfixturevalue(role))
    url = reverse(name)
    # Where a parameter chooses the page's object (the calendar's complex, the welfare
    # calendar's year, whose week grid), one that is not there is a 404.
    answered = (200, 400, 404) if name in CHOOSING else (200, 400)

    def answers(query):
        response = client.get(url, query)
        assert response.status_code in answered, (query, response.status_code)

    # Every parameter at once with the same odd value, then generated mixes of them.
    for value in SPOTLIGHT:
        answers(dict.fromkeys(names, value))

    @bounded(max_examples=6)
    @given(query=st.fixed_dictionaries(dict.fromkeys(names, VALUES)))
    def generated(query):
        answers(query)

    generated()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "x"])
def test_the_occupancy_list_answers_odd_dates(client, functional_admin, own_complex, value):
    client.force_login(functional_admin)
    url = reverse("complexes:occupancy_list", args=[own_complex.pk])
    for name in OccupancyFilterSet.base_filters:
        assert client.get(url, {name: value}).status_code in (200, 400)
