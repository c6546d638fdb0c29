"""Every export of the product, opened as a person would: an XLSX sheet with its header row
bold and frozen, an autofilter over header and data, columns as wide as their header; CSV and
XLSX files named in the user's language after the week, year or date they hold, as plain ASCII
in ``filename`` and as UTF-8 in ``filename*``; text that starts like a formula is still text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from evaluations.models import REFERENCE_SCENARIO, BudgetScenario
from evaluations.services import indicators_recalculate_complex
from tests.factories import GrantFactory, HoursEntryFactory
from tests.interventions.helpers import at

pytestmark = pytest.mark.django_db

# Every export, with its query, its file name in Dutch and in English (frozen on Thursday
# 10 December 2026, in ISO week 2026-W50) and its first header in Dutch and in English.
EXPORTS = {
    "complexes": (
        "complexes:complex_export_xlsx",
        "",
        "complexen-2026-12-10.xlsx",
        "complexes-2026-12-10.xlsx",
        ("Naam", "Name"),
    ),
    "indicators": (
        "evaluations:indicator_export",
        "?format=xlsx",
        "samenhangsindex-2026-W50.xlsx",
        "cohesion-index-2026-W50.xlsx",
        ("Complex", "Complex"),
    ),
    "hours": (
        "interventions:hours_export",
        "?format=xlsx",
        "welzijnsuren-2026-12-10.xlsx",
        "welfare-hours-2026-12-10.xlsx",
        ("Jaar", "Year"),
    ),
    "grants": (
        "interventions:grant_export",
        "?format=xlsx",
        "subsidies-2026-12-10.xlsx",
        "grants-2026-12-10.xlsx",
        ("Subsidie", "Grant"),
    ),
    "budget": (
        "evaluations:scenario_export",
        "?by=district&format=xlsx",
        "welzijnsbudget-per-gebied-evaluatie-2022-2026.xlsx",
        "welfare-budget-per-district-evaluatie-2022-2026.xlsx",
        ("Gebied", "District"),
    ),
}


@pytest.fixture(autouse=True)
def _thursday_of_week_50():
    with at(2026, 12, 10):
        yield


@pytest.fixture
def exported(client, official, own_complex, welfare_professional):
    """One row in every export (the complex, a grant, an hours entry, its index), and the
    official who exports them; text that starts like a formula in a grant and an entry."""
    GrantFactory(complex=own_complex, title="=HYPERLINK(1)")
    HoursEntryFactory(complex=own_complex, professional=welfare_professional, note="=SUM(A1)")
    indicators_recalculate_complex(complex_id=own_complex.pk)
    client.force_login(official)
    return client


def _address(export: str, query: str = "") -> str:
    name = EXPORTS[export][0]
    if name == "evaluations:scenario_export":
        scenario = BudgetScenario.objects.get(name=REFERENCE_SCENARIO)
        return reverse(name, args=[scenario.pk]) + query
    return reverse(name) + query


def _download(client, export: str, *, language: str = "nl", query: str | None = None):
    client.cookies.load({"django_language": language})
    response = client.get(_address(export, EXPORTS[export][1] if query is None else query))
    assert response.status_code == 200, response.content[:300]
    return response


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def _disposition(name: str) -> str:
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"


@pytest.mark.parametrize("export", EXPORTS)
def test_the_header_row_is_frozen_bold_filtered_and_sized(exported, export):
    sheet = _sheet(_download(exported, export))
    header = [cell.value for cell in sheet[1]]
    assert header[0] == EXPORTS[export][4][0]
    assert sheet.max_row >= 2  # the header and at least one row of data
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{sheet.max_row}"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    assert sheet.print_title_rows == "$1:$1"
    for index, cell in enumerate(sheet[1], start=1):
        width = sheet.column_dimensions[get_column_letter(index)].width
        assert min(len(cell.value), 57) + 3 <= width <= 60, (cell.value, width)


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_file_is_named_in_the_users_language(exported, export, language):
    response = _download(exported, export, language=language)
    name = EXPORTS[export][2 if language == "nl" else 3]
    assert response["Content-Disposition"] == _disposition(name)
    assert _sheet(response)["A1"].value == EXPORTS[export][4][0 if language == "nl" else 1]


@pytest.mark.parametrize(
    ("export", "query", "name"),
    [
        ("complexes", None, "complexen-2026-12-10.csv"),
        ("indicators", "", "samenhangsindex-2026-W50.csv"),
        ("hours", "", "welzijnsuren-2026-12-10.csv"),
        ("grants", "", "subsidies-2026-12-10.csv"),
        ("budget", "?by=complex", "welzijnsbudget-per-complex-evaluatie-2022-2026.csv"),
    ],
)
def test_a_csv_export_is_named_alike(exported, export, query, name):
    if export == "complexes":
        exported.cookies.load({"django_language": "nl"})
        response = exported.get(reverse("complexes:complex_export_csv"))
    else:
        response = _download(exported, export, query=query)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == _disposition(name)


@pytest.mark.parametrize(
    ("export", "query", "name"),
    [
        ("indicators", "?week=2026-W49&format=xlsx", "samenhangsindex-2026-W49.xlsx"),
        ("hours", "?year=2025&format=xlsx", "welzijnsuren-2025.xlsx"),
        (
            "hours",
            "?week_from=2026-W40&week_to=2026-W49&format=xlsx",
            "welzijnsuren-2026-W40-2026-W49.xlsx",
        ),
        ("hours", "?week_from=2026-W49&week_to=2026-W49", "welzijnsuren-2026-W49.csv"),
        ("grants", "?year=2026&format=xlsx", "subsidies-2026.xlsx"),
    ],
)
def test_the_name_tells_the_week_or_year_exported(exported, export, query, name):
    response = _download(exported, export, query=query)
    assert response["Content-Disposition"] == _disposition(name)


@pytest.mark.parametrize(("export", "column"), [("grants", "Subsidie"), ("hours", "Notitie")])
def test_text_that_starts_like_a_formula_stays_text(exported, export, column):
    sheet = _sheet(_download(exported, export))
    index = [cell.value for cell in sheet[1]].index(column)
    cell = sheet.cell(row=2, column=index + 1)
    assert cell.data_type == "s"
    assert cell.value in ("=HYPERLINK(1)", "=SUM(A1)")
    response = _download(exported, export, query="")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))[:2]
    assert row[header.index(column)] in ("'=HYPERLINK(1)", "'=SUM(A1)")
