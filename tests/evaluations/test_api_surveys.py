"""The surveys API (/api/v1/surveys/): rounds scoped like the screens, results null below five
valid responses (invalid ones not counting), rounds created by professionals in their assigned
complexes and by the admin, one questionnaire per POST to a round's responses/, every refusal a
400 naming the field, read-only roles 403, the team 403, a foreign round 404, filters and a
bounded query count."""

import datetime

import pytest

from evaluations.choices import ITEM_FIELDS
from evaluations.models import SurveyResponse, SurveyRound
from leefbaarheid import roles
from tests.factories import ComplexFactory, DistrictFactory, UserFactory
from tests.helpers import today
from tests.surveys import SurveyRoundFactory, answers, respond, respond_many

pytestmark = pytest.mark.django_db

URL = "/api/v1/surveys/"


CONTRACT = {"id", "complex", "name", "held_on", "responses", "valid_responses", "results"}


def responses_url(round_) -> str:
    return f"{URL}{round_.pk}/responses/"


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()


@pytest.fixture
def own_round(own_complex):
    return SurveyRoundFactory(complex=own_complex, name="Voorjaar")


@pytest.fixture
def foreign_round(foreign_complex):
    return SurveyRoundFactory(complex=foreign_complex, name="Najaar")


@pytest.fixture
def unassigned_professional(foreign_complex):
    return UserFactory(
        username="frank", role=roles.WELFARE_PROFESSIONAL, complexes=[foreign_complex]
    )


def _round_payload(complex_, **changes) -> dict:
    return {
        "complex": complex_.pk,
        "name": "Voorjaar 2026",
        "held_on": (today() - datetime.timedelta(days=2)).isoformat(),
        **changes,
    }


# Reading ---------------------------------------------------------------------------------------
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
    request, api_client, own_round, foreign_round, fixture, sees
):
    response = _client(api_client, request.getfixturevalue(fixture)).get(URL)
    expected = {"own": own_round.pk, "foreign": foreign_round.pk}
    assert _ids(response) == {expected[name] for name in sees}


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("corporation_staff", 200),
        ("other_corporation_staff", 404),
        ("welfare_professional", 200),
        ("unassigned_professional", 404),
        ("official", 200),
        ("functional_admin", 200),
        ("team_member", 403),
    ],
)
def test_a_round_is_read_by_those_who_reach_it(request, api_client, own_round, fixture, status):
    client = _client(api_client, request.getfixturevalue(fixture))
    assert client.get(f"{URL}{own_round.pk}/").status_code == status


def test_the_intervention_team_is_refused(api_client, team_member, own_round):
    client = _client(api_client, team_member)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _round_payload(own_round.complex)).status_code == 403
    assert client.post(responses_url(own_round), answers(1)).status_code == 403


def test_anonymous_callers_are_unauthorised(api_client, own_round):
    assert api_client.get(URL).status_code == 401
    assert api_client.post(responses_url(own_round), answers(1)).status_code == 401


def test_a_round_has_the_contract_fields_and_no_results_at_four_valid_responses(
    api_client, official, own_round
):
    respond_many(own_round, [2, 3, 4, 6], invalid=2)
    row = _client(api_client, official).get(f"{URL}{own_round.pk}/").json()
    assert set(row) >= CONTRACT
    assert row["complex"] == own_round.complex_id
    assert (row["responses"], row["valid_responses"]) == (6, 4)
    assert row["results"] is None


def test_the_results_appear_at_five_valid_responses(api_client, corporation_staff, own_round):
    respond_many(own_round, [0, 1, 2, 4, 6], invalid=2)
    row = _client(api_client, corporation_staff).get(f"{URL}{own_round.pk}/").json()
    assert (row["responses"], row["valid_responses"]) == (7, 5)
    results = row["results"]
    assert results["mean_score"] == "2.60"
    assert results["level"] == "moderate"
    assert results["levels"] == {"not_lonely": 2, "moderate": 2, "severe": 1}
    assert [item["item"] for item in results["items"]] == list(ITEM_FIELDS)
    first = results["items"][0]
    assert (first["lonely"], first["answered"], first["share"]) == (4, 5, "80.0")


