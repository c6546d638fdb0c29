"""Every screen refuses anonymous visitors; only the sign-in pages and /healthz are public.

Where the anonymous visitor is sent (our sign-in page, the API's Token challenge) is checked here;
test_access_matrix.py holds the anonymous column beside every role's."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Named routes an anonymous visitor may open, and why.
PUBLIC = {
    "login",  # the one page an anonymous visitor sees
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",  # the language switch on the login page
    "healthz",  # for load balancers and docker
    "api-token",  # the API's own sign-in
    "logout",  # signing out when not signed in is harmless
}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace + (entry.name or ""), entry


EXAMPLE_VALUES = {
    "format": "json",
    "uidb64": "MQ",
    "token": "set-password",
    "app_label": "complexes",
}


def _example_path(route: str) -> str:
    """Turn a route (path converters or regex groups) into a concrete path."""
    route = route.replace("<drf_format_suffix:format>", ".json")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: EXAMPLE_VALUES.get(m.group(1), "1"), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: EXAMPLE_VALUES.get(m.group(1), "1"), path)
    for token in ("^", "$", "\\Z", "/?"):
        path = path.replace(token, "")
    return "/" + path.replace("\\.", ".")


API_PREFIXES = ("api/v1/", "api/schema/")


def _routes(*, api: bool):
    """Every non-public route as a concrete path: the API's or the screens' (admin aside)."""
    for route, name, _pattern in _walk(get_resolver().url_patterns):
        if name in PUBLIC or route.startswith("admin/") or route.startswith(API_PREFIXES) != api:
            continue
        yield pytest.param(_example_path(route), id=name or route)


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(_routes(api=False)))
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302, path
    assert response["Location"].startswith(reverse("login")), response["Location"]


@pytest.mark.django_db
def test_admin_sends_anonymous_visitor_to_our_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next=/admin/"
    assert response.templates[0].name == "registration/login.html"


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(_routes(api=True)))
def test_anonymous_api_call_is_401(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 401, path
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "password_reset"])
def test_public_pages_answer_anonymous_visitor(client, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
def test_health_check_answers_anonymous_visitor(client):
    # 200 or 503 depends on the services of this run; never a redirect to the login page.
    response = client.get(reverse("healthz"))
    assert response.status_code in (200, 503)
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_user_without_role_sees_no_complexes(client, user_without_role, own_complex):
    client.force_login(user_without_role)
    assert client.get(reverse("complexes:complex_list")).status_code == 403
    assert "heeft nog geen rol" in client.get(reverse("home")).content.decode()
