"""The grant screens' list and detail: who reaches which grant, the overlap warning, filters,
totals, reports due, exports and query counts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from interventions.choices import GrantStatus, GrantStep
from interventions.models import Grant
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    DistrictFactory,
    GrantFactory,
    InterventionFactory,
    SubsidySchemeFactory,
)
from tests.helpers import today
from tests.interventions.helpers import (
    STEP_POST,
    YEAR_END,
    YEAR_START,
    _apply_data,
    move_to,
    step_url,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_grant(foreign_complex, scheme):
    return GrantFactory(complex=foreign_complex, scheme=scheme, title="Vreemde toekenning")


def _titles(response) -> set[str]:
    return {row.record.title for row in response.context["table"].paginated_rows}


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
