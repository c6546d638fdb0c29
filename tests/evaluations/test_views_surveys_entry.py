"""Entering loneliness surveys on screen: a new round with its errors on the fields, paper
questionnaires one after another, deleting a mistaken one or an empty round, correcting a round."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from evaluations.choices import ITEM_FIELDS
from evaluations.models import SurveyResponse, SurveyRound
from leefbaarheid import roles
from tests.evaluations.helpers import (
    CREATE_URL,
    HTMX,
    delete_url,
    detail_url,
    entry_url,
    post_answers,
)
from tests.factories import ComplexFactory, UserFactory
from tests.helpers import today
from tests.surveys import answers, respond

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


@pytest.fixture
def colleague(own_complex):
    return UserFactory(username="cor", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])


def response_delete_url(response) -> str:
    return reverse("evaluations:survey_response_delete", args=[response.pk])


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# A new round ------------------------------------------------------------------------------------
def _round_data(complex_, **changes) -> dict:
    return {
        "complex": complex_.pk,
        "name": "Voorjaar 2026",
        "held_on": (today() - datetime.timedelta(days=3)).isoformat(),
        "note": "",
        **changes,
    }


def test_a_professional_creates_a_round_in_an_assigned_complex(
    client, welfare_professional, own_complex
):
    client.force_login(welfare_professional)
    form = client.get(CREATE_URL, {"complex": own_complex.pk}).context["form"]
    assert form.initial["complex"] == own_complex
    response = client.post(CREATE_URL, _round_data(own_complex))
    round_ = SurveyRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == entry_url(round_)
    assert (round_.complex, round_.name, round_.created_by) == (
        own_complex,
        "Voorjaar 2026",
        welfare_professional,
    )


def test_the_admin_creates_a_round_in_any_complex(client, functional_admin, foreign_complex):
    client.force_login(functional_admin)
    response = client.post(CREATE_URL, _round_data(foreign_complex))
    assert response.status_code == 302
    assert SurveyRound.objects.get().complex == foreign_complex


def test_a_round_in_the_future_is_refused_on_its_date(client, welfare_professional, own_complex):
    client.force_login(welfare_professional)
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(CREATE_URL, _round_data(own_complex, held_on=tomorrow))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "held_on": ["A survey round cannot be held in the future."]
    }
    assert not SurveyRound.objects.exists()


def test_a_name_taken_in_the_complex_is_refused_on_the_name(
    client, welfare_professional, own_complex, own_round
):
    client.force_login(welfare_professional)
    response = client.post(CREATE_URL, _round_data(own_complex, name=own_round.name))
    assert response.context["form"].errors == {
        "name": ["This complex already has a survey round by this name."]
    }
    assert SurveyRound.objects.count() == 1


def test_the_same_name_in_another_complex_is_fine(client, functional_admin, own_round):
    client.force_login(functional_admin)
    other = ComplexFactory()
    assert client.post(CREATE_URL, _round_data(other, name=own_round.name)).status_code == 302


def test_a_professional_cannot_create_a_round_in_a_complex_not_assigned(
    client, welfare_professional, foreign_complex
):
    client.force_login(welfare_professional)
    assert client.get(CREATE_URL, {"complex": foreign_complex.pk}).status_code == 404
    response = client.post(CREATE_URL, _round_data(foreign_complex))
    assert list(response.context["form"].errors) == ["complex"]
    assert not SurveyRound.objects.exists()


def test_the_round_form_speaks_dutch_by_default(client, welfare_professional, own_complex):
    client.cookies.load({"django_language": "nl"})
    client.force_login(welfare_professional)
    response = client.post(CREATE_URL, _round_data(own_complex, name=""))
    assert list(response.context["form"].errors) == ["name"]


# Entering paper questionnaires -------------------------------------------------------------------
def test_a_professional_enters_questionnaires_one_after_another(
    client, welfare_professional, own_round
):
    client.force_login(welfare_professional)
    first = post_answers(client, own_round, answers(3))
    assert first.status_code == 302
    assert first["Location"] == entry_url(own_round)
    assert flash(first) == ["Response 1 saved (score 3)."]
    page = client.get(first["Location"])
    html = page.content.decode()
    # The form is empty again (every item "not answered") and the first item has the focus.
    assert all(not page.context["form"][field].value() for field in ITEM_FIELDS)
    assert html.count(" checked") == len(ITEM_FIELDS)
    assert html.count("autofocus") == 1
    assert 'id="id_emptiness_3"' in html.split("autofocus")[0].rsplit("<input", 1)[1]
    assert "1 response entered so far (1 valid)" in html
    second = post_answers(client, own_round, answers(0))
    assert flash(second) == ["Response 2 saved (score 0)."]
    response = SurveyResponse.objects.order_by("pk").last()
    assert (response.score, response.entered_by) == (0, welfare_professional)


def test_the_entry_form_answers_an_htmx_request_with_a_fresh_form(
    client, welfare_professional, own_round
):
    respond(own_round, 2)
    client.force_login(welfare_professional)
    response = post_answers(client, own_round, answers(5), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Response 2 saved (score 5)." in html
    assert "2 responses entered so far (2 valid)" in html
    assert "autofocus" in html
    assert all(not response.context["form"][field].value() for field in ITEM_FIELDS)


def test_a_questionnaire_with_two_items_unanswered_is_kept_but_not_scored(
    client, welfare_professional, own_round
):
    client.force_login(welfare_professional)
    response = post_answers(client, own_round, answers(4, missing=2))
    assert flash(response) == ["Response 1 saved, but not scored (more than one item unanswered)."]
    assert SurveyResponse.objects.get().score is None
    html = client.get(entry_url(own_round)).content.decode()
    assert "not scored (more than one item unanswered)" in html
    assert "1 response entered so far (0 valid)" in html


def test_one_item_unanswered_is_scored_over_the_other_five(client, welfare_professional, own_round):
    client.force_login(welfare_professional)
    post_answers(client, own_round, answers(6, missing=1))
    assert SurveyResponse.objects.get().score == 5


def test_an_empty_questionnaire_is_refused(client, welfare_professional, own_round):
    client.force_login(welfare_professional)
    response = post_answers(client, own_round, dict.fromkeys(ITEM_FIELDS, ""))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "emptiness": ["This questionnaire has no answers; there is nothing to enter."]
    }
    assert not SurveyResponse.objects.exists()


def test_an_empty_questionnaire_is_refused_in_dutch(client, welfare_professional, own_round):
    client.cookies.load({"django_language": "nl"})
    client.force_login(welfare_professional)
    response = post_answers(client, own_round, {})
    assert list(response.context["form"].errors) == ["emptiness"]
    assert not SurveyResponse.objects.exists()


def test_an_unknown_answer_is_refused_on_its_item(client, welfare_professional, own_round):
    client.force_login(welfare_professional)
    response = post_answers(client, own_round, {**answers(2), "trust": "soms"})
    assert response.context["form"].errors == {
        "trust": ["Choose yes, more or less, or no, or leave the item empty."]
    }
    assert not SurveyResponse.objects.exists()


def test_the_entry_form_offers_four_answers_per_item_with_the_items_wording(
    client, welfare_professional, own_round
):
    client.force_login(welfare_professional)
    html = client.get(entry_url(own_round)).content.decode()
    assert "1. I experience a general sense of emptiness." in html
    assert "6. There are enough people I feel close to." in html
    for field in ITEM_FIELDS:
        assert html.count(f'name="{field}"') == 4
    for label in ("Yes", "More or less", "No", "Not answered"):
        assert label in html


def test_the_round_page_offers_the_entry_form_to_its_professional(
    client, welfare_professional, own_round
):
    client.force_login(welfare_professional)
    html = client.get(detail_url(own_round)).content.decode()
    assert 'id="survey-entry"' in html
    assert f'action="{entry_url(own_round)}"' in html
    assert "js/survey-entry.js" in html


# The writer's own questionnaires, and deleting one ----------------------------------------------
def test_a_professional_sees_only_the_questionnaires_they_entered(
    client, welfare_professional, colleague, own_round
):
    theirs = respond(own_round, 1, entered_by=colleague)
    mine = respond(own_round, 4, entered_by=welfare_professional)
    client.force_login(welfare_professional)
    entries = client.get(detail_url(own_round)).context["entries"]
    assert [(entry["pk"], entry["number"], entry["score"]) for entry in entries] == [
        (mine.pk, 2, 4)
    ]
    assert theirs.pk not in {entry["pk"] for entry in entries}


def test_a_professional_deletes_a_questionnaire_entered_by_mistake(
    client, welfare_professional, own_round
):
    respond(own_round, 1, entered_by=welfare_professional)
    mistake = respond(own_round, 6, entered_by=welfare_professional)
    client.force_login(welfare_professional)
    confirm = client.get(response_delete_url(mistake))
    assert confirm.status_code == 200
    assert b"Delete response 2" in confirm.content
    assert SurveyResponse.objects.filter(pk=mistake.pk).exists()
    response = client.post(response_delete_url(mistake))
    assert response["Location"] == entry_url(own_round)
    assert flash(response) == ["Response 2 of “Voorjaar” is deleted."]
    assert not SurveyResponse.objects.filter(pk=mistake.pk).exists()
    assert own_round.responses.count() == 1


def test_a_colleagues_questionnaire_cannot_be_deleted_on_the_screens(
    client, welfare_professional, colleague, unassigned_professional, own_round
):
    theirs = respond(own_round, 1, entered_by=colleague)
    for user in (welfare_professional, unassigned_professional):
        client.force_login(user)
        assert client.post(response_delete_url(theirs)).status_code == 404
    assert SurveyResponse.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "fixture", ["corporation_staff", "official", "team_member", "other_corporation_staff"]
)
def test_readers_cannot_delete_a_questionnaire(
    client, request, welfare_professional, own_round, fixture
):
    response = respond(own_round, 1, entered_by=welfare_professional)
    client.force_login(request.getfixturevalue(fixture))
    assert client.post(response_delete_url(response)).status_code == 403
    assert SurveyResponse.objects.filter(pk=response.pk).exists()


# Deleting a round --------------------------------------------------------------------------------
def test_a_round_without_responses_is_deleted(client, welfare_professional, own_round):
    client.force_login(welfare_professional)
    assert b"Delete survey round" in client.get(delete_url(own_round)).content
    response = client.post(delete_url(own_round))
    assert response.status_code == 302
    assert not SurveyRound.objects.filter(pk=own_round.pk).exists()


def test_a_round_with_responses_is_not_deleted(client, welfare_professional, own_round):
    respond(own_round, 2)
    client.force_login(welfare_professional)
    page = client.get(detail_url(own_round)).content.decode()
    assert delete_url(own_round) not in page
    response = client.post(delete_url(own_round))
    assert response["Location"] == detail_url(own_round)
    assert flash(response) == [
        "This round has responses; delete them first if the round was entered by mistake."
    ]
    assert SurveyRound.objects.filter(pk=own_round.pk).exists()


# Correcting a round ------------------------------------------------------------------------------
def update_url(round_) -> str:
    return reverse("evaluations:survey_update", args=[round_.pk])


def test_a_professional_corrects_a_rounds_name_and_date(client, welfare_professional, own_round):
    client.force_login(welfare_professional)
    page = client.get(update_url(own_round))
    assert page.status_code == 200
    assert page.context["form"].fields["complex"].disabled
    held_on = today() - datetime.timedelta(days=3)
    response = client.post(
        update_url(own_round),
        # A moved complex in the post is ignored: the field is fixed.
        {"complex": "", "name": "Voorjaar (herhaald)", "held_on": held_on.isoformat()},
    )
    assert response.status_code == 302
    own_round.refresh_from_db()
    assert (own_round.name, own_round.held_on) == ("Voorjaar (herhaald)", held_on)


def test_a_correction_into_the_future_is_refused_on_the_date(
    client, welfare_professional, own_round
):
    client.force_login(welfare_professional)
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(
        update_url(own_round), {"name": own_round.name, "held_on": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["held_on"]
    own_round.refresh_from_db()
    assert own_round.held_on != tomorrow


@pytest.mark.parametrize(("fixture", "status"), [("corporation_staff", 403), ("official", 403)])
def test_readers_may_not_correct_a_round(client, request, own_round, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(update_url(own_round)).status_code == status
    assert client.post(update_url(own_round), {"name": "Anders"}).status_code == status


def test_another_complexs_round_is_not_found_for_correction(
    client, unassigned_professional, own_round
):
    client.force_login(unassigned_professional)
    assert client.get(update_url(own_round)).status_code == 404
