"""Nonsense in a URL, a query string or a request body is a 400 (naming the field, in Dutch) or a
404, never a 500: weeks, dates and years beyond the bounds, ids the database cannot hold,
a JSON body nested a hundred thousand deep, a body too large for the API."""

import json

import pytest
from django.urls import reverse

from leefbaarheid import bounds
from leefbaarheid.weeks import Week
from residents.choices import GroupKind
from residents.models import ResidentGroup

TOO_BIG_ID = str(bounds.MAX_ID + 1)  # 9223372036854775808
TWENTY_DIGITS = "12345678901234567890"


def _calendar(client, complex_, **query):
    return client.get(reverse("residents:booking_calendar"), {"complex": complex_.pk, **query})


# The room-booking calendar ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"date": "9999-12-31"}, "Datum"),
        ({"date": "0001-01-01"}, "Datum"),
        ({"week": "9999-W52"}, "Week"),
        ({"week": "0001-W01"}, "Week"),
        ({"week": "nonsense"}, "Week"),
        ({"date": "31-02-2026"}, "Datum"),
    ],
)
def test_calendar_refuses_a_week_or_date_beyond_the_bounds_naming_it(
    client, corporation_staff, own_complex, query, named
):
    client.force_login(corporation_staff)
    response = _calendar(client, own_complex, **query)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"“{named}” is geen" in text


def test_calendar_at_the_first_week_offers_no_earlier_week(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = _calendar(client, own_complex, week="1900-W01")
    assert response.status_code == 200
    assert response.context["previous_url"] is None
    assert "week=1900-W02" in response.context["next_url"]


def test_calendar_at_the_last_week_offers_no_later_week(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    response = _calendar(client, own_complex, date="2100-12-31")
    assert response.status_code == 200
    assert response.context["next_url"] is None
    assert "week=2100-W51" in response.context["previous_url"]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_new_booking_from_a_day_beyond_the_bounds_starts_empty(
    client, corporation_staff, own_complex, value
):
    client.force_login(corporation_staff)
    url = f"{reverse('residents:booking_create')}?complex={own_complex.pk}&date={value}"
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["form"].initial.get("start")


# The week grid of welfare hours (path segments) ----------------------------------------------


@pytest.mark.parametrize(
    ("year", "week"), [(9999, 52), (1, 1), (1899, 52), (2101, 1), (int(TWENTY_DIGITS), 1)]
)
def test_hours_grid_of_a_week_beyond_the_bounds_is_not_found(
    client, welfare_professional, year, week
):
    client.force_login(welfare_professional)
    response = client.get(f"/interventions/hours/{year}/{week}/")
    assert response.status_code == 404


def test_hours_grid_of_the_first_week_has_no_earlier_week(client, welfare_professional):
    client.force_login(welfare_professional)
    response = client.get(reverse("interventions:hours_week", args=[1900, 1]))
    assert response.status_code == 200
    assert response.context["previous_url"] == ""


# The indicator overview ------------------------------------------------------------------------


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "1899-W52"])
def test_indicator_overview_says_a_week_beyond_the_bounds_is_none(client, official, week):
    client.force_login(official)
    response = client.get(reverse("evaluations:indicator_list"), {"week": week})
    assert response.status_code == 200
    assert "“Week” is geen bestaande week" in response.content.decode()


def test_indicator_overview_of_the_first_week_offers_no_earlier_week(client, official):
    client.force_login(official)
    response = client.get(reverse("evaluations:indicator_list"), {"week": "1900-W01"})
    assert response.status_code == 200
    assert response.context["navigation"]["previous"] is None


# Years in filters ------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["-1", "0", TWENTY_DIGITS, "0.0", "9999"])
def test_grant_list_refuses_a_year_beyond_the_bounds_on_its_field(client, official, year):
    client.force_login(official)
    response = client.get(reverse("interventions:grant_list"), {"year": year})
    assert response.status_code == 200
    errors = response.context["filter"].errors
    assert errors["year"] == ["Geef een jaar van 1900 tot en met 2100."]


@pytest.mark.parametrize(
    "path", ["/api/v1/grants/", "/api/v1/grants/reports-due/", "/api/v1/surveys/"]
)
@pytest.mark.parametrize("year", ["0.0", "-1", TWENTY_DIGITS])
def test_api_refuses_a_year_beyond_the_bounds_naming_it(api_client, official, path, year):
    api_client.force_authenticate(official)
    response = api_client.get(path, {"year": year})
    assert response.status_code == 400, response.content
    assert response.json() == {"year": ["Geef een jaar van 1900 tot en met 2100."]}


@pytest.mark.parametrize("year", ["2026.0", "+2026", "2_026", "02026", "٢٠٢٦"])
def test_api_refuses_a_year_not_written_in_digits_naming_it(api_client, official, year):
    # int() reads each of these as 2026; a filter by year does not.
    api_client.force_authenticate(official)
    response = api_client.get("/api/v1/grants/", {"year": year})
    assert response.status_code == 400, response.content
    assert response.json() == {"year": ["Geef een jaar van 1900 tot en met 2100."]}


