"""Every number shown in the Dutch format in Dutch (decimal comma, thousands dot) and in the
English one in English: the index's settings, the thresholds a week was calculated with, the
hours norm in words, shares that add up; and the loneliness results, which say which mean is
banded and how, and refresh after each questionnaire entered."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from evaluations import selectors
from evaluations.api.serializers import survey_results_data
from evaluations.choices import Status
from evaluations.models import IndicatorSettings, IndicatorSnapshot
from leefbaarheid.weeks import Week
from tests.helpers import today
from tests.surveys import SurveyRoundFactory, answers, respond_many

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("evaluations:indicator_settings")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _speak(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def _text(html: str) -> str:
    """The page's words as a reader sees them: tags gone, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _value(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    return re.search(r'value="([^"]*)"', tag)[1]


# The index's settings -----------------------------------------------------------------------------


def test_the_settings_page_reads_in_dutch(client, functional_admin):
    _speak(client, "nl")
    client.force_login(functional_admin)
    html = client.get(SETTINGS_URL).content.decode()
    text = _text(html)
    assert "Rood onder 50 Groen vanaf 70" in text
    assert "De status is rood onder 50, oranje vanaf 50 tot 70 en groen vanaf 70." in text
    assert "gedeeld door de norm van 4 uur per gefinancierde week" in text
    # The inputs the admin changes, the Dutch way too.
    assert _value(html, "red_below") == "50"
    assert _value(html, "green_from") == "70"
    assert _value(html, "effect_min_gain") == "5"
    assert _value(html, "weight_hours") == "1"
    # Eight equal weights: 12,5% each, which add up, rather than 12% (96%).
    shares = re.findall(r'<td class="text-end text-nowrap">([^<]*)</td>', html)
    assert shares == ["12,5%"] * 8
    for english in ("50.0", "70.0", "1.00", "4.00", "12%", "12.5"):
        assert english not in text, english
        assert f'value="{english}"' not in html, english


def test_the_settings_page_reads_in_english(client, functional_admin):
    IndicatorSettings.objects.filter(pk=1).update(weight_hours=Decimal("1.50"))
    _speak(client, "en")
    client.force_login(functional_admin)
    html = client.get(SETTINGS_URL).content.decode()
    assert _value(html, "weight_hours") == "1.5"
    shares = re.findall(r'<td class="text-end text-nowrap">([^<]*)</td>', html)
    # 1,5 of 8,5 and seven of 1: 17,6% and seven of 11,8% would make 100,2%; the units that
    # rounding lost go to the largest remainders, the first of equal ones first.
    assert shares == ["17.6%", *["11.8%"] * 5, "11.7%", "11.7%"]
    assert sum(Decimal(share.rstrip("%")) for share in shares) == 100


@pytest.mark.parametrize(
    ("weights", "shares"),
    [
        ([2, 1, 1, 0], ["50", "25", "25", "0"]),  # whole numbers add up: kept whole
        ([3, 1, 1, 1, 1, 1, 1, 1], ["30", "10", "10", "10", "10", "10", "10", "10"]),
        ([1, 1, 1], ["33.4", "33.3", "33.3"]),  # 33 + 33 + 33 = 99: one decimal
        ([1] * 8, ["12.5"] * 8),
    ],
)
def test_the_shares_of_the_weights_add_up(client, functional_admin, weights, shares):
    names = list(IndicatorSettings().weights())
    values = dict(zip(names, [*weights, *[0] * (len(names) - len(weights))], strict=True))
    IndicatorSettings.objects.filter(pk=1).update(
        **{f"weight_{name}": Decimal(value) for name, value in values.items()}
    )
    _speak(client, "en")
    client.force_login(functional_admin)
    components = client.get(SETTINGS_URL).context["components"]
    assert [str(row["share"]) for row in components][: len(shares)] == shares


def test_a_weight_typed_the_dutch_way_is_saved(client, functional_admin):
    _speak(client, "nl")
    client.force_login(functional_admin)
    form = client.get(SETTINGS_URL).context["form"]
    data = {name: _value(str(form[name]), name) for name in form.fields}
    data.update(weight_hours="2,5", red_below="45,5")
    response = client.post(SETTINGS_URL, data)
    assert response.status_code == 302
    row = IndicatorSettings.objects.get()
    assert (row.weight_hours, row.red_below) == (Decimal("2.50"), Decimal("45.5"))


# The index of one complex -----------------------------------------------------------------------


def test_a_weeks_thresholds_are_shown_the_dutch_way(client, official, own_complex):
    week = Week.of(today()).shifted(-1)
    IndicatorSnapshot.objects.create(
        complex=own_complex,
        year=week.year,
        week=week.week,
        week_start=week.monday,
        index=Decimal("61.5"),
        status=Status.AMBER,
        thresholds={"red_below": "50.0", "green_from": "72.5", "hours_norm": "4.00"},
        calculated_at=timezone.now(),
    )
    _speak(client, "nl")
    client.force_login(official)
    response = client.get(reverse("evaluations:complex_indicator", args=[own_complex.pk]))
    assert dict(response.context["thresholds"]) == {
        "Rood onder": "50",
        "Groen vanaf": "72,5",
        "Urennorm per week": "4",
    }


# Loneliness -------------------------------------------------------------------------------------


@pytest.fixture
def round_(own_complex):
    return SurveyRoundFactory(complex=own_complex, name="Voorjaar")


