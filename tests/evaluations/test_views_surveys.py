"""The loneliness survey screens: who opens what (owner, other corporation, professional assigned
and not, official, team, anonymous), results only from five valid responses (exactly 4 and 5,
invalid ones not counting), a new round with its errors on the fields, the entry of paper
questionnaires one after another, deleting a mistaken one or an empty round, the summary of
the list, and the query count of the list."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from evaluations.choices import ITEM_FIELDS
from evaluations.models import SurveyResponse, SurveyRound
from leefbaarheid import roles
from tests.factories import ComplexFactory, DistrictFactory, UserFactory
from tests.helpers import nav_links, today
from tests.surveys import SurveyRoundFactory, answers, respond, respond_many

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]

LIST_URL = reverse("evaluations:survey_list")


CREATE_URL = reverse("evaluations:survey_create")


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def foreign_round(foreign_complex):
    return SurveyRoundFactory(complex=foreign_complex, name="Najaar")


@pytest.fixture
def unassigned_professional(foreign_complex):
    """A professional whose only complex is another corporation's."""
    return UserFactory(
        username="frank", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )


@pytest.fixture
def colleague(own_complex):
    return UserFactory(username="cor", role=roles.WELFARE_PROFESSIONAL, complexes=[own_complex])


def detail_url(round_) -> str:
    return reverse("evaluations:survey_detail", args=[round_.pk])


def entry_url(round_) -> str:
    return reverse("evaluations:survey_response_add", args=[round_.pk])


def delete_url(round_) -> str:
    return reverse("evaluations:survey_delete", args=[round_.pk])


def response_delete_url(response) -> str:
    return reverse("evaluations:survey_response_delete", args=[response.pk])


def listed(response) -> set[int]:
    return {row.record.pk for row in response.context["table"].rows}


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def post_answers(client, round_, values: dict, **extra):
    return client.post(entry_url(round_), values, **extra)


# Who may open what ------------------------------------------------------------------------------
def _urls(round_) -> list[str]:
    return [LIST_URL, CREATE_URL, detail_url(round_), entry_url(round_), delete_url(round_)]


def test_anonymous_is_sent_to_the_login_page(client, own_round):
    for path in _urls(own_round):
        response = client.get(path)
        assert response.status_code == 302, path
        assert reverse("login") in response["Location"]


def test_the_intervention_team_and_roleless_users_are_refused(
    client, own_round, team_member, user_without_role
):
    for user in (team_member, user_without_role):
        client.force_login(user)
        for path in _urls(own_round):
            assert client.get(path).status_code == 403, (user, path)


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("corporation_staff", 200),
        ("other_corporation_staff", 404),
        ("welfare_professional", 200),
        ("unassigned_professional", 404),
        ("official", 200),
        ("functional_admin", 200),
    ],
)
def test_a_round_page_opens_for_those_who_reach_its_complex(
    client, request, own_round, fixture, status
):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(detail_url(own_round)).status_code == status


@pytest.mark.parametrize(
    ("fixture", "sees"),
    [
        ("corporation_staff", {"own"}),
        ("other_corporation_staff", {"foreign"}),
        ("welfare_professional", {"own"}),
        ("unassigned_professional", {"foreign"}),
        ("official", {"own", "foreign"}),
        ("functional_admin", {"own", "foreign"}),
    ],
)
def test_the_list_shows_each_role_its_reach(
    client, request, own_round, foreign_round, fixture, sees
):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    expected = {"own": own_round.pk, "foreign": foreign_round.pk}
    assert listed(response) == {expected[name] for name in sees}


@pytest.mark.parametrize("fixture", ["corporation_staff", "official"])
def test_readers_of_results_may_not_create_rounds_or_enter_responses(
    client, request, own_round, fixture
):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(CREATE_URL).status_code == 403
    assert client.get(entry_url(own_round)).status_code == 403
    assert post_answers(client, own_round, answers(2)).status_code == 403
    assert client.post(delete_url(SurveyRoundFactory(complex=own_round.complex))).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_another_corporations_round_is_not_found_on_any_screen(
    client, other_corporation_staff, unassigned_professional, own_round
):
    for user in (other_corporation_staff, unassigned_professional):
        client.force_login(user)
        assert client.get(detail_url(own_round)).status_code == 404
    # The professional holds the permission to enter: the round is still not found.
    assert client.get(entry_url(own_round)).status_code == 404
    assert post_answers(client, own_round, answers(2)).status_code == 404
    assert client.post(delete_url(own_round)).status_code == 404
    assert SurveyRound.objects.filter(pk=own_round.pk).exists()