def test_the_list_gives_results_per_round_in_a_bounded_number_of_queries(
    api_client, official, own_complex, django_assert_max_num_queries
):
    rounds = [SurveyRoundFactory(complex=ComplexFactory()) for _number in range(12)]
    for index, round_ in enumerate(rounds):
        respond_many(round_, [1, 2, 3, 4, 5] if index % 2 else [1, 2, 3, 4])
    client = _client(api_client, official)
    client.get(URL)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    rows = {row["id"]: row for row in response.json()["results"]}
    for index, round_ in enumerate(rounds):
        assert (rows[round_.pk]["results"] is None) is (index % 2 == 0)


def test_the_list_filters_by_complex_district_and_corporation(
    api_client, official, own_complex, foreign_complex, own_round, foreign_round
):
    foreign_complex.district = DistrictFactory(name="Charlois")
    foreign_complex.save()
    client = _client(api_client, official)
    assert _ids(client.get(URL, {"complex": own_complex.pk})) == {own_round.pk}
    assert _ids(client.get(URL, {"district": foreign_complex.district_id})) == {foreign_round.pk}
    assert _ids(client.get(URL, {"corporation": own_complex.corporation_id})) == {own_round.pk}
    assert _ids(client.get(URL, {"year": own_round.held_on.year})) == {
        own_round.pk,
        foreign_round.pk,
    }


def test_filtering_on_a_complex_out_of_reach_is_refused(
    api_client, corporation_staff, foreign_complex
):
    response = _client(api_client, corporation_staff).get(URL, {"complex": foreign_complex.pk})
    assert list(_errors(response)) == ["complex"]


# Creating rounds --------------------------------------------------------------------------------
def test_a_professional_creates_a_round_in_an_assigned_complex(
    api_client, welfare_professional, own_complex
):
    response = _client(api_client, welfare_professional).post(URL, _round_payload(own_complex))
    assert response.status_code == 201, response.content
    body = response.json()
    round_ = SurveyRound.objects.get(pk=body["id"])
    assert (round_.complex, round_.created_by) == (own_complex, welfare_professional)
    assert (body["responses"], body["valid_responses"], body["results"]) == (0, 0, None)


def test_the_admin_creates_a_round_in_any_complex(api_client, functional_admin, foreign_complex):
    response = _client(api_client, functional_admin).post(URL, _round_payload(foreign_complex))
    assert response.status_code == 201


def test_a_complex_not_assigned_is_refused_on_the_complex(
    api_client, welfare_professional, foreign_complex
):
    response = _client(api_client, welfare_professional).post(URL, _round_payload(foreign_complex))
    assert list(_errors(response)) == ["complex"]
    assert not SurveyRound.objects.exists()


@pytest.mark.parametrize("fixture", ["corporation_staff", "official"])
def test_readers_of_results_may_not_create_rounds(request, api_client, own_complex, fixture):
    client = _client(api_client, request.getfixturevalue(fixture))
    assert client.post(URL, _round_payload(own_complex)).status_code == 403
    assert not SurveyRound.objects.exists()


def test_a_round_in_the_future_is_refused_on_its_date(
    api_client, welfare_professional, own_complex
):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    client = _client(api_client, welfare_professional)
    response = client.post(URL, _round_payload(own_complex, held_on=tomorrow))
    assert _errors(response) == {
        "held_on": ["Een enquêteronde kan niet in de toekomst worden afgenomen."]
    }


def test_a_name_taken_in_the_complex_is_refused_on_the_name(
    api_client, welfare_professional, own_round
):
    client = _client(api_client, welfare_professional)
    response = client.post(URL, _round_payload(own_round.complex, name=own_round.name))
    assert _errors(response) == {"name": ["Dit complex heeft al een enquêteronde met deze naam."]}


