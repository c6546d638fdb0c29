"""A year and a week in a URL or a query string, generated (hypothesis): a real ISO week within
the bounds gives the page, anything else a 404 (a path, a screen that chooses its object by
it), a 400 naming the field in Dutch (the API, a filter that would export too much) or the page
with the error on its field (a list's filter) — never a 500.

The weeks are judged here by their definition, not by the code under test: four ASCII digits of
a year from ``bounds.EARLIEST_YEAR`` to ``bounds.LATEST_YEAR``, a dash, an optional ``W`` and a
week from 1 to the year's last (52 or 53). The routes with a year or a week in their path are
found by walking the URL resolver, so a new one cannot be left out. The test client raises on
an exception in a view, so a 500 fails loudly. Bounded: the whole module takes a few seconds.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import given
from hypothesis import strategies as st

from leefbaarheid import bounds, roles
from tests.factories import UserFactory
from tests.interventions.helpers import ORGANISATION, at, grant_approval
from tests.site.helpers import VALUES, bounded

# The definition -------------------------------------------------------------------------------

WEEK_TEXT = re.compile(r"([0-9]{4})-W?([0-9]{1,2})", re.IGNORECASE)


def is_week(year: int, week: int, first_year: int = bounds.EARLIEST_YEAR) -> bool:
    """An ISO week of a year within the bounds (28 December always lies in a year's last)."""
    return (
        first_year <= year <= bounds.LATEST_YEAR
        and 1 <= week <= datetime.date(year, 12, 28).isocalendar().week
    )


def week_text(text: str) -> bool:
    """``2026-W47`` (``2026-w47``, ``2026-47``) naming a real week within the bounds."""
    match = WEEK_TEXT.fullmatch(text.strip())
    return bool(match) and is_week(int(match[1]), int(match[2]))


def week_or_number_of(year: int) -> Callable[[str], bool]:
    """A week as text, or a bare week number of ``year`` (the filters' "week 5 of the year")."""

    def valid(text: str) -> bool:
        number = re.fullmatch(r"[0-9]{1,2}", text.strip())
        return week_text(text) or (bool(number) and is_week(year, int(text)))

    return valid


def year_from(first: int) -> Callable[[str], bool]:
    """Digits of a year from ``first`` to the last year of the bounds."""

    def valid(text: str) -> bool:
        text = text.strip()
        return bool(re.fullmatch(r"[0-9]{1,4}", text)) and first <= int(text) <= bounds.LATEST_YEAR

    return valid


def date_text(text: str) -> bool:
    """An ISO date within the bounds."""
    try:
        return bounds.date_in_range(datetime.date.fromisoformat(text.strip()))
    except ValueError:
        return False


def anything(text: str) -> bool:
    return True


def path_segment(text: str) -> int | None:
    """What ``<int:…>`` makes of a path segment: ASCII digits as a number, else no match."""
    if not re.fullmatch(r"[0-9]+", text) or len(text) > 4300:  # int() refuses longer ones
        return None
    return int(text)


# The generated input ----------------------------------------------------------------------------

YEARS = st.one_of(
    st.integers(bounds.EARLIEST_YEAR - 3, bounds.LATEST_YEAR + 3),
    st.sampled_from([0, 1, 1899, 1900, 2020, 2026, 2027, 2100, 2101, 9999, 10_000, 10**19]),
    st.integers(-(10**25), 10**25),
)
WEEKS = st.one_of(
    st.integers(0, 54), st.sampled_from([0, 1, 52, 53, 54, 99, 10**20]), st.integers(-3, 10**6)
)
ODD_WEEKS = [
    "2026-W53",  # 2026 has 53 weeks
    "2027-W53",  # 2027 has not
    "2020-W53",
    "9999-W52",
    "0001-W01",
    "1899-W52",
    "1900-W01",
    "2100-W52",
    "2101-W01",
    "2026-W",
    "2026-W00",
    "2026-w05",
    "2026-05",
    " 2026-W05 ",
    "2026-W005",
    "02026-W05",
    "٢٠٢٦-W05",  # Arabic-Indic digits
    "2026-W٠٥",
    "2026-W+5",
    "2026-W1_0",
    "2026W05",
    "W5",
    "5",
    "12345678901234567890-W01",
    "9" * 5000 + "-W01",
]
WEEK_TEXTS = st.one_of(
    st.sampled_from(ODD_WEEKS),
    st.builds("{}-{}{}".format, YEARS, st.sampled_from(["W", "w", ""]), WEEKS),
    st.builds("{}-W{:02d}".format, st.integers(1895, 2105), st.integers(0, 54)),
    WEEKS.map(str),
    VALUES,
)
ODD_YEARS = ["٢٠٢٦", "2026.0", "+2026", "2_026", " 2026 ", "02026", "2026-W05", "1e3", "²"]
YEAR_TEXTS = st.one_of(st.sampled_from(ODD_YEARS), YEARS.map(str), VALUES)
DATE_TEXTS = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2026-02-29", "2028-02-29", "20261125", "2026-W47-1", "25-11-2026"]),
    VALUES,
)
TEXTS = {"week": WEEK_TEXTS, "year": YEAR_TEXTS, "date": DATE_TEXTS}
# The values given to every parameter before the generated ones.
PINNED = {
    "week": ["2026-W53", "2027-W53", "9999-W52", "0001-W01", "2026-W", "٢٠٢٦-W05", "2026-W05"],
    "year": ["9999", "0", "٢٠٢٦", "2026.0", "12345678901234567890", "2026"],
    "date": ["9999-12-31", "0001-01-01", "2026-02-30", "2026-11-25"],
}


