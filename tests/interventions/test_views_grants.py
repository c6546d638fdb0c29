"""The grant screens: who reaches which grant, the lifecycle taken step by step on screen,
amounts outside a scheme's bounds, the overlap warning, reports due, totals and exports."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from interventions import services
from interventions.choices import GrantStatus, GrantStep
from interventions.models import Grant
from leefbaarheid.models import AuditEntry
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    DistrictFactory,
    GrantFactory,
    InterventionFactory,
    SubsidySchemeFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db

YEAR_START = today().replace(month=1, day=1)


YEAR_END = today().replace(month=12, day=31)


@pytest.fixture
def scheme(db):
    return SubsidySchemeFactory()


@pytest.fixture
def own_grant(own_complex, scheme, corporation_staff):
    return GrantFactory(
        complex=own_complex, scheme=scheme, title="Samen aan tafel", applied_by=corporation_staff
    )


@pytest.fixture
def foreign_grant(foreign_complex, scheme):
    return GrantFactory(complex=foreign_complex, scheme=scheme, title="Vreemde toekenning")


STEP_POST = {
    GrantStep.AWARD: {"amount_awarded": "7000,00", "decision_note": "Past goed."},
    GrantStep.REJECT: {"decision_note": "Past niet bij de regeling."},
    GrantStep.START: {},
    GrantStep.REPORT: {"report_summary": "Een trekkersgroep van zes bewoners."},
    GrantStep.SETTLE: {"amount_settled": "6800,00"},
}


SERVICE_DATA = {
    GrantStep.AWARD: {"amount_awarded": Decimal("7000.00")},
    GrantStep.REJECT: {"decision_note": "Nee."},
    GrantStep.START: {},
    GrantStep.REPORT: {"report_summary": "Gedaan."},
    GrantStep.SETTLE: {"amount_settled": Decimal("6800.00")},
}


PATH_TO = {
    GrantStatus.APPLIED: [],
    GrantStatus.AWARDED: [GrantStep.AWARD],
    GrantStatus.RUNNING: [GrantStep.AWARD, GrantStep.START],
    GrantStatus.REPORTED: [GrantStep.AWARD, GrantStep.START, GrantStep.REPORT],
    GrantStatus.SETTLED: [GrantStep.AWARD, GrantStep.START, GrantStep.REPORT, GrantStep.SETTLE],
    GrantStatus.REJECTED: [GrantStep.REJECT],
}


def move_to(grant, status, *, official, **data):
    """Take a grant along the lifecycle through the service (the functional admin may take
    every step)."""
    for step in PATH_TO[status]:
        grant = services.grant_step(
            grant=grant, step=step, user=official, data={**SERVICE_DATA[step], **data.get(step, {})}
        )
    return grant


def url(name, *args, **query):
    base = reverse(f"interventions:{name}", args=args)
    if query:
        return base + "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return base


def step_url(grant, step):
    return url("grant_step", grant.pk, step)


def _titles(response) -> set[str]:
    return {row.record.title for row in response.context["table"].paginated_rows}


def _apply_data(scheme, **overrides) -> dict:
    return {
        "scheme": scheme.pk,
        "title": "Koffie op de galerij",
        "description": "Elke week koffie, met een vaste groep trekkers.",
        "start": YEAR_START.isoformat(),
        "end": YEAR_END.isoformat(),
        "amount_requested": "7500,00",
        "reference": "",
        "documents": "",
        **overrides,
    }


# Who reaches what -------------------------------------------------------------------------------
def grant_screens(grant) -> list[str]:
    return [
        url("grant_detail", grant.pk),
        url("grant_update", grant.pk),
        url("grant_delete", grant.pk),
        *(step_url(grant, step) for step in GrantStep.values),
    ]


def all_screens(grant, complex_) -> list[str]:
    return [
        url("grant_list"),
        url("grant_export"),
        url("grant_export", format="xlsx"),
        url("reports_due"),
        url("grant_apply"),
        url("grant_apply", complex=complex_.pk),
        *grant_screens(grant),
    ]


def test_anonymous_is_sent_to_the_login_page(client, own_grant, own_complex):
    for address in all_screens(own_grant, own_complex):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login")), address


@pytest.mark.parametrize("role_fixture", ["team_member", "user_without_role"])
def test_roles_without_grants_are_refused_everywhere(
    client, request, role_fixture, own_grant, own_complex
):
    client.force_login(request.getfixturevalue(role_fixture))
    for address in all_screens(own_grant, own_complex):
        assert client.get(address).status_code == 403, address
    assert client.post(url("grant_delete", own_grant.pk)).status_code == 403
    assert client.post(step_url(own_grant, "start")).status_code == 403
    assert Grant.objects.filter(pk=own_grant.pk, status=GrantStatus.APPLIED).exists()


def test_it_refuses_foreign_grant(client, other_corporation_staff, own_grant):
    client.force_login(other_corporation_staff)
    for address in grant_screens(own_grant):
        assert client.get(address).status_code == 404, address
    assert client.post(url("grant_delete", own_grant.pk)).status_code == 404
    assert client.post(step_url(own_grant, "start")).status_code == 404
    assert Grant.objects.filter(pk=own_grant.pk).exists()


def test_it_refuses_applying_for_a_foreign_complex(
    client, corporation_staff, foreign_complex, scheme
):
    client.force_login(corporation_staff)
    address = url("grant_apply", complex=foreign_complex.pk)
    assert client.get(address).status_code == 404
    assert client.post(address, _apply_data(scheme)).status_code == 404
    assert client.get(url("grant_apply", complex="abc")).status_code == 404
    assert not Grant.objects.exists()


def test_unknown_grant_is_404(client, official):
    client.force_login(official)
    assert client.get(url("grant_detail", 999999)).status_code == 404


def test_staff_list_only_their_own_grants(client, corporation_staff, own_grant, foreign_grant):
    client.force_login(corporation_staff)
    response = client.get(url("grant_list"))
    assert response.status_code == 200
    assert _titles(response) == {"Samen aan tafel"}
    # One corporation: no corporation column or filter.
    assert "corporation" not in response.context["filter"].form.fields
    assert "corporation" not in [column.name for column in response.context["table"].columns]
    assert client.get(url("grant_detail", own_grant.pk)).status_code == 200


def test_official_lists_every_grant(client, official, own_grant, foreign_grant):
    client.force_login(official)
    response = client.get(url("grant_list"))
    assert _titles(response) == {"Samen aan tafel", "Vreemde toekenning"}
    assert "corporation" in response.context["filter"].form.fields


def test_professional_reads_assigned_grants_only_and_writes_nothing(
    client, welfare_professional, own_grant, corporation, scheme
):
    unassigned = GrantFactory(
        complex=ComplexFactory(corporation=corporation, name="Niet toegewezen"), scheme=scheme
    )
    client.force_login(welfare_professional)
    assert _titles(client.get(url("grant_list"))) == {"Samen aan tafel"}
    assert client.get(url("grant_detail", own_grant.pk)).status_code == 200
    assert client.get(url("reports_due")).status_code == 200
    assert client.get(url("grant_detail", unassigned.pk)).status_code == 404
    for address in grant_screens(own_grant)[1:]:
        assert client.get(address).status_code == 403, address
    assert client.get(url("grant_apply")).status_code == 403
    assert client.post(url("grant_delete", own_grant.pk)).status_code == 403
    assert client.post(step_url(own_grant, "award"), STEP_POST["award"]).status_code == 403
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED


def test_detail_offers_only_the_steps_the_user_may_take(
    client, corporation_staff, official, welfare_professional, own_grant
):
    client.force_login(corporation_staff)
    assert client.get(url("grant_detail", own_grant.pk)).context["steps"] == []
    assert client.get(step_url(own_grant, "award")).status_code == 403
    client.force_login(official)
    steps = client.get(url("grant_detail", own_grant.pk)).context["steps"]
    assert [item["step"] for item in steps] == ["award", "reject"]
    client.force_login(welfare_professional)
    response = client.get(url("grant_detail", own_grant.pk))
    assert response.context["steps"] == []
    assert url("grant_update", own_grant.pk).encode() not in response.content


# Applying ---------------------------------------------------------------------------------------
def test_apply_without_complex_offers_own_complexes(
    client, corporation_staff, own_complex, foreign_complex
):
    client.force_login(corporation_staff)
    response = client.get(url("grant_apply"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["complex"].queryset) == [own_complex]


def test_staff_apply_for_their_complex(client, corporation_staff, own_complex, scheme):
    SubsidySchemeFactory(name="Gesloten regeling", active=False)
    client.force_login(corporation_staff)
    address = url("grant_apply", complex=own_complex.pk)
    form = client.get(address).context["form"]
    assert list(form.fields["scheme"].queryset) == [scheme]  # closed schemes are not offered
    assert "€ 5.000,00" in form.fields["scheme"].label_from_instance(scheme)
    response = client.post(address, _apply_data(scheme))
    grant = Grant.objects.get(title="Koffie op de galerij")
    assert response.status_code == 302
    assert response["Location"] == grant.get_absolute_url()
    assert grant.status == GrantStatus.APPLIED
    assert grant.complex == own_complex
    assert grant.amount_requested == Decimal("7500.00")
    assert grant.applied_by == corporation_staff


@pytest.mark.parametrize("amount", ["4999,99", "10000,01"])
def test_amount_outside_the_schemes_bounds_is_a_field_error_and_saves_nothing(
    client, corporation_staff, own_complex, scheme, amount
):
    client.force_login(corporation_staff)
    entries = AuditEntry.objects.count()
    response = client.post(
        url("grant_apply", complex=own_complex.pk), _apply_data(scheme, amount_requested=amount)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["amount_requested"]
    assert len(errors) == 1 and "Vitale Leefgemeenschappen" in errors[0]
    assert not Grant.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_award_outside_the_bounds_is_a_field_error_and_saves_nothing(client, official, own_grant):
    client.force_login(official)
    entries = AuditEntry.objects.count()
    response = client.post(step_url(own_grant, "award"), {"amount_awarded": "12000,00"})
    assert response.status_code == 200
    assert "amount_awarded" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED
    assert own_grant.amount_awarded is None
    assert AuditEntry.objects.count() == entries


def test_applying_in_an_overlapping_period_warns_with_the_other_grant(
    client, corporation_staff, own_complex, scheme
):
    other = SubsidySchemeFactory(name="Opzoomeren mee", min_amount=Decimal("500.00"))
    GrantFactory(complex=own_complex, scheme=other, title="Straatfeest", amount_requested=800)
    client.force_login(corporation_staff)
    response = client.post(
        url("grant_apply", complex=own_complex.pk), _apply_data(scheme), follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "Straatfeest" in warnings[0] and "Opzoomeren mee" in warnings[0]


# The lifecycle on screen ------------------------------------------------------------------------
def test_every_legal_step_on_screen_up_to_settlement(
    client, corporation_staff, official, own_grant
):
    official.first_name, official.last_name = "Gerrit", "de Wethouder"
    official.save()
    for step, user in [
        (GrantStep.AWARD, official),
        (GrantStep.START, corporation_staff),
        (GrantStep.REPORT, corporation_staff),
        (GrantStep.SETTLE, official),
    ]:
        client.force_login(user)
        assert client.get(step_url(own_grant, step)).status_code == 200
        response = client.post(step_url(own_grant, step), STEP_POST[step])
        assert response.status_code == 302, response.context["form"].errors
        assert response["Location"] == own_grant.get_absolute_url()
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.SETTLED
    assert own_grant.amount_awarded == Decimal("7000.00")
    assert own_grant.amount_settled == Decimal("6800.00")
    assert own_grant.report_summary == "Een trekkersgroep van zes bewoners."
    assert own_grant.decided_by == official and own_grant.started_by == corporation_staff
    response = client.get(url("grant_detail", own_grant.pk))
    timeline = response.context["timeline"]
    assert [stage["done"] for stage in timeline] == [True] * 5
    assert timeline[1]["by"] == "Gerrit de Wethouder"
    assert timeline[2]["by"] == "carla"
    assert response.context["steps"] == []


def test_award_form_defaults_to_the_amount_requested_and_the_schemes_report_due(
    client, official, own_grant
):
    client.force_login(official)
    form = client.get(step_url(own_grant, "award")).context["form"]
    assert form.initial["amount_awarded"] == own_grant.amount_requested
    assert form.initial["on"] == today()
    client.post(step_url(own_grant, "award"), {"amount_awarded": "7500,00", "report_due": ""})
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.AWARDED
    assert own_grant.report_due == own_grant.end + datetime.timedelta(weeks=12)


def test_settle_form_defaults_to_the_amount_awarded(client, official, own_grant):
    grant = move_to(own_grant, GrantStatus.REPORTED, official=official)
    client.force_login(official)
    form = client.get(step_url(grant, "settle")).context["form"]
    assert form.initial["amount_settled"] == Decimal("7000.00")


def test_reject_on_screen_needs_a_reason(client, official, own_grant):
    client.force_login(official)
    response = client.post(step_url(own_grant, "reject"), {"decision_note": ""})
    assert response.status_code == 200
    assert "decision_note" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED
    response = client.post(step_url(own_grant, "reject"), STEP_POST["reject"], follow=True)
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.REJECTED
    assert own_grant.decision_note == "Past niet bij de regeling."
    timeline = response.context["timeline"]
    assert len(timeline) == 2
    assert timeline[1]["done"] and timeline[1]["by"] == "gerrit"
    assert response.context["steps"] == []


def test_an_illegal_step_shows_the_reason_and_changes_nothing(client, official, own_grant):
    client.force_login(official)
    before = Grant.objects.values().get(pk=own_grant.pk)
    entries = AuditEntry.objects.count()
    page = client.get(step_url(own_grant, "settle"))
    assert page.context["possible"] is False
    response = client.post(step_url(own_grant, "settle"), STEP_POST["settle"])
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert str(GrantStatus.APPLIED.label) in errors[0]
    assert errors[0] in response.content.decode()
    assert Grant.objects.values().get(pk=own_grant.pk) == before
    assert AuditEntry.objects.count() == entries


def test_a_step_dated_in_the_future_is_refused(client, official, own_grant):
    client.force_login(official)
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(
        step_url(own_grant, "award"), {**STEP_POST["award"], "on": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED


def test_a_backdated_step_keeps_its_date(client, official, own_grant):
    client.force_login(official)
    on = max(own_grant.applied_on, today() - datetime.timedelta(days=3))
    client.post(step_url(own_grant, "award"), {**STEP_POST["award"], "on": on.isoformat()})
    own_grant.refresh_from_db()
    assert own_grant.decided_on == on


def test_an_unknown_step_is_404(client, official, own_grant):
    client.force_login(official)
    assert client.get(step_url(own_grant, "approve")).status_code == 404
    assert client.post(step_url(own_grant, "approve")).status_code == 404


def test_staff_cannot_decide_on_their_own_application(client, corporation_staff, own_grant):
    client.force_login(corporation_staff)
    for step in ("award", "reject", "settle"):
        assert client.post(step_url(own_grant, step), STEP_POST[step]).status_code == 403
    own_grant.refresh_from_db()
    assert own_grant.status == GrantStatus.APPLIED


# Correcting and withdrawing ---------------------------------------------------------------------
def test_an_application_can_be_corrected_while_it_awaits_a_decision(
    client, corporation_staff, own_grant, scheme
):
    client.force_login(corporation_staff)
    form = client.get(url("grant_update", own_grant.pk)).context["form"]
    assert set(form.fields) == services.APPLICATION_FIELDS | services.RECORD_FIELDS
    response = client.post(
        url("grant_update", own_grant.pk),
        _apply_data(scheme, title="Koffie en kaarten", reference="Z-2025-1"),
    )
    assert response.status_code == 302
    own_grant.refresh_from_db()
    assert own_grant.title == "Koffie en kaarten"
    assert own_grant.reference == "Z-2025-1"


def test_after_the_award_only_references_change_and_officials_move_the_report_due(
    client, corporation_staff, official, own_grant, scheme
):
    grant = move_to(own_grant, GrantStatus.AWARDED, official=official)
    client.force_login(corporation_staff)
    form = client.get(url("grant_update", grant.pk)).context["form"]
    assert set(form.fields) == {"reference", "documents"}
    client.post(
        url("grant_update", grant.pk),
        {"reference": "Z-1", "documents": "besluit.pdf", "title": "Anders", "report_due": ""},
    )
    grant.refresh_from_db()
    assert (grant.reference, grant.documents, grant.title) == (
        "Z-1",
        "besluit.pdf",
        "Samen aan tafel",
    )
    client.force_login(official)
    form = client.get(url("grant_update", grant.pk)).context["form"]
    assert set(form.fields) == {"reference", "documents", "report_due"}
    later = (grant.report_due + datetime.timedelta(days=30)).isoformat()
    client.post(
        url("grant_update", grant.pk),
        {"reference": "Z-1", "documents": "besluit.pdf", "report_due": later},
    )
    grant.refresh_from_db()
    assert grant.report_due.isoformat() == later


def test_correction_outside_the_bounds_is_a_field_error(
    client, corporation_staff, own_grant, scheme
):
    client.force_login(corporation_staff)
    response = client.post(
        url("grant_update", own_grant.pk), _apply_data(scheme, amount_requested="20000")
    )
    assert response.status_code == 200
    assert "amount_requested" in response.context["form"].errors
    own_grant.refresh_from_db()
    assert own_grant.amount_requested == Decimal("7500.00")


def test_staff_withdraw_an_application(client, corporation_staff, own_grant):
    client.force_login(corporation_staff)
    assert client.get(url("grant_delete", own_grant.pk)).status_code == 200
    response = client.post(url("grant_delete", own_grant.pk))
    assert response.status_code == 302
    assert not Grant.objects.filter(pk=own_grant.pk).exists()


def test_a_decided_grant_cannot_be_withdrawn(client, corporation_staff, official, own_grant):
    grant = move_to(own_grant, GrantStatus.AWARDED, official=official)
    client.force_login(corporation_staff)
    page = client.get(url("grant_delete", grant.pk))
    assert page.context["possible"] is False
    response = client.post(url("grant_delete", grant.pk), follow=True)
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and str(GrantStatus.AWARDED.label) in errors[0]
    assert Grant.objects.filter(pk=grant.pk, status=GrantStatus.AWARDED).exists()


# Overlap, linked interventions ------------------------------------------------------------------
def test_overlap_warning_on_list_and_detail(client, official, own_grant, own_complex):
    other = SubsidySchemeFactory(name="Thuisplus", min_amount=Decimal("1000.00"))
    overlapping = GrantFactory(complex=own_complex, scheme=other, title="Thuisplus ontmoeting")
    apart = GrantFactory(
        complex=own_complex,
        scheme=other,
        title="Vorig jaar",
        start=YEAR_START.replace(year=today().year - 1),
        end=YEAR_END.replace(year=today().year - 1),
    )
    client.force_login(official)
    response = client.get(url("grant_list"))
    flags = {row.record.title: row.record.has_overlap for row in response.context["table"].rows}
    assert flags == {"Samen aan tafel": True, "Thuisplus ontmoeting": True, "Vorig jaar": False}
    assert response.content.count(b'class="badge text-bg-warning"') == 2
    filtered = client.get(url("grant_list", overlap="true"))
    assert _titles(filtered) == {"Samen aan tafel", "Thuisplus ontmoeting"}

    detail = client.get(url("grant_detail", own_grant.pk))
    assert detail.context["overlapping"] == [overlapping]
    assert b'id="overlap-warning"' in detail.content
    assert overlapping.get_absolute_url().encode() in detail.content
    assert apart.get_absolute_url().encode() not in detail.content
    quiet = client.get(url("grant_detail", apart.pk))
    assert b'id="overlap-warning"' not in quiet.content


def test_detail_lists_the_linked_interventions(client, corporation_staff, own_grant, own_complex):
    linked = InterventionFactory(complex=own_complex, grant=own_grant, title="Trekkers werven")
    InterventionFactory(complex=own_complex, title="Los ervan")
    client.force_login(corporation_staff)
    response = client.get(url("grant_detail", own_grant.pk))
    assert response.context["interventions"] == [linked]
    assert reverse("interventions:intervention_detail", args=[linked.pk]).encode() in (
        response.content
    )


# List: filters, htmx, totals --------------------------------------------------------------------
def test_filters_narrow_the_list(client, official, own_grant, foreign_grant, own_complex):
    other = SubsidySchemeFactory(name="Opzoomeren mee", min_amount=Decimal("500.00"))
    GrantFactory(complex=own_complex, scheme=other, title="Straatfeest", amount_requested=800)
    client.force_login(official)
    assert _titles(client.get(url("grant_list", scheme=other.pk))) == {"Straatfeest"}
    assert _titles(client.get(url("grant_list", corporation=foreign_grant.corporation_id))) == {
        "Vreemde toekenning"
    }
    assert _titles(client.get(url("grant_list", status="rejected"))) == set()
    assert _titles(client.get(url("grant_list", year=today().year - 1))) == set()
    assert len(_titles(client.get(url("grant_list", year=today().year)))) == 3


def test_htmx_gets_only_table_and_totals(client, official, own_grant):
    client.force_login(official)
    response = client.get(url("grant_list"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"Samen aan tafel" in response.content
    assert b'data-total="count">1<' in response.content


@pytest.fixture
def city(official, functional_admin):
    """Hand-built grants: two schemes, two corporations in two districts, two years, and one
    rejected grant whose amounts must not count."""
    vl = SubsidySchemeFactory()
    oz = SubsidySchemeFactory(name="Opzoomeren mee", min_amount=Decimal("500.00"))
    north, south = DistrictFactory(name="Noord"), DistrictFactory(name="Zuid")
    maas, haven = CorporationFactory(name="Maas"), CorporationFactory(name="Haven")
    a = ComplexFactory(corporation=maas, district=north, name="A")
    b = ComplexFactory(corporation=haven, district=south, name="B")
    last = today().year - 1

    def grant(complex_, scheme, amount, year, status=GrantStatus.APPLIED, award=None, settle=None):
        made = GrantFactory(
            complex=complex_,
            scheme=scheme,
            amount_requested=Decimal(amount),
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            applied_on=datetime.date(min(year, today().year), 1, 1),
        )
        data = {}
        if award:
            data[GrantStep.AWARD] = {"amount_awarded": Decimal(award)}
        if settle:
            data[GrantStep.SETTLE] = {"amount_settled": Decimal(settle)}
        return move_to(made, status, official=functional_admin, **data)

    grant(a, vl, "8000", today().year, GrantStatus.AWARDED, award="7000")
    grant(a, oz, "1000", today().year)
    grant(b, vl, "6000", last, GrantStatus.SETTLED, award="6000", settle="5500")
    grant(b, vl, "9000", last, GrantStatus.REJECTED)
    return {"last": last}


def _totals_rows(response) -> dict:
    return {
        str(row["group"]): (row["count"], row["requested"], row["awarded"], row["settled"])
        for row in response.context["totals_by"]
    }


def test_totals_of_the_filtered_set_leave_rejected_amounts_out(client, official, city):
    client.force_login(official)
    totals = client.get(url("grant_list")).context["totals"]
    assert totals == {
        "count": 4,
        "requested": Decimal("15000.00"),
        "awarded": Decimal("13000.00"),
        "settled": Decimal("5500.00"),
    }
    vl_only = client.get(url("grant_list", status="settled")).context["totals"]
    assert vl_only["count"] == 1 and vl_only["settled"] == Decimal("5500.00")


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "scheme",
            {
                "Opzoomeren mee": (1, Decimal("1000"), Decimal("0"), Decimal("0")),
                "Vitale Leefgemeenschappen": (
                    3,
                    Decimal("14000"),
                    Decimal("13000"),
                    Decimal("5500"),
                ),
            },
        ),
        (
            "corporation",
            {
                "Haven": (2, Decimal("6000"), Decimal("6000"), Decimal("5500")),
                "Maas": (2, Decimal("9000"), Decimal("7000"), Decimal("0")),
            },
        ),
        (
            "district",
            {
                "Noord": (2, Decimal("9000"), Decimal("7000"), Decimal("0")),
                "Zuid": (2, Decimal("6000"), Decimal("6000"), Decimal("5500")),
            },
        ),
    ],
)
def test_totals_per_grouping_sum_up(client, official, city, by, expected):
    client.force_login(official)
    response = client.get(url("grant_list", by=by))
    assert response.context["by"] == by
    assert _totals_rows(response) == expected
    # The rows add up to the grand total shown beneath them.
    rows = response.context["totals_by"]
    totals = response.context["totals"]
    for key in ("count", "requested", "awarded", "settled"):
        assert sum(row[key] for row in rows) == totals[key]
    assert b'id="totals-per"' in response.content


def test_totals_per_year(client, official, city):
    client.force_login(official)
    rows = _totals_rows(client.get(url("grant_list", by="year")))
    assert rows == {
        str(city["last"]): (2, Decimal("6000"), Decimal("6000"), Decimal("5500")),
        str(today().year): (2, Decimal("9000"), Decimal("7000"), Decimal("0")),
    }


def test_an_unknown_grouping_falls_back_to_scheme(client, official, city):
    client.force_login(official)
    assert client.get(url("grant_list", by="colour")).context["by"] == "scheme"


def test_totals_are_shown_in_euros(client, official, city):
    client.force_login(official)
    content = client.get(url("grant_list")).content.decode()
    assert "€ 15.000,00" in content
    assert "€ 13.000,00" in content


# Reports due ------------------------------------------------------------------------------------
def test_reports_due_shows_overdue_and_due_soon_but_not_settled_or_far(
    client, official, corporation_staff, own_complex, foreign_complex, scheme, functional_admin
):
    def awarded(complex_, title, due, status=GrantStatus.AWARDED):
        grant = GrantFactory(complex=complex_, scheme=scheme, title=title)
        return move_to(
            grant,
            status,
            official=functional_admin,
            **{GrantStep.AWARD: {"amount_awarded": Decimal("7000.00"), "report_due": due}},
        )

    awarded(own_complex, "Te laat", today() - datetime.timedelta(days=5))
    awarded(own_complex, "Bijna", today() + datetime.timedelta(days=10), GrantStatus.RUNNING)
    awarded(own_complex, "Later", today() + datetime.timedelta(days=60))
    awarded(own_complex, "Afgerond", today() - datetime.timedelta(days=5), GrantStatus.SETTLED)
    awarded(foreign_complex, "Elders te laat", today() - datetime.timedelta(days=2))

    client.force_login(official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url("reports_due"))
    rows = list(response.context["table"].rows)
    assert [row.record.title for row in rows] == ["Te laat", "Elders te laat", "Bijna"]
    assert "5 days overdue" in rows[0].get_cell("days")
    assert "2 days overdue" in rows[1].get_cell("days")
    assert "10 days left" in rows[2].get_cell("days")
    assert response.content.decode().count("table-danger") == 2

    client.force_login(corporation_staff)
    response = client.get(url("reports_due"))
    assert [row.record.title for row in response.context["table"].rows] == ["Te laat", "Bijna"]


def test_reports_due_says_when_nothing_is_due(client, corporation_staff, own_grant):
    client.force_login(corporation_staff)
    response = client.get(url("reports_due"))
    table = response.context["table"]
    assert table.paginator.count == 0
    assert str(table.empty_text).encode() in response.content


# Exports ----------------------------------------------------------------------------------------
def _rows(response) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


EXPORT_FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_holds_the_filtered_rows_of_ones_own_corporation_only(
    client, corporation_staff, own_grant, foreign_grant, own_complex, fmt
):
    GrantFactory(complex=own_complex, scheme=own_grant.scheme, title="Afgewezen")
    Grant.objects.filter(title="Afgewezen").update(status=GrantStatus.REJECTED)
    client.force_login(corporation_staff)
    response = client.get(url("grant_export", format=fmt))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert {row[0] for row in _rows(response)[1:]} == {"Samen aan tafel", "Afgewezen"}
    filtered = client.get(url("grant_export", format=fmt, status="applied"))
    assert [row[0] for row in _rows(filtered)[1:]] == ["Samen aan tafel"]
    # Naming the other corporation does not widen the export.
    widened = client.get(url("grant_export", format=fmt, corporation=foreign_grant.corporation_id))
    assert "Vreemde toekenning" not in [row[0] for row in _rows(widened)[1:]]


def test_csv_export_is_written_for_dutch_spreadsheets(client, official, own_grant):
    client.force_login(official)
    rows = _rows(client.get(url("grant_export", format="csv")))
    header, row = rows
    values = dict(zip(header, row, strict=True))
    assert values[header[8]] == "7500,00"
    assert values[header[6]] == own_grant.start.strftime("%d-%m-%Y")


def test_xlsx_export_keeps_numbers_and_dates(client, official, own_grant):
    client.force_login(official)
    _header, row = _rows(client.get(url("grant_export", format="xlsx")))
    assert row[8] == 7500
    assert row[6].date() == own_grant.start


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_keeps_the_tables_sort_order(client, official, own_complex, scheme, fmt):
    for amount in ("6000", "9000", "8000"):
        GrantFactory(complex=own_complex, scheme=scheme, title=amount, amount_requested=amount)
    client.force_login(official)
    response = client.get(url("grant_export", format=fmt, sort="-amount_requested"))
    assert [row[0] for row in _rows(response)[1:]] == ["9000", "8000", "6000"]


def test_list_offers_exports_with_the_filters(client, official, own_grant):
    client.force_login(official)
    content = client.get(url("grant_list", status="applied", page=1)).content.decode()
    assert url("grant_export") + "?status=applied&amp;format=csv" in content
    assert url("grant_export") + "?status=applied&amp;format=xlsx" in content


# Query ceilings ---------------------------------------------------------------------------------
def _many_grants(count, scheme, corporation):
    other = SubsidySchemeFactory(name="Thuisplus", min_amount=Decimal("1000.00"))
    for number in range(count):
        complex_ = ComplexFactory(corporation=corporation)
        GrantFactory(complex=complex_, scheme=other if number % 3 == 0 else scheme)
        if number % 2 == 0:
            GrantFactory(complex=complex_, scheme=other, status=GrantStatus.RUNNING)
    Grant.objects.filter(status=GrantStatus.RUNNING).update(
        amount_awarded=Decimal("7000.00"), report_due=today(), decided_on=today()
    )


@pytest.mark.parametrize("role_fixture", ["corporation_staff", "official"])
@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow(
    client, request, role_fixture, corporation, scheme, django_assert_max_num_queries, count
):
    _many_grants(count, scheme, corporation)
    client.force_login(request.getfixturevalue(role_fixture))
    with django_assert_max_num_queries(14):
        response = client.get(url("grant_list", by="district"))
    assert response.status_code == 200
    assert response.context["totals"]["count"] >= count


@pytest.mark.parametrize("count", [3, 30])
def test_reports_due_query_count_does_not_grow(
    client, official, corporation, scheme, django_assert_max_num_queries, count
):
    _many_grants(count, scheme, corporation)
    client.force_login(official)
    with django_assert_max_num_queries(8):
        response = client.get(url("reports_due"))
    assert response.context["table"].paginator.count == (count + 1) // 2


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("count", [3, 30])
def test_export_query_count_does_not_grow(
    client, official, corporation, scheme, django_assert_max_num_queries, count, fmt
):
    _many_grants(count, scheme, corporation)
    client.force_login(official)
    with django_assert_max_num_queries(7):
        response = client.get(url("grant_export", format=fmt))
        rows = _rows(response)
    assert len(rows) == Grant.objects.count() + 1


@pytest.mark.parametrize("count", [3, 30])
def test_detail_query_count_does_not_grow(
    client, official, own_complex, scheme, django_assert_max_num_queries, count
):
    grant = GrantFactory(complex=own_complex, scheme=scheme)
    other = SubsidySchemeFactory(name="Thuisplus", min_amount=Decimal("1000.00"))
    GrantFactory.create_batch(count, complex=own_complex, scheme=other)
    InterventionFactory.create_batch(count, complex=own_complex, grant=grant)
    client.force_login(official)
    with django_assert_max_num_queries(9):
        response = client.get(url("grant_detail", grant.pk))
    assert len(response.context["overlapping"]) == count
