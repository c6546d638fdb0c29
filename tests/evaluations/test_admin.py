"""The admin of surveys: rounds listed with their response counts, saved through the
service's rules, and individual responses for the functional admin only."""

import datetime

import pytest
from django.urls import reverse

from evaluations.models import SurveyRound
from tests.helpers import today
from tests.surveys import respond, respond_many

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


# The admin ----------------------------------------------------------------------------------------
def test_the_admin_lists_rounds_with_their_response_counts(client, functional_admin, own_round):
    respond_many(own_round, [1, 2], invalid=1)
    client.force_login(functional_admin)
    response = client.get(reverse("admin:evaluations_surveyround_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list.get(pk=own_round.pk)
    assert (row.response_count, row.valid_count) == (3, 2)
    change = client.get(reverse("admin:evaluations_surveyround_change", args=[own_round.pk]))
    assert change.status_code == 200


def test_the_admin_saves_a_round_through_the_service_rules(client, functional_admin, own_complex):
    client.force_login(functional_admin)
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(
        reverse("admin:evaluations_surveyround_add"),
        {"complex": own_complex.pk, "name": "Zomer", "held_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert "held_on" in response.context["adminform"].form.errors
    assert not SurveyRound.objects.exists()


def test_only_the_functional_admin_sees_individual_responses_in_the_admin(
    client, functional_admin, welfare_professional, own_round
):
    response = respond(own_round, 3, entered_by=welfare_professional)
    changelist = reverse("admin:evaluations_surveyresponse_changelist")
    change = reverse("admin:evaluations_surveyresponse_change", args=[response.pk])
    client.force_login(functional_admin)
    assert client.get(changelist).status_code == 200
    assert client.get(change).status_code == 200
    welfare_professional.is_staff = True
    welfare_professional.save()
    client.force_login(welfare_professional)
    assert client.get(changelist).status_code == 403
    assert client.get(change).status_code in (302, 403)
    # The professional's own rounds are there, scoped to the assigned complexes.
    rounds = client.get(reverse("admin:evaluations_surveyround_changelist"))
    assert rounds.status_code == 200
    assert [row.pk for row in rounds.context["cl"].result_list] == [own_round.pk]