def nonblank(strategy):
    # A blank value is a parameter not given: the default, which other tests pin.
    return strategy.filter(lambda text: text.strip())


# The routes with a year or a week in their path ----------------------------------------------

# name: the methods it answers and who opens it ("own": the professional's own grid; "admin": the
# functional admin, and "lead": a team lead, with ``?professional=`` her id).
WEEK_ROUTES = {
    "interventions:hours_week": (("GET", "POST"), ("own", "admin", "lead")),
    "interventions:hours_week_submit": (("POST",), ("own", "admin")),
    "interventions:hours_week_withdraw": (("POST",), ("own", "admin")),
    "interventions:hours_week_unlock_at": (("POST",), ("admin",)),
}
ROUTE_CASES = [(name, who) for name, (_methods, whom) in WEEK_ROUTES.items() for who in whom]


def week_routes() -> dict[str, str]:
    """Every named route with a ``year`` or ``week`` in its path, as its path with ``{year}``
    and ``{week}`` in place of the converters."""
    found = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, route, inner)
            elif {"year", "week"} & set(entry.pattern.regex.groupindex):
                found[namespace + entry.name] = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_route_with_a_week_in_its_path_is_fuzzed():
    routes = week_routes()
    assert set(routes) == set(WEEK_ROUTES)
    assert routes["interventions:hours_week"] == "/interventions/hours/{year}/{week}/"


@pytest.fixture
def team_lead(welfare_professional):
    welfare_professional.organisation = ORGANISATION
    welfare_professional.save()
    lead = UserFactory(username="tessa", role=roles.WELFARE_PROFESSIONAL, organisation=ORGANISATION)
    grant_approval(lead)
    return lead


def _sign_in(client, request, who: str) -> str:
    """Signs in as ``who``; the query that opens Wendy's grid."""
    wendy = request.getfixturevalue("welfare_professional")
    users = {"own": "welfare_professional", "admin": "functional_admin", "lead": "team_lead"}
    client.force_login(request.getfixturevalue(users[who]))
    return "" if who == "own" else f"?professional={wendy.pk}"


PATH_YEARS = st.one_of(YEARS.map(str), st.sampled_from(["٢٠٢٦", "02026", "9" * 4301, "+2026"]))
PATH_WEEKS = st.one_of(WEEKS.map(str), st.sampled_from(["٥", "05", "9" * 4301, "5.0"]))


