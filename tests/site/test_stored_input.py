"""No stored input breaks a page: every date a user enters lies in 1900–2100 and every text is
free of control characters, on screens, in the API, the admin and the import alike; and a row
stored before those checks (written past validation here) still shows, lists and exports."""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from openpyxl import load_workbook

from complexes.models import Complex
from evaluations.services import indicators_recalculate_complex
from interventions.choices import GrantStatus, InterventionStatus, WorkKind
from interventions.models import Grant, HoursEntry, Intervention
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text
from leefbaarheid.weeks import Week
from tests.factories import GrantFactory, HoursEntryFactory, InterventionFactory
from tests.helpers import today
from tests.kernel.helpers import FAR_FUTURE, FAR_PAST

pytestmark = pytest.mark.django_db


APPS = ("complexes", "residents", "interventions", "evaluations", "leefbaarheid")
DATE_OUT_OF_RANGE = "Vul een datum in tussen 01-01-1900 en 31-12-2100."
CONTROL_CHARACTERS = (
    "Haal de onzichtbare stuurtekens uit deze tekst (ze worden vaak per ongeluk meegeplakt)."
)
# Django's own user fields that need no validator of ours, and why.
CHECKED_BY_DJANGO = {
    "leefbaarheid.User.username": "its validator allows letters, digits and @.+-_ only",
    "leefbaarheid.User.email": "its validator allows no control character",
    "leefbaarheid.User.password": "stored as a hash, never shown",
    "leefbaarheid.User.last_login": "set by signing in, never typed",
}


