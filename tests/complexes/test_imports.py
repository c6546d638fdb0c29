"""Importing complexes and galleries: preview row by row, all or nothing, idempotent."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complexes import imports
from complexes.imports import ImportFailed, import_complexes, parse_bytes, plan_import
from complexes.models import Complex, Gallery, OccupancySnapshot
from leefbaarheid.models import AuditEntry
from tests.factories import ComplexFactory, DistrictFactory, GalleryFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "complex",
    "adres",
    "postcode",
    "gebied",
    "woningen",
    "leegstand",
    "seniorencomplex",
    "thuisplus",
    "bouwjaar",
    "breedtegraad",
    "lengtegraad",
    "galerij",
    "verdieping",
    "woningen_galerij",
]
VLINDERHOF = ["De Vlinderhof", "Wolphaertsbocht 120", "3083ka", "Charlois", "48", "2", "ja", "nee"]
VLINDERHOF += ["1972", "51,8823", "4,4701"]
MAASZICHT = ["Huize Maaszicht", "Oranjeboomstraat 45", "3071 SB", "feijenoord", "36", "0", "ja"]
MAASZICHT += ["ja", "1985", "51,9011", "4,5003"]
GOOD_ROWS = [
    [*VLINDERHOF, "", "", ""],
    [*VLINDERHOF, "Galerij 1", "1", "16"],
    [*VLINDERHOF, "Galerij 2", "2", "16"],
    [*MAASZICHT, "Galerij A", "1", "12"],
    [*MAASZICHT, "Galerij B", "2", "12"],
]


@pytest.fixture(autouse=True)
def districts(db):
    return [
        DistrictFactory(name="Charlois", code="charlois"),
        DistrictFactory(name="Feijenoord", code="feijenoord"),
    ]


def _csv(rows, *, header=HEADER, delimiter=";", bom=True) -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def _xlsx(rows, *, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _state():
    """Everything an import may touch, serialised, so two states compare exactly."""
    return {
        "complexes": list(Complex.objects.order_by("pk").values()),
        "galleries": list(Gallery.objects.order_by("pk").values()),
        "snapshots": list(OccupancySnapshot.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def _import(corporation, data: bytes, name="complexen.csv", user=None, **kwargs):
    return import_complexes(
        corporation=corporation, rows=parse_bytes(data, name), user=user, **kwargs
    )


# --- The service ------------------------------------------------------------------------------


def test_it_imports_a_dutch_semicolon_csv(corporation, corporation_staff):
    summary = _import(corporation, _csv(GOOD_ROWS), user=corporation_staff)

    assert summary["complexes_created"] == 2
    assert summary["galleries_created"] == 4
    vlinderhof = Complex.objects.get(corporation=corporation, name="De Vlinderhof")
    assert vlinderhof.postcode == "3083 KA"
    assert vlinderhof.district.code == "charlois"
    assert (vlinderhof.units, vlinderhof.vacant_units, vlinderhof.year_built) == (48, 2, 1972)
    assert vlinderhof.latitude == Decimal("51.8823")
    assert vlinderhof.is_senior and not vlinderhof.is_thuisplus
    assert Complex.objects.get(name="Huize Maaszicht").is_thuisplus
    assert set(vlinderhof.galleries.values_list("name", "floor", "homes")) == {
        ("Galerij 1", 1, 16),
        ("Galerij 2", 2, 16),
    }
    assert OccupancySnapshot.objects.filter(complex__corporation=corporation).count() == 2
    # Two complexes, two snapshots, four galleries: each write is in the audit log.
    assert AuditEntry.objects.filter(user=corporation_staff).count() == 8


def test_it_imports_a_comma_csv_with_english_headers(corporation):
    header = ["name", "address", "postcode", "district", "units", "vacant_units", "latitude"]
    header += ["gallery", "floor", "homes"]
    rows = [["Lindehof", "Lindelaan 1", "3011 AB", "charlois", "20", "1", "51.92", "A", "0", "10"]]
    summary = _import(corporation, _csv(rows, header=header, delimiter=",", bom=False))
    assert summary["complexes_created"] == 1
    lindehof = Complex.objects.get(name="Lindehof")
    assert lindehof.latitude == Decimal("51.92")
    assert lindehof.is_senior  # the model's default where the column is absent
    assert lindehof.galleries.get().homes == 10


def test_it_imports_an_xlsx_sheet(corporation):
    cells = ["Het Anker", "Ankerstraat 3", "3071 AB", "Feijenoord", 30, 3, True, "nee", 1990]
    cells += [51.9011, 4.5003]
    rows = [[*cells, "Galerij 1", 1, 15], [*cells, "Galerij 2", 2, 15]]
    summary = _import(corporation, _xlsx(rows), name="complexen.xlsx")
    assert summary["complexes_created"] == 1
    assert summary["galleries_created"] == 2
    anker = Complex.objects.get(name="Het Anker")
    assert (anker.units, anker.vacant_units, anker.longitude) == (30, 3, Decimal("4.5003"))


def test_reimporting_the_same_file_changes_nothing(corporation, corporation_staff):
    data = _csv(GOOD_ROWS)
    _import(corporation, data, user=corporation_staff)
    before = _state()

    summary = _import(corporation, data, user=corporation_staff)

    assert _state() == before
    assert summary["complexes_unchanged"] == 2
    assert summary["galleries_unchanged"] == 4
    assert summary["complexes_created"] == summary["complexes_updated"] == 0


def test_reimporting_as_xlsx_after_csv_changes_nothing(corporation, corporation_staff):
    _import(corporation, _csv(GOOD_ROWS), user=corporation_staff)
    before = _state()
    _import(corporation, _xlsx(GOOD_ROWS), name="zelfde.xlsx", user=corporation_staff)
    assert _state() == before


def test_it_updates_only_what_differs(corporation, corporation_staff):
    _import(corporation, _csv(GOOD_ROWS), user=corporation_staff)
    changed = [row.copy() for row in GOOD_ROWS]
    for row in changed[:3]:
        row[5] = "6"  # vacancy of De Vlinderhof
    changed[4][13] = "14"  # homes of Galerij B
    audit_before = AuditEntry.objects.count()

    summary = _import(corporation, _csv(changed), user=corporation_staff)

    assert summary["complexes_updated"] == 1 and summary["complexes_unchanged"] == 1
    assert summary["galleries_updated"] == 1 and summary["galleries_unchanged"] == 3
    vlinderhof = Complex.objects.get(name="De Vlinderhof")
    assert vlinderhof.vacant_units == 6
    assert vlinderhof.snapshots.get().vacant_units == 6  # today's snapshot follows
    assert Gallery.objects.get(name="Galerij B").homes == 14
    # One complex update, one occupancy update, one gallery update.
    assert AuditEntry.objects.count() == audit_before + 3


def test_an_empty_cell_keeps_the_existing_value(corporation):
    _import(corporation, _csv(GOOD_ROWS))
    rows = [[*VLINDERHOF[:8], "", "", "", "Galerij 1", "", ""]]
    before = _state()
    summary = _import(corporation, _csv(rows))
    assert summary["complexes_unchanged"] == summary["galleries_unchanged"] == 1
    assert _state() == before


def test_one_bad_row_writes_nothing_at_all(corporation, corporation_staff):
    rows = [row.copy() for row in GOOD_ROWS]
    for row in rows[3:]:
        row[2] = "30711"  # not a postcode: Huize Maaszicht, sheet rows 5 and 6
    before = _state()

    with pytest.raises(ImportFailed) as failure:
        _import(corporation, _csv(rows), user=corporation_staff)

    assert [(error.row, error.column) for error in failure.value.row_errors] == [(5, "postcode")]
    assert _state() == before
    assert not Complex.objects.exists()


def test_it_reports_every_bad_cell_by_row_and_column(corporation):
    rows = [
        [*VLINDERHOF[:4], "veel", *VLINDERHOF[5:], "", "", ""],  # units not a number
        # unknown district, vacant > units, bad boolean
        ["Nieuw", "Straat 1", "3011 AB", "Kralingen", "10", "11", "misschien", *[""] * 7],
        ["", "Straat 2", "3011 AB", "charlois", "10", "0", "", "", "", "", "", "", "", ""],
        [*MAASZICHT, "", "3", ""],  # floor without a gallery
        [*MAASZICHT[:4], "37", *MAASZICHT[5:], "A", "1", "1"],  # disagrees with row 5
        [*MAASZICHT, "A", "1", "1"],  # gallery A twice
    ]
    plan = plan_import(corporation=corporation, rows=parse_bytes(_csv(rows), "x.csv"))
    found = {(error.row, error.column) for error in plan.errors}
    assert found == {
        (2, "woningen"),
        (3, "gebied"),
        (3, "leegstand"),
        (3, "seniorencomplex"),
        (4, "complex"),
        (5, "verdieping"),
        (6, "woningen"),
        (7, "galerij"),
    }
    assert not plan.is_valid
    assert not Complex.objects.exists()


def test_a_new_complex_needs_its_required_values(corporation):
    rows = [["Leeg", "", "", "", "", "", "", "", "", "", "", "", "", ""]]
    plan = plan_import(corporation=corporation, rows=parse_bytes(_csv(rows), "x.csv"))
    assert {error.column for error in plan.errors} == {"adres", "postcode", "gebied", "woningen"}


def test_a_same_named_complex_of_another_corporation_is_not_touched(
    corporation, foreign_complex, corporation_staff
):
    before = list(Complex.objects.filter(pk=foreign_complex.pk).values())
    rows = [["Huize Linde", "Nieuwe weg 1", "3011 AB", "charlois", "10", "0", "", "", "", "", ""]]
    summary = _import(corporation, _csv([[*rows[0], "", "", ""]]), user=corporation_staff)
    assert summary["complexes_created"] == 1
    assert Complex.objects.filter(name="Huize Linde").count() == 2
    assert list(Complex.objects.filter(pk=foreign_complex.pk).values()) == before


def test_staff_cannot_import_into_another_corporation(other_corporation, corporation_staff):
    with pytest.raises(Exception) as refused:
        _import(other_corporation, _csv(GOOD_ROWS), user=corporation_staff)
    assert "corporation" in refused.value.message_dict
    assert not Complex.objects.exists()


def test_a_dry_run_writes_nothing(corporation):
    summary = _import(corporation, _csv(GOOD_ROWS), dry_run=True)
    assert summary["complexes_created"] == 2
    assert not Complex.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leeg.csv", "empty"),
        (b"\n\n", "leeg.csv", "no_header"),
        (_csv([], bom=False), "kop.csv", "no_rows"),
        (b"complex;adres\nA;B\n", "weinig.csv", "missing_columns"),
        (_csv([], header=[*HEADER, "kleur"]) + b"x" * 3, "raar.csv", "unknown_columns"),
        (b"%PDF-1.4", "brief.pdf", "file_type"),
        (b"not a zip", "nep.xlsx", "file_type"),
        (b"PK\x03\x04kapot", "kapot.xlsx", "xlsx"),
    ],
)
def test_it_refuses_a_broken_file(data, name, code):
    with pytest.raises(Exception) as refused:
        parse_bytes(data, name)
    codes = {error.code for error in refused.value.error_list}
    assert code in codes


def test_it_names_missing_and_unknown_columns():
    header = ["complex", "adres", "kleur", "woningen", "woonlaag"]
    with pytest.raises(Exception) as refused:
        parse_bytes(_csv([["A", "B", "C", "1", "2"]], header=header), "x.csv")
    text = " ".join(refused.value.messages)
    for column in ("postcode", "gebied", "kleur", "woonlaag"):
        assert column in text


def test_it_refuses_too_many_rows(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    with pytest.raises(Exception) as refused:
        parse_bytes(_csv(GOOD_ROWS), "x.csv")
    assert refused.value.error_list[0].code == "too_many_rows"


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(Exception) as refused:
        parse_bytes(b"a" * (imports.MAX_FILE_SIZE + 1), "groot.csv")
    assert refused.value.error_list[0].code == "file_size"


# --- The screens ------------------------------------------------------------------------------


def _upload(client, data, name="complexen.csv", **extra):
    return client.post(
        reverse("complexes:complex_import"),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_staff_previews_then_confirms(client, corporation, corporation_staff):
    client.force_login(corporation_staff)
    assert client.get(reverse("complexes:complex_import")).status_code == 200

    preview = _upload(client, _csv(GOOD_ROWS))

    assert preview.status_code == 200
    assert not preview.context["errors"]
    actions = [(row.complex_action, row.gallery_action) for row in preview.context["plan"].rows]
    assert actions == [("new", ""), ("", "new"), ("", "new"), ("new", "new"), ("", "new")]
    assert not Complex.objects.exists()  # a preview writes nothing

    token = preview.context["token"]
    done = client.post(reverse("complexes:complex_import_confirm"), {"token": token})

    assert done.status_code == 200
    assert done.context["summary"]["complexes_created"] == 2
    assert set(Complex.objects.values_list("corporation", flat=True)) == {corporation.pk}
    # The pending import is used up: a second confirm writes nothing more.
    before = _state()
    again = client.post(reverse("complexes:complex_import_confirm"), {"token": token})
    assert again.status_code == 302
    assert _state() == before


def test_preview_of_a_reimport_marks_rows_unchanged(client, corporation, corporation_staff):
    _import(corporation, _csv(GOOD_ROWS))
    client.force_login(corporation_staff)
    preview = _upload(client, _xlsx(GOOD_ROWS), name="zelfde.xlsx")
    assert preview.context["summary"]["complexes_unchanged"] == 2
    assert {row.complex_action for row in preview.context["plan"].rows} == {"unchanged", ""}


def test_preview_shows_row_errors_and_offers_no_confirm(client, corporation_staff):
    rows = [row.copy() for row in GOOD_ROWS]
    rows[1][5] = "99"  # vacant > units on sheet row 3
    client.force_login(corporation_staff)

    preview = _upload(client, _csv(rows))

    assert preview.status_code == 200
    assert [(e.row, e.column) for e in preview.context["errors"]] == [(3, "leegstand")]
    assert preview.context["token"] == ""
    assert reverse("complexes:complex_import_confirm").encode() not in preview.content
    assert not Complex.objects.exists()
    # Nothing waits in the session, so no confirm can write it.
    assert (
        client.post(reverse("complexes:complex_import_confirm"), {"token": "x"}).status_code == 302
    )
    assert not Complex.objects.exists()


def test_staff_import_goes_to_their_own_corporation(
    client, corporation, other_corporation, corporation_staff, foreign_complex
):
    client.force_login(corporation_staff)
    rows = [["Huize Linde", "Nieuwe weg 1", "3011 AB", "charlois", "10", "0"] + [""] * 8]
    # A corporation in the form is not theirs to choose: it is ignored.
    preview = _upload(client, _csv(rows), corporation=other_corporation.pk)
    assert preview.context["plan"].corporation == corporation
    client.post(reverse("complexes:complex_import_confirm"), {"token": preview.context["token"]})
    assert Complex.objects.get(name="Huize Linde", corporation=corporation).units == 10
    foreign_complex.refresh_from_db()
    assert foreign_complex.units == 60  # the other corporation's namesake is untouched


def test_confirm_refuses_a_corporation_out_of_reach(client, other_corporation, corporation_staff):
    client.force_login(corporation_staff)
    table = parse_bytes(_csv(GOOD_ROWS), "x.csv")
    session = client.session
    session["complex_import"] = {
        "token": "t",
        "corporation": other_corporation.pk,
        "filename": "x.csv",
        "table": table.to_json(),
    }
    session.save()
    response = client.post(reverse("complexes:complex_import_confirm"), {"token": "t"})
    assert response.status_code == 404
    assert not Complex.objects.exists()


def test_admin_chooses_the_corporation(client, other_corporation, functional_admin):
    client.force_login(functional_admin)
    missing = _upload(client, _csv(GOOD_ROWS))
    assert "corporation" in missing.context["form"].errors

    preview = _upload(client, _csv(GOOD_ROWS), corporation=other_corporation.pk)
    client.post(reverse("complexes:complex_import_confirm"), {"token": preview.context["token"]})
    assert Complex.objects.filter(corporation=other_corporation).count() == 2


@pytest.mark.parametrize("role_fixture", ["welfare_professional", "official", "team_member"])
def test_roles_without_write_permission_get_403(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    before = _state()
    assert client.get(reverse("complexes:complex_import")).status_code == 403
    assert _upload(client, _csv(GOOD_ROWS)).status_code == 403
    confirm = client.post(reverse("complexes:complex_import_confirm"), {"token": "t"})
    assert confirm.status_code == 403
    assert client.get(reverse("complexes:complex_import_example")).status_code == 403
    assert _state() == before


def test_staff_downloads_the_example_and_it_imports(client, corporation, corporation_staff):
    client.force_login(corporation_staff)
    response = client.get(reverse("complexes:complex_import_example"))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    summary = _import(corporation, data)
    assert summary["complexes_created"] == 2
    assert summary["galleries_created"] == 6


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"a" * (imports.MAX_FILE_SIZE + 1), "groot.csv"),
        (b"complex;adres\nA;B\n", "weinig.csv"),
        (b"", "leeg.csv"),
        (b"%PDF-1.4", "brief.pdf"),
    ],
)
def test_a_bad_file_is_a_form_error(client, corporation_staff, data, name):
    client.force_login(corporation_staff)
    response = _upload(client, data, name=name)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Complex.objects.exists()


@pytest.mark.parametrize("complex_count", [3, 30])
def test_preview_query_count_does_not_grow_with_rows(
    client, corporation, corporation_staff, django_assert_max_num_queries, complex_count
):
    existing = ComplexFactory.create_batch(complex_count, corporation=corporation)
    for complex_ in existing:
        GalleryFactory(complex=complex_, name="A")
    rows = [
        [
            c.name,
            "Straat 1",
            "3011 AB",
            "charlois",
            "40",
            "1",
            "",
            "",
            "",
            "",
            "",
            gallery,
            "1",
            "4",
        ]
        for c in existing
        for gallery in ("A", "B")
    ]
    client.force_login(corporation_staff)
    with django_assert_max_num_queries(14):
        response = _upload(client, _csv(rows))
    assert response.context["summary"]["complexes_updated"] == complex_count
    assert response.context["summary"]["galleries_created"] == complex_count


# --- The command ------------------------------------------------------------------------------


def test_the_command_imports_and_reimports(tmp_path, corporation):
    path = tmp_path / "complexen.csv"
    path.write_bytes(_csv(GOOD_ROWS))
    out = io.StringIO()
    call_command("import_complexes", str(path), corporation=corporation.name, stdout=out)
    assert Complex.objects.filter(corporation=corporation).count() == 2
    before = _state()
    call_command("import_complexes", str(path), corporation=corporation.name, stdout=out)
    assert _state() == before


def test_the_command_dry_run_writes_nothing(tmp_path, corporation):
    path = tmp_path / "complexen.xlsx"
    path.write_bytes(_xlsx(GOOD_ROWS))
    call_command(
        "import_complexes",
        str(path),
        corporation=corporation.name,
        dry_run=True,
        stdout=io.StringIO(),
    )
    assert not Complex.objects.exists()


def test_the_command_fails_loudly_with_the_row_errors(tmp_path, corporation):
    rows = [row.copy() for row in GOOD_ROWS]
    rows[2][3] = "Atlantis"
    path = tmp_path / "fout.csv"
    path.write_bytes(_csv(rows))
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import_complexes", str(path), corporation=corporation.name, stderr=err, stdout=err
        )
    assert failed.value.returncode == 1
    assert "4" in err.getvalue() and "gebied" in err.getvalue()
    assert not Complex.objects.exists()


def test_the_command_refuses_an_unknown_corporation(tmp_path):
    path = tmp_path / "complexen.csv"
    path.write_bytes(_csv(GOOD_ROWS))
    with pytest.raises(CommandError):
        call_command("import_complexes", str(path), corporation="Bestaat Niet")


# --- Any valid table imports, and imports again without a change -------------------------------

_names = st.lists(
    st.sampled_from(["Linde", "Eik", "Beuk", "Es", "Wilg", "Hazelaar"]), unique=True, min_size=1
)


@st.composite
def _tables(draw):
    rows = []
    for name in draw(_names):
        units = draw(st.integers(1, 400))
        complex_cells = [
            name,
            draw(st.sampled_from(["Lindelaan 1", "Kade 12b"])),
            draw(st.sampled_from(["3011 AB", "3083ka", "3071 sb"])),
            draw(st.sampled_from(["charlois", "Feijenoord", "CHARLOIS"])),
            str(units),
            str(draw(st.integers(0, units))),
            draw(st.sampled_from(["ja", "nee", "yes", "no", "1", "0", ""])),
            draw(st.sampled_from(["ja", "nee", ""])),
            draw(st.sampled_from(["", "1850", "1970", "2024"])),
            draw(st.sampled_from(["", "51,9", "51.923456", "-1,5"])),
            draw(st.sampled_from(["", "4,48", "4.5"])),
        ]
        galleries = draw(st.lists(st.sampled_from(["A", "B", "C", "Noord"]), unique=True))
        rows.append([*complex_cells, "", "", ""])
        for gallery in galleries:
            floor = str(draw(st.integers(-2, 40)))
            rows.append([*complex_cells, gallery, floor, str(draw(st.integers(0, 50)))])
    return rows


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_tables())
def test_any_valid_table_imports_and_reimports_without_change(corporation, rows):
    with transaction.atomic():
        data = _csv(rows)
        first = _import(corporation, data)
        assert first["complexes_created"] == len({row[0] for row in rows})
        before = _state()
        second = _import(corporation, data)
        assert _state() == before
        assert second["complexes_created"] == second["complexes_updated"] == 0
        assert second["galleries_created"] == second["galleries_updated"] == 0
        transaction.set_rollback(True)


def test_staff_without_a_corporation_get_403(client, corporation_staff):
    corporation_staff.corporation = None
    corporation_staff.save()
    client.force_login(corporation_staff)
    assert client.get(reverse("complexes:complex_import")).status_code == 403
    assert _upload(client, _csv(GOOD_ROWS)).status_code == 403


def test_the_service_takes_rows_given_in_code(corporation):
    rows = [
        {"complex": "Eikenhof", "address": "Eikenlaan 2", "postcode": "3011 AB"}
        | {"district": "charlois", "units": 12, "gallery": "Noord", "homes": 6},
    ]
    assert import_complexes(corporation=corporation, rows=rows, user=None)["galleries_created"] == 1
    again = import_complexes(corporation=corporation, rows=rows, user=None)
    assert again["complexes_unchanged"] == again["galleries_unchanged"] == 1


def test_upload_page_offers_a_way_back(client, corporation_staff):
    client.force_login(corporation_staff)
    content = client.get(reverse("complexes:complex_import")).content.decode()
    assert f'href="{reverse("complexes:complex_list")}"' in content.split("<main", 1)[-1]


def test_admin_corporation_choice_has_a_choose_label(client, corporation, functional_admin):
    client.force_login(functional_admin)
    response = client.get(reverse("complexes:complex_import"))
    assert response.context["form"].fields["corporation"].empty_label != "---------"
    assert "---------" not in response.content.decode()
