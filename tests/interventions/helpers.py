"""Helpers shared by several test modules of the interventions app: the funding API's
resources and roles, the grant lifecycle's applications and steps, welfare hours saved through
the services, the welfare calendar's clock and hours, the hours screens' grid, cells and Wendy
(with the autouse English those modules bind), and the grant screens' addresses, steps and
application."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex
from interventions import services
from interventions.choices import GrantStatus, GrantStep, WeekStatus, WorkKind
from interventions.models import Grant, HoursEntry, HoursWeek, Intervention, Provider, SubsidyScheme
from leefbaarheid import roles
from leefbaarheid.models import User
from leefbaarheid.weeks import Week
from tests.factories import (
    GrantFactory,
    HoursEntryFactory,
    HoursWeekFactory,
    InterventionFactory,
    ProviderFactory,
    SubsidySchemeFactory,
)
from tests.helpers import AMSTERDAM, today

API = "/api/v1"


YEAR_START = today().replace(month=1, day=1)


YEAR_END = today().replace(month=12, day=31)


def _url(resource: str, pk=None, suffix="") -> str:
    return f"{API}/{resource}/" + (f"{pk}/" if pk is not None else "") + suffix


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _grant(complex_: Complex, status: str = GrantStatus.APPLIED, **fields) -> Grant:
    """A grant of ``complex_`` in ``status``, with what that status has behind it."""
    values: dict[str, Any] = {"complex": complex_, "status": status}
    if status not in (GrantStatus.APPLIED, GrantStatus.REJECTED):
        values.update(
            amount_awarded=Decimal("7000.00"),
            decided_on=YEAR_START,
            report_due=YEAR_END + datetime.timedelta(weeks=12),
        )
    if status == GrantStatus.REJECTED:
        values.update(decision_note="Past niet.", decided_on=YEAR_START)
    if status in (GrantStatus.RUNNING, GrantStatus.REPORTED, GrantStatus.SETTLED):
        values["started_on"] = YEAR_START
    if status in (GrantStatus.REPORTED, GrantStatus.SETTLED):
        values.update(report_summary="Goed verlopen.", reported_on=YEAR_START)
    if status == GrantStatus.SETTLED:
        values.update(amount_settled=Decimal("7000.00"), settled_on=YEAR_START)
    return GrantFactory(**{**values, **fields})


@dataclass
class Resource:
    """One resource: how to make a row (in a complex where it hangs off one), a valid POST, a
    harmless change, who reads it and who writes it."""

    path: str
    model: type
    make: Callable[[Complex], Any]
    payload: Callable[[dict], dict]
    change: tuple[str, Any]
    readers: frozenset[str]
    writers: frozenset[str]
    in_complex: bool


EVERY_ROLE = frozenset(
    {"corporation_staff", "welfare_professional", "official", "team_member", "functional_admin"}
)


MUNICIPALITY = frozenset({"official", "functional_admin"})


FUNDING_READERS = frozenset(
    {"corporation_staff", "welfare_professional", "official", "functional_admin"}
)


RESOURCES = {
    "schemes": Resource(
        "schemes",
        SubsidyScheme,
        lambda c: SubsidySchemeFactory(name="Opzoomeren mee"),
        lambda w: {
            "name": "Thuisplus",
            "min_amount": "1000.00",
            "max_amount": "4000.00",
            "start": "2024-01-01",
        },
        ("purpose", "Ander doel"),
        readers=FUNDING_READERS,
        writers=MUNICIPALITY,
        in_complex=False,
    ),
    "providers": Resource(
        "providers",
        Provider,
        lambda c: ProviderFactory(name="Studio BRUIS"),
        lambda w: {"name": "Stadstrainers", "kind": "social_entrepreneur"},
        ("contact_name", "Piet Bakker"),
        readers=EVERY_ROLE,
        writers=MUNICIPALITY,
        in_complex=False,
    ),
    "grants": Resource(
        "grants",
        Grant,
        lambda c: _grant(c),
        lambda w: {
            "scheme": w["scheme"].pk,
            "complex": w["complex"].pk,
            "title": "Samen aan tafel",
            "start": YEAR_START.isoformat(),
            "end": YEAR_END.isoformat(),
            "amount_requested": "7500.00",
        },
        ("title", "Andere titel"),
        readers=FUNDING_READERS,
        writers=frozenset({"corporation_staff", *MUNICIPALITY}),
        in_complex=True,
    ),
    "interventions": Resource(
        "interventions",
        Intervention,
        lambda c: InterventionFactory(complex=c),
        lambda w: {
            "complex": w["complex"].pk,
            "provider": w["provider"].pk,
            "title": "Trekkersgroep opbouwen",
            "start": YEAR_START.isoformat(),
            "status": "planned",
            "success_factors": ["personal_approach", "motivated_group"],
        },
        ("outcome", "Een vaste groep van vijf."),
        readers=FUNDING_READERS,
        writers=frozenset({"corporation_staff", *MUNICIPALITY}),
        in_complex=True,
    ),
}


STEP_DATA = {
    GrantStep.AWARD: {"amount_awarded": Decimal("7000.00")},
    GrantStep.REJECT: {"decision_note": "Past niet bij de regeling."},
    GrantStep.START: {},
    GrantStep.REPORT: {"report_summary": "Een trekkersgroep van zes bewoners."},
    GrantStep.SETTLE: {"amount_settled": Decimal("6800.00")},
}


# The step taken to reach each status from an application, in order.
PATH_TO = {
    GrantStatus.APPLIED: [],
    GrantStatus.AWARDED: [GrantStep.AWARD],
    GrantStatus.RUNNING: [GrantStep.AWARD, GrantStep.START],
    GrantStatus.REPORTED: [GrantStep.AWARD, GrantStep.START, GrantStep.REPORT],
    GrantStatus.SETTLED: [GrantStep.AWARD, GrantStep.START, GrantStep.REPORT, GrantStep.SETTLE],
    GrantStatus.REJECTED: [GrantStep.REJECT],
}


def apply(complex_, user, **data):
    values = {
        "scheme": SubsidySchemeFactory(),
        "title": "Samen aan tafel",
        "start": today().replace(month=1, day=1),
        "end": today().replace(month=12, day=31),
        "amount_requested": Decimal("7500.00"),
        **data,
    }
    return services.grant_apply(complex=complex_, user=user, data=values)


def grant_in(status, *, complex_, staff, official):
    grant = apply(complex_, staff)
    for step in PATH_TO[status]:
        user = official if step in (GrantStep.AWARD, GrantStep.REJECT, GrantStep.SETTLE) else staff
        grant = services.grant_step(grant=grant, step=step, user=user, data=STEP_DATA[step])
    return grant


def _this_week() -> Week:
    return Week.of(today())


def _open_week() -> Week:
    return _this_week().shifted(-1)


def _save(professional, complex_, week: Week | None = None, hours="2", kind=WorkKind.GROUP_WORK):
    return services.hours_save(
        user=professional,
        professional=professional,
        complex=complex_,
        week=week or _open_week(),
        kind=kind,
        hours=hours,
    )


def _entry(professional, complex_, week: Week, **fields) -> HoursEntry:
    return HoursEntryFactory(
        professional=professional, complex=complex_, year=week.year, week=week.week, **fields
    )


def logged(
    professional, complex_, week: Week, kind=WorkKind.GROUP_WORK, hours="1.50", note=""
) -> HoursEntry:
    """A cell of ``professional``'s grid in ``week``, written straight to the database."""
    return _entry(professional, complex_, week, kind=kind, hours=Decimal(hours), note=note)


