"""The complex page shows the complex's grants and interventions to those who may see them,
warns when grants of two schemes overlap, and a complex with grants cannot be deleted."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex
from interventions.choices import GrantStatus
from tests.factories import GrantFactory, InterventionFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(own_complex):
    grant = GrantFactory(
        complex=own_complex,
        title="Koffie met de buren",
        status=GrantStatus.AWARDED,
        amount_awarded=Decimal("7250.00"),
    )
    InterventionFactory(complex=own_complex, grant=grant, title="Trekkers gezocht")
    return grant


def _page(client, user, complex_):
    client.force_login(user)
    return client.get(complex_.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "role_fixture", ["corporation_staff", "welfare_professional", "official", "functional_admin"]
)
def test_the_complex_page_lists_its_grants_and_interventions(
    client, request, own_complex, funded, role_fixture
):
    content = _page(client, request.getfixturevalue(role_fixture), own_complex)
    assert "Koffie met de buren" in content
    assert "€ 7.250,00" in content
    assert "Trekkers gezocht" in content
    assert funded.get_absolute_url() in content


def test_the_intervention_team_sees_no_funding_on_the_complex_page(
    client, team_member, own_complex, funded
):
    content = _page(client, team_member, own_complex)
    assert "Koffie met de buren" not in content
    assert "Trekkers gezocht" not in content
    assert reverse("interventions:grant_list") not in content


def test_only_who_may_apply_gets_the_apply_button(
    client, corporation_staff, welfare_professional, own_complex
):
    apply_url = f"{reverse('interventions:grant_apply')}?complex={own_complex.pk}"
    assert apply_url in _page(client, corporation_staff, own_complex)
    assert apply_url not in _page(client, welfare_professional, own_complex)


def test_overlapping_schemes_are_flagged_on_the_complex_page(client, official, own_complex):
    GrantFactory(
        complex=own_complex, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    marker = "overlapping periods"
    assert marker not in _page(client, official, own_complex)
    GrantFactory(
        complex=own_complex,
        scheme=SubsidySchemeFactory(
            name="Opzoomeren mee", min_amount=Decimal("250.00"), max_amount=Decimal("2500.00")
        ),
        amount_requested=Decimal("2000.00"),
        start=datetime.date(2025, 5, 1),
        end=datetime.date(2025, 9, 30),
    )
    client.cookies.load({"django_language": "en"})
    assert marker in _page(client, official, own_complex)


def test_deleting_a_complex_with_grants_is_refused_with_a_message(
    client, corporation_staff, own_complex, funded
):
    client.force_login(corporation_staff)
    response = client.post(reverse("complexes:complex_delete", args=[own_complex.pk]), follow=True)
    assert Complex.objects.filter(pk=own_complex.pk).exists()
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1 and "subsidie" in messages[0].lower()


def test_the_start_page_counts_what_needs_attention_in_grants(client, official, own_complex):
    today = timezone.localdate()
    GrantFactory(complex=own_complex)  # awaiting a decision
    GrantFactory(
        complex=own_complex,
        status=GrantStatus.RUNNING,
        report_due=today - datetime.timedelta(days=1),
    )
    GrantFactory(
        complex=own_complex,
        status=GrantStatus.AWARDED,
        report_due=today + datetime.timedelta(days=10),
    )
    client.force_login(official)
    funding = client.get(reverse("home")).context["funding"]
    assert funding == {"applied": 1, "overdue": 1, "due_soon": 1, "overlapping": 0}


def test_the_start_page_shows_no_grants_to_the_intervention_team(client, team_member, own_complex):
    GrantFactory(complex=own_complex)
    client.force_login(team_member)
    response = client.get(reverse("home"))
    assert response.context["funding"] is None
    assert reverse("interventions:reports_due") not in response.content.decode()


def test_the_start_page_counts_only_the_corporations_own_grants(
    client, corporation_staff, own_complex, foreign_complex
):
    GrantFactory(complex=own_complex)
    GrantFactory(complex=foreign_complex)
    client.force_login(corporation_staff)
    assert client.get(reverse("home")).context["funding"]["applied"] == 1


@pytest.mark.parametrize("history", ["hours", "survey round"])
def test_deleting_a_complex_with_hours_or_surveys_is_refused(
    client, corporation_staff, own_complex, history
):
    from evaluations.models import SurveyRound
    from tests.factories import HoursEntryFactory

    if history == "hours":
        HoursEntryFactory(complex=own_complex)
    else:
        SurveyRound.objects.create(
            complex=own_complex, name="Voorjaar", held_on=timezone.localdate()
        )
    client.force_login(corporation_staff)
    response = client.post(reverse("complexes:complex_delete", args=[own_complex.pk]), follow=True)
    assert Complex.objects.filter(pk=own_complex.pk).exists()
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1 and "enquête" in messages[0].lower()