def _user_fields(kinds: tuple[type[models.Field], ...]):
    """Every field of the project's models a user can fill in, of the given kinds."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, kinds) or not field.concrete:
                    continue
                if not field.editable or getattr(field, "auto_now", False):
                    continue
                if getattr(field, "auto_now_add", False) or field.choices:
                    continue
                if f"{model._meta.label}.{field.name}" in CHECKED_BY_DJANGO:
                    continue
                yield model, field


# Every field carries the check ------------------------------------------------------------------


def test_every_date_a_user_enters_is_bounded_to_1900_2100():
    fields = list(_user_fields((models.DateField,)))  # DateTimeField is a DateField too
    assert len(fields) > 20
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in fields
        if validate_date_in_range not in field.validators
    ]
    assert missing == []


def test_every_text_field_refuses_control_characters():
    fields = list(_user_fields((models.CharField, models.TextField)))
    assert len(fields) > 30
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in fields
        if validate_plain_text not in field.validators
    ]
    assert missing == []


def test_the_users_own_names_refuse_control_characters():
    from leefbaarheid.models import User

    for name in ("first_name", "last_name", "organisation"):
        assert validate_plain_text in User._meta.get_field(name).validators


# Far dates are refused at every door ----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "dates"),
    [("end", ("2026-01-05", "9999-12-31")), ("start", ("0001-01-01", "2026-01-05"))],
)
def test_api_refuses_an_intervention_with_a_far_date_and_saves_nothing(
    api_client, corporation_staff, own_complex, field, dates
):
    api_client.force_authenticate(corporation_staff)
    start, end = dates
    response = api_client.post(
        "/api/v1/interventions/",
        {"complex": own_complex.pk, "title": "x", "start": start, "end": end, "status": "running"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()[field] == [DATE_OUT_OF_RANGE]
    assert not Intervention.objects.exists()


def test_the_intervention_form_refuses_a_far_end_on_its_field(
    client, corporation_staff, own_complex
):
    client.force_login(corporation_staff)
    response = client.post(
        f"{reverse('interventions:intervention_create')}?complex={own_complex.pk}",
        {"title": "x", "start": "2026-01-05", "end": "9999-12-31", "status": "running"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == [DATE_OUT_OF_RANGE]
    assert not Intervention.objects.exists()


def test_api_refuses_a_grant_period_ending_in_9999(api_client, corporation_staff, own_complex):
    api_client.force_authenticate(corporation_staff)
    response = api_client.post(
        "/api/v1/grants/",
        {
            "complex": own_complex.pk,
            "title": "Samen",
            "start": "2026-01-01",
            "end": "9999-12-31",
            "amount_requested": "7500.00",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["end"] == [DATE_OUT_OF_RANGE]
    assert not Grant.objects.exists()


def test_awarding_a_grant_stored_with_a_far_end_is_a_400_naming_the_end(
    api_client, official, own_complex
):
    grant = GrantFactory(complex=own_complex)
    Grant.objects.filter(pk=grant.pk).update(end=FAR_FUTURE)
    api_client.force_authenticate(official)
    response = api_client.post(
        f"/api/v1/grants/{grant.pk}/award/", {"amount_awarded": "7000.00"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["end"] == [DATE_OUT_OF_RANGE]
    assert Grant.objects.get(pk=grant.pk).status == GrantStatus.APPLIED


def test_a_grant_step_dated_in_year_one_is_refused(api_client, official, own_complex):
    grant = GrantFactory(complex=own_complex)
    api_client.force_authenticate(official)
    response = api_client.post(
        f"/api/v1/grants/{grant.pk}/reject/",
        {"decision_note": "Past niet.", "date": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["date"] == [DATE_OUT_OF_RANGE]


def test_the_admin_refuses_a_far_date(client, functional_admin, own_complex):
    intervention = InterventionFactory(complex=own_complex)
    client.force_login(functional_admin)
    address = reverse("admin:interventions_intervention_change", args=[intervention.pk])
    form = client.get(address).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        complex=own_complex.pk,
        provider=intervention.provider_id,
        title="Nieuw",
        start="2025-01-06",
        end="9999-12-31",
        status=InterventionStatus.COMPLETED,
    )
    response = client.post(address, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == [DATE_OUT_OF_RANGE]
    assert Intervention.objects.get(pk=intervention.pk).end is None


# Control characters are refused at every door -----------------------------------------------


def test_api_refuses_a_complex_name_with_an_escape(api_client, corporation_staff, own_complex):
    api_client.force_authenticate(corporation_staff)
    response = api_client.patch(
        f"/api/v1/complexes/{own_complex.pk}/", {"name": "Kievitstaete\x1b"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": [CONTROL_CHARACTERS]}
    assert Complex.objects.get(pk=own_complex.pk).name == "De Meidoorn"


def test_api_refuses_a_rejection_reason_with_a_control_character(api_client, official, own_complex):
    grant = GrantFactory(complex=own_complex)
    api_client.force_authenticate(official)
    response = api_client.post(
        f"/api/v1/grants/{grant.pk}/reject/", {"decision_note": "Nee\x07"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"decision_note": [CONTROL_CHARACTERS]}


def test_the_complex_form_refuses_an_escape_on_the_name(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    address = reverse("complexes:complex_update", args=[own_complex.pk])
    form = client.get(address).context["form"]
    data = {
        name: ("" if value is None else getattr(value, "pk", value))
        for name, value in form.initial.items()
        if not isinstance(value, list)
    }
    data["name"] = "Kievitstaete\x1b"
    response = client.post(address, data)
    assert response.context["form"].errors["name"] == [CONTROL_CHARACTERS]
    assert Complex.objects.get(pk=own_complex.pk).name == "De Meidoorn"


@pytest.mark.parametrize("note", ["Koffie\x00", "Koffie\x1b"])
def test_the_week_grid_refuses_a_control_character_in_a_note_on_its_cell(
    client, welfare_professional, own_complex, note
):
    client.force_login(welfare_professional)
    week = Week.of(today())
    cell = f"{own_complex.pk}-{WorkKind.GROUP_WORK}"
    response = client.post(
        reverse("interventions:hours_week", args=[week.year, week.week]),
        {f"h-{cell}": "2", f"n-{cell}": note},
    )
    assert response.status_code == 200
    assert CONTROL_CHARACTERS in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_the_import_refuses_a_name_with_an_escape_on_its_row(client, corporation_staff):
    client.force_login(corporation_staff)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import DistrictFactory

    district = DistrictFactory()
    content = (
        "name;address;postcode;district;units\n"
        f"Kievitstaete\x1b;Kade 1;3011 AB;{district.code};20\n"
    ).encode()
    response = client.post(
        reverse("complexes:complex_import"),
        {"file": SimpleUploadedFile("complexen.csv", content, content_type="text/csv")},
    )
    assert CONTROL_CHARACTERS in response.content.decode()
    assert not Complex.objects.filter(name__startswith="Kievitstaete").exists()


def _sheet(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    "export",
    [
        "complexes:complex_export_xlsx",
        "interventions:grant_export",
        "interventions:hours_export",
        "evaluations:indicator_export",
    ],
)
def test_a_complex_name_stored_with_an_escape_still_exports(
    client, official, own_complex, welfare_professional, export
):
    GrantFactory(complex=own_complex)
    HoursEntryFactory(complex=own_complex, professional=welfare_professional, note="Bel\x07")
    indicators_recalculate_complex(complex_id=own_complex.pk)
    Complex.objects.filter(pk=own_complex.pk).update(name="Kievitstaete\x1b")
    client.force_login(official)
    address = reverse(export)
    query = "" if export.endswith("_xlsx") else "?format=xlsx"
    cells = [cell for row in _sheet(client.get(address + query)) for cell in row]
    assert "Kievitstaete" in cells
    assert not any(isinstance(cell, str) and "\x1b" in cell for cell in cells)


@pytest.fixture(params=[FAR_FUTURE, FAR_PAST], ids=["9999", "0001"])
def far_intervention(request, own_complex):
    """An intervention whose date was stored before dates were checked."""
    intervention = InterventionFactory(
        complex=own_complex,
        title="Verre datum",
        start=datetime.date(2025, 1, 6),
        end=datetime.date(2025, 6, 30),
        status=InterventionStatus.COMPLETED,
    )
    field = "end" if request.param == FAR_FUTURE else "start"
    Intervention.objects.filter(pk=intervention.pk).update(**{field: request.param})
    return intervention


def test_pages_and_the_api_show_an_intervention_stored_with_a_far_date(
    client, api_client, corporation_staff, official, welfare_professional, far_intervention
):
    for user in (corporation_staff, official, welfare_professional):
        client.force_login(user)
        api_client.force_authenticate(user)
        for address in (
            reverse("interventions:intervention_list"),
            reverse("interventions:intervention_detail", args=[far_intervention.pk]),
            "/api/v1/interventions/",
            f"/api/v1/interventions/{far_intervention.pk}/",
            reverse("complexes:complex_detail", args=[far_intervention.complex_id]),
        ):
            response = (api_client if address.startswith("/api/") else client).get(address)
            assert response.status_code == 200, (user.username, address)


def test_a_grant_stored_with_far_dates_still_lists_and_shows(client, api_client, official):
    grant = GrantFactory(status=GrantStatus.AWARDED, amount_awarded=Decimal("7000.00"))
    Grant.objects.filter(pk=grant.pk).update(start=FAR_PAST, end=FAR_FUTURE, report_due=FAR_FUTURE)
    client.force_login(official)
    api_client.force_authenticate(official)
    for address in (
        reverse("interventions:grant_list"),
        reverse("interventions:grant_detail", args=[grant.pk]),
        reverse("interventions:reports_due"),
    ):
        assert client.get(address).status_code == 200, address
    for address in (
        "/api/v1/grants/",
        f"/api/v1/grants/{grant.pk}/",
        "/api/v1/grants/reports-due/",
    ):
        assert api_client.get(address).status_code == 200, address


# Every page with every date far away ----------------------------------------------------------


def _routes_without_arguments() -> list[str]:
    """Every screen and API list whose path takes no argument (admin and sign-in aside)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and not entry.pattern.regex.groupindex:
                yield "/" + prefix + str(entry.pattern)

    skipped = ("/admin/", "/accounts/", "/api/v1/auth", "/i18n/", "/healthz")
    return sorted(
        {
            path.replace("^", "").replace("$", "")
            for path in walk(get_resolver().url_patterns)
            if "(" not in path and "<" not in path and not path.startswith(skipped)
        }
    )


