"""Transitions through the dashboard views: each goes through the lifecycle services."""

import datetime as dt

import pytest
from django.forms import CharField
from django.urls import reverse

from complaints.dashboard.forms import ACTION_FORMS, ResolveForm, action_form
from complaints.models import CaseEvent, Outcome, RefusalReason, ResponseTemplate, Status
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_2026(frozen_today):
    """Handling clocks must end inside a year the official calendar knows."""
    frozen_today(dt.date(2026, 9, 1))


def act(client, case, action, **data):
    prefixed = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(reverse("dashboard:act", args=[case.pk, action]), prefixed)


def test_full_journey_through_the_views(login, handler_a, case_a, frozen_today):
    client = login(handler_a)
    assert act(client, case_a, "accept", internal_note="材料齐全").status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == Status.ACCEPTED and case_a.step == "handling"
    handling_due = case_a.due_on

    act(client, case_a, "request_info", public_note="请补充商标注册证")
    case_a.refresh_from_db()
    assert case_a.status == Status.AWAITING_COMPLAINANT and case_a.paused_since
    page = client.get(reverse("dashboard:case", args=[case_a.pk])).content.decode()
    assert "暂停计时" in page

    frozen_today(dt.date(2026, 9, 4))  # paused Tue–Fri: 3 working days stood still
    act(client, case_a, "start")
    case_a.refresh_from_db()
    assert case_a.status == Status.IN_PROGRESS and case_a.paused_since is None
    assert case_a.due_on > handling_due

    act(client, case_a, "mediation", agreed="1", internal_note="双方到场")
    act(
        client,
        case_a,
        "resolve",
        outcome=Outcome.PENALTY,
        outcome_detail="武市监罚〔2026〕12号",
        public_note="已对被投诉人作出行政处罚。",
    )
    case_a.refresh_from_db()
    assert case_a.status == Status.RESOLVED and case_a.outcome_detail == "武市监罚〔2026〕12号"
    act(client, case_a, "close")
    case_a.refresh_from_db()
    assert case_a.status == Status.CLOSED and not case_a.is_overdue and case_a.due_on
    act(client, case_a, "reopen", reason="投诉人申请：对方仍在销售")
    case_a.refresh_from_db()
    assert case_a.status == Status.IN_PROGRESS
    actions = list(case_a.events.values_list("action", flat=True))
    assert actions == [
        "submitted",
        "accepted",
        "information_requested",
        "in_progress",
        "mediation_agreed",
        "resolved",
        "closed",
        "reopened",
    ]
    assert CaseEvent.objects.filter(complaint=case_a, actor=handler_a).count() == 7


def test_refusal_needs_a_reason_from_the_list(login, handler_a, case_a):
    client = login(handler_a)
    act(client, case_a, "refuse", reason="made-up")
    case_a.refresh_from_db()
    assert case_a.status == Status.SUBMITTED
    act(client, case_a, "refuse", reason=RefusalReason.OUT_OF_REMIT, public_note="")
    case_a.refresh_from_db()
    assert case_a.status == Status.NOT_ACCEPTED
    assert case_a.refusal_reason == RefusalReason.OUT_OF_REMIT


def test_forbidden_transition_is_refused_with_a_message(login, handler_a, case_a):
    response = act(login(handler_a), case_a, "resolve", outcome=Outcome.MEDIATED)
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == Status.SUBMITTED


def test_response_template_fills_the_public_note(login, handler_a, case_a):
    template = ResponseTemplate.objects.create(
        action="accept", title="标准受理", text="{受理编号}已受理，由{办理部门}在法定期限内办理。"
    )
    act(login(handler_a), case_a, "accept", template=template.pk)
    event = case_a.events.get(action="accepted")
    assert (
        event.public_note
        == f"{case_a.tracking_number}已受理，由{case_a.bureau.name}在法定期限内办理。"
    )


def test_assign_only_to_staff_of_the_bureau(login, handler_a, supervisor_a, handler_b, case_a):
    client = login(supervisor_a)
    act(client, case_a, "assign", handler=handler_b.pk)
    case_a.refresh_from_db()
    assert case_a.assigned_to is None
    act(client, case_a, "assign", handler=handler_a.pk)
    case_a.refresh_from_db()
    assert case_a.assigned_to == handler_a