def returned_week(professional, week: Week, *, by, note: str) -> HoursWeek:
    """``professional``'s ``week`` as returned by ``by`` just now, with ``note`` as the reason."""
    now = timezone.now()
    return _week_row(
        professional,
        week,
        status=WeekStatus.RETURNED,
        return_note=note,
        decided_by=by,
        decided_at=now,
        returned_at=now,
    )


def _week_row(professional, week: Week, **fields) -> HoursWeek:
    return HoursWeekFactory(professional=professional, year=week.year, week=week.week, **fields)


def _with_permission(user: User, codename: str) -> User:
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="interventions", codename=codename)
    )
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per instance


def _submit(professional, complex_) -> HoursWeek:
    week = _open_week()
    _save(professional, complex_, week)
    return services.hours_week_submit(user=professional, professional=professional, week=week)


def at(year, month, day, hour=10):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=AMSTERDAM))


def log(complex_, professional, week: Week, hours) -> None:
    HoursEntryFactory(
        complex=complex_,
        professional=professional,
        year=week.year,
        week=week.week,
        hours=Decimal(hours),
    )


ORGANISATION = "Welzijn Rotterdam Zuid"


def this_week() -> Week:
    return Week.of(today())


def grid(week: Week | None = None, professional=None) -> str:
    if week is None:
        address = reverse("interventions:hours_week")
    else:
        address = reverse("interventions:hours_week", args=[week.year, week.week])
    return f"{address}?professional={professional.pk}" if professional else address


