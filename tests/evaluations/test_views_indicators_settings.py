"""The page that explains the cohesion index and where the functional admin sets its weights and
thresholds (the city recalculated, errors in Dutch on their fields), and the index in the
Django admin."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.models import IndicatorSettings
from tests.evaluations import helpers
from tests.evaluations.helpers import SETTINGS, newest, url

pytestmark = pytest.mark.django_db


# Fixtures shared with the other modules of the same screens, taken from the helpers module and
# bound here: as this module's own they override the conftest's of that name (or, autouse,
# serve this module only).
_english = helpers._english
city = helpers.city


# Settings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "welfare_professional", "official", "functional_admin"]
)
def test_every_reader_sees_how_the_index_is_calculated(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(SETTINGS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The status is red below 50, amber from 50 up to 70, and green from 70." in html
    assert "divided by the norm of 4 hours per funded week" in html
    # The norm itself lives in the welfare calendar, which the page names and links to.
    assert "Hours norm" in html and reverse("interventions:welfare_calendar") in html
    assert len(response.context["components"]) == 8
    assert response.context["components"][0]["share"] == Decimal("12.5")  # 1 of 8 equal
    may_change = fixture == "functional_admin"
    assert (response.context["form"] is not None) is may_change
    assert ('id="indicator-settings-form"' in html) is may_change


def _settings_data(**overrides) -> dict:
    data = {
        "weight_hours": "2",
        "weight_galleries": "1",
        "weight_occupancy": "1",
        "weight_core_group": "1",
        "weight_participation": "1",
        "weight_new_tenants": "1",
        "weight_mutual_help": "1",
        "weight_loneliness": "1",
        "red_below": "45",
        "green_from": "75",
        "hours_norm": "4",
        "core_group_min_members": "3",
        "survey_min_responses": "5",
        "effect_min_gain": "5",
        "effect_kept_share": "50",
    }
    data.update(overrides)
    return data


def test_the_functional_admin_saves_weights_and_the_city_is_recalculated(
    client, functional_admin, city, django_capture_on_commit_callbacks
):
    client.force_login(functional_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS, _settings_data())
    assert response.status_code == 302
    row = IndicatorSettings.objects.get(pk=1)
    assert (row.weight_hours, row.red_below, row.green_from) == (
        Decimal("2"),
        Decimal("45"),
        Decimal("75"),
    )
    assert row.updated_by == functional_admin
    # After the commit the task (inline in tests) recalculates the recent weeks.
    snapshot = newest(city["meidoorn"])
    assert snapshot.weights["hours"] == "2.00"
    assert snapshot.thresholds["red_below"] == "45.0"
    # (2 × 0.5313 + 0.8333 + 0.95 + 0) / 5 = 56.9
    assert snapshot.index == Decimal("56.9")


@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "welfare_professional", "official", "team_member"]
)
def test_others_may_not_change_the_settings(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.post(SETTINGS, _settings_data())
    assert response.status_code == 403
    assert not IndicatorSettings.objects.filter(weight_hours=2).exists()


def test_red_above_green_is_refused_in_dutch_on_the_field(client, functional_admin):
    client.cookies.load({"django_language": "nl"})
    client.force_login(functional_admin)
    response = client.post(SETTINGS, _settings_data(red_below="80", green_from="60"))
    assert response.status_code == 200
    with translation.override("nl"):
        expected = translation.gettext("Green must start at or above the red threshold.")
    assert list(response.context["form"].errors["green_from"]) == [expected]
    assert not IndicatorSettings.objects.filter(red_below=80).exists()


def test_all_weights_zero_is_refused_on_the_first_weight(client, functional_admin):
    client.force_login(functional_admin)
    zero = {
        f"weight_{name}": "0"
        for name in (
            "hours",
            "galleries",
            "occupancy",
            "core_group",
            "participation",
            "new_tenants",
            "mutual_help",
            "loneliness",
        )
    }
    response = client.post(SETTINGS, _settings_data(**zero))
    assert response.context["form"].errors["weight_hours"] == [
        "Give at least one component a weight above 0."
    ]


def test_a_weight_out_of_range_names_the_field(client, functional_admin):
    client.force_login(functional_admin)
    response = client.post(SETTINGS, _settings_data(weight_loneliness="150"))
    assert "weight_loneliness" in response.context["form"].errors


# Admin ------------------------------------------------------------------------------------------
SNAPSHOT_ADMIN = reverse("admin:evaluations_indicatorsnapshot_changelist")


SETTINGS_ADMIN = reverse("admin:evaluations_indicatorsettings_changelist")


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def test_the_admin_lists_snapshots_read_only(client, functional_admin, city):
    client.force_login(functional_admin)
    response = client.get(url(SNAPSHOT_ADMIN, status="red"))
    assert response.status_code == 200
    shown = response.context["cl"].queryset
    assert {snapshot.complex.name for snapshot in shown} == {"Het Anker", "Huize Linde"}
    assert not response.context["has_add_permission"]
    snapshot = newest(city["meidoorn"])
    change = reverse("admin:evaluations_indicatorsnapshot_change", args=[snapshot.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert client.post(change, {"index": "99"}).status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.index == Decimal("57.9")


def test_the_admin_searches_snapshots_by_complex(client, functional_admin, city):
    client.force_login(functional_admin)
    response = client.get(url(SNAPSHOT_ADMIN, q="anker"))
    assert {snapshot.complex.name for snapshot in response.context["cl"].queryset} == {"Het Anker"}


def test_the_admin_lists_only_the_snapshots_a_user_may_see(client, corporation_staff, city):
    client.force_login(_staff(corporation_staff))
    response = client.get(SNAPSHOT_ADMIN)
    assert response.status_code == 200
    names = {snapshot.complex.name for snapshot in response.context["cl"].queryset}
    assert names == {"De Meidoorn", "Het Anker"}
    foreign = newest(city["linde"])
    change = reverse("admin:evaluations_indicatorsnapshot_change", args=[foreign.pk])
    # A foreign snapshot is "not found": the admin redirects to its index with a message.
    assert client.get(change).status_code == 302


def test_the_admin_changes_the_settings_through_the_service(
    client, functional_admin, city, django_capture_on_commit_callbacks
):
    client.force_login(functional_admin)
    response = client.get(SETTINGS_ADMIN)
    change = reverse("admin:evaluations_indicatorsettings_change", args=[1])
    assert response.status_code == 302
    assert response["Location"] == change
    assert client.get(reverse("admin:evaluations_indicatorsettings_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, _settings_data(weight_hours="3"))
    assert response.status_code == 302
    row = IndicatorSettings.objects.get(pk=1)
    assert row.weight_hours == Decimal("3")
    assert row.updated_by == functional_admin
    assert newest(city["meidoorn"]).weights["hours"] == "3.00"
    refused = client.post(change, _settings_data(red_below="90", green_from="10"))
    assert refused.status_code == 200
    assert "green_from" in refused.context["adminform"].form.errors
    assert IndicatorSettings.objects.get(pk=1).red_below == Decimal("45")