@pytest.mark.parametrize("week", ["0001-W05", "9999-W52", "٢٠٢٦-W05"])
def test_hours_summary_refuses_a_week_beyond_the_bounds(api_client, official, own_complex, week):
    api_client.force_authenticate(official)
    response = api_client.get("/api/v1/hours/summary/", {"complex": own_complex.pk, "to": week})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["to"]


def test_hours_summary_at_the_first_weeks_is_computed(api_client, official, own_complex):
    api_client.force_authenticate(official)
    response = api_client.get(
        "/api/v1/hours/summary/", {"complex": own_complex.pk, "to": "1900-W05"}
    )
    assert response.status_code == 200, response.content
    assert response.json()[0]["year"] == 1899  # 12 weeks before: still a computable week


@pytest.mark.parametrize("value", [TOO_BIG_ID, "0", "-3", "²"])
def test_indicator_api_refuses_a_complex_id_no_database_holds(api_client, official, value):
    api_client.force_authenticate(official)
    response = api_client.get("/api/v1/indicators/", {"complex": value})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["complex"]


# Ids in query strings, paths and choice fields ---------------------------------------------------


@pytest.mark.parametrize("value", [TOO_BIG_ID, "²"])
@pytest.mark.parametrize(
    "name",
    [
        "residents:resident_list",
        "residents:activity_list",
        "residents:booking_list",
        "residents:to_welcome",
        "residents:out_of_sight",
    ],
)
def test_a_list_narrowed_to_an_impossible_complex_answers(
    client, welfare_professional, name, value
):
    client.force_login(welfare_professional)
    response = client.get(reverse(name), {"complex": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", [TOO_BIG_ID, "²", "0"])
@pytest.mark.parametrize(
    "name",
    [
        "residents:group_create",
        "residents:booking_create",
        "residents:activity_create",
        "interventions:intervention_create",
        "interventions:grant_apply",
        "evaluations:survey_create",
    ],
)
def test_a_new_record_in_an_impossible_complex_is_not_found(client, functional_admin, name, value):
    client.force_login(functional_admin)
    response = client.get(reverse(name), {"complex": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", [TOO_BIG_ID, "²"])
def test_hours_grid_of_an_impossible_professional_is_not_found(client, functional_admin, value):
    client.force_login(functional_admin)
    response = client.get(reverse("interventions:hours_week"), {"professional": value})
    assert response.status_code == 404


@pytest.mark.parametrize("path", [f"/complexes/{TOO_BIG_ID}/", f"/residents/groups/{TOO_BIG_ID}/"])
def test_a_path_id_no_database_holds_is_not_found(client, functional_admin, path):
    client.force_login(functional_admin)
    assert client.get(path).status_code == 404


def test_path_converter_refuses_ids_out_of_range():
    from leefbaarheid import params

    converter = params.IdConverter()
    assert converter.to_python(str(bounds.MAX_ID)) == bounds.MAX_ID
    for value in ("0", TOO_BIG_ID):
        with pytest.raises(ValueError):
            converter.to_python(value)


@pytest.mark.parametrize("member", [TOO_BIG_ID, "-1", "0"])
def test_group_form_refuses_a_member_id_no_database_holds(
    client, corporation_staff, own_complex, member
):
    client.force_login(corporation_staff)
    url = f"{reverse('residents:group_create')}?complex={own_complex.pk}"
    data = {"kind": GroupKind.CORE_GROUP, "name": "Trekkers", "active": "on", "members": member}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not ResidentGroup.objects.exists()


# Request bodies --------------------------------------------------------------------------------


def test_a_json_body_nested_too_deep_is_a_400(api_client, functional_admin):
    api_client.force_authenticate(functional_admin)
    body = "[" * 100_000 + "]" * 100_000
    response = api_client.post("/api/v1/schemes/", body, content_type="application/json")
    assert response.status_code == 400
    assert "dieper genest" in response.json()["detail"]


def test_a_json_body_a_little_too_deep_is_a_400(api_client, functional_admin):
    api_client.force_authenticate(functional_admin)
    body = json.dumps({"name": [[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]})
    response = api_client.post("/api/v1/schemes/", body, content_type="application/json")
    assert response.status_code == 400
    assert "dieper genest" in response.json()["detail"]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (json.dumps({"name": "x" * 20_000}), "application/json"),
        ("name=" + "x" * 20_000, "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_too_large_for_the_api_is_answered_in_json(
    api_client, functional_admin, settings, body, content_type, debug
):
    # In JSON also with DEBUG on (``make run``), where Django would show its technical page.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.DEBUG = debug
    api_client.force_authenticate(functional_admin)
    response = api_client.post("/api/v1/schemes/", body, content_type=content_type)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "te groot" in response.json()["detail"]


def test_a_week_beyond_the_bounds_is_no_week():
    for text in ("1899-W52", "2101-W01", "9999-W52", f"{TWENTY_DIGITS}-W01"):
        with pytest.raises(ValueError):
            Week.parse(text)
    assert Week.parse("1900-W01").monday.isoformat() == "1900-01-01"
