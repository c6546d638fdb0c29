"""The spreadsheet writer: it strips what XLSX cannot hold; its sheets have a frozen, filtered
header and sized columns; its files are named after their stem and period, in ASCII and UTF-8."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from leefbaarheid import exports
from leefbaarheid.weeks import Week

pytestmark = pytest.mark.django_db


# Rows stored before the checks still show ---------------------------------------------------


def test_the_spreadsheet_writer_strips_what_xlsx_cannot_hold():
    data = [["naam", "notitie"], ["Kievitstaete\x1b", "nul\x00 en\ttab\nregel"]]
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(data, sheet_title="x")))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[1] == ["Kievitstaete", "nul en\ttab\nregel"]


# A workbook to work in ---------------------------------------------------------------------------


def _sheet(data):
    return load_workbook(io.BytesIO(exports.xlsx_bytes(data, sheet_title="Blad"))).active


def test_every_row_past_the_width_sample_is_written_and_filtered():
    count = exports.WIDTH_SAMPLE + 250
    data = (row for row in [["Nr", "Naam"], *([n, f"rij {n}"] for n in range(count))])
    sheet = _sheet(data)
    assert sheet.max_row == count + 1
    assert sheet["B2"].value == "rij 0" and sheet.cell(row=count + 1, column=2).value == (
        f"rij {count - 1}"
    )
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:B{count + 1}"


def test_an_export_without_rows_still_has_its_header_filtered():
    sheet = _sheet([["Naam", "Wijk", "Eenheden"]])
    assert [cell.value for cell in sheet[1]] == ["Naam", "Wijk", "Eenheden"]
    assert sheet.auto_filter.ref == "A1:C1"
    assert sheet.freeze_panes == "A2"


def test_columns_fit_their_longest_value_within_bounds():
    data = [
        ["Nr", "Datum", "Bedrag", "Toelichting"],
        [1, datetime.date(2026, 12, 10), Decimal("1234567.50"), "x" * 200],
    ]
    assert exports.column_widths(data) == [exports.MIN_WIDTH, 13, len("1,234,567.50") + 3, 60]
    sheet = _sheet(data)
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [8, 13, 15, 60]


def test_text_that_starts_like_a_formula_is_never_a_formula():
    sheet = _sheet([["Naam"], ["=1+1"], ["@SUM(A1)"]])
    assert [(cell.value, cell.data_type) for cell in sheet["A"][1:]] == [
        ("=1+1", "s"),
        ("@SUM(A1)", "s"),
    ]
    assert [exports.csv_value(text) for text in ("=1+1", "+31", "-2", "@x")] == [
        "'=1+1",
        "'+31",
        "'-2",
        "'@x",
    ]


# File names -----------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 12, 10, 10, tzinfo=ZoneInfo("Europe/Amsterdam")))
@pytest.mark.parametrize(
    ("stem", "period", "name"),
    [
        ("samenhangsindex", Week(2026, 50), "samenhangsindex-2026-W50.xlsx"),
        (
            "welzijnsbudget-per-gebied-Basis 2027",
            2026,
            "welzijnsbudget-per-gebied-basis-2027-2026.xlsx",
        ),
        ("complexen", None, "complexen-2026-12-10.xlsx"),
        ("subsidies", datetime.date(2026, 1, 5), "subsidies-2026-01-05.xlsx"),
        ("../../etc/passwd", None, "etcpasswd-2026-12-10.xlsx"),
        ("", "2026-W05-2026-W18", "export-2026-W05-2026-W18.xlsx"),
    ],
)
def test_a_file_is_named_after_its_stem_and_period(stem, period, name):
    assert exports.filename(stem, "xlsx", period) == name


def test_a_name_beyond_ascii_is_given_both_ways():
    name = exports.filename("Coöperatie Eén", "csv", 2026)
    assert name == "coöperatie-eén-2026.csv"
    assert exports.content_disposition(name) == (
        'attachment; filename="cooperatie-een-2026.csv"; '
        "filename*=UTF-8''co%C3%B6peratie-e%C3%A9n-2026.csv"
    )


def test_the_stem_follows_the_language_it_was_translated_in():
    with translation.override("en"):
        english = exports.filename(pgettext("file name", "cohesion-index"), "xlsx", Week(2026, 50))
    with translation.override("nl"):
        dutch = exports.filename(pgettext("file name", "cohesion-index"), "xlsx", Week(2026, 50))
    assert (dutch, english) == ("samenhangsindex-2026-W50.xlsx", "cohesion-index-2026-W50.xlsx")