def test_transfer_takes_history_along(login, handler_a, handler_b, bureau_b, case_a):
    act(login(handler_a), case_a, "transfer", to_bureau=bureau_b.pk, reason="属专利纠纷")
    case_a.refresh_from_db()
    assert case_a.bureau == bureau_b
    page = login(handler_b).get(reverse("dashboard:case", args=[case_a.pk])).content.decode()
    assert "已收到" in page and "属专利纠纷" in page  # the submitted event came along


def test_extension_needs_a_supervisor_and_is_capped(login, bureau_b, handler_b, frozen_today):
    from tests.factories.complaints import staff_member

    frozen_today(dt.date(2026, 3, 2))
    case = file_complaint("patent-dispute", ip_right_type="patent").complaint
    supervisor_b = staff_member(bureau_b, "supervisor", username="supervisor_b")
    act(login(handler_b), case, "accept")
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 6, 2)  # 3 months
    act(login(handler_b), case, "extend", months=1, reason="需鉴定")  # not offered to handlers
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 6, 2) and not case.extension_months
    act(login(supervisor_b), case, "extend", months=1, reason="需技术鉴定")
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 7, 2) and case.extension_months == 1
    act(login(supervisor_b), case, "extend", months=1, reason="再次延期")
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 7, 2)  # only one extension of at most a month
    page = login(supervisor_b).get(reverse("dashboard:case", args=[case.pk])).content.decode()
    assert "1 / 1" in page and "需技术鉴定" in page


def test_bulk_accept_is_for_supervisors_of_the_bureau(
    login, handler_a, supervisor_a, case_a, case_b
):
    url = reverse("dashboard:bulk_actions")
    refused = login(handler_a).post(url, {"bulk-bulk_action": "accept", "cases": [case_a.pk]})
    assert refused.status_code == 403
    login(supervisor_a).post(url, {"bulk-bulk_action": "accept", "cases": [case_a.pk, case_b.pk]})
    case_a.refresh_from_db()
    case_b.refresh_from_db()
    assert case_a.status == Status.ACCEPTED
    assert case_b.status == Status.SUBMITTED  # another bureau's case is untouched


def test_bulk_assign(login, handler_a, supervisor_a, case_a):
    second = file_complaint().complaint
    login(supervisor_a).post(
        reverse("dashboard:bulk_actions"),
        {
            "bulk-bulk_action": "assign",
            "cases": [case_a.pk, second.pk],
            "bulk-handler": handler_a.pk,
        },
    )
    assert set(handler_a.assigned_cases.values_list("pk", flat=True)) == {case_a.pk, second.pk}


def test_resolve_form_starts_without_an_outcome_and_needs_one_and_a_reply(case_a):
    form = ResolveForm(prefix="resolve", case=case_a)
    assert form.fields["outcome"].choices[0][0] == ""
    assert 'value="" selected' in str(form["outcome"])
    empty = ResolveForm({"resolve-outcome": "", "resolve-public_note": ""}, prefix="resolve")
    assert not empty.is_valid()
    assert {"outcome", "public_note"} <= set(empty.errors)


def test_one_click_resolve_is_refused(login, handler_a, case_a):
    client = login(handler_a)
    act(client, case_a, "accept")
    refused = act(client, case_a, "resolve", outcome=Outcome.MEDIATED)  # no reply, no mediation
    assert refused.status_code == 400 and "请填写公开说明" in refused.content.decode()
    case_a.refresh_from_db()
    assert case_a.status == Status.ACCEPTED
    response = act(client, case_a, "resolve", outcome=Outcome.MEDIATED, public_note="已调解。")
    page = response.content.decode()
    assert response.status_code == 409 and "尚未记录达成协议的调解" in page
    assert "已调解。" in page  # what was typed is kept
    case_a.refresh_from_db()
    assert case_a.status == Status.ACCEPTED and not case_a.outcome


def test_every_free_text_box_says_who_reads_it(case_a):
    for name in ACTION_FORMS:
        form = action_form(name, case_a)
        for field_name, field in form.fields.items():
            if isinstance(field, CharField):
                assert "可见" in str(field.label), f"{name}.{field_name}: {field.label}"


def test_transfer_form_has_an_internal_reason_and_a_public_note(login, handler_a, bureau_b, case_a):
    act(
        login(handler_a),
        case_a,
        "transfer",
        to_bureau=bureau_b.pk,
        reason="疑似恶意投诉",
        public_note="请留意新部门的来电。",
    )
    event = case_a.events.get(action="transferred")
    assert "疑似恶意投诉" in event.internal_note and "疑似恶意投诉" not in event.public_note
    assert event.public_note.endswith("请留意新部门的来电。")
