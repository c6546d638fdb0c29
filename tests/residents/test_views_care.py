"""Personal attention: new tenants to welcome, and residents living alone who are out of sight."""

import datetime

import pytest
from django.urls import reverse

from complexes.models import Gallery
from residents.choices import ContactKind, Household
from residents.models import ResidentContact
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    GalleryFactory,
    MutualHelpFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    UserFactory,
)
from tests.helpers import nav_links, today
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

TO_WELCOME = reverse("residents:to_welcome")
OUT_OF_SIGHT = reverse("residents:out_of_sight")


def _weeks_ago(weeks: int) -> datetime.date:
    return today() - datetime.timedelta(weeks=weeks)


def _welcome(pk):
    return reverse("residents:welcome_record", args=[pk])


def _visit(pk):
    return reverse("residents:out_of_sight_record", args=[pk])


def _listed(response) -> set[str]:
    return {row["resident"].name for row in response.context["rows"]}


def _nav_urls(response) -> set[str]:
    return {item["url"] for item in nav_links(response)}


def _new_tenant(complex, **kwargs):
    moved_in = today() - datetime.timedelta(days=30)
    return ResidentFactory(complex=complex, moved_in=moved_in, **kwargs)


# To welcome ------------------------------------------------------------------------------------


@pytest.fixture
def contact_person(own_complex, own_gallery):
    person = ResidentFactory(complex=own_complex, gallery=own_gallery, name="Contactpersoon")
    Gallery.objects.filter(pk=own_gallery.pk).update(
        contact_person=person, contact_since=datetime.date(2024, 1, 1)
    )
    return person


def test_new_tenants_not_yet_welcomed_are_listed_with_their_contact_person(
    client, corporation_staff, own_complex, own_gallery, contact_person, foreign_complex
):
    _new_tenant(own_complex, gallery=own_gallery, name="Nieuwkomer")
    welcomed = _new_tenant(own_complex, name="Al verwelkomd")
    ResidentContactFactory(resident=welcomed, kind=ContactKind.WELCOME)
    _new_tenant(foreign_complex, name="Elders")
    ResidentFactory(complex=own_complex, moved_in=_weeks_ago(60), name="Oude bewoner")
    client.force_login(corporation_staff)
    response = client.get(TO_WELCOME)
    assert response.status_code == 200
    assert _listed(response) == {"Nieuwkomer"}
    row = response.context["rows"][0]
    assert row["resident"].gallery.contact_person == contact_person
    assert row["form"].initial["made_by"] == contact_person.pk
    assert b"Contactpersoon" in response.content
    assert TO_WELCOME in _nav_urls(response)


def test_marking_a_welcome_takes_the_tenant_off_the_list(
    client, corporation_staff, own_complex, contact_person
):
    newcomer = _new_tenant(own_complex, name="Nieuwkomer")
    client.force_login(corporation_staff)
    day = today() - datetime.timedelta(days=2)
    response = client.post(
        _welcome(newcomer.pk), {"date": day.isoformat(), "made_by": contact_person.pk}
    )
    assert response.status_code == 302
    contact = ResidentContact.objects.get()
    assert (contact.resident, contact.kind, contact.date, contact.made_by) == (
        newcomer,
        ContactKind.WELCOME,
        day,
        contact_person,
    )
    assert contact.recorded_by == corporation_staff
    assert _listed(client.get(TO_WELCOME)) == set()


def test_a_welcome_without_contact_person_is_allowed(client, welfare_professional, own_complex):
    newcomer = _new_tenant(own_complex)
    client.force_login(welfare_professional)
    response = client.post(_welcome(newcomer.pk), {"date": today().isoformat(), "made_by": ""})
    assert response.status_code == 302
    assert ResidentContact.objects.get().made_by is None


