"""The loneliness survey screens' reading side: who opens what (owner, other corporation,
professional assigned and not, official, team, anonymous), results only from five valid
responses (exactly 4 and 5, invalid ones not counting), the list, its summary, filters and
query count."""

import datetime

import pytest
from django.urls import reverse

from evaluations.models import SurveyResponse, SurveyRound
from tests.evaluations.helpers import (
    CREATE_URL,
    HTMX,
    delete_url,
    detail_url,
    entry_url,
    post_answers,
)
from tests.factories import ComplexFactory, DistrictFactory
from tests.helpers import nav_links, today
from tests.surveys import SurveyRoundFactory, answers, respond_many

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


LIST_URL = reverse("evaluations:survey_list")


@pytest.fixture
def foreign_round(foreign_complex):
    return SurveyRoundFactory(complex=foreign_complex, name="Najaar")


def listed(response) -> set[int]:
    return {row.record.pk for row in response.context["table"].rows}


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
