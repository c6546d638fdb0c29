"""Entering a stack of paper questionnaires in a real browser, from the keyboard only: digits
choose the answers and move on, Enter saves, the form comes back empty with the first item in
focus — without console errors or Content-Security-Policy violations."""

import pytest

from evaluations.models import SurveyResponse
from tests.helpers import UNLABELLED_FIELDS, sign_in
from tests.surveys import SurveyRoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_professional_types_in_two_questionnaires(
    page, live_server, welfare_professional, own_complex
):
    from playwright.sync_api import expect

    round_ = SurveyRoundFactory(complex=own_complex, name="Voorjaar")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, live_server.url, "wendy")
    page.goto(f"{live_server.url}/evaluations/surveys/{round_.pk}/responses/new/")
    assert page.evaluate(UNLABELLED_FIELDS) == []
    # The first item has the focus, on its default "not answered".
    expect(page.locator("#id_emptiness_3")).to_be_focused()

    # yes, more or less, no | no, no, yes → 1 + 1 + 0 | 1 + 1 + 0 = 4, then Enter saves.
    page.keyboard.type("123331")
    expect(page.get_by_role("button", name="Save and enter the next")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#survey-entry-saved")).to_have_text("Response 1 saved (score 4).")
    expect(page.locator("#id_emptiness_3")).to_be_focused()
    expect(page.locator("#id_emptiness_3")).to_be_checked()
    assert SurveyResponse.objects.get().score == 4

    # Two items skipped: kept, but flagged as not scored.
    page.keyboard.type("110033")
    page.keyboard.press("Enter")
    expect(page.locator("#survey-entry-saved")).to_contain_text("not scored")
    expect(page.locator("#survey-entry-count")).to_contain_text("2 responses entered so far")
    assert SurveyResponse.objects.order_by("pk").last().score is None
    assert page.problems == []