@pytest.fixture
def world(own_complex, own_gallery, own_resident, welfare_professional):
    """One record of every kind in the staff's own complex."""
    from tests import factories
    from tests.surveys import SurveyRoundFactory, respond

    group = factories.ResidentGroupFactory(complex=own_complex, members=[own_resident])
    records = [
        factories.OccupancySnapshotFactory(complex=own_complex),
        group,
        factories.ActivityFactory(complex=own_complex, attendees=[own_resident]),
        factories.RoomBookingFactory(complex=own_complex, group=group),
        factories.MutualHelpFactory(complex=own_complex, residents=[own_resident]),
        factories.ResidentContactFactory(resident=own_resident),
        factories.GrantFactory(complex=own_complex),
        factories.InterventionFactory(
            complex=own_complex, end=today(), status=InterventionStatus.COMPLETED
        ),
        factories.HoursEntryFactory(complex=own_complex, professional=welfare_professional),
        factories.HoursWeekFactory(professional=welfare_professional),
        own_gallery,
        own_resident,
        own_complex,
    ]
    survey = SurveyRoundFactory(complex=own_complex)
    respond(survey, 2)
    records.append(survey)
    indicators_recalculate_complex(complex_id=own_complex.pk)
    return records


# Rows only the system writes, for weeks it computes from today: never a user's date.
SYSTEM_WRITTEN = {"evaluations.IndicatorSnapshot", "evaluations.BudgetActual"}