def test_the_mean_is_shown_exactly_with_the_whole_score_it_is_banded_by(client, official, round_):
    respond_many(round_, [0, 1, 1, 2, 3, 3])  # mean 10/6 = 1,67
    _speak(client, "nl")
    client.force_login(official)
    text = _text(
        client.get(reverse("evaluations:survey_detail", args=[round_.pk])).content.decode()
    )
    assert "Gemiddelde score (0–6) 1,67" in text
    assert "Niveau van het gemiddelde Matig eenzaam (2–4) gemiddeld 1,67, afgerond 2" in text
    # The rule in words:
    assert "Het gemiddelde krijgt een niveau nadat het is afgerond op een heel getal" in text
    # Each respondent banded by their own score, as the monitors report it; adding up.
    assert "Niet eenzaam (0–1) 3 50,0%" in text
    assert "Matig eenzaam (2–4) 3 50,0%" in text
    assert "Ernstig eenzaam (5–6) 0 0,0%" in text


def test_the_respondents_shares_add_up_to_100(own_complex):
    round_ = SurveyRoundFactory(complex=own_complex)
    respond_many(round_, [0, 2, 5])  # a third each: 33,4 + 33,3 + 33,3
    results = selectors.survey_results(round_.responses.all(), minimum=3)
    assert list(results["level_shares"].values()) == [
        Decimal("33.4"),
        Decimal("33.3"),
        Decimal("33.3"),
    ]


@pytest.mark.parametrize(
    ("scores", "rounded", "level"),
    [
        ([1, 1, 1, 2], 1, "not_lonely"),  # 1,25
        ([1, 2], 2, "moderate"),  # 1,50 rounds up
        ([4, 5], 5, "severe"),  # 4,50
        ([4, 4, 5], 4, "moderate"),  # 4,33
    ],
)
def test_every_screen_and_the_api_band_the_mean_by_the_same_rounding(
    own_complex, scores, rounded, level
):
    round_ = SurveyRoundFactory(complex=own_complex)
    respond_many(round_, scores)
    results = selectors.survey_results(round_.responses.all(), minimum=1)
    assert (results["mean_rounded"], results["level"]) == (rounded, level)
    summary = selectors.survey_summary(
        selectors.survey_round_list(user=_admin()).filter(pk=round_.pk), minimum=1
    )[0]
    assert (summary["mean_rounded"], summary["level"]) == (rounded, level)
    api = survey_results_data(results)
    assert (api["mean_rounded"], api["level"]) == (rounded, level)


def _admin():
    from leefbaarheid import roles
    from tests.factories import UserFactory

    return UserFactory(role=roles.FUNCTIONAL_ADMIN)


def test_the_api_keeps_its_fields_and_adds_the_rounded_mean_and_shares(
    api_client, official, round_
):
    respond_many(round_, [0, 1, 1, 2, 3, 3])
    api_client.force_authenticate(official)
    body = api_client.get(f"/api/v1/surveys/{round_.pk}/").json()
    results = body["results"]
    assert results["mean_score"] == "1.67"
    assert results["mean_rounded"] == 2
    assert results["level"] == "moderate"
    assert results["levels"] == {"not_lonely": 3, "moderate": 3, "severe": 0}
    assert results["level_shares"] == {"not_lonely": "50.0", "moderate": "50.0", "severe": "0.0"}


def test_the_summary_of_rounds_shows_shares_that_add_up(client, official, own_complex):
    round_ = SurveyRoundFactory(complex=own_complex)
    respond_many(round_, [0, 0, 2, 2, 2, 5, 6])  # 2/7, 3/7, 2/7: 28,6 + 42,8 + 28,6
    _speak(client, "nl")
    client.force_login(official)
    response = client.get(reverse("evaluations:survey_list"))
    group = response.context["summary"][0]
    shares = [level["share"] for level in group["levels"].values()]
    assert shares == [Decimal("28.6"), Decimal("42.8"), Decimal("28.6")]
    assert "3 (42,8%)" in _text(response.content.decode())


# The results refresh after each questionnaire -----------------------------------------------------


def test_entering_a_questionnaire_refreshes_the_results_block(client, welfare_professional, round_):
    respond_many(round_, [1, 1, 2, 2])  # four: below the minimum, results hidden
    _speak(client, "nl")
    client.force_login(welfare_professional)
    url = reverse("evaluations:survey_response_add", args=[round_.pk])
    response = client.post(url, answers(4), **HTMX)
    html = response.content.decode()
    # The entry section, and the results block swapped in out of band with the new figures.
    assert html.lstrip().startswith('<section id="survey-entry"')
    results = html[html.index('<section id="survey-results"') :]
    assert 'hx-swap-oob="true"' in results[: results.index(">")]
    text = _text(results)
    assert "5 vragenlijsten, waarvan 5 geldig (met score)." in text
    assert "Gemiddelde score (0–6) 2,00" in text
    assert "gemiddeld 2,00, afgerond 2" in text


def test_a_refused_questionnaire_leaves_the_results_block_alone(
    client, welfare_professional, round_
):
    client.force_login(welfare_professional)
    url = reverse("evaluations:survey_response_add", args=[round_.pk])
    html = client.post(url, {}, **HTMX).content.decode()
    assert 'id="survey-results"' not in html


def test_the_entry_screen_shows_the_results_block_it_refreshes(
    client, welfare_professional, round_
):
    respond_many(round_, [1, 2, 3, 4, 5])
    client.force_login(welfare_professional)
    html = client.get(reverse("evaluations:survey_response_add", args=[round_.pk])).content.decode()
    assert html.count('id="survey-results"') == 1
    assert html.count('id="survey-entry"') == 1
    assert 'hx-swap-oob="true"' not in html
