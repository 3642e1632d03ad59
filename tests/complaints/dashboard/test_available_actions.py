"""One place decides: every action offered is accepted by the services, every other one is
refused, for each status and role (staff roles on the case page, the complainant on tracking)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from complaints.models import Evidence, Outcome, RefusalReason, Role
from complaints.services import actions, casework, lifecycle
from complaints.services.actions import COMPLAINANT, CaseError
from tests.factories.complaints import file_complaint, received_file, staff_member

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def in_2026(frozen_today):
    """Handling clocks must end inside a year the official calendar knows."""
    frozen_today(dt.date(2026, 9, 1))


def _sample(name, case, handler, other_bureau):
    return {
        "accept": {},
        "refuse": {"reason": RefusalReason.OUT_OF_REMIT},
        "request_info": {"public_note": "请补充专利证书。"},
        "start": {},
        "mediation": {"agreed": True},
        "resolve": {"outcome": Outcome.NO_VIOLATION, "public_note": "经查未发现侵权。"},
        "close": {},
        "reopen": {"reason": "对方仍在销售"},
        "transfer": {"to_bureau": other_bureau, "reason": "属商标侵权"},
        "assign": {"handler": handler},
        "extend": {"months": 1, "reason": "需技术鉴定"},
        "attach": {"files": [received_file("现场.png", PNG)]},
        "supply": {"note": "已补充"},
        "add_evidence": {"files": [received_file("证据.png", PNG)]},
        "rate": {"score": 4},
        "withdraw": {"reason": "已和解"},
        # Added by the respondents app (registered in complaints.services.actions).
        "invite_respondent": {
            "phone": "13700000001",
            "email": "",
            "facts": "被投诉人销售涉嫌侵权商品。",
            "request_text": "请说明情况。",
        },
        "settlement_decision": {"decision": "accepted"},
    }[name]


def _accepted(case, actor, name, data) -> bool:
    """Run the action for real inside a savepoint that is rolled back; True when it went through."""
    try:
        with transaction.atomic():
            casework.perform(case, actor, name, data)
            raise Rollback
    except Rollback:
        return True
    except CaseError:
        return False


def _case_in(status, staff, frozen_today):
    """A patent dispute (extension allowed) brought to `status` through the services."""
    frozen_today(dt.date(2026, 3, 2))
    case = file_complaint("patent-dispute", ip_right_type="patent").complaint
    if status == "submitted":
        return case
    if status == "not_accepted":
        return lifecycle.refuse(case, actor=staff, reason=RefusalReason.OUT_OF_REMIT)
    if status == "withdrawn":
        return lifecycle.withdraw(case, reason="不再需要")
    case = lifecycle.accept(case, actor=staff)
    if status == "accepted":
        return case
    if status == "awaiting":
        return lifecycle.request_information(case, actor=staff, public_note="请补充")
    case = lifecycle.start_handling(case, actor=staff)
    if status == "in_progress":
        return case
    case = lifecycle.resolve(case, actor=staff, outcome=Outcome.NO_VIOLATION, public_note="未侵权")
    if status == "resolved":
        return case
    if status == "rated":
        return lifecycle.rate(case, score=5)
    case = lifecycle.close(case, actor=staff)
    if status == "closed":
        return case
    frozen_today(dt.date(2026, 4, 30))  # "closed_late": the reopening window has passed
    return case


STATES = [
    "submitted",
    "not_accepted",
    "withdrawn",
    "accepted",
    "awaiting",
    "in_progress",
    "resolved",
    "rated",
    "closed",
    "closed_late",
]


@pytest.mark.parametrize("state", STATES)
def test_offered_means_accepted_and_refused_means_not_offered(
    state, bureau_a, bureau_b, frozen_today, django_user_model
):
    handler = staff_member(bureau_b, Role.HANDLER, username="h")
    supervisor = staff_member(bureau_b, Role.SUPERVISOR, username="s")
    outsider = staff_member(bureau_a, Role.SUPERVISOR, username="o")
    root = django_user_model.objects.create_superuser("root", "root@example.cn", "pw")
    case = _case_in(state, supervisor, frozen_today)
    assert case.bureau_id == bureau_b.pk
    roles = {"handler": handler, "supervisor": supervisor, "outsider": outsider, "root": root}
    roles["complainant"] = COMPLAINANT
    offered_somewhere = set()
    for role, actor in roles.items():
        case.refresh_from_db()
        offered = actions.available_actions(case, actor)
        offered_somewhere |= set(offered)
        for name in actions.rules_for(actor):
            data = _sample(name, case, handler, bureau_a)
            case.refresh_from_db()
            accepted = _accepted(case, actor, name, data)
            assert accepted == (name in offered), (state, role, name, offered)
    if state == "closed_late":
        assert "reopen" not in offered_somewhere  # the case page used to offer it anyway
    if state == "in_progress":
        assert "extend" in actions.available_actions(case, supervisor)
        assert "extend" not in actions.available_actions(case, handler)
    assert not actions.available_actions(case, outsider)


def test_the_case_page_and_tracking_page_show_exactly_the_available_actions(
    login, handler_a, case_a
):
    page = login(handler_a).get(reverse("dashboard:case", args=[case_a.pk]))
    shown = [name for name, _label, _form in page.context["actions"]]
    assert shown == actions.available_actions(case_a, handler_a)
    assert shown == ["accept", "refuse", "assign", "transfer", "attach"]


def test_staff_attachment_is_kept_in_custody_and_internal_by_default(
    login, handler_a, case_a, tmp_path
):
    client = login(handler_a)
    url = reverse("dashboard:act", args=[case_a.pk, "attach"])
    upload = SimpleUploadedFile("检查照片.png", PNG)
    response = client.post(url, {"attach-files": upload, "attach-audience": "staff"})
    assert response.status_code == 302
    item = case_a.evidence.get()
    assert item.uploaded_by == Evidence.Uploader.STAFF and item.uploader == handler_a
    assert item.audience == Evidence.Audience.STAFF and item.has_original
    assert item.original_sha256 and item.sha256
    assert case_a.events.filter(action="attachment_added").exists()
    page = client.get(reverse("dashboard:case", args=[case_a.pk])).content.decode()
    assert "检查照片.png" in page and "?view=thumb" in page
    thumb = client.get(reverse("dashboard:evidence", args=[case_a.pk, item.pk]) + "?view=thumb")
    assert thumb["Content-Type"] == "image/jpeg"


def test_a_refused_upload_keeps_nothing(login, handler_a, case_a):
    url = reverse("dashboard:act", args=[case_a.pk, "attach"])
    fake = SimpleUploadedFile("决定书.pdf", b"<html><script>alert(1)</script>")
    response = login(handler_a).post(url, {"attach-files": fake, "attach-audience": "staff"})
    assert response.status_code == 400 and not case_a.evidence.exists()


def test_bulk_reports_per_case_and_fills_the_template_per_case(login, supervisor_a, case_a):
    from complaints.models import ResponseTemplate

    accepted_already = file_complaint().complaint
    lifecycle.accept(accepted_already, actor=supervisor_a)
    template = ResponseTemplate.objects.create(
        action="accept", title="受理", text="您的案件{受理编号}已由{办理部门}受理。"
    )
    response = login(supervisor_a).post(
        reverse("dashboard:bulk_actions"),
        {
            "bulk-bulk_action": "accept",
            "bulk-template": template.pk,
            "cases": [case_a.pk, accepted_already.pk, 999999],
        },
    )
    outcomes = {o.case_id: o for o in response.context["outcomes"]}
    assert outcomes[case_a.pk].done
    assert not outcomes[accepted_already.pk].done
    assert "只有新提交的案件可以受理" in outcomes[accepted_already.pk].message
    assert not outcomes[999999].done
    note = case_a.events.get(action="accepted").public_note
    assert note == f"您的案件{case_a.tracking_number}已由{case_a.bureau.name}受理。"


def test_case_page_query_count_is_constant(login, handler_a, case_a):
    """More evidence, attachments, events and related cases: not one query more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(handler_a)
    url = reverse("dashboard:case", args=[case_a.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    file_complaint(complainant_name="王一")
    casework.attach(case_a, actor=handler_a, files=[received_file("a.png", PNG)])
    baseline = count()
    for n in range(5):
        file_complaint(complainant_name=f"王{n}")
        casework.attach(case_a, actor=handler_a, files=[received_file(f"{n}.png", PNG)])
        lifecycle.assign(case_a, handler=handler_a, actor=handler_a)
    assert count() == baseline <= 20
    assert len(client.get(url).context["related"]) == 6


def test_every_category_has_a_template_for_every_action(reference_data):
    from complaints.demo import replies as demo_replies
    from complaints.models import Category, ResponseTemplate
    from complaints.services.replies import render

    assert demo_replies.seed() == Category.objects.count() * len(ResponseTemplate.Action)
    assert demo_replies.seed() == 0  # idempotent
    for category in Category.objects.all():
        for action in ResponseTemplate.Action.values:
            assert ResponseTemplate.objects.filter(category=category, action=action).exists()
    case = file_complaint().complaint
    text = ResponseTemplate.objects.filter(action="accept").first().text
    rendered = render(text + "{case.__class__}", case)
    assert case.tracking_number in rendered and "{case.__class__}" in rendered
