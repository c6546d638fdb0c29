"""The client's address is read one way everywhere, and a client cannot choose it by sending
X-Forwarded-For: DJANGO_PROXY_COUNT says how many entries of that header our own proxies wrote."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from leefbaarheid.client import client_address
from tests.factories import PASSWORD
from tests.helpers import clean_env, python_json

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _token_request(api_client, forwarded, remote=PROXY):
    return api_client.post(
        "/api/v1/auth/token/",
        {"username": "gerrit", "password": "verkeerd"},
        HTTP_X_FORWARDED_FOR=forwarded,
        REMOTE_ADDR=remote,
    )


def test_a_new_forwarded_for_per_request_does_not_escape_the_token_throttle(api_client, official):
    statuses = [
        _token_request(api_client, f"198.51.100.{n}", remote="203.0.113.9").status_code
        for n in range(15)
    ]
    assert statuses.count(429) == 5


def test_behind_a_proxy_the_throttle_counts_the_address_the_proxy_saw(
    api_client, official, settings
):
    settings.PROXY_COUNT = 1
    # The client writes anything on the left; our proxy appends the address it saw.
    statuses = [
        _token_request(api_client, f"198.51.100.{n}, 203.0.113.7").status_code for n in range(15)
    ]
    assert statuses.count(429) == 5
    # Another client behind the same proxy has a count of its own.
    assert _token_request(api_client, "203.0.113.8").status_code == 400


def test_behind_a_proxy_a_lockout_locks_the_client_not_everyone(client, official, settings):
    settings.PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "gerrit", "password": "verkeerd"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
            REMOTE_ADDR=PROXY,
        )
    locked = client.post(
        reverse("login"),
        {"username": "gerrit", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7",
        REMOTE_ADDR=PROXY,
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        reverse("login"),
        {"username": "gerrit", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.8",
        REMOTE_ADDR=PROXY,
    )
    assert elsewhere.status_code == 302


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        (0, "198.51.100.1", "192.0.2.1"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, None, "192.0.2.1"),
    ],
)
def test_client_address_reads_as_many_entries_as_there_are_proxies(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": "192.0.2.1"}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **headers)) == expected


def test_one_setting_configures_every_reader_of_the_address():
    values = python_json(
        "from django.conf import settings\n"
        "from rest_framework.settings import api_settings\n"
        "print(json.dumps([settings.PROXY_COUNT, settings.AXES_IPWARE_PROXY_COUNT,"
        " api_settings.NUM_PROXIES, settings.AXES_CLIENT_IP_CALLABLE]))",
        env=clean_env(DJANGO_DEBUG="true", DJANGO_PROXY_COUNT="2"),
    )
    assert values == [2, 2, 2, "leefbaarheid.client.client_address"]