def test_the_errors_are_dutch_by_default(api_client, welfare_professional, own_complex):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    client = _client(api_client, welfare_professional)
    response = client.post(
        URL, _round_payload(own_complex, held_on=tomorrow), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert list(_errors(response)) == ["held_on"]


def test_a_professional_corrects_a_round_in_an_assigned_complex(
    api_client, welfare_professional, own_round
):
    client = _client(api_client, welfare_professional)
    response = client.patch(f"{URL}{own_round.pk}/", {"name": "Voorjaar (herhaald)"})
    assert response.status_code == 200, response.content
    own_round.refresh_from_db()
    assert own_round.name == response.json()["name"] == "Voorjaar (herhaald)"


def test_a_round_is_not_moved_to_another_complex(
    api_client, functional_admin, own_round, foreign_complex
):
    client = _client(api_client, functional_admin)
    response = client.patch(f"{URL}{own_round.pk}/", {"complex": foreign_complex.pk})
    assert list(_errors(response)) == ["complex"]
    own_round.refresh_from_db()
    assert own_round.complex_id != foreign_complex.pk


@pytest.mark.parametrize("fixture", ["corporation_staff", "official"])
def test_readers_may_not_correct_a_round(request, api_client, own_round, fixture):
    client = _client(api_client, request.getfixturevalue(fixture))
    assert client.patch(f"{URL}{own_round.pk}/", {"name": "Anders"}).status_code == 403
    own_round.refresh_from_db()
    assert own_round.name == "Voorjaar"


def test_another_complexs_round_cannot_be_corrected(api_client, unassigned_professional, own_round):
    client = _client(api_client, unassigned_professional)
    assert client.patch(f"{URL}{own_round.pk}/", {"name": "Anders"}).status_code == 404


def test_an_empty_round_is_deleted_and_one_with_responses_refused(
    api_client, welfare_professional, own_complex
):
    empty = SurveyRoundFactory(complex=own_complex)
    answered = SurveyRoundFactory(complex=own_complex)
    respond(answered, 1)
    client = _client(api_client, welfare_professional)
    assert client.delete(f"{URL}{empty.pk}/").status_code == 204
    assert not SurveyRound.objects.filter(pk=empty.pk).exists()
    assert client.delete(f"{URL}{answered.pk}/").status_code == 400
    assert SurveyRound.objects.filter(pk=answered.pk).exists()


# Entering responses -------------------------------------------------------------------------------
def test_a_professional_enters_a_questionnaire_and_gets_its_score(
    api_client, welfare_professional, own_round
):
    response = _client(api_client, welfare_professional).post(
        responses_url(own_round), answers(4), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["score"], body["scored"], body["round"]) == (4, True, own_round.pk)
    stored = SurveyResponse.objects.get(pk=body["id"])
    assert (stored.score, stored.entered_by) == (4, welfare_professional)


def test_a_questionnaire_with_two_items_unanswered_is_kept_without_score(
    api_client, welfare_professional, own_round
):
    values = {field: value for field, value in answers(3).items() if field not in ITEM_FIELDS[4:]}
    response = _client(api_client, welfare_professional).post(
        responses_url(own_round), values, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["score"], response.json()["scored"]) == (None, False)


def test_an_unknown_answer_is_refused_on_its_item(api_client, welfare_professional, own_round):
    response = _client(api_client, welfare_professional).post(
        responses_url(own_round), {**answers(1), "trust": "misschien"}, format="json"
    )
    assert _errors(response) == {
        "trust": ["Kies ja, min of meer of nee, of laat de uitspraak leeg."]
    }
    assert not SurveyResponse.objects.exists()


def test_an_empty_questionnaire_is_refused(api_client, welfare_professional, own_round):
    response = _client(api_client, welfare_professional).post(
        responses_url(own_round), {}, format="json"
    )
    assert _errors(response) == {
        "emptiness": ["Deze vragenlijst heeft geen antwoorden; er is niets in te voeren."]
    }


@pytest.mark.parametrize("fixture", ["corporation_staff", "official"])
def test_readers_of_results_may_not_enter_responses(request, api_client, own_round, fixture):
    client = _client(api_client, request.getfixturevalue(fixture))
    assert client.post(responses_url(own_round), answers(1), format="json").status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_round_out_of_reach_is_not_found(api_client, unassigned_professional, own_round):
    client = _client(api_client, unassigned_professional)
    assert client.post(responses_url(own_round), answers(1), format="json").status_code == 404
    assert client.delete(f"{URL}{own_round.pk}/").status_code == 404
    assert not SurveyResponse.objects.exists()


def test_the_results_follow_the_responses_entered(api_client, welfare_professional, own_round):
    client = _client(api_client, welfare_professional)
    for score in (1, 2, 3, 4):
        client.post(responses_url(own_round), answers(score), format="json")
    client.post(responses_url(own_round), answers(5, missing=2), format="json")
    assert client.get(f"{URL}{own_round.pk}/").json()["results"] is None
    client.post(responses_url(own_round), answers(5), format="json")
    row = client.get(f"{URL}{own_round.pk}/").json()
    assert (row["responses"], row["valid_responses"]) == (6, 5)
    assert row["results"]["mean_score"] == "3.00"
