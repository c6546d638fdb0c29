"""The spreadsheet writer strips what XLSX cannot hold."""

import io

import pytest
from openpyxl import load_workbook

from leefbaarheid import exports

pytestmark = pytest.mark.django_db


# Rows stored before the checks still show ---------------------------------------------------


def test_the_spreadsheet_writer_strips_what_xlsx_cannot_hold():
    data = [["naam", "notitie"], ["Kievitstaete\x1b", "nul\x00 en\ttab\nregel"]]
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(data, sheet_title="x")))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[1] == ["Kievitstaete", "nul en\ttab\nregel"]
