"""Signing in and out, changing and resetting the password, and login throttling."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_speaks_dutch_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert "Gebruikersnaam" in html


def test_browser_language_does_not_override_dutch(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Inloggen" in html


def test_api_clients_may_ask_for_english(api_client, db):
    response = api_client.post("/api/v1/auth/token/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["password"] == ["This field is required."]


def test_user_signs_in_and_lands_on_overview(client, official):
    response = _login(client, "gerrit", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_shows_dutch_error(client, official):
    response = _login(client, "gerrit", "verkeerd")
    assert response.status_code == 200
    assert "Voer een correcte gebruikersnaam en wachtwoord in" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_login_is_locked_after_repeated_failures(client, official, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "gerrit", "verkeerd")
    response = _login(client, "gerrit", PASSWORD)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_token_endpoint_is_locked_too(api_client, official, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": None}}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post("/api/v1/auth/token/", {"username": "gerrit", "password": "x"})
    response = api_client.post("/api/v1/auth/token/", {"username": "gerrit", "password": PASSWORD})
    assert response.status_code != 200
    assert "token" not in response.json()


def test_logout_ends_the_session(client, official):
    client.force_login(official)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change(client, official):
    client.force_login(official)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "nieuw-wachtwoord-voor-gerrit-7",
            "new_password2": "nieuw-wachtwoord-voor-gerrit-7",
        },
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("nieuw-wachtwoord-voor-gerrit-7")


def test_password_change_names_the_field_in_dutch(client, official):
    client.force_login(official)
    response = client.post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": "a", "new_password2": "b"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "old_password" in form.errors
    assert "niet juist" in form.errors["old_password"][0]
    html = response.content.decode()
    assert 'aria-describedby="' in html or 'id="error_1_id_old_password"' in html


def test_password_reset_sends_a_working_link(client, official):
    response = client.post(reverse("password_reset"), {"email": official.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Kies een nieuw wachtwoord voor Leefbaarheid"
    assert "Uw gebruikersnaam is gerrit" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "een-ander-wachtwoord-99", "new_password2": "een-ander-wachtwoord-99"},
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("een-ander-wachtwoord-99")


def test_password_reset_for_unknown_address_reveals_nothing(client, official):
    response = client.post(reverse("password_reset"), {"email": "onbekend@example.nl"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_passwords_are_hashed_with_argon2(official):
    assert official.password.startswith("argon2")


def test_navigation_follows_the_role(client, official, functional_admin):
    client.force_login(official)
    html = client.get(reverse("home")).content.decode()
    assert reverse("complexes:complex_list") in html
    assert reverse("admin:index") not in html
    client.force_login(functional_admin)
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