@pytest.mark.parametrize(("name", "who"), ROUTE_CASES, ids=[f"{n}-{w}" for n, w in ROUTE_CASES])
def test_a_week_in_a_path_is_its_page_or_not_found(client, request, name, who):
    query = _sign_in(client, request, who)
    path = week_routes()[name]
    methods, _whom = WEEK_ROUTES[name]
    writes = who != "lead"

    def answers(method: str, year: str, week: str) -> None:
        url = path.format(year=year, week=week) + query
        response = client.get(url) if method == "GET" else client.post(url)
        numbers = path_segment(year), path_segment(week)
        if None in numbers:  # the path matches no route
            expected = {404}
        elif method not in methods:
            expected = {405}
        elif not is_week(*numbers):
            expected = {404}
        elif method == "GET":
            expected = {200}
        else:
            expected = {200, 302} if writes else {403}
        assert response.status_code in expected, (method, url, response.status_code)

    @bounded(max_examples=20)
    @given(method=st.sampled_from(["GET", "POST"]), year=PATH_YEARS, week=PATH_WEEKS)
    def generated(method, year, week):
        answers(method, year, week)

    with at(2026, 12, 4):  # a Friday: the week can be submitted
        for year, week in [("9999", "52"), ("2026", "53"), ("2027", "53"), ("2026", "50")]:
            for method in ("GET", "POST"):
                answers(method, year, week)
        generated()


def test_a_path_with_a_negative_or_unicode_year_is_not_found(client, welfare_professional):
    client.force_login(welfare_professional)
    for year, week in [("-1", "1"), ("2026", "-1"), ("٢٠٢٦", "5"), ("2026", "٥")]:
        assert client.get(f"/interventions/hours/{year}/{week}/").status_code == 404


# Query parameters that take a year, a week or a date -------------------------------------------

OWN = object()  # the own complex's id
SAME = object()  # the generated value, also in this parameter


def page_says(text: str, status: int) -> Callable:
    def refused(response, name: str) -> None:
        assert response.status_code == status
        assert text in response.content.decode()

    refused.says = text  # type: ignore[attr-defined]  # what a real week's page never says
    return refused


def form_error(status: int) -> Callable:
    def refused(response, name: str) -> None:
        assert response.status_code == status
        assert name in response.context["filter"].errors

    return refused


def not_found(response, name: str) -> None:
    assert response.status_code == 404


def api_refusal(*names: str) -> Callable:
    """A 400 whose body names the field(s), each message in Dutch."""

    def refused(response, name: str) -> None:
        assert response.status_code == 400, response.content
        body = response.json()
        assert set(body) == set(names or [name]), body
        for messages in body.values():
            assert all(is_dutch(message) for message in messages), messages

    return refused


def is_dutch(message: str) -> bool:
    english = ("give", "is not", "enter", "ensure", "characters are not allowed")
    dutch = ("geef", "geen", "null-tekens")
    text = message.lower()
    return any(word in text for word in dutch) and not any(word in text for word in english)


@dataclass(frozen=True)
class Param:
    """A query parameter of a screen or an endpoint: which values are real, and how the others
    are refused (``None``: they are answered with the page all the same)."""

    url: str  # a URL name, or a path
    name: str
    kind: str  # week, year or date: what is generated
    role: str
    valid: Callable[[str], bool]
    refused: Callable | None
    extra: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.url if self.url.startswith("/") else reverse(self.url)


