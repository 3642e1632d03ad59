"""Case detail (logged full view, evidence hashes, related cases) and exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from complaints.dashboard.views.exports import safe_cell
from complaints.models import AccessLog
from complaints.services.evidence import CheckedUpload
from complaints.services.intake import submit_complaint
from tests.factories.complaints import file_complaint, intake_data

pytestmark = pytest.mark.django_db


def test_full_view_is_logged_and_shows_evidence_hashes(login, handler_a, bureau_a):
    upload = CheckedUpload("发票.pdf", "application/pdf", b"%PDF-1.4 evidence")
    case = submit_complaint(intake_data(), files=[upload]).complaint
    client = login(handler_a)
    page = client.get(reverse("dashboard:case", args=[case.pk])).content.decode()
    log = AccessLog.objects.get(complaint=case)
    assert log.user == handler_a and log.action == "view_full"
    evidence = case.evidence.get()
    assert evidence.sha256 in page and "张三丰" in page and "13812345678" in page
    download = client.get(reverse("dashboard:evidence", args=[case.pk, evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"
    assert AccessLog.objects.filter(complaint=case, action="evidence_download").count() == 1


def test_related_cases_within_the_users_bureaus_without_personal_data(
    login, handler_a, case_a, django_user_model
):
    """Same respondent or same complainant phone, in the bureaus the user works for (a
    superuser: all, across the three hotlines)."""
    same_respondent = file_complaint(complainant_name="李四", complainant_phone="13900000001")
    same_phone = file_complaint(respondent_name="另一家公司", respondent_credit_code="")
    elsewhere = file_complaint(
        "copyright-infringement", ip_right_type="copyright", complainant_name="李四"
    ).complaint
    unrelated = file_complaint(
        respondent_name="别家公司", respondent_credit_code="", complainant_phone="13900000000"
    ).complaint
    response = login(handler_a).get(reverse("dashboard:case", args=[case_a.pk]))
    related = {case.pk: case for case in response.context["related"]}
    assert set(related) == {same_respondent.complaint.pk, same_phone.complaint.pk}
    assert related[same_phone.complaint.pk].same_complainant
    assert not related[same_phone.complaint.pk].same_respondent
    assert "李四" not in response.content.decode()
    admin = django_user_model.objects.create_superuser("root", "root@example.cn", "pw")
    response = login(admin).get(reverse("dashboard:case", args=[case_a.pk]))
    related = {case.pk for case in response.context["related"]}
    assert elsewhere.pk in related and unrelated.pk not in related
    assert elsewhere.channel.code != case_a.channel.code


def test_csv_export_escapes_formulas_and_masks(login, handler_a):
    file_complaint(respondent_name='=HYPERLINK("http://evil")', respondent_credit_code="")
    response = login(handler_a).get(reverse("dashboard:export_queue_csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "受理编号"
    row = rows[1]
    assert row[9].startswith("'=HYPERLINK")
    assert row[7] == "张**" and row[8] == "138****5678"
    assert "13812345678" not in body
    assert AccessLog.objects.filter(action="export", user=handler_a).exists()


def test_safe_cell():
    assert safe_cell("+1-2") == "'+1-2"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("正常文本") == "正常文本"
    assert safe_cell(5) == 5


def test_excel_export_of_queue_and_statistics(login, handler_a, supervisor_a, case_a):
    response = login(handler_a).get(reverse("dashboard:export_queue_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == case_a.tracking_number
    assert login(handler_a).get(reverse("dashboard:export_stats_xlsx")).status_code == 403
    stats = login(supervisor_a).get(reverse("dashboard:export_stats_xlsx"))
    book = load_workbook(io.BytesIO(stats.content))
    assert "按部门" in book.sheetnames and "满意度" in book.sheetnames
    csv_stats = login(supervisor_a).get(reverse("dashboard:export_stats_csv"))
    assert "按期办结率" in csv_stats.content.decode("utf-8-sig")


def test_performance_page_for_supervisors_only(login, handler_a, supervisor_a, case_a):
    assert login(handler_a).get(reverse("dashboard:performance")).status_code == 403
    response = login(supervisor_a).get(reverse("dashboard:performance"))
    assert response.status_code == 200
    assert "98%" in response.content.decode()
