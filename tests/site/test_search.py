"""The search box: what each role finds (scoped like its lists), the term's limits, at most ten
hits a group with a "more" link into the filtered list, and a query count that does not grow
with the city."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ComplexFactory,
    GrantFactory,
    InterventionFactory,
    ProviderFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

GROUPS = ("complexes", "grants", "providers", "interventions", "residents")


def _found(response) -> dict[str, set[str]]:
    """The labels of the hits, per group shown."""
    results = response.context["results"] or []
    return {group["key"]: {hit.label for hit in group["hits"]} for group in results}


@pytest.fixture
def zon(own_complex, foreign_complex):
    """One of each kind matching "zonne" in an own and in a foreign complex."""
    ComplexFactory(corporation=own_complex.corporation, name="Zonnehof Noord")
    ComplexFactory(corporation=foreign_complex.corporation, name="Zonnehof Zuid")
    for place, complex in (("Noord", own_complex), ("Zuid", foreign_complex)):
        ResidentFactory(complex=complex, name=f"Mevrouw Zonneveld {place}")
        GrantFactory(complex=complex, title=f"Zonnebank {place}")
        InterventionFactory(
            complex=complex, title=f"Zonnemiddag {place}", provider=ProviderFactory()
        )
    ProviderFactory(name="Zonnewijzer")


OWN = {
    "complexes": {"Zonnehof Noord"},
    "grants": {"Zonnebank Noord"},
    "providers": {"Zonnewijzer"},
    "interventions": {"Zonnemiddag Noord"},
    "residents": {"Mevrouw Zonneveld Noord"},
}
BOTH = {
    "complexes": {"Zonnehof Noord", "Zonnehof Zuid"},
    "grants": {"Zonnebank Noord", "Zonnebank Zuid"},
    "providers": {"Zonnewijzer"},
    "interventions": {"Zonnemiddag Noord", "Zonnemiddag Zuid"},
    "residents": {"Mevrouw Zonneveld Noord", "Mevrouw Zonneveld Zuid"},
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # Local roles: their own corporation's or assigned complexes only, residents included.
        ("corporation_staff", OWN),
        # The professional is assigned De Meidoorn only, not the corporation's Zonnehof Noord.
        ("welfare_professional", {key: OWN[key] for key in GROUPS if key != "complexes"}),
        # The municipality: everything city-wide but residents, whom it cannot see today.
        ("official", {key: BOTH[key] for key in GROUPS if key != "residents"}),
        # The intervention team reads complexes and providers, no funding, no residents.
        ("team_member", {"complexes": BOTH["complexes"], "providers": BOTH["providers"]}),
        ("functional_admin", BOTH),
    ],
)
def test_each_role_finds_what_its_lists_show(client, request, zon, role, expected):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("search"), {"q": "zonne"})
    assert response.status_code == 200
    found = {key: labels for key, labels in _found(response).items() if labels}
    assert found == expected


def test_the_other_corporation_finds_only_its_own(client, other_corporation_staff, zon):
    client.force_login(other_corporation_staff)
    found = _found(client.get(reverse("search"), {"q": "ZONNE"}))
    assert found["complexes"] == {"Zonnehof Zuid"}
    assert found["residents"] == {"Mevrouw Zonneveld Zuid"}
    assert "Mevrouw Zonneveld Noord" not in str(found)


def test_residents_never_reach_the_city_roles_even_by_exact_name(
    client, official, team_member, own_resident
):
    for user in (official, team_member):
        client.force_login(user)
        response = client.get(reverse("search"), {"q": own_resident.name})
        assert "residents" not in _found(response)
        detail = reverse("residents:resident_detail", args=[own_resident.pk])
        assert detail not in response.content.decode()


def test_the_term_is_trimmed_and_a_hit_links_to_its_page(client, corporation_staff, zon):
    client.force_login(corporation_staff)
    response = client.get(reverse("search"), {"q": "  Zonnehof Noord  "})
    assert response.context["term"] == "Zonnehof Noord"
    (hit,) = response.context["results"][0]["hits"]
    assert client.get(hit.url).status_code == 200


def test_fewer_than_two_characters_give_a_hint_and_no_search(client, corporation_staff, zon):
    client.force_login(corporation_staff)
    client.get(reverse("search"), {"q": "zo"})  # the session and roles, read once
    for term in ("", " z ", "z"):
        response = client.get(reverse("search"), {"q": term})
        assert response.context["results"] is None
        assert "Typ minstens 2 tekens om te zoeken." in response.content.decode()
    with CaptureQueriesContext(connection) as short:
        client.get(reverse("search"), {"q": "z"})
    with CaptureQueriesContext(connection) as searched:
        client.get(reverse("search"), {"q": "zo"})
    assert len(searched) > len(short)


def test_a_term_over_100_characters_is_refused_in_dutch_naming_the_field(client, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get(reverse("search"), {"q": "x" * 101})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert list(response.context["form"].errors["q"]) == [
        "“Zoekterm” mag hoogstens 100 tekens bevatten (het zijn er nu 101)."
    ]
    assert client.get(reverse("search"), {"q": "x" * 100}).context["results"] is not None


@pytest.mark.parametrize("term", ["%", "_%_", "'; DROP TABLE x; --", "\x00zo", "ø" * 100, "\\"])
def test_odd_terms_give_a_page(client, functional_admin, zon, term):
    client.force_login(functional_admin)
    assert client.get(reverse("search"), {"q": term}).status_code == 200


def _city(corporation, size: int, start: int = 0) -> None:
    """``size`` × a slice of the city, every row matching "park"."""
    for n in range(start, start + size):
        complex = ComplexFactory(corporation=corporation, name=f"Parkzicht {n}")
        ResidentFactory(complex=complex, name=f"Meneer Parkman {n}")
        GrantFactory(complex=complex, title=f"Parkfeest {n}")
        InterventionFactory(complex=complex, title=f"Parkwandeling {n}")
        ProviderFactory(name=f"Parkwerk {n}")


def _queries(client, term: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("search"), {"q": term}).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["corporation_staff", "official", "functional_admin"])
def test_the_query_count_does_not_grow_with_the_city(client, request, corporation, role):
    client.force_login(request.getfixturevalue(role))
    _city(corporation, 4)
    _queries(client, "park")  # whatever a first request reads once per process
    once = _queries(client, "park")
    _city(corporation, 8, start=4)  # 12 in all: three times the data, more than a group shows
    assert _queries(client, "park") == once
    groups = client.get(reverse("search"), {"q": "park"}).context["results"]
    assert all(len(group["hits"]) == 10 for group in groups)


def test_more_links_to_the_list_filtered_by_the_term(client, functional_admin, corporation):
    _city(corporation, 11)
    client.force_login(functional_admin)
    groups = {
        group["key"]: group
        for group in client.get(reverse("search"), {"q": "park"}).context["results"]
    }
    assert groups["complexes"]["more_url"] == reverse("complexes:complex_list") + "?q=park"
    assert groups["residents"]["more_url"] == reverse("residents:resident_list") + "?q=park"
    assert groups["interventions"]["more_url"] == (
        reverse("interventions:intervention_list") + "?q=park"
    )
    assert groups["providers"]["more_url"] == reverse("interventions:provider_list") + "?q=park"
    # The grant list has no search filter: "more" is said, not linked.
    assert groups["grants"]["more"] and groups["grants"]["more_url"] is None
    listed = client.get(groups["complexes"]["more_url"])
    assert listed.status_code == 200
    assert "Parkzicht 10" in listed.content.decode()


def test_a_near_miss_is_found_by_trigram_on_postgresql_only(client, functional_admin, zon):
    client.force_login(functional_admin)
    found = _found(client.get(reverse("search"), {"q": "Zonnehoff Noord"}))
    if connection.vendor == "postgresql":
        assert "Zonnehof Noord" in found["complexes"]
    else:
        assert found["complexes"] == set()


def test_the_header_has_the_search_box_for_signed_in_users_only(client, corporation_staff):
    assert 'id="header-search-q"' not in client.get(reverse("login")).content.decode()
    client.force_login(corporation_staff)
    page = client.get(reverse("home")).content.decode()
    assert 'id="header-search-q"' in page
    assert f'action="{reverse("search")}"' in page
