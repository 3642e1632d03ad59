"""Migration 0006 moves what complainants wrote, and transfer reasons, out of public notes."""

import importlib

import pytest
from django.apps import apps

from complaints.models import Bureau, CaseEvent
from tests.factories.complaints import file_complaint

migration = importlib.import_module("complaints.migrations.0006_event_audiences")


@pytest.mark.parametrize(
    ("action", "public", "expected"),
    [
        (
            "withdrawn",
            "投诉人撤回：张三丰 13812345678",
            {"public_note": "投诉人已撤回本案。", "complainant_note": "张三丰 13812345678"},
        ),
        (
            "information_supplied",
            "身份证 11010519491231002X",
            {
                "public_note": "投诉人已补充材料，办理期限恢复计算。",
                "complainant_note": "身份证 11010519491231002X",
            },
        ),
        (
            "reopened",
            "申请重新办理：对方仍在销售",
            {"public_note": "应投诉人申请，本案重新办理。", "complainant_note": "对方仍在销售"},
        ),
        ("rated", "满意度评价：2/5", {"public_note": "", "complainant_note": "满意度评价：2/5"}),
        (
            "transferred",
            "已移送武汉市市场监督管理局办理：涉及网络销售，投诉人张三丰",
            {
                "public_note": "已移送武汉市市场监督管理局办理。",
                "internal_note": "移送理由：涉及网络销售，投诉人张三丰",
            },
        ),
        (
            "mediation_recorded",
            "调解达成协议",
            {"action": "mediation_agreed", "public_note": "调解达成协议。"},
        ),
        (
            "mediation_recorded",
            "调解未达成协议",
            {"action": "mediation_failed", "public_note": "调解未达成协议。"},
        ),
    ],
)
def test_clean_event(action, public, expected):
    assert migration.clean_event(action, public, "", "", "武汉市市场监督管理局") == expected


def test_clean_event_leaves_clean_and_staff_events_alone():
    assert migration.clean_event("withdrawn", "投诉人已撤回本案。", "", "已和解", "") == {}
    assert migration.clean_event("transferred", "已移送某局办理。请联系某局。", "x", "", "") == {}
    assert migration.clean_event("accepted", "您的投诉举报已受理。", "", "", "") == {}


def test_unknown_transfer_text_becomes_internal():
    cleaned = migration.clean_event("transferred", "移交：张三丰", "原备注", "", "某局")
    assert cleaned == {
        "public_note": "已移送某局办理。",
        "internal_note": "移送理由：移交：张三丰\n原备注",
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data")
def test_clean_events_in_batches(monkeypatch):
    monkeypatch.setattr(migration, "BATCH_SIZE", 2)
    case = file_complaint().complaint
    target = Bureau.objects.exclude(pk=case.bureau_id).first()
    legacy = [
        CaseEvent.objects.create(
            complaint=case, action="withdrawn", public_note="投诉人撤回：私事"
        ),
        CaseEvent.objects.create(
            complaint=case,
            action="transferred",
            to_bureau=target,
            public_note=f"已移送{target.name}办理：内部原因",
            internal_note="备注",
        ),
        CaseEvent.objects.create(complaint=case, action="rated", public_note="满意度评价：1/5"),
        CaseEvent.objects.create(
            complaint=case, action="mediation_recorded", public_note="调解达成协议"
        ),
    ]
    submitted = case.events.get(action="submitted")
    before = (submitted.public_note, submitted.internal_note)

    migration.clean_events(apps, None)
    migration.clean_events(apps, None)  # a second run changes nothing

    withdrawn, transferred, rated, mediation = (CaseEvent.objects.get(pk=e.pk) for e in legacy)
    assert (withdrawn.public_note, withdrawn.complainant_note) == ("投诉人已撤回本案。", "私事")
    assert transferred.public_note == f"已移送{target.name}办理。"
    assert transferred.internal_note == "移送理由：内部原因\n备注"
    assert (rated.public_note, rated.complainant_note) == ("", "满意度评价：1/5")
    assert (mediation.action, mediation.public_note) == ("mediation_agreed", "调解达成协议。")
    submitted.refresh_from_db()
    assert (submitted.public_note, submitted.internal_note) == before
