"""CSV for the national credit platform: documented columns, BOM, formats, current records only."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from credit import export
from credit.models import CreditRecord
from tests.factories.credit import CreditRecordFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "credit-export.md"


def _parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_every_column_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    for name in export.header(archive=True):
        assert f"| {name} |" in doc, name


def test_staff_export_columns_and_formats(login, supervisor_a, bureau_a, bureau_b):
    record = CreditRecordFactory(
        bureau=bureau_a,
        fine_amount=Decimal("50000"),
        decision_date=datetime.date(2026, 3, 2),
        published_on=timezone.localdate() - datetime.timedelta(1),
        penalty='=HYPERLINK("http://x")',
    )
    CreditRecordFactory(bureau=bureau_b)  # another bureau's: not exported
    response = login(supervisor_a).get(reverse("credit_staff:export_csv"))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _parse(b"".join(response.streaming_content).decode("utf-8"))
    assert rows[0] == export.header()
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["统一社会信用代码"] == record.uscc
    assert row["罚款金额（万元）"] == "5.000000"
    assert row["决定日期"] == "2026-03-02"
    assert row["公示截止日"] == record.publication_ends_on.isoformat()
    assert row["记录类型"] == "行政处罚"
    assert row["处罚内容"].startswith("'=")  # no formula reaches a spreadsheet


def test_records_no_longer_public_leave_the_platform_export(login, supervisor_a, bureau_a):
    current = CreditRecordFactory(bureau=bureau_a)
    repaired = CreditRecordFactory(bureau=bureau_a)
    CreditRecord.objects.filter(pk=repaired.pk).update(repaired_on=timezone.localdate())
    client = login(supervisor_a)
    body = b"".join(client.get(reverse("credit_staff:export_csv")).streaming_content).decode()
    assert current.uscc in body and repaired.uscc not in body
    archive = client.get(reverse("credit_staff:export_csv"), {"archive": "1"})
    rows = _parse(b"".join(archive.streaming_content).decode())
    assert rows[0] == export.header(archive=True)
    statuses = {
        r[rows[0].index("统一社会信用代码")]: r[rows[0].index("记录状态")] for r in rows[1:]
    }
    assert statuses == {current.uscc: "公示中", repaired.uscc: "已信用修复"}


def test_english_staff_still_export_chinese_headers_and_labels(login, supervisor_a, bureau_a):
    CreditRecordFactory(bureau=bureau_a)
    client = login(supervisor_a)
    response = client.get(reverse("credit_staff:export_csv"), HTTP_ACCEPT_LANGUAGE="en")
    rows = _parse(b"".join(response.streaming_content).decode())
    assert rows[0][0] == "行政相对人名称" and rows[1][4] == "行政处罚"


def test_management_command_writes_the_file_with_progress(tmp_path, bureau_a):
    CreditRecordFactory.create_batch(3, bureau=bureau_a)
    expired = CreditRecordFactory(bureau=bureau_a)
    CreditRecord.objects.filter(pk=expired.pk).update(
        publication_ends_on=timezone.localdate() - datetime.timedelta(1)
    )
    target = tmp_path / "credit.csv"
    err = io.StringIO()
    call_command("export_credit_records", output=str(target), stderr=err)
    rows = _parse(target.read_text(encoding="utf-8"))
    assert rows[0] == export.header() and len(rows) == 4
    assert "3/3" in err.getvalue()
    call_command("export_credit_records", output=str(target), all=True, stderr=io.StringIO())
    assert len(_parse(target.read_text(encoding="utf-8"))) == 5


def test_export_reads_in_chunks(monkeypatch, bureau_a):
    """The export iterates the queryset (chunked), never loading the table into a list."""
    CreditRecordFactory.create_batch(5, bureau=bureau_a)
    monkeypatch.setattr(export, "CHUNK", 2)
    seen = []
    pieces = export.stream_csv(CreditRecord.objects.all(), progress=seen.append)
    assert len(list(pieces)) == 6
    assert seen == [2, 4, 5]