@pytest.mark.parametrize(
    ("fixture", "offered"),
    [
        ("corporation_staff", True),
        ("welfare_professional", True),
        ("official", True),
        ("functional_admin", True),
        ("team_member", False),
    ],
)
def test_the_menu_offers_the_surveys_to_those_who_may_read_them(client, request, fixture, offered):
    client.force_login(request.getfixturevalue(fixture))
    links = {link["url"]: str(link["label"]) for link in nav_links(client.get("/"))}
    assert (links.get(LIST_URL) == "Loneliness surveys") is offered


# Results only from five valid responses ---------------------------------------------------------
@pytest.mark.parametrize("fixture", ["corporation_staff", "official", "welfare_professional"])
def test_the_round_page_hides_results_at_four_valid_responses(client, request, own_round, fixture):
    # Four valid and three without a score: seven responses, still below the minimum.
    respond_many(own_round, [1, 2, 5, 6], invalid=3)
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(detail_url(own_round))
    html = response.content.decode()
    assert "Results are shown from 5 valid responses on" in html
    assert "7 responses, of which 4 valid" in html
    assert 'id="survey-mean"' not in html
    assert 'id="survey-levels"' not in html
    assert 'id="survey-items"' not in html
    assert "mean_score" not in response.context["results"]


@pytest.mark.parametrize("fixture", ["corporation_staff", "official", "welfare_professional"])
def test_the_round_page_shows_results_at_five_valid_responses(client, request, own_round, fixture):
    respond_many(own_round, [0, 1, 2, 5, 6], invalid=3)
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(detail_url(own_round))
    html = response.content.decode()
    assert "Results are shown from" not in html
    assert 'id="survey-mean">2.80<' in html
    assert 'id="survey-levels"' in html
    rows = {
        row["level"]: (row["count"], str(row["share"])) for row in response.context["level_rows"]
    }
    assert rows == {"not_lonely": (2, "40.0"), "moderate": (1, "20.0"), "severe": (2, "40.0")}
    assert response.context["level_label"] == "Moderately lonely (2–4)"


def test_the_minimum_follows_the_setting(client, official, own_round):
    from evaluations.models import IndicatorSettings

    IndicatorSettings.objects.filter(pk=1).update(survey_min_responses=6)
    respond_many(own_round, [1, 2, 3, 4, 5])
    client.force_login(official)
    html = client.get(detail_url(own_round)).content.decode()
    assert "Results are shown from 6 valid responses on" in html


def test_corporation_staff_and_officials_never_see_individual_responses(
    client, corporation_staff, official, welfare_professional, own_round
):
    respond_many(own_round, [1, 2, 3, 4, 5, 6], entered_by=welfare_professional)
    for user in (corporation_staff, official):
        client.force_login(user)
        response = client.get(detail_url(own_round))
        html = response.content.decode()
        assert "entries" not in response.context
        assert 'id="survey-own-entries"' not in html
        assert 'id="survey-entry"' not in html
        assert "data-response=" not in html


def test_the_list_shows_a_mean_only_for_rounds_with_five_valid_responses(
    client, official, own_complex
):
    below = SurveyRoundFactory(complex=own_complex, name="Vier")
    respond_many(below, [6, 6, 6, 6], invalid=2)
    at = SurveyRoundFactory(complex=own_complex, name="Vijf")
    respond_many(at, [1, 1, 2, 2, 4])
    client.force_login(official)
    response = client.get(LIST_URL)
    rows = {row.record.name: row for row in response.context["table"].rows}
    assert rows["Vier"].get_cell("response_count") == 6
    assert rows["Vier"].get_cell("valid_count") == 4
    assert "fewer than 5 responses" in rows["Vier"].get_cell("mean_score")
    assert rows["Vier"].get_cell("level") == ""
    assert rows["Vijf"].get_cell("mean_score") == "2.00"
    assert rows["Vijf"].get_cell("level") == "Moderately lonely (2–4)"


