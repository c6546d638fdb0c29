"""No write is lost in a race: twenty people doing the same write at the same moment, through
the API and the screens, on the real PostgreSQL. Exactly one succeeds; the others get the field
error the same write gets when it comes second, never a 500; what is stored is what the one who
succeeded wrote."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from complexes.models import Complex
from evaluations.models import BudgetScenario, SurveyRound
from interventions.choices import GrantStatus, WorkKind
from interventions.models import HoursEntry, HoursWeek, Provider, SubsidyScheme
from leefbaarheid.weeks import Week
from residents.models import RoomBooking
from tests.factories import GrantFactory
from tests.helpers import AMSTERDAM, form_inputs, responses_at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CALLERS = 20
# A Wednesday: last week is open for hours (within the grace period), this year's grants run.
NOW = datetime.datetime(2026, 11, 18, 10, 0, tzinfo=AMSTERDAM)
LAST_WEEK = Week(2026, 46)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _hours_rules(settings):
    settings.HOURS_GRACE_WEEKS = 2
    settings.HOURS_MAX_PER_COMPLEX_WEEK = 40


def api_clients(user, count: int = CALLERS) -> list[APIClient]:
    """One client per caller, each with its own copy of the user (nothing shared between
    threads but the database)."""
    clients = []
    for _ in range(count):
        client = APIClient()
        client.force_authenticate(get_user_model().objects.get(pk=user.pk))
        clients.append(client)
    return clients


def post_all(clients, url: str, payloads: list[dict]) -> list:
    calls = [
        (lambda client=client, payload=payload: client.post(url, payload, format="json"))
        for client, payload in zip(clients, payloads, strict=True)
    ]
    return responses_at_once(*calls)


def split(outcomes, success: int) -> tuple[list, list]:
    """The successful responses and the refused ones; anything else (a 500, an exception, a
    429) fails the test with what it was."""
    odd = [
        outcome if isinstance(outcome, str) else (outcome.status_code, outcome.content)
        for outcome in outcomes
        if isinstance(outcome, str) or outcome.status_code not in (success, 400)
    ]
    assert not odd, odd
    assert len(outcomes) == CALLERS
    won = [response for response in outcomes if response.status_code == success]
    lost = [response for response in outcomes if response.status_code == 400]
    return won, lost


def assert_one_winner_and_the_sequential_error(outcomes, *, success, again) -> object:
    """Exactly one success; every other caller got the 400 that the same write gets when it
    is made again afterwards (``again()``), field for field and word for word."""
    won, lost = split(outcomes, success)
    assert len(won) == 1, [response.content for response in won]
    sequential = again()
    assert sequential.status_code == 400, sequential.content
    assert "non_field_errors" not in sequential.json()
    assert [response.json() for response in lost] == [sequential.json()] * (CALLERS - 1)
    return won[0]


# (a) One hours cell -----------------------------------------------------------------------------


def hours_payload(complex_, hours: str) -> dict:
    return {
        "complex": complex_.pk,
        "year": LAST_WEEK.year,
        "week": LAST_WEEK.week,
        "kind": WorkKind.GROUP_WORK,
        "hours": hours,
    }


# Twenty different amounts, all in quarter hours: 0.25 up to 5.
HOURS = [str(Decimal(n) / 4) for n in range(1, CALLERS + 1)]


@pytest.mark.parametrize("week_row", [False, True], ids=["first-write-of-week", "week-row-exists"])
def test_twenty_creates_of_one_hours_cell_give_one_entry_and_nineteen_field_errors(
    welfare_professional, own_complex, week_row
):
    if week_row:
        HoursWeek.objects.create(
            professional=welfare_professional, year=LAST_WEEK.year, week=LAST_WEEK.week
        )
    clients = api_clients(welfare_professional, CALLERS + 1)
    outcomes = post_all(
        clients[:CALLERS], "/api/v1/hours/", [hours_payload(own_complex, h) for h in HOURS]
    )

    winner = assert_one_winner_and_the_sequential_error(
        outcomes,
        success=201,
        again=lambda: clients[-1].post(
            "/api/v1/hours/", hours_payload(own_complex, "1"), format="json"
        ),
    )
    entry = HoursEntry.objects.get(professional=welfare_professional)
    assert winner.json()["id"] == entry.pk
    assert Decimal(winner.json()["hours"]) == entry.hours  # the winner's value, not a later one
    assert outcomes_errors(outcomes) == {"kind"}


def outcomes_errors(outcomes) -> set[str]:
    """The fields the refused callers were told about."""
    return {
        field for response in outcomes if response.status_code == 400 for field in response.json()
    }


def test_twenty_saves_of_one_empty_cell_in_the_week_grid_keep_one_and_refuse_the_rest(
    welfare_professional, own_complex
):
    grid = reverse("interventions:hours_week", args=[LAST_WEEK.year, LAST_WEEK.week])
    cell = f"h-{own_complex.pk}-{WorkKind.GROUP_WORK}"
    clients = []
    forms = []
    for hours in HOURS:
        client = Client()
        client.force_login(welfare_professional)
        # Each person adds the empty row to their grid, as the "add a row" button does.
        row = client.get(grid, {"add_complex": own_complex.pk, "add_kind": WorkKind.GROUP_WORK})
        assert row.status_code == 200
        form = form_inputs(row.content.decode())
        assert cell in form
        form[cell] = hours.replace(".", ",")
        clients.append(client)
        forms.append(form)

    outcomes = responses_at_once(
        *[
            (lambda client=client, form=form: client.post(grid, form))
            for client, form in zip(clients, forms, strict=True)
        ]
    )

    statuses = [o if isinstance(o, str) else o.status_code for o in outcomes]
    assert sorted(statuses, key=str) == [200] * (CALLERS - 1) + [302], statuses
    entry = HoursEntry.objects.get(professional=welfare_professional)
    won = next(i for i, outcome in enumerate(outcomes) if outcome.status_code == 302)
    assert entry.hours == Decimal(forms[won][cell].replace(",", "."))
    # Each refused grid comes back with the error on the cell; the same stale grid posted once
    # more afterwards gets the same words.
    losers = [cell_error(o, cell) for o in outcomes if o.status_code == 200]
    stale = forms[(won + 1) % CALLERS]
    sequential = clients[(won + 1) % CALLERS].post(grid, stale)
    assert sequential.status_code == 200
    assert "intussen door iemand anders gewijzigd" in cell_error(sequential, cell)
    assert losers == [cell_error(sequential, cell)] * (CALLERS - 1)
    entry.refresh_from_db()
    assert entry.hours == Decimal(forms[won][cell].replace(",", "."))


def cell_error(response, cell: str) -> str:
    """The error shown under a cell of the grid (the page is read, not the test client's
    context: that one is shared by the threads)."""
    match = re.search(rf'id="error_{cell}">(.*?)</div>', response.content.decode(), re.S)
    return match[1].strip() if match else ""


# (b) One slot of the communal room --------------------------------------------------------------


def booking_payload(complex_, title: str) -> dict:
    day = datetime.date(2026, 11, 23)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM)
    return {
        "complex": complex_.pk,
        "title": title,
        "start": start.isoformat(),
        "end": (start + datetime.timedelta(hours=2)).isoformat(),
    }


def test_twenty_bookings_of_one_slot_give_one_booking_and_nineteen_field_errors(
    corporation_staff, own_complex
):
    clients = api_clients(corporation_staff, CALLERS + 1)
    payloads = [booking_payload(own_complex, f"Koffie {n}") for n in range(CALLERS)]
    outcomes = post_all(clients[:CALLERS], "/api/v1/room-bookings/", payloads)

    winner = assert_one_winner_and_the_sequential_error(
        outcomes,
        success=201,
        again=lambda: clients[-1].post(
            "/api/v1/room-bookings/", booking_payload(own_complex, "Kaarten"), format="json"
        ),
    )
    booking = RoomBooking.objects.get(complex=own_complex)
    assert booking.title == winner.json()["title"]
    assert "start" in outcomes_errors(outcomes)


# (c) One step of a grant ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "step", "role", "field", "values"),
    [
        (GrantStatus.APPLIED, "award", "official", "amount_awarded", range(5000, 7000, 100)),
        (GrantStatus.RUNNING, "report", "corporation_staff", "report_summary", range(CALLERS)),
    ],
    ids=["award", "report"],
)
def test_twenty_takes_of_one_grant_step_give_one_step_and_nineteen_field_errors(
    request, own_complex, status, step, role, field, values
):
    fields = {}
    if status == GrantStatus.RUNNING:
        fields = {
            "amount_awarded": Decimal("7000.00"),
            "decided_on": datetime.date(2026, 1, 5),
            "started_on": datetime.date(2026, 1, 6),
            "report_due": datetime.date(2027, 3, 1),
        }
    grant = GrantFactory(
        complex=own_complex,
        status=status,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        applied_on=datetime.date(2026, 1, 1),
        **fields,
    )
    clients = api_clients(request.getfixturevalue(role), CALLERS + 1)
    url = f"/api/v1/grants/{grant.pk}/{step}/"
    payloads = [{field: f"{value}" if step == "award" else f"Verslag {value}"} for value in values]
    outcomes = post_all(clients[:CALLERS], url, payloads)

    winner = assert_one_winner_and_the_sequential_error(
        outcomes, success=200, again=lambda: clients[-1].post(url, payloads[0], format="json")
    )
    grant.refresh_from_db()
    stored = getattr(grant, field)
    assert str(stored) == winner.json()[field]
    assert outcomes_errors(outcomes) == {"status"}


# (d) One unique name ----------------------------------------------------------------------------


def complex_payload(own_complex, n: int) -> dict:
    return {
        "name": "De Nieuwe Hof",
        "corporation": own_complex.corporation_id,
        "district": own_complex.district_id,
        "address": f"Maasboulevard {n + 1}",
        "postcode": "3011 AB",
        "units": 40 + n,
        "vacant_units": 2,
    }


def survey_payload(own_complex, n: int) -> dict:
    held = datetime.date(2026, 11, 1) - datetime.timedelta(days=n)
    return {"complex": own_complex.pk, "name": "Voorjaar 2026", "held_on": held.isoformat()}


def scheme_payload(own_complex, n: int) -> dict:
    return {
        "name": "Thuisplus",
        "min_amount": "1000.00",
        "max_amount": f"{4000 + n}.00",
        "start": "2024-01-01",
    }


def provider_payload(own_complex, n: int) -> dict:
    return {"name": "Stadstrainers", "kind": "social_entrepreneur", "contact_name": f"P{n}"}


def scenario_payload(own_complex, n: int) -> dict:
    return {
        "name": "Vijf uur",
        "complex_count": 100 + n,
        "hours_per_week": "5",
        "hourly_rate": "70.50",
        "weeks_per_year": 40,
    }


UNIQUE_NAMES = {
    "complexes": (Complex, "corporation_staff", complex_payload, {"name": "De Nieuwe Hof"}),
    "surveys": (SurveyRound, "welfare_professional", survey_payload, {"name": "Voorjaar 2026"}),
    "schemes": (SubsidyScheme, "official", scheme_payload, {"name": "Thuisplus"}),
    "providers": (Provider, "official", provider_payload, {"name": "Stadstrainers"}),
    "budget-scenarios": (BudgetScenario, "official", scenario_payload, {"name": "Vijf uur"}),
}


@pytest.mark.parametrize("resource", list(UNIQUE_NAMES))
def test_twenty_creates_of_one_name_give_one_record_and_nineteen_name_errors(
    request, own_complex, welfare_professional, resource
):
    model, role, payload, lookup = UNIQUE_NAMES[resource]
    clients = api_clients(request.getfixturevalue(role), CALLERS + 1)
    url = f"/api/v1/{resource}/"
    outcomes = post_all(clients[:CALLERS], url, [payload(own_complex, n) for n in range(CALLERS)])

    winner = assert_one_winner_and_the_sequential_error(
        outcomes,
        success=201,
        again=lambda: clients[-1].post(url, payload(own_complex, CALLERS), format="json"),
    )
    assert model.objects.filter(**lookup).count() == 1
    assert model.objects.get(**lookup).pk == winner.json()["id"]
    assert outcomes_errors(outcomes) == {"name"}


def field_error(response, field: str) -> str:
    """The error a form page shows under a field (read from the page: the test client's
    context is shared by the threads)."""
    match = re.search(
        rf'id="error_\d+_id_{field}"[^>]*>\s*<strong>(.*?)</strong>',
        response.content.decode(),
        re.S,
    )
    return match[1].strip() if match else ""


def test_twenty_people_adding_one_provider_name_on_the_screen_get_one_and_nineteen_name_errors(
    official,
):
    url = reverse("interventions:provider_create")
    browsers = []
    for _number in range(CALLERS + 1):
        browser = Client()
        browser.force_login(official)
        browsers.append(browser)

    def add(browser, n):
        data = {"name": "Stadstrainers", "kind": "social_entrepreneur", "contact_name": f"P{n}"}
        return lambda: browser.post(url, data)

    outcomes = responses_at_once(*[add(browser, n) for n, browser in enumerate(browsers[:-1])])

    statuses = [o if isinstance(o, str) else o.status_code for o in outcomes]
    assert sorted(statuses, key=str) == [200] * (CALLERS - 1) + [302], statuses
    sequential = add(browsers[-1], CALLERS)()
    assert sequential.status_code == 200
    message = field_error(sequential, "name")
    assert message.startswith("Er bestaat al een")
    assert [field_error(o, "name") for o in outcomes if o.status_code == 200] == [message] * (
        CALLERS - 1
    )
    won = next(i for i, outcome in enumerate(outcomes) if outcome.status_code == 302)
    assert Provider.objects.get(name="Stadstrainers").contact_name == f"P{won}"