CALENDAR_DATE = page_says("“Datum” is geen", 400)
API = "/api/v1"
ADMIN = "/admin/interventions"
PARAMS = [
    # Screens
    Param(
        "residents:booking_calendar",
        "week",
        "week",
        "corporation_staff",
        week_text,
        page_says("“Week” is geen", 400),
        {"complex": OWN},
    ),
    Param(
        "residents:booking_calendar",
        "date",
        "date",
        "corporation_staff",
        date_text,
        CALENDAR_DATE,
        {"complex": OWN},
    ),
    Param(
        "residents:booking_create",
        "date",
        "date",
        "corporation_staff",
        anything,
        None,
        {"complex": OWN},
    ),
    Param(
        "evaluations:indicator_list",
        "week",
        "week",
        "official",
        week_text,
        page_says("“Week” is geen bestaande week", 200),
    ),
    Param(
        "evaluations:indicator_export",
        "week",
        "week",
        "official",
        week_text,
        page_says("“Week” is geen bestaande week", 400),
    ),
    Param(
        "interventions:hours_export", "week_from", "week", "official", week_text, form_error(400)
    ),
    Param(
        "interventions:hours_export",
        "week_to",
        "week",
        "official",
        week_or_number_of(2026),
        form_error(400),
        {"year": "2026"},
    ),
    Param(
        "interventions:hours_export", "year", "year", "official", year_from(2000), form_error(400)
    ),
    Param("interventions:grant_list", "year", "year", "official", year_from(1900), form_error(200)),
    Param("interventions:reports_due", "year", "year", "official", anything, None),  # unread
    Param("evaluations:survey_list", "year", "year", "official", year_from(1900), form_error(200)),
    Param("interventions:welfare_calendar", "year", "year", "official", year_from(2000), not_found),
    # The API
    Param(f"{API}/hours/", "week_from", "week", "official", week_text, api_refusal()),
    Param(
        f"{API}/hours/",
        "week_to",
        "week",
        "official",
        week_or_number_of(2026),
        api_refusal(),
        {"year": "2026"},
    ),
    Param(f"{API}/hours/", "year", "year", "official", year_from(2000), api_refusal()),
    Param(
        f"{API}/hours/summary/",
        "to",
        "week",
        "official",
        week_text,
        api_refusal(),
        {"complex": OWN},
    ),
    Param(
        f"{API}/hours/summary/",
        "from",
        "week",
        "official",
        week_text,
        api_refusal("from", "to"),
        {"complex": OWN, "to": SAME},
    ),
    Param(f"{API}/indicators/", "week_from", "week", "official", week_text, api_refusal()),
    Param(f"{API}/indicators/", "week_to", "week", "official", week_text, api_refusal()),
    Param(f"{API}/indicators/", "year", "year", "official", year_from(2000), api_refusal()),
    Param(f"{API}/grants/", "year", "year", "official", year_from(1900), api_refusal()),
    Param(f"{API}/grants/reports-due/", "year", "year", "official", year_from(1900), api_refusal()),
    Param(f"{API}/surveys/", "year", "year", "official", year_from(1900), api_refusal()),
    # The admin's list filters: a value they cannot read selects nothing or is ignored
    Param(f"{ADMIN}/hoursentry/", "iso_week", "week", "functional_admin", anything, None),
    Param(f"{ADMIN}/hoursentry/", "year", "year", "functional_admin", anything, None),
    Param(f"{ADMIN}/hoursweek/", "iso_week", "week", "functional_admin", anything, None),
    Param(f"{ADMIN}/hoursweek/", "year", "year", "functional_admin", anything, None),
    Param(f"{ADMIN}/grant/", "year", "year", "functional_admin", anything, None),
    Param(f"{ADMIN}/intervention/", "year", "year", "functional_admin", anything, None),
]


@pytest.mark.parametrize("param", PARAMS, ids=[f"{p.url}?{p.name}" for p in PARAMS])
def test_a_year_or_week_in_a_query_is_answered_or_refused_on_its_field(
    client, api_client, request, own_complex, param
):
    user = request.getfixturevalue(param.role)
    api = param.url.startswith(API)
    browser = api_client if api else client
    if api:
        api_client.force_authenticate(user)
    else:
        client.force_login(user)
    path = param.path

    def answers(value: str) -> None:
        fill = {OWN: own_complex.pk, SAME: value}
        query = {key: fill.get(v, v) for key, v in param.extra.items()}
        response = browser.get(path, {**query, param.name: value})
        if param.refused is None or param.valid(value):
            assert response.status_code == 200, (value, response.status_code)
            if response.context and response.context.get("filter") is not None:
                assert param.name not in response.context["filter"].errors, value
            if (says := getattr(param.refused, "says", "")) and not response.streaming:
                assert says not in response.content.decode(), value
        else:
            try:
                param.refused(response, param.name)
            except AssertionError as error:
                raise AssertionError(f"{value!r}: {response.status_code}") from error

    @bounded(max_examples=8)
    @given(value=nonblank(TEXTS[param.kind]))
    def generated(value):
        answers(value)

    with at(2026, 12, 4):
        for value in PINNED[param.kind]:
            answers(value)
        generated()