def _store_far(day: datetime.date) -> None:
    """Every user date of every record set to ``day``, past validation (date-times on that day,
    an hour apart in field order, so an end stays after its start)."""
    for label in APPS[:-1]:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in SYSTEM_WRITTEN:
                continue
            values = {}
            for hour, field in enumerate(
                field
                for field in model._meta.concrete_fields
                if isinstance(field, models.DateField)
            ):
                if isinstance(field, models.DateTimeField):
                    values[field.name] = datetime.datetime.combine(
                        day, datetime.time(10 + hour), tzinfo=datetime.UTC
                    )
                else:
                    values[field.name] = day
            if values:
                try:
                    with transaction.atomic():
                        model.objects.update(**values)
                except IntegrityError:  # a month is stored as its first day
                    model.objects.update(
                        **{name: value.replace(day=1) for name, value in values.items()}
                    )


@pytest.mark.parametrize("day", [FAR_FUTURE, FAR_PAST], ids=["9999", "0001"])
def test_every_page_answers_with_every_date_stored_far_away(
    client, api_client, world, corporation_staff, official, welfare_professional, day
):
    _store_far(day)
    addresses = _routes_without_arguments() + [
        record.get_absolute_url() for record in world if hasattr(record, "get_absolute_url")
    ]
    assert len(addresses) > 40
    broken = []
    for user in (corporation_staff, official, welfare_professional):
        client.force_login(user)
        api_client.force_authenticate(user)
        for address in addresses:
            caller = api_client if address.startswith("/api/") else client
            status = caller.get(address).status_code
            if status >= 500:
                broken.append((user.username, address, status))
    assert broken == []


def test_a_return_note_with_a_control_character_is_refused_and_the_week_stays_submitted(
    functional_admin, welfare_professional
):
    from django.core.exceptions import ValidationError

    from interventions.choices import WeekStatus
    from interventions.services import hours_week_decide
    from tests.factories import HoursWeekFactory

    week = HoursWeekFactory(professional=welfare_professional, status=WeekStatus.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        hours_week_decide(hours_week=week, user=functional_admin, approve=False, note="Fout\x1b")
    assert refused.value.message_dict == {"return_note": [CONTROL_CHARACTERS]}
    week.refresh_from_db()
    assert (week.status, week.return_note) == (WeekStatus.SUBMITTED, "")
