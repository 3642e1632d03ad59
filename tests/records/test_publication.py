"""Publication rules: delay, consent, natural persons, clocks, withholding, reopen and purge."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints.models import ClockRecord, Complaint, PurgeRecord, RespondentType
from complaints.services import lifecycle, retention
from records.models import PublicRecord, WithholdingLog
from records.services import publish, withhold
from tests.factories.complaints import UserFactory, closed_case, valid_uscc

pytestmark = pytest.mark.django_db

ENTERPRISE = valid_uscc("91420100MA4K3B2C1")
INDIVIDUAL_BUSINESS = valid_uscc("92420100MA4K3B2C1")


def test_closed_case_is_published_after_the_delay_only(reference_data, settings):
    settings.RECORDS_PUBLICATION_DELAY_DAYS = 15
    old = closed_case(closed_days_ago=16)
    recent = closed_case(closed_days_ago=3)
    assert publish.sync()["published"] == 1
    assert list(PublicRecord.objects.values_list("complaint_id", flat=True)) == [old.pk]
    assert not PublicRecord.objects.filter(complaint=recent).exists()
    assert publish.sync()["published"] == 0  # idempotent


def test_open_and_resolved_cases_are_not_published(reference_data):
    from tests.factories.complaints import file_complaint

    case = file_complaint().complaint
    Complaint.objects.filter(pk=case.pk).update(closed_at=timezone.now() - datetime.timedelta(90))
    publish.sync()
    assert not PublicRecord.objects.exists()


def test_record_holds_the_public_facts(reference_data):
    case = closed_case(respondent_credit_code=ENTERPRISE, respondent_name="武汉某某贸易有限公司")
    publish.sync()
    record = PublicRecord.objects.get(complaint=case)
    assert record.received_on == timezone.localdate(case.submitted_at)
    assert record.closed_on == timezone.localdate(case.closed_at)
    assert record.received_month == record.received_on.replace(day=1)
    assert (record.channel_id, record.category_id, record.district_id) == (
        case.channel_id,
        case.category_id,
        case.district_id,
    )
    assert (record.kind, record.outcome) == (case.kind, case.outcome)
    assert (record.respondent_name, record.respondent_credit_code) == (
        "武汉某某贸易有限公司",
        ENTERPRISE,
    )
    assert record.respondent_answered is None  # no answer channel yet: not available


def test_no_consent_no_narrative(reference_data):
    case = closed_case(facts="我叫王小明，手机13812345678，店主卖假鞋。")
    assert case.publication_consent is False
    publish.sync()
    assert PublicRecord.objects.get(complaint=case).narrative == ""


def test_consented_narrative_is_scrubbed(reference_data):
    case = closed_case(facts="我叫王小明，手机13812345678，店主卖假鞋。", publication_consent=True)
    assert case.publication_consent_at is not None
    publish.sync()
    narrative = PublicRecord.objects.get(complaint=case).narrative
    assert "王小明" not in narrative and "13812345678" not in narrative
    assert "[姓名]" in narrative and "[电话]" in narrative and "假鞋" in narrative


@pytest.mark.parametrize(
    ("respondent_type", "code", "named"),
    [
        (RespondentType.ORGANISATION, ENTERPRISE, True),
        ("", ENTERPRISE, True),
        (RespondentType.INDIVIDUAL, ENTERPRISE, False),  # the complainant says: a person
        (RespondentType.ORGANISATION, INDIVIDUAL_BUSINESS, False),  # 个体工商户
        (RespondentType.ORGANISATION, "", False),  # not verifiable
        (RespondentType.ORGANISATION, "91420100MA4K3B2C10", False),  # bad check character
    ],
)
def test_natural_persons_are_never_named(reference_data, respondent_type, code, named):
    case = closed_case(
        respondent_type=respondent_type, respondent_credit_code=code, respondent_name="李某某"
    )
    publish.sync()
    record = PublicRecord.objects.get(complaint=case)
    assert (record.respondent_name == "李某某") is named
    assert bool(record.respondent_credit_code) is named


def test_clock_facts_come_from_the_recorded_steps(reference_data):
    late = closed_case()
    ClockRecord.objects.filter(complaint=late, step="acceptance").update(late_working_days=2)
    Complaint.objects.filter(pk=late.pk).update(ever_breached=True)
    on_time = closed_case()
    publish.sync()
    late_record = PublicRecord.objects.get(complaint=late)
    assert late_record.acceptance_on_time is False
    assert late_record.handling_on_time is True
    assert late_record.all_limits_met is False
    good = PublicRecord.objects.get(complaint=on_time)
    assert (good.acceptance_on_time, good.handling_on_time, good.all_limits_met) == (
        True,
        True,
        True,
    )


def test_withholding_needs_a_reason_is_logged_and_survives_republication(reference_data):
    case = closed_case()
    publish.sync()
    record = PublicRecord.objects.get(complaint=case)
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError):
        withhold.withhold(record, reason="  ", actor=staff)
    withhold.withhold(record, reason="涉及正在进行的刑事侦查", actor=staff)
    record.refresh_from_db()
    assert record.withheld and record.withheld_reason == "涉及正在进行的刑事侦查"
    assert not PublicRecord.objects.public().exists()
    log = WithholdingLog.objects.get()
    assert (log.action, log.complaint_id, log.record_number) == ("withheld", case.pk, record.pk)
    # Taken out (e.g. reopened) and published again: still withheld, the log kept.
    publish.unpublish_case(case.pk)
    publish.sync()
    again = PublicRecord.objects.get(complaint=case)
    assert again.withheld and again.withheld_reason == "涉及正在进行的刑事侦查"
    withhold.release(again, reason="侦查结束", actor=staff)
    assert PublicRecord.objects.public().count() == 1
    assert WithholdingLog.objects.count() == 2


def test_reopened_case_leaves_the_database(reference_data, django_capture_on_commit_callbacks):
    case = closed_case(closed_days_ago=1)
    PublicRecord.objects.create(**_record_fields(case))  # as if published already
    Complaint.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.reopen(Complaint.objects.get(pk=case.pk), reason="对结果有异议")
    assert not PublicRecord.objects.filter(complaint=case).exists()


def _record_fields(case):
    day = timezone.localdate(case.submitted_at)
    return {
        "complaint": case,
        "received_on": day,
        "received_month": day.replace(day=1),
        "closed_on": day,
        "channel_id": case.channel_id,
        "category_id": case.category_id,
        "kind": case.kind,
    }


@pytest.mark.parametrize("delete", [False, True])
def test_purged_cases_leave_the_database(reference_data, delete):
    case = closed_case(closed_days_ago=5000)
    kept = closed_case(closed_days_ago=20)
    publish.sync()
    assert PublicRecord.objects.count() == 2
    record = PurgeRecord.objects.create(run_by="test", mode="delete" if delete else "anonymise")
    ids = list(retention.expired_cases().values_list("pk", flat=True))
    assert ids == [case.pk]
    retention.purge(ids, record, delete=delete)
    assert list(PublicRecord.objects.values_list("complaint_id", flat=True)) == [kept.pk]
    publish.sync()  # and it does not come back
    assert list(PublicRecord.objects.values_list("complaint_id", flat=True)) == [kept.pk]


def test_stale_records_are_removed_by_the_step(reference_data):
    case = closed_case()
    publish.sync()
    Complaint.objects.filter(pk=case.pk).update(purged_at=timezone.now())
    assert publish.sync()["removed"] == 1
    assert not PublicRecord.objects.exists()
