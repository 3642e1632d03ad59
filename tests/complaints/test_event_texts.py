"""Event texts (issue 17): system texts stored as a code + parameters, read in the reader's
language; SMS and e-mail in the language the case was filed in."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.utils import translation

from complaints.models import Bureau, CaseEvent, RefusalReason, Role
from complaints.notifications import sms
from complaints.services import casework, event_texts, lifecycle
from tests.factories.complaints import file_complaint, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # characters and punctuation
data_migration = importlib.import_module("complaints.migrations.0019_event_note_codes_data")


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):
    frozen_today(datetime.date(2026, 3, 2))


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create(username="handler")


def english_case(staff):
    """A case filed in English that went through coded steps: filed, accepted, extended,
    transferred (with staff's English note)."""
    case = file_complaint(language="en").complaint
    case = lifecycle.accept(case, actor=staff)
    case = lifecycle.transfer(
        case,
        to_bureau=Bureau.objects.get(code="wh-amr"),
        actor=staff,
        reason="不属于本局",
        public_note="The new bureau will call you.",
    )
    return case


def test_filing_language_is_kept_and_normalised():
    assert file_complaint(language="en-GB").complaint.language == "en"
    assert file_complaint().complaint.language == "zh-hans"
    assert file_complaint(language="fr").complaint.language == "zh-hans"


def test_system_texts_are_stored_as_codes_never_as_chinese(staff):
    case = english_case(staff)
    received, accepted, transferred = case.events.order_by("pk")
    assert (received.note_code, received.note_params) == ("received", {"bureau": "jiangan-amr"})
    assert (accepted.note_code, accepted.public_note) == ("accepted", "")
    assert transferred.note_params == {"bureau": "wh-amr"}
    assert transferred.public_note == "The new bureau will call you."
    refused = lifecycle.refuse(
        file_complaint().complaint, actor=staff, reason=RefusalReason.TIME_LIMIT
    ).events.last()
    assert (refused.note_code, refused.note_params) == ("refused", {"reason": "time_limit"})
    assert refused.public_note == ""


def test_rendering_follows_the_active_language_and_its_punctuation(staff):
    case = english_case(staff)
    received, accepted, transferred = case.events.order_by("pk")
    with translation.override("en"):
        assert event_texts.public_text(received) == (
            "Received; handled by Jiang'an District Market Regulation Bureau."
        )
        assert event_texts.public_text(accepted) == "Your case has been accepted."
        assert event_texts.public_text(transferred) == (
            "Transferred to Wuhan Administration for Market Regulation for handling. "
            "The new bureau will call you."
        )
    with translation.override("zh-hans"):
        assert event_texts.public_text(received) == "已收到，由江岸区市场监督管理局办理。"
        assert event_texts.public_text(transferred) == (
            "已移送武汉市市场监督管理局办理。The new bureau will call you."
        )
        refused = CaseEvent(note_code="refused", note_params={"reason": "time_limit"})
        assert event_texts.public_text(refused) == "不予受理：超过法定时限"
    with translation.override("en"):
        assert event_texts.public_text(refused) == "Not accepted: " + str(
            RefusalReason.TIME_LIMIT.label
        )
        assert not CHINESE.search(event_texts.public_text(refused))


def test_extension_text_in_both_languages(staff):
    # A patent dispute's profile allows an extension.
    filed = file_complaint("patent-dispute", ip_right_type="patent", language="en")
    case = lifecycle.accept(filed.complaint, actor=staff)
    case = lifecycle.start_handling(case, actor=staff)
    supervisor = staff_member(case.bureau, Role.SUPERVISOR)
    case = casework.extend_deadline(case, actor=supervisor, months=1, reason="案情复杂")
    event = case.events.get(action="extended")
    assert event.note_params == {"months": 1, "due": case.due_on.isoformat()}
    with translation.override("en"):
        assert event_texts.public_text(event) == (
            f"The time limit was extended, as approved, by 1 month, to {case.due_on.isoformat()}."
        )
    with translation.override("zh-hans"):
        assert event_texts.public_text(event) == (
            f"办理期限经批准延长1个月，至{case.due_on.isoformat()}。"
        )


def test_english_case_reads_in_english_on_the_tracking_page_and_in_chinese_for_staff(staff):
    filed = file_complaint(language="en")
    case = lifecycle.accept(filed.complaint, actor=staff)
    case = lifecycle.transfer(
        case,
        to_bureau=Bureau.objects.get(code="wh-amr"),
        actor=staff,
        reason="不属于本局",
        public_note="The new bureau will call you.",
    )
    citizen = Client()
    found = citizen.post(
        "/en/complaints/track/",
        {"tracking_number": case.tracking_number, "access_code": filed.access_code},
    )
    assert found.status_code == 302
    html = citizen.get(found["Location"]).content.decode()
    events = html.split('<ol class="list-unstyled border-start ps-3">')[1].split("</ol>")[0]
    assert "Your case has been accepted." in events
    assert "Transferred to Wuhan Administration for Market Regulation for handling." in events
    assert "The new bureau will call you." in events
    assert "Market Regulation Bureau" in events  # the filing's bureau, by its English name
    assert not CHINESE.search(events), CHINESE.findall(events)

    # A Chinese staff member of the new bureau reads the same timeline in Chinese.
    reader = Client()
    reader.force_login(staff_member(Bureau.objects.get(code="wh-amr"), Role.HANDLER))
    page = reader.get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert "您的投诉举报已受理。" in page and "已移送武汉市市场监督管理局办理。" in page
    assert "已收到，由江岸区市场监督管理局办理。" in page
    assert "The new bureau will call you." in page


def test_sms_and_email_go_out_in_the_filing_language_whoever_sends(
    staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    english = file_complaint(language="en").complaint
    chinese = file_complaint().complaint
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override("zh-hans"):  # a Chinese-speaking handler
            lifecycle.accept(english, actor=staff)
        with translation.override("en"):  # a handler reading the English dashboard
            lifecycle.accept(chinese, actor=staff)
    to_english, to_chinese = sms.outbox
    assert english.tracking_number in to_english.body
    assert "Your case has been accepted." in to_english.body
    assert not CHINESE.search(to_english.body), to_english.body
    assert chinese.tracking_number in to_chinese.body
    assert "您的投诉举报已受理。" in to_chinese.body and "accepted" not in to_chinese.body
    # E-mail follows the same rule (both cases gave an address).
    [english_mail] = [m for m in mail.outbox if english.tracking_number in m.subject]
    assert "Your case has been accepted." in english_mail.body
    assert not CHINESE.search(english_mail.subject + english_mail.body)
    [chinese_mail] = [m for m in mail.outbox if chinese.tracking_number in m.subject]
    assert "您的投诉举报已受理。" in chinese_mail.body


def test_receipt_in_the_filing_language(django_capture_on_commit_callbacks):
    from complaints.notifications import services

    filed = file_complaint(language="en")
    with django_capture_on_commit_callbacks(execute=True), translation.override("zh-hans"):
        services.queue_confirmation(filed.complaint, filed.access_code)
    [receipt] = sms.outbox
    assert filed.access_code in receipt.body and "Tracking number" in receipt.body
    assert not CHINESE.search(receipt.body.replace(filed.complaint.get_kind_display(), ""))


def test_migration_converts_the_known_sentences_and_leaves_free_text(staff):
    case = file_complaint().complaint
    target = Bureau.objects.get(code="wh-amr")
    rows = {
        "accepted": CaseEvent(
            complaint=case, action="accepted", public_note="您的投诉举报已受理。"
        ),
        "received": CaseEvent(
            complaint=case,
            action="submitted",
            to_bureau=case.bureau,
            public_note=f"已收到，由{case.bureau.name}办理。",
        ),
        "transfer": CaseEvent(
            complaint=case,
            action="transferred",
            to_bureau=target,
            public_note=f"已移送{target.name}办理。请等待联系。",
        ),
        "refused": CaseEvent(
            complaint=case, action="not_accepted", public_note="不予受理：超过法定时限"
        ),
        "extended": CaseEvent(
            complaint=case, action="extended", public_note="办理期限经批准延长2个月，至2026-07-01。"
        ),
        "purged": CaseEvent(complaint=case, action="closed", public_note="（已按保存期限清除）"),
        "staff": CaseEvent(complaint=case, action="resolved", public_note="已责令被投诉人整改。"),
        "close_to": CaseEvent(
            complaint=case, action="accepted", public_note="您的投诉举报已受理。请等待"
        ),
        "unknown_reason": CaseEvent(
            complaint=case, action="not_accepted", public_note="不予受理：对方已道歉"
        ),
        "unknown_bureau": CaseEvent(
            complaint=case, action="transferred", public_note="已移送某某局办理。"
        ),
    }
    for event in rows.values():
        event.save()
    data_migration.BATCH_SIZE = 3  # several batches
    data_migration.to_codes(django_apps, None)
    for event in rows.values():
        event.refresh_from_db()
    coded = {name: (e.note_code, e.note_params, e.public_note) for name, e in rows.items()}
    assert coded["accepted"] == ("accepted", {}, "")
    assert coded["received"] == ("received", {"bureau": case.bureau.code}, "")
    assert coded["transfer"] == ("transferred", {"bureau": "wh-amr"}, "请等待联系。")
    assert coded["refused"] == ("refused", {"reason": "time_limit"}, "")
    assert coded["extended"] == ("extended", {"months": 2, "due": "2026-07-01"}, "")
    assert coded["purged"] == ("purged", {}, "")
    for name in ("staff", "close_to", "unknown_reason", "unknown_bureau"):
        assert coded[name][:2] == ("", {}), name  # free text stays as it was
    assert coded["staff"][2] == "已责令被投诉人整改。"
    with translation.override("en"):
        assert event_texts.public_text(rows["transfer"]) == (
            "Transferred to Wuhan Administration for Market Regulation for handling. 请等待联系。"
        )
    with translation.override("zh-hans"):  # read in Chinese, the same text as before
        assert event_texts.public_text(rows["transfer"]) == f"已移送{target.name}办理。请等待联系。"
    # Run again: nothing is converted twice; and back to the sentences.
    data_migration.to_codes(django_apps, None)
    data_migration.to_sentences(django_apps, None)
    rows["transfer"].refresh_from_db()
    rows["extended"].refresh_from_db()
    assert rows["transfer"].public_note == f"已移送{target.name}办理。请等待联系。"
    assert rows["extended"].public_note == "办理期限经批准延长2个月，至2026-07-01。"
    assert rows["extended"].note_code == ""