def cell(complex_, kind=WorkKind.GROUP_WORK) -> str:
    return f"h-{complex_.pk}-{kind}"


def grant_approval(user) -> None:
    user.user_permissions.add(Permission.objects.get(codename=roles.APPROVE_HOURS))


@pytest.fixture
def wendy(welfare_professional):
    welfare_professional.organisation = ORGANISATION
    welfare_professional.first_name, welfare_professional.last_name = "Wendy", "de Wit"
    welfare_professional.save()
    return welfare_professional


@pytest.fixture(autouse=True)
def _english_unless_dutch(request):
    if "dutch" not in request.node.name:
        request.getfixturevalue("english")


# Approving, returning, unlocking ------------------------------------------------------------
def decide(client, hours_week, **data):
    return client.post(reverse("interventions:hours_week_decide", args=[hours_week.pk]), data)


STEP_POST = {
    GrantStep.AWARD: {"amount_awarded": "7000,00", "decision_note": "Past goed."},
    GrantStep.REJECT: {"decision_note": "Past niet bij de regeling."},
    GrantStep.START: {},
    GrantStep.REPORT: {"report_summary": "Een trekkersgroep van zes bewoners."},
    GrantStep.SETTLE: {"amount_settled": "6800,00"},
}


SERVICE_DATA = {
    GrantStep.AWARD: {"amount_awarded": Decimal("7000.00")},
    GrantStep.REJECT: {"decision_note": "Nee."},
    GrantStep.START: {},
    GrantStep.REPORT: {"report_summary": "Gedaan."},
    GrantStep.SETTLE: {"amount_settled": Decimal("6800.00")},
}


def move_to(grant, status, *, official, **data):
    """Take a grant along the lifecycle through the service (the functional admin may take
    every step)."""
    for step in PATH_TO[status]:
        grant = services.grant_step(
            grant=grant, step=step, user=official, data={**SERVICE_DATA[step], **data.get(step, {})}
        )
    return grant


def url(name, *args, **query):
    base = reverse(f"interventions:{name}", args=args)
    if query:
        return base + "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return base


def step_url(grant, step):
    return url("grant_step", grant.pk, step)


def _apply_data(scheme, **overrides) -> dict:
    return {
        "scheme": scheme.pk,
        "title": "Koffie op de galerij",
        "description": "Elke week koffie, met een vaste groep trekkers.",
        "start": YEAR_START.isoformat(),
        "end": YEAR_END.isoformat(),
        "amount_requested": "7500,00",
        "reference": "",
        "documents": "",
        **overrides,
    }


def grid_part(content: str) -> str:
    """The week grid's form and what follows it: the page without its header (whose search box
    has a placeholder of its own)."""
    return content[content.index('id="hours-grid"') :]