@pytest.mark.parametrize(
    ("field", "value_of"),
    [
        ("date", lambda others: {"date": "2999-01-01"}),
        ("date", lambda others: {"date": "gisteren"}),
        ("made_by", lambda others: {"made_by": others["not_contact"].pk}),
        ("made_by", lambda others: {"made_by": others["foreign"].pk}),
    ],
)
def test_bad_welcome_names_the_field_and_writes_nothing(
    client, corporation_staff, own_complex, foreign_resident, contact_person, field, value_of
):
    newcomer = _new_tenant(own_complex)
    others = {"not_contact": ResidentFactory(complex=own_complex), "foreign": foreign_resident}
    client.force_login(corporation_staff)
    data = {"date": today().isoformat(), "made_by": "", **value_of(others)}
    response = client.post(_welcome(newcomer.pk), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ResidentContact.objects.exists()


def test_it_rejects_welcoming_foreign_resident(client, corporation_staff, foreign_complex):
    stranger = _new_tenant(foreign_complex)
    client.force_login(corporation_staff)
    response = client.post(_welcome(stranger.pk), {"date": today().isoformat()})
    assert response.status_code == 404
    assert not ResidentContact.objects.exists()


def test_professional_welcomes_only_in_assigned_complexes(
    client, welfare_professional, own_complex, corporation
):
    _new_tenant(own_complex, name="Toegewezen")
    elsewhere = _new_tenant(ComplexFactory(corporation=corporation), name="Niet toegewezen")
    client.force_login(welfare_professional)
    assert _listed(client.get(TO_WELCOME)) == {"Toegewezen"}
    assert client.post(_welcome(elsewhere.pk), {"date": today().isoformat()}).status_code == 404


def test_functional_admin_sees_every_new_tenant(
    client, functional_admin, own_complex, foreign_complex
):
    _new_tenant(own_complex, name="Hier")
    _new_tenant(foreign_complex, name="Daar")
    client.force_login(functional_admin)
    assert _listed(client.get(TO_WELCOME)) == {"Hier", "Daar"}


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_roles_without_welcomes_are_refused(client, request, role_fixture, own_complex):
    newcomer = _new_tenant(own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(TO_WELCOME).status_code == 403
    assert client.post(_welcome(newcomer.pk), {"date": today().isoformat()}).status_code == 403
    assert TO_WELCOME not in _nav_urls(client.get(reverse("home")))
    assert not ResidentContact.objects.exists()


def test_to_welcome_goes_gallery_by_gallery_with_those_without_one_last(
    client, corporation_staff, own_complex
):
    upper = GalleryFactory(complex=own_complex, name="Galerij 2", floor=2)
    lower = GalleryFactory(complex=own_complex, name="Galerij 1", floor=1)
    _new_tenant(own_complex, gallery=None, name="Zonder galerij")
    _new_tenant(own_complex, gallery=upper, name="Boven")
    _new_tenant(own_complex, gallery=lower, name="Beneden")
    client.force_login(corporation_staff)
    response = client.get(TO_WELCOME)
    names = [row["resident"].name for row in response.context["rows"]]
    assert names == ["Beneden", "Boven", "Zonder galerij"]


def test_to_welcome_narrows_to_one_complex(client, corporation_staff, own_complex):
    second = ComplexFactory(corporation=own_complex.corporation, name="De Vlier")
    ResidentFactory(complex=own_complex, name="Nieuw in Meidoorn", moved_in=_weeks_ago(3))
    ResidentFactory(complex=second, name="Nieuw in Vlier", moved_in=_weeks_ago(3))
    client.force_login(corporation_staff)
    assert _listed(client.get(TO_WELCOME)) == {"Nieuw in Meidoorn", "Nieuw in Vlier"}
    assert _listed(client.get(TO_WELCOME, {"complex": second.pk})) == {"Nieuw in Vlier"}


def test_to_welcome_comes_in_pages_keeping_the_filter(client, corporation_staff, own_complex):
    for number in range(55):
        ResidentFactory(complex=own_complex, name=f"Huurder {number:02}", moved_in=_weeks_ago(2))
    client.force_login(corporation_staff)
    first = client.get(TO_WELCOME, {"complex": own_complex.pk})
    second = client.get(TO_WELCOME, {"complex": own_complex.pk, "page": 2})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 5)
    assert _listed(first).isdisjoint(_listed(second))
    assert f"complex={own_complex.pk}&amp;page=2".encode() in first.content


def test_after_a_welcome_the_list_stays_on_its_complex_and_page(
    client, corporation_staff, own_complex
):
    for number in range(55):
        ResidentFactory(complex=own_complex, name=f"Huurder {number:02}", moved_in=_weeks_ago(2))
    client.force_login(corporation_staff)
    query = f"complex={own_complex.pk}&page=2"
    listed = client.get(f"{TO_WELCOME}?{query}")
    row = listed.context["rows"][0]
    assert row["form"].initial["next_query"] == query
    assert f'name="next_query" value="complex={own_complex.pk}&amp;page=2"'.encode() in (
        listed.content
    )
    data = {"date": today().isoformat(), "made_by": "", "next_query": query}
    response = client.post(_welcome(row["resident"].pk), data)
    assert response.status_code == 302
    assert response["Location"] == f"{TO_WELCOME}?{query}"
    assert ResidentContact.objects.count() == 1


@pytest.mark.parametrize(
    ("given", "location"),
    [
        ("https://evil.example/", TO_WELCOME),
        ("//evil.example", TO_WELCOME),
        ("next=https://evil.example&complex=abc", TO_WELCOME),
        ("complex=7&next=//evil.example", f"{TO_WELCOME}?complex=7"),
    ],
)
def test_a_welcome_goes_back_to_the_list_only(
    client, corporation_staff, own_complex, given, location
):
    newcomer = _new_tenant(own_complex)
    client.force_login(corporation_staff)
    data = {"date": today().isoformat(), "made_by": "", "next_query": given}
    response = client.post(_welcome(newcomer.pk), data)
    assert response.status_code == 302
    assert response["Location"] == location


def test_a_bad_welcome_keeps_the_way_back_to_the_same_page(client, corporation_staff, own_complex):
    newcomer = _new_tenant(own_complex)
    client.force_login(corporation_staff)
    query = f"complex={own_complex.pk}&page=2"
    response = client.post(_welcome(newcomer.pk), {"date": "", "next_query": query})
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert f'href="{TO_WELCOME}?complex={own_complex.pk}&amp;page=2"'.encode() in (response.content)
    assert not ResidentContact.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_to_welcome_query_count_does_not_grow(
    client, corporation_staff, corporation, django_assert_max_num_queries, count
):
    complexes = ComplexFactory.create_batch(3, corporation=corporation)
    for number in range(count):
        complex_ = complexes[number % 3]
        gallery = GalleryFactory(complex=complex_)
        person = ResidentFactory(complex=complex_, gallery=gallery)
        Gallery.objects.filter(pk=gallery.pk).update(contact_person=person, contact_since=today())
        _new_tenant(complex_, gallery=gallery)
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(12):
        response = client.get(TO_WELCOME)
    assert len(response.context["rows"]) == count


# Out of sight ------------------------------------------------------------------------------------


def _alone(complex, name="Alleen", **kwargs):
    return ResidentFactory(complex=complex, household=Household.ALONE, name=name, **kwargs)


def test_living_alone_with_nothing_for_nine_weeks_is_listed(
    client, welfare_professional, own_complex
):
    never = _alone(own_complex, name="Nooit gezien")
    long_ago = _alone(own_complex, name="Lang geleden")
    ActivityFactory(complex=own_complex, date=_weeks_ago(9), attendees=[long_ago])
    ResidentContactFactory(resident=long_ago, date=_weeks_ago(10))
    client.force_login(welfare_professional)
    response = client.get(OUT_OF_SIGHT)
    assert response.status_code == 200
    assert _listed(response) == {"Nooit gezien", "Lang geleden"}
    rows = {row["resident"]: row for row in response.context["rows"]}
    assert (rows[long_ago]["last_seen"], rows[long_ago]["weeks"]) == (_weeks_ago(9), 9)
    assert rows[never]["last_seen"] is None
    assert OUT_OF_SIGHT in _nav_urls(response)


@pytest.mark.parametrize(
    "seen",
    [
        lambda r: ActivityFactory(complex=r.complex, date=_weeks_ago(7), attendees=[r]),
        lambda r: ResidentGroupFactory(complex=r.complex, active=True, members=[r]),
        lambda r: MutualHelpFactory(complex=r.complex, month=today().replace(day=1), residents=[r]),
        lambda r: ResidentContactFactory(resident=r, date=_weeks_ago(3)),
    ],
    ids=["activity", "group", "mutual_help", "contact"],
)
def test_anything_recorded_within_eight_weeks_keeps_a_resident_off_the_list(
    client, welfare_professional, own_complex, seen
):
    seen(_alone(own_complex, name="Gezien"))
    _alone(own_complex, name="Niet gezien")
    client.force_login(welfare_professional)
    assert _listed(client.get(OUT_OF_SIGHT)) == {"Niet gezien"}


def test_a_couple_is_never_listed(client, welfare_professional, own_complex):
    ResidentFactory(complex=own_complex, household=Household.COUPLE, name="Echtpaar")
    ResidentFactory(complex=own_complex, household=Household.WIDOWED, name="Weduwe")
    ResidentFactory(complex=own_complex, household=Household.DIVORCED, name="Gescheiden")
    client.force_login(welfare_professional)
    assert _listed(client.get(OUT_OF_SIGHT)) == {"Weduwe", "Gescheiden"}


def test_the_number_of_weeks_is_configurable(client, welfare_professional, own_complex, settings):
    resident = _alone(own_complex)
    ResidentContactFactory(resident=resident, date=_weeks_ago(9))
    client.force_login(welfare_professional)
    settings.OUT_OF_SIGHT_WEEKS = 12
    response = client.get(OUT_OF_SIGHT)
    assert _listed(response) == set()
    assert response.context["weeks"] == 12
    settings.OUT_OF_SIGHT_WEEKS = 6
    assert _listed(client.get(OUT_OF_SIGHT)) == {"Alleen"}


def test_professional_never_sees_another_professionals_complexes(
    client, welfare_professional, own_complex, corporation, foreign_complex
):
    theirs = ComplexFactory(corporation=corporation)
    UserFactory(username="other-pro", role="welfare_professional", complexes=[theirs])
    _alone(own_complex, name="Mijn bewoner")
    _alone(theirs, name="Van een collega")
    _alone(foreign_complex, name="Andere corporatie")
    client.force_login(welfare_professional)
    assert _listed(client.get(OUT_OF_SIGHT)) == {"Mijn bewoner"}


@pytest.mark.parametrize(
    "role_fixture",
    ["corporation_staff", "functional_admin", "official", "team_member", "user_without_role"],
)
def test_every_other_role_is_refused_and_sees_no_menu_item(
    client, request, role_fixture, own_complex
):
    resident = _alone(own_complex)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(OUT_OF_SIGHT).status_code == 403
    assert client.get(_visit(resident.pk)).status_code == 403
    assert client.post(_visit(resident.pk), {"kind": "visit"}).status_code == 403
    assert OUT_OF_SIGHT not in _nav_urls(client.get(reverse("home")))
    assert not ResidentContact.objects.exists()


def test_recording_a_visit_takes_the_resident_off_the_list(
    client, welfare_professional, own_complex
):
    resident = _alone(own_complex)
    client.force_login(welfare_professional)
    day = today() - datetime.timedelta(days=1)
    response = client.post(_visit(resident.pk), {"kind": "phone", "date": day.isoformat()})
    assert response.status_code == 302
    contact = ResidentContact.objects.get()
    assert (contact.resident, contact.kind, contact.date, contact.recorded_by) == (
        resident,
        ContactKind.PHONE,
        day,
        welfare_professional,
    )
    assert _listed(client.get(OUT_OF_SIGHT)) == set()


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("kind", {"kind": ContactKind.WELCOME}),
        ("kind", {"kind": "gossip"}),
        ("date", {"date": "2999-01-01"}),
        ("date", {"date": ""}),
    ],
)
def test_bad_visit_names_the_field_and_writes_nothing(
    client, welfare_professional, own_complex, field, data
):
    resident = _alone(own_complex)
    client.force_login(welfare_professional)
    response = client.post(_visit(resident.pk), {"kind": "visit", "date": today(), **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ResidentContact.objects.exists()


def test_it_rejects_a_visit_to_an_unassigned_resident(
    client, welfare_professional, corporation, foreign_complex
):
    client.force_login(welfare_professional)
    for complex_ in (ComplexFactory(corporation=corporation), foreign_complex):
        resident = _alone(complex_)
        response = client.post(_visit(resident.pk), {"kind": "visit", "date": today()})
        assert response.status_code == 404
    assert not ResidentContact.objects.exists()


def test_out_of_sight_narrows_to_one_assigned_complex(
    client, welfare_professional, own_complex, corporation
):
    second = ComplexFactory(corporation=corporation, name="Aaa Tweede")
    ComplexFactory(corporation=corporation, name="Niet toegewezen")
    welfare_professional.assigned_complexes.add(second)
    _alone(own_complex, name="In Meidoorn")
    _alone(second, name="In Tweede")
    client.force_login(welfare_professional)
    response = client.get(OUT_OF_SIGHT)
    assert _listed(response) == {"In Meidoorn", "In Tweede"}
    assert list(response.context["complexes"]) == [second, own_complex]
    assert _listed(client.get(OUT_OF_SIGHT, {"complex": second.pk})) == {"In Tweede"}


def test_out_of_sight_comes_in_pages_and_a_visit_returns_to_the_page(
    client, welfare_professional, own_complex
):
    for number in range(55):
        _alone(own_complex, name=f"Bewoner {number:02}")
    client.force_login(welfare_professional)
    first = client.get(OUT_OF_SIGHT, {"complex": own_complex.pk})
    second = client.get(OUT_OF_SIGHT, {"complex": own_complex.pk, "page": 2})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 5)
    assert _listed(first).isdisjoint(_listed(second))
    assert f"complex={own_complex.pk}&amp;page=2".encode() in first.content
    query = f"complex={own_complex.pk}&page=2"
    resident = second.context["rows"][0]["resident"]
    data = {"kind": "visit", "date": today().isoformat(), "next_query": query}
    response = client.post(_visit(resident.pk), data)
    assert response["Location"] == f"{OUT_OF_SIGHT}?{query}"


@pytest.mark.parametrize("count", [3, 30])
def test_out_of_sight_query_count_does_not_grow(
    client, welfare_professional, own_complex, own_gallery, django_assert_max_num_queries, count
):
    for number in range(count):
        resident = _alone(own_complex, name=f"Bewoner {number}", gallery=own_gallery)
        ResidentContactFactory(resident=resident, date=_weeks_ago(10))
        ActivityFactory(complex=own_complex, date=_weeks_ago(12), attendees=[resident])
    client.force_login(welfare_professional)
    with django_assert_max_num_queries(10):
        response = client.get(OUT_OF_SIGHT)
    assert len(response.context["rows"]) == count


# Removing a contact recorded by mistake -------------------------------------------------------


def test_removing_a_welcome_puts_the_tenant_back_on_the_list(
    client, corporation_staff, own_complex
):
    newcomer = ResidentFactory(complex=own_complex, name="Nieuwkomer", moved_in=_weeks_ago(2))
    contact = ResidentContactFactory(resident=newcomer, kind=ContactKind.WELCOME)
    client.force_login(corporation_staff)
    assert "Nieuwkomer" not in _listed(client.get(TO_WELCOME))
    page = client.get(reverse("residents:resident_detail", args=[newcomer.pk]))
    assert reverse("residents:contact_delete", args=[contact.pk]).encode() in page.content
    response = client.post(reverse("residents:contact_delete", args=[contact.pk]))
    assert response.status_code == 302
    assert not ResidentContact.objects.filter(pk=contact.pk).exists()
    assert "Nieuwkomer" in _listed(client.get(TO_WELCOME))


def test_it_rejects_removing_a_foreign_contact(client, corporation_staff, foreign_resident):
    contact = ResidentContactFactory(resident=foreign_resident)
    client.force_login(corporation_staff)
    response = client.post(reverse("residents:contact_delete", args=[contact.pk]))
    assert response.status_code == 404
    assert ResidentContact.objects.filter(pk=contact.pk).exists()


def test_removing_a_contact_needs_a_post(client, corporation_staff, own_resident):
    contact = ResidentContactFactory(resident=own_resident)
    client.force_login(corporation_staff)
    response = client.get(reverse("residents:contact_delete", args=[contact.pk]))
    assert response.status_code == 405
    assert ResidentContact.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("role_fixture", ["official", "team_member"])
def test_roles_without_contacts_cannot_remove_one(client, request, role_fixture, own_resident):
    contact = ResidentContactFactory(resident=own_resident)
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.post(reverse("residents:contact_delete", args=[contact.pk]))
    assert response.status_code == 403
    assert ResidentContact.objects.filter(pk=contact.pk).exists()


def test_out_of_sight_puts_the_longest_out_of_sight_first_across_pages(
    client, welfare_professional, own_complex, corporation
):
    """Never seen first (by complex, then name), then the oldest last activity, help or contact
    (the latest of the three counts); sorted before paging, so page 2 goes on where 1 stopped."""
    second = ComplexFactory(corporation=corporation, name="Aaa Tweede")
    welfare_professional.assigned_complexes.add(second)
    with at(2026, 3, 11):
        for number in range(49):  # with "Zzz nooit", page 1 holds only the never seen
            _alone(own_complex, name=f"Nooit {number:02}")
        _alone(second, name="Zzz nooit")  # "Aaa Tweede" sorts before "De Meidoorn"
        recent = _alone(own_complex, name="Aaa recent")
        ResidentContactFactory(resident=recent, date=datetime.date(2025, 12, 1))
        ActivityFactory(complex=own_complex, date=datetime.date(2025, 6, 1), attendees=[recent])
        oldest = _alone(own_complex, name="Zzz oudste")
        ActivityFactory(complex=own_complex, date=datetime.date(2025, 1, 6), attendees=[oldest])
        middle = _alone(own_complex, name="Mmm midden")
        MutualHelpFactory(complex=own_complex, month=datetime.date(2025, 9, 1), residents=[middle])
        ResidentContactFactory(resident=middle, date=datetime.date(2025, 3, 3))
        client.force_login(welfare_professional)
        first = client.get(OUT_OF_SIGHT)
        second_page = client.get(OUT_OF_SIGHT, {"page": 2})
    names = [row["resident"].name for row in first.context["rows"]]
    assert names[:2] == ["Zzz nooit", "Nooit 00"]
    assert names[-1] == "Nooit 48"
    assert [row["resident"].name for row in second_page.context["rows"]] == [
        "Zzz oudste",
        "Mmm midden",
        "Aaa recent",
    ]
    assert [row["last_seen"] for row in second_page.context["rows"]] == [
        datetime.date(2025, 1, 6),
        datetime.date(2025, 9, 1),
        datetime.date(2025, 12, 1),
    ]
    assert "Langst uit beeld bovenaan" in first.content.decode()
