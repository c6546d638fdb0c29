"""An API token dies with the password it was got with, and with the account's deactivation."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token

from leefbaarheid.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-nieuw-sterk-wachtwoord-73"
API_URL = "/api/v1/complexes/"


def _token(api_client, username):
    response = api_client.post("/api/v1/auth/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["token"]


def _answers(api_client, token) -> int:
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    status = api_client.get(API_URL).status_code
    api_client.credentials()
    return status


def test_a_token_answers_until_the_password_changes(api_client, client, official):
    token = _token(api_client, "gerrit")
    assert _answers(api_client, token) == 200
    client.force_login(official)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _answers(api_client, token) == 401


def test_a_password_reset_ends_the_old_token(api_client, client, official):
    token = _token(api_client, "gerrit")
    client.post(reverse("password_reset"), {"email": official.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _answers(api_client, token) == 401


def test_a_password_set_in_the_admin_ends_the_old_token(
    api_client, client, official, functional_admin
):
    token = _token(api_client, "gerrit")
    client.force_login(functional_admin)
    response = client.post(
        f"/admin/leefbaarheid/user/{official.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert _answers(api_client, token) == 401


def test_a_password_set_from_the_shell_ends_the_old_token(api_client, official):
    token = _token(api_client, "gerrit")
    user = User.objects.get(pk=official.pk)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert _answers(api_client, token) == 401


def test_deactivation_ends_the_token(api_client, official):
    token = _token(api_client, "gerrit")
    user = User.objects.get(pk=official.pk)
    user.is_active = False
    user.save()
    assert not Token.objects.filter(user=official).exists()
    assert _answers(api_client, token) == 401


def test_a_token_of_an_inactive_user_is_refused(api_client, official):
    token = _token(api_client, "gerrit")
    # A bulk update passes no save(): the token is still there, and still refused.
    User.objects.filter(pk=official.pk).update(is_active=False)
    assert _answers(api_client, token) == 401


def test_an_ordinary_edit_keeps_the_token(api_client, official):
    token = _token(api_client, "gerrit")
    user = User.objects.get(pk=official.pk)
    user.first_name = "Gerrit"
    user.save()
    assert _answers(api_client, token) == 200
