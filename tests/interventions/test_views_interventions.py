"""The intervention screens: each role reaches exactly the interventions of its own complexes,
the form refuses what the rules refuse (on the field, nothing written), and the intervention page
shows the timeline, the checklists, the provider, the grant and an overlap between schemes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.choices import (
    Approach,
    Challenge,
    GrantStatus,
    InterventionStatus,
    SuccessFactor,
)
from interventions.models import Intervention
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    GrantFactory,
    InterventionFactory,
    ProviderFactory,
    SubsidySchemeFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db

LIST = reverse("interventions:intervention_list")


CREATE = reverse("interventions:intervention_create")


def _url(name: str, intervention: Intervention) -> str:
    return reverse(f"interventions:{name}", args=[intervention.pk])


def _create_url(complex_) -> str:
    return f"{CREATE}?complex={complex_.pk}"


def _titles(response) -> set[str]:
    return {row.record.title for row in response.context["table"].paginated_rows}


def _data(**overrides) -> dict:
    return {
        "provider": "",
        "grant": "",
        "title": "Trekkersgroep De Meidoorn",
        "methodology": "Persoonlijke werving aan de deur.",
        "start": "2025-03-01",
        "end": "",
        "status": InterventionStatus.RUNNING,
        "goals": "Vijf bewoners die zelf organiseren.",
        "success_factors": [SuccessFactor.MOTIVATED_GROUP, SuccessFactor.PERSONAL_APPROACH],
        "approach": [Approach.LOW_THRESHOLD],
        "challenges": [],
        "challenges_notes": "",
        "outcome": "",
        **overrides,
    }


def _written() -> tuple[int, int]:
    """How many interventions and audit entries exist: both must stay put on bad input."""
    return Intervention.objects.count(), AuditEntry.objects.count()


@pytest.fixture(autouse=True)
def english(client):
    """The screens are Dutch first; these tests read the English source texts (the Dutch ones
    arrive with the translations). One test below checks a Dutch message Django already has."""
    client.cookies.load({"django_language": "en"})


@pytest.fixture
def own_intervention(own_complex):
    return InterventionFactory(complex=own_complex, title="Eigen interventie")


@pytest.fixture
def foreign_intervention(foreign_complex):
    return InterventionFactory(complex=foreign_complex, title="Vreemde interventie")


# The list -------------------------------------------------------------------------------------
def test_owner_lists_only_own_interventions(
    client, corporation_staff, own_intervention, foreign_intervention
):
    client.force_login(corporation_staff)
    response = client.get(LIST)
    assert response.status_code == 200
    assert _titles(response) == {"Eigen interventie"}


def test_professional_lists_only_assigned_complexes(
    client, welfare_professional, own_intervention, corporation
):
    InterventionFactory(complex=ComplexFactory(corporation=corporation), title="Niet toegewezen")
    client.force_login(welfare_professional)
    assert _titles(client.get(LIST)) == {"Eigen interventie"}


def test_official_lists_every_corporations_interventions(
    client, official, own_intervention, foreign_intervention
):
    client.force_login(official)
    assert _titles(client.get(LIST)) == {"Eigen interventie", "Vreemde interventie"}


def test_list_shows_scheme_and_success_factors_ticked(client, corporation_staff, own_complex):
    scheme = SubsidySchemeFactory(name="Opzoomeren mee")
    grant = GrantFactory(complex=own_complex, scheme=scheme)
    InterventionFactory(
        complex=own_complex,
        grant=grant,
        success_factors=[
            SuccessFactor.MOTIVATED_GROUP,
            SuccessFactor.MIXING_TYPES,
            SuccessFactor.FINGER_ON_PULSE,
        ],
    )
    client.force_login(corporation_staff)
    content = client.get(LIST).content.decode()
    assert "Opzoomeren mee" in content
    assert "3/5" in content


def test_filters_narrow_the_list(client, official, own_complex, foreign_complex):
    provider = ProviderFactory(name="Studio BRUIS")
    grant = GrantFactory(complex=own_complex)
    InterventionFactory(complex=own_complex, title="Met subsidie", grant=grant, provider=provider)
    InterventionFactory(
        complex=foreign_complex, title="Afgerond", status=InterventionStatus.COMPLETED
    )
    client.force_login(official)
    assert _titles(client.get(LIST, {"complex": own_complex.pk})) == {"Met subsidie"}
    assert _titles(client.get(LIST, {"with_grant": "true"})) == {"Met subsidie"}
    assert _titles(client.get(LIST, {"provider": provider.pk})) == {"Met subsidie"}
    assert _titles(client.get(LIST, {"status": InterventionStatus.COMPLETED})) == {"Afgerond"}


def test_list_sorts_by_complex(client, official, own_complex, foreign_complex):
    InterventionFactory(complex=own_complex, title="Meidoorn")  # De Meidoorn
    InterventionFactory(complex=foreign_complex, title="Linde")  # Huize Linde
    client.force_login(official)
    rows = client.get(LIST, {"sort": "-complex"}).context["table"].paginated_rows
    assert [row.record.title for row in rows] == ["Linde", "Meidoorn"]


def test_htmx_request_gets_only_the_table(client, corporation_staff, own_intervention):
    client.force_login(corporation_staff)
    response = client.get(LIST, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Eigen interventie" in response.content
    # The complex a new intervention starts in follows the filter, out of band.
    assert b'id="new-intervention-complex" name="complex" hx-swap-oob="true"' in response.content


def test_professional_gets_no_new_button(client, welfare_professional, own_intervention):
    client.force_login(welfare_professional)
    response = client.get(LIST)
    assert response.context["new_complexes"] is None
    assert b"new-intervention-complex" not in response.content


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow(
    client, official, own_complex, django_assert_max_num_queries, count
):
    scheme = SubsidySchemeFactory()
    for _n in range(count):
        complex_ = ComplexFactory()
        InterventionFactory(complex=complex_, grant=GrantFactory(complex=complex_, scheme=scheme))
    client.force_login(official)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["table"].paginated_rows) == min(count, 25)


# Who may open what ----------------------------------------------------------------------------
SCREENS = ["intervention_detail", "intervention_update", "intervention_delete"]


@pytest.mark.parametrize("role_fixture", ["team_member", "user_without_role"])
def test_roles_without_permission_are_refused(
    client, request, role_fixture, own_complex, own_intervention
):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(LIST).status_code == 403
    assert client.get(_create_url(own_complex)).status_code == 403
    for name in SCREENS:
        assert client.get(_url(name, own_intervention)).status_code == 403
    assert client.post(_url("intervention_delete", own_intervention)).status_code == 403
    assert Intervention.objects.filter(pk=own_intervention.pk).exists()


def test_anonymous_visitor_is_sent_to_login(client, own_complex, own_intervention):
    urls = [LIST, _create_url(own_complex), *(_url(name, own_intervention) for name in SCREENS)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_other_corporation_gets_404_on_anothers_intervention(
    client, other_corporation_staff, own_complex, own_intervention
):
    client.force_login(other_corporation_staff)
    for name in SCREENS:
        assert client.get(_url(name, own_intervention)).status_code == 404
    assert client.post(_url("intervention_update", own_intervention), _data()).status_code == 404
    assert client.post(_url("intervention_delete", own_intervention)).status_code == 404
    assert client.get(_create_url(own_complex)).status_code == 404
    assert client.post(_create_url(own_complex), _data()).status_code == 404
    own_intervention.refresh_from_db()
    assert own_intervention.title == "Eigen interventie"
    assert Intervention.objects.count() == 1


def test_professional_reads_assigned_but_may_not_write(
    client, welfare_professional, own_complex, own_intervention
):
    client.force_login(welfare_professional)
    response = client.get(_url("intervention_detail", own_intervention))
    assert response.status_code == 200
    assert b"intervention_update" not in response.content
    assert _url("intervention_update", own_intervention).encode() not in response.content
    assert client.get(_create_url(own_complex)).status_code == 403
    assert client.get(_url("intervention_update", own_intervention)).status_code == 403
    assert client.post(_url("intervention_update", own_intervention), _data()).status_code == 403
    assert client.post(_url("intervention_delete", own_intervention)).status_code == 403
    assert Intervention.objects.filter(pk=own_intervention.pk, title="Eigen interventie").exists()


def test_professional_gets_404_on_unassigned_complex(client, welfare_professional, corporation):
    other = InterventionFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(welfare_professional)
    assert client.get(_url("intervention_detail", other)).status_code == 404


# Create ---------------------------------------------------------------------------------------
def test_new_without_complex_offers_own_complexes(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = client.get(CREATE)
    assert response.status_code == 200
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]


def test_official_chooses_among_every_complex(client, official, own_complex, foreign_complex):
    client.force_login(official)
    response = client.get(CREATE)
    assert set(response.context["form"].fields["complex"].queryset) == {
        own_complex,
        foreign_complex,
    }


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_create_without_a_valid_complex_is_404(client, corporation_staff, value):
    client.force_login(corporation_staff)
    assert client.get(f"{CREATE}?complex={value}").status_code == 404


def test_owner_creates_an_intervention_with_its_checklists(client, corporation_staff, own_complex):
    provider = ProviderFactory(name="Stadstrainers")
    grant = GrantFactory(complex=own_complex, status=GrantStatus.AWARDED)
    client.force_login(corporation_staff)
    assert client.get(_create_url(own_complex)).status_code == 200
    response = client.post(
        _create_url(own_complex),
        _data(
            provider=provider.pk,
            grant=grant.pk,
            challenges=[Challenge.VACANCY, Challenge.NEW_TENANTS],
        ),
    )
    intervention = Intervention.objects.get()
    assert response.status_code == 302
    assert response.url == intervention.get_absolute_url()
    assert intervention.complex == own_complex
    assert intervention.provider == provider
    assert intervention.grant == grant
    assert intervention.success_factors == ["motivated_group", "personal_approach"]
    assert intervention.approach == ["low_threshold"]
    assert intervention.challenges == ["vacancy", "new_tenants"]
    assert AuditEntry.objects.filter(
        action="create", model="interventions.intervention", object_id=str(intervention.pk)
    ).exists()


def test_official_records_an_intervention_in_any_complex(client, official, foreign_complex):
    client.force_login(official)
    response = client.post(_create_url(foreign_complex), _data())
    assert response.status_code == 302
    assert Intervention.objects.get().complex == foreign_complex


def test_grant_field_offers_only_this_complexs_live_grants(
    client, corporation_staff, own_complex, corporation
):
    live = GrantFactory(complex=own_complex, status=GrantStatus.RUNNING)
    GrantFactory(complex=own_complex, status=GrantStatus.REJECTED)
    GrantFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(corporation_staff)
    response = client.get(_create_url(own_complex))
    assert list(response.context["form"].fields["grant"].queryset) == [live]


def test_it_refuses_a_grant_of_another_complex(client, corporation_staff, own_complex, corporation):
    elsewhere = GrantFactory(complex=ComplexFactory(corporation=corporation))
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(_create_url(own_complex), _data(grant=elsewhere.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["grant"]
    assert _written() == before


def test_the_refusal_of_a_foreign_grant_is_dutch(client, corporation_staff, own_complex):
    elsewhere = GrantFactory(complex=ComplexFactory())
    client.force_login(corporation_staff)
    client.cookies.load({"django_language": "nl"})
    response = client.post(_create_url(own_complex), _data(grant=elsewhere.pk))
    assert "Selecteer een geldige keuze" in str(response.context["form"].errors["grant"][0])
    assert not Intervention.objects.exists()


def test_it_refuses_a_rejected_grant(client, corporation_staff, own_complex):
    rejected = GrantFactory(complex=own_complex, status=GrantStatus.REJECTED)
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(_create_url(own_complex), _data(grant=rejected.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["grant"]
    assert _written() == before


def test_a_grant_rejected_since_is_refused_with_the_reason(client, corporation_staff, own_complex):
    grant = GrantFactory(complex=own_complex, status=GrantStatus.RUNNING)
    intervention = InterventionFactory(complex=own_complex, grant=grant)
    grant.status = GrantStatus.REJECTED
    grant.save()
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(
        _url("intervention_update", intervention), _data(grant=grant.pk, title="Nieuw")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["grant"] == [
        "This grant was rejected; choose another or none."
    ]
    assert _written() == before
    intervention.refresh_from_db()
    assert intervention.title != "Nieuw"


def test_it_refuses_an_end_before_the_start(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(_create_url(own_complex), _data(start="2025-03-01", end="2025-02-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == [
        "The end date must be on or after the start date."
    ]
    assert _written() == before


def test_it_refuses_a_completed_intervention_without_an_end(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(
        _create_url(own_complex), _data(status=InterventionStatus.COMPLETED, end="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == [
        "Enter the end date of a completed or stopped intervention."
    ]
    assert _written() == before


def test_it_refuses_an_unknown_checklist_item(client, corporation_staff, own_complex):
    client.force_login(corporation_staff)
    before = _written()
    response = client.post(_create_url(own_complex), _data(approach=["made_up"]))
    assert response.status_code == 200
    assert response.context["form"].errors["approach"]
    assert _written() == before


# Edit and delete ------------------------------------------------------------------------------
def test_owner_edits_the_checklists(client, corporation_staff, own_intervention):
    own_intervention.success_factors = [SuccessFactor.MOTIVATED_GROUP]
    own_intervention.save()
    client.force_login(corporation_staff)
    form = client.get(_url("intervention_update", own_intervention)).context["form"]
    assert form.initial["success_factors"] == ["motivated_group"]
    response = client.post(
        _url("intervention_update", own_intervention),
        _data(
            title="Bijgewerkt",
            success_factors=[SuccessFactor.NEW_COMPOSITION],
            status=InterventionStatus.COMPLETED,
            end="2025-12-01",
            outcome="Groep draait zelfstandig.",
        ),
    )
    assert response.status_code == 302
    own_intervention.refresh_from_db()
    assert own_intervention.title == "Bijgewerkt"
    assert own_intervention.success_factors == ["new_composition"]
    assert own_intervention.end == datetime.date(2025, 12, 1)
    assert own_intervention.complex_id is not None
    assert AuditEntry.objects.filter(action="update", object_id=str(own_intervention.pk)).exists()


def test_owner_deletes_after_confirming(client, corporation_staff, own_intervention):
    client.force_login(corporation_staff)
    response = client.get(_url("intervention_delete", own_intervention))
    assert response.status_code == 200
    assert b"Eigen interventie" in response.content
    assert Intervention.objects.filter(pk=own_intervention.pk).exists()
    response = client.post(_url("intervention_delete", own_intervention))
    assert response.status_code == 302
    assert not Intervention.objects.filter(pk=own_intervention.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(own_intervention.pk)).exists()


# The intervention page ------------------------------------------------------------------------
def test_page_shows_checklists_ticked_and_not_ticked_in_order(
    client, corporation_staff, own_complex
):
    intervention = InterventionFactory(
        complex=own_complex,
        success_factors=[SuccessFactor.FINGER_ON_PULSE, SuccessFactor.MOTIVATED_GROUP],
        approach=[Approach.CLUB_FEELING],
        challenges=[Challenge.SOCIAL_SAFETY],
    )
    client.force_login(corporation_staff)
    response = client.get(_url("intervention_detail", intervention))
    assert response.status_code == 200
    titles = [str(title) for title, _items in response.context["checklists"]]
    assert titles == ["Success factors", "Approach", "Challenges met"]
    success = response.context["checklists"][0][1]
    assert [label for label, _ticked in success] == [label for _v, label in SuccessFactor.choices]
    assert [ticked for _label, ticked in success] == [True, False, False, False, True]
    approach = dict(response.context["checklists"][1][1])
    assert approach[Approach.CLUB_FEELING.label] is True
    assert approach[Approach.LOW_THRESHOLD.label] is False
    content = response.content.decode()
    assert "2 of 5 success factors present" in content
    assert str(Challenge.SOCIAL_SAFETY.label) in content


def test_page_shows_timeline_provider_and_grant(client, corporation_staff, own_complex):
    provider = ProviderFactory(
        name="Studio BRUIS", contact_name="Sanne de Vries", phone="010-1234567"
    )
    grant = GrantFactory(
        complex=own_complex,
        title="Samen aan tafel",
        status=GrantStatus.RUNNING,
        applied_on=datetime.date(2025, 1, 10),
        decided_on=datetime.date(2025, 2, 1),
        started_on=datetime.date(2025, 3, 1),
        amount_awarded=Decimal("7000.00"),
        report_due=today() + datetime.timedelta(days=400),
    )
    intervention = InterventionFactory(
        complex=own_complex,
        provider=provider,
        grant=grant,
        start=datetime.date(2025, 3, 15),
        end=datetime.date(2025, 11, 30),
        status=InterventionStatus.COMPLETED,
    )
    client.force_login(corporation_staff)
    response = client.get(_url("intervention_detail", intervention))
    timeline = [(entry["date"], str(entry["label"])) for entry in response.context["timeline"]]
    assert timeline == [
        (datetime.date(2025, 1, 10), "Grant applied for"),
        (datetime.date(2025, 2, 1), "Grant awarded"),
        (datetime.date(2025, 3, 1), "Grant started"),
        (datetime.date(2025, 3, 15), "Started"),
        (datetime.date(2025, 11, 30), "Ended"),
        (grant.report_due, "Grant report due"),
    ]
    assert response.context["timeline"][-1]["planned"] is True
    content = response.content.decode()
    assert "Studio BRUIS" in content and "Sanne de Vries" in content and "010-1234567" in content
    assert reverse("interventions:grant_detail", args=[grant.pk]) in content
    assert "€ 7,000.00" in content
    assert "grants of other schemes" not in content


def test_a_planned_intervention_shows_its_planned_start(client, corporation_staff, own_complex):
    intervention = InterventionFactory(
        complex=own_complex, status=InterventionStatus.PLANNED, start=today(), grant=None
    )
    client.force_login(corporation_staff)
    response = client.get(_url("intervention_detail", intervention))
    assert [str(entry["label"]) for entry in response.context["timeline"]] == ["Planned start"]
    assert b"Not paid from a grant." in response.content


def test_page_warns_about_overlapping_grants_of_other_schemes(
    client, corporation_staff, own_complex
):
    grant = GrantFactory(complex=own_complex, scheme=SubsidySchemeFactory())
    other = GrantFactory(
        complex=own_complex, scheme=SubsidySchemeFactory(name="Thuisplus"), title="Thuisplus 2025"
    )
    intervention = InterventionFactory(complex=own_complex, grant=grant)
    client.force_login(corporation_staff)
    response = client.get(_url("intervention_detail", intervention))
    assert list(response.context["overlapping"]) == [other]
    content = response.content.decode()
    assert "This complex has grants of other schemes in the same period." in content
    assert "Thuisplus 2025" in content
    assert reverse("interventions:grant_detail", args=[other.pk]) in content


@pytest.mark.parametrize("count", [3, 30])
def test_page_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    grant = GrantFactory(complex=own_complex)
    for n in range(count):
        GrantFactory(complex=own_complex, scheme=SubsidySchemeFactory(name=f"Regeling {n}"))
    intervention = InterventionFactory(complex=own_complex, grant=grant)
    client.force_login(corporation_staff)
    # + 2 for "Did it last?": the index snapshots and the indicator settings.
    with django_assert_max_num_queries(10):
        response = client.get(_url("intervention_detail", intervention))
    assert response.status_code == 200
    assert len(response.context["overlapping"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_edit_page_query_count_does_not_grow(
    client, corporation_staff, own_complex, django_assert_max_num_queries, count
):
    for _n in range(count):
        GrantFactory(complex=own_complex)
        ProviderFactory()
    # Paid from a grant: the grant it has stays on offer, labelled with its scheme.
    intervention = InterventionFactory(complex=own_complex, grant=GrantFactory(complex=own_complex))
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(10):
        response = client.get(_url("intervention_update", intervention))
    assert response.status_code == 200
    assert len(response.context["form"].fields["grant"].queryset) == count + 1
    assert b"Vitale Leefgemeenschappen \xe2\x80\x94 " in response.content
