"""CSV import of inspection targets: all rows checked first, nothing imported on any error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from complaints.models import Role
from inspections.models import InspectionTarget
from inspections.services.importing import import_targets
from tests.factories.complaints import DistrictFactory, staff_member
from tests.factories.inspections import InspectionTargetFactory, make_uscc

pytestmark = pytest.mark.django_db

GOOD_1, GOOD_2, GOOD_3 = make_uscc(901), make_uscc(902), make_uscc(903)


def csv_bytes(rows, header="企业名称,统一社会信用代码,所在区,地址,风险等级", encoding="utf-8"):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def test_valid_file_imports_and_updates_existing_targets():
    DistrictFactory(code="jiangan", name="江岸区")
    existing = InspectionTargetFactory(uscc=GOOD_3, name="旧名称", risk_level="low")
    data = csv_bytes(
        [
            f"武汉甲公司,{GOOD_1},江岸区,解放大道1号,高",
            f"武汉乙公司,{GOOD_2.lower()},,,",
            f"武汉丙公司（新名称）,{GOOD_3},jiangan,,中风险",
        ]
    )
    report = import_targets(data)
    assert report.ok and (report.created, report.updated, report.rows) == (2, 1, 3)
    first = InspectionTarget.objects.get(uscc=GOOD_1)
    assert (first.district.name, first.risk_level) == ("江岸区", "high")
    assert InspectionTarget.objects.get(uscc=GOOD_2).risk_level == "low"
    existing.refresh_from_db()
    assert (existing.name, existing.risk_level) == ("武汉丙公司（新名称）", "medium")


def test_gb18030_file_with_english_headers_imports():
    data = csv_bytes(
        [f"武汉甲公司,{GOOD_1},,,high"],
        header="name,uscc,district,address,risk_level",
        encoding="gb18030",
    )
    assert import_targets(data).created == 1


def test_any_invalid_row_imports_nothing_and_reports_each_row():
    DistrictFactory(code="jiangan", name="江岸区")
    data = csv_bytes(
        [
            f"武汉甲公司,{GOOD_1},江岸区,,低",
            "武汉乙公司,91420100MA4KXXXX0X,,,",
            f",{GOOD_2},,,",
            f"武汉丁公司,{GOOD_1},,,",
            f"武汉戊公司,{GOOD_3},火星区,,极高",
        ]
    )
    report = import_targets(data)
    assert not report.ok and report.error_count == 4
    assert not InspectionTarget.objects.exists()
    lines = {error.line: error.message for error in report.errors}
    assert set(lines) == {3, 4, 5, 6}
    assert "统一社会信用代码" in lines[3]
    assert "企业名称为空" in lines[4]
    assert "与第 2 行重复" in lines[5]
    assert "火星区" in lines[6] and "风险等级" in lines[6]
    assert str(report.errors[0]).startswith("第 3 行")


def test_missing_columns_and_empty_files_are_errors():
    assert "缺少必需的列" in import_targets(b"name,address\nx,y\n").errors[0].message
    assert "没有数据行" in import_targets(csv_bytes([])).errors[0].message


def test_command_prints_progress_or_the_row_errors(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([f"武汉甲公司,{GOOD_1},,,", f"武汉乙公司,{GOOD_2},,,"]))
    call_command("import_inspection_targets", str(good))
    out = capsys.readouterr().out
    assert "2/2" in out and "2 targets created" in out

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([f"武汉丙公司,{GOOD_3},,,", "武汉丁公司,123,,,"]))
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_inspection_targets", str(bad))
    assert "第 3 行" in capsys.readouterr().err
    assert not InspectionTarget.objects.filter(uscc=GOOD_3).exists()


def test_staff_upload_shows_errors_and_keeps_the_pool(client, bureau, supervisor):
    client.force_login(supervisor)
    url = reverse("inspections_staff:import")
    bad = SimpleUploadedFile("t.csv", csv_bytes(["武汉丁公司,123,,,"]), content_type="text/csv")
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert "第 2 行" in response.content.decode()
    assert not InspectionTarget.objects.exists()

    good = SimpleUploadedFile(
        "t.csv", csv_bytes([f"武汉甲公司,{GOOD_1},,,"]), content_type="text/csv"
    )
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert InspectionTarget.objects.filter(uscc=GOOD_1).exists()


def test_only_supervisors_import(client, bureau):
    client.force_login(staff_member(bureau, Role.HANDLER, username="plain_handler"))
    assert client.get(reverse("inspections_staff:import")).status_code == 403


def test_reimporting_the_same_file_writes_nothing():
    data = csv_bytes([f"武汉甲公司,{GOOD_1},,,高", f"武汉乙公司,{GOOD_2},,,"])
    assert import_targets(data).created == 2
    again = import_targets(data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