def test_the_summary_takes_the_rounds_with_results_together(
    client, official, own_complex, foreign_complex
):
    # Shown: 5 valid and 1 invalid. Hidden: 3 valid in the same complex, and 4 valid and 2
    # invalid in another corporation's complex in another district.
    respond_many(SurveyRoundFactory(complex=own_complex), [0, 0, 6, 3, 6], invalid=1)
    respond_many(SurveyRoundFactory(complex=own_complex), [6, 6, 6])
    foreign_complex.district = DistrictFactory(name="Feijenoord")
    foreign_complex.save()
    respond_many(SurveyRoundFactory(complex=foreign_complex), [6, 6, 6, 6], invalid=2)
    client.force_login(official)
    response = client.get(LIST_URL)
    summary = {(group["kind"], group["label"]): group for group in response.context["summary"]}
    city = summary[("all", None)]
    assert (city["responses"], city["valid"], city["shown"]) == (6, 5, True)
    assert str(city["mean_score"]) == "3.00"
    assert city["levels"]["severe"]["count"] == 2
    assert str(city["levels"]["severe"]["share"]) == "40.0"
    own = summary[("corporation", own_complex.corporation.name)]
    assert (own["valid"], str(own["mean_score"])) == (5, "3.00")
    # A hidden round is left out, so no total minus the rounds shown gives its answers away.
    assert ("district", "Feijenoord") not in summary
    assert ("corporation", foreign_complex.corporation.name) not in summary


def test_the_summary_shows_only_counts_for_a_group_below_five(client, official, foreign_complex):
    respond_many(SurveyRoundFactory(complex=foreign_complex), [6, 6, 6, 6], invalid=2)
    client.force_login(official)
    response = client.get(LIST_URL, {"complex": foreign_complex.pk})
    [city] = response.context["summary"]
    assert city == {"kind": "all", "label": None, "responses": 0, "valid": 0, "shown": False}
    html = response.content.decode()
    summary_html = html.split('id="survey-summary"')[1]
    assert "fewer than 5 responses" in summary_html


def test_the_list_filters_by_complex_district_corporation_and_year(
    client, official, own_complex, foreign_complex
):
    this_year = SurveyRoundFactory(complex=own_complex, held_on=today())
    last_year = SurveyRoundFactory(
        complex=own_complex, held_on=datetime.date(today().year - 1, 6, 1)
    )
    foreign = SurveyRoundFactory(complex=foreign_complex, held_on=today())
    client.force_login(official)
    assert listed(client.get(LIST_URL, {"complex": own_complex.pk})) == {
        this_year.pk,
        last_year.pk,
    }
    assert listed(client.get(LIST_URL, {"corporation": foreign_complex.corporation_id})) == {
        foreign.pk
    }
    assert listed(client.get(LIST_URL, {"district": own_complex.district_id})) == {
        this_year.pk,
        last_year.pk,
    }
    assert listed(client.get(LIST_URL, {"year": today().year})) == {this_year.pk, foreign.pk}
    # The htmx request gets the table (with the summary) only.
    partial = client.get(LIST_URL, {"complex": own_complex.pk}, **HTMX)
    assert b"<html" not in partial.content
    assert b'id="survey-summary"' in partial.content


def test_the_list_offers_a_new_round_in_the_chosen_complex_to_its_professional(
    client, welfare_professional, own_complex
):
    client.force_login(welfare_professional)
    response = client.get(LIST_URL, {"complex": own_complex.pk})
    assert response.context["new_url"] == f"{CREATE_URL}?complex={own_complex.pk}"


def test_the_list_offers_no_new_round_to_readers(client, official):
    client.force_login(official)
    response = client.get(LIST_URL)
    assert response.context["may_add"] is False
    assert b'id="new-survey-round"' not in response.content


@pytest.mark.parametrize("rounds", [3, 30])
def test_the_list_keeps_its_query_count_as_rounds_are_added(
    client, official, own_complex, foreign_complex, django_assert_max_num_queries, rounds
):
    for number in range(rounds):
        complex_ = ComplexFactory() if number % 3 else (own_complex, foreign_complex)[number % 2]
        respond_many(SurveyRoundFactory(complex=complex_), [1, 2, 3, 4, 5])
    client.force_login(official)
    client.get(LIST_URL)  # sessions and permissions cached
    with django_assert_max_num_queries(14):
        response = client.get(LIST_URL)
    assert response.status_code == 200


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
