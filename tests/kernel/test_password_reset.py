"""Password-reset mails reach the mailbox only: never a server's log, and not by the hundred."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import clean_env, python_json, run_manage, run_python
from tests.kernel.test_settings import PRODUCTION

pytestmark = pytest.mark.django_db


def _ask(client, email, address="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_a_few_resets_per_address_then_the_same_page_without_mail(client, official, settings):
    responses = [_ask(client, official.email) for _ in range(settings.PASSWORD_RESET_PER_EMAIL + 2)]
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_EMAIL
    # The answer never tells whether a mail went out, or whether the address is known.
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("password_reset_done"))
    }


def test_the_address_limit_counts_whatever_its_spelling(client, official, settings):
    for n in range(settings.PASSWORD_RESET_PER_EMAIL + 1):
        _ask(client, official.email.upper() if n % 2 else f" {official.email} ")
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_EMAIL


def test_one_client_cannot_reset_many_accounts(client, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 4
    users = [UserFactory(username=f"bewoner{n}") for n in range(6)]
    for user in users:
        _ask(client, user.email)
    assert len(mail.outbox) == 4
    # Another client (and the account's own owner) still gets a mail.
    _ask(client, users[-1].email, address="198.51.100.3")
    assert len(mail.outbox) == 5


def test_a_forwarded_for_header_does_not_reset_the_client_count(client, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 2
    for n in range(4):
        client.post(
            reverse("password_reset"),
            {"email": UserFactory(username=f"bewoner{n}").email},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    assert len(mail.outbox) == 2


def test_unknown_addresses_count_too(client, official, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 3
    for n in range(3):
        _ask(client, f"onbekend{n}@example.nl")
    _ask(client, official.email)
    assert mail.outbox == []


def test_production_without_a_mail_server_writes_mails_nowhere_and_says_so():
    env = clean_env(**{**PRODUCTION, "EMAIL_HOST": ""})
    backend = python_json(
        "from django.conf import settings\nprint(json.dumps(settings.EMAIL_BACKEND))", env=env
    )
    assert backend == "django.core.mail.backends.dummy.EmailBackend"
    result = run_manage("check", env=env)
    assert result.returncode == 0
    assert "leefbaarheid.W001" in result.stderr
    assert "EMAIL_HOST" in result.stderr


def test_a_reset_on_a_server_without_mail_prints_no_link():
    env = clean_env(**{**PRODUCTION, "EMAIL_HOST": "", "DATABASE_URL": "sqlite:///:memory:"})
    code = (
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from leefbaarheid.models import User\n"
        "User.objects.create_user('gerrit', 'gerrit@example.nl', 'een-goed-wachtwoord-42')\n"
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='leefbaarheid.example.nl').post('/accounts/password_reset/',"
        " {'email': 'gerrit@example.nl'}, secure=True)\n"
        "print(json.dumps(r.status_code))"
    )
    result = run_python(code, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "302"
    assert "/accounts/reset/" not in result.stdout + result.stderr


def test_production_with_a_mail_server_sends_by_smtp():
    env = clean_env(**{**PRODUCTION, "EMAIL_HOST": "smtp.example.nl"})
    backend = python_json(
        "from django.conf import settings\nprint(json.dumps(settings.EMAIL_BACKEND))", env=env
    )
    assert backend == "django.core.mail.backends.smtp.EmailBackend"


def test_development_still_prints_mails_in_the_terminal():
    backend = python_json(
        "from django.conf import settings\nprint(json.dumps(settings.EMAIL_BACKEND))",
        env=clean_env(DJANGO_DEBUG="true"),
    )
    assert backend == "django.core.mail.backends.console.EmailBackend"
