"""Credit repair: staff record the written application and decision; the record leaves view."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from credit import services
from credit.models import CreditEvent, RepairApplication, RepairSource, RepairStatus
from tests.factories.credit import CreditRecordFactory

pytestmark = pytest.mark.django_db


def _repair_post(result="approved", **overrides):
    today = timezone.localdate()
    data = {
        "applied_on": (today - datetime.timedelta(3)).isoformat(),
        "grounds": "已停止侵权并缴清罚款。",
        "result": result,
        "decision": "符合修复条件。",
        "decided_on": today.isoformat(),
    }
    data.update(overrides)
    return data


def test_approved_repair_removes_the_record_from_public_view(client, login, supervisor_a, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    assert client.get(reverse("credit:detail", args=[record.pk])).status_code == 200
    staff = login(supervisor_a)
    response = staff.post(reverse("credit_staff:repair", args=[record.pk]), _repair_post())
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.repaired_on == timezone.localdate()
    assert client.get(reverse("credit:detail", args=[record.pk])).status_code == 404
    assert record not in client.get(reverse("credit:index")).context["page_obj"]
    # Kept for staff, with its history.
    page = staff.get(reverse("credit_staff:detail", args=[record.pk])).content.decode()
    assert "已信用修复" in page and "已停止侵权并缴清罚款。" in page
    actions = list(record.events.values_list("action", flat=True))
    assert actions == [CreditEvent.Action.REPAIR_APPLIED, CreditEvent.Action.REPAIRED]
    application = RepairApplication.objects.get()
    assert application.status == RepairStatus.APPROVED and application.decided_by == supervisor_a


def test_rejected_repair_keeps_the_record_public(client, login, supervisor_a, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    login(supervisor_a).post(
        reverse("credit_staff:repair", args=[record.pk]), _repair_post("rejected")
    )
    record.refresh_from_db()
    assert record.repaired_on is None
    assert client.get(reverse("credit:detail", args=[record.pk])).status_code == 200
    assert record.events.last().action == CreditEvent.Action.REPAIR_REJECTED


def test_bad_repair_input_is_shown_again_with_errors(login, supervisor_a, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    today = timezone.localdate()
    data = _repair_post(decided_on=(today - datetime.timedelta(10)).isoformat(), decision="")
    response = login(supervisor_a).post(reverse("credit_staff:repair", args=[record.pk]), data)
    assert response.status_code == 400
    errors = response.context["repair_form"].errors
    assert "decided_on" in errors and "decision" in errors
    assert "已停止侵权并缴清罚款。" in response.content.decode()
    assert not RepairApplication.objects.exists()


def test_a_repaired_record_cannot_be_repaired_again(bureau_a, supervisor_a):
    record = CreditRecordFactory(bureau=bureau_a)
    today = timezone.localdate()
    kwargs = {"applied_on": today, "grounds": "g", "decision": "d", "actor": supervisor_a}
    services.record_repair(record, approve=True, **kwargs)
    with pytest.raises(services.RepairNotAllowed):
        services.record_repair(record, approve=True, **kwargs)
    assert RepairApplication.objects.count() == 1


def test_portal_application_is_pending_and_public_until_decided(bureau_a, supervisor_a):
    """The respondent portal will create the same object; staff decide it later."""
    record = CreditRecordFactory(bureau=bureau_a)
    application = services.apply_for_repair(
        record,
        applied_on=timezone.localdate(),
        grounds="已整改。",
        source=RepairSource.RESPONDENT_PORTAL,
    )
    assert application.status == RepairStatus.PENDING
    assert record in services.current_records_for()
    services.decide_repair(application, approve=True, decision="准予。", actor=supervisor_a)
    assert record not in services.current_records_for()
    with pytest.raises(services.RepairNotAllowed):
        services.decide_repair(application, approve=False, decision="x", actor=supervisor_a)


def test_django_admin_decides_a_pending_application(login, superuser, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    application = services.apply_for_repair(
        record, applied_on=timezone.localdate(), grounds="已整改。"
    )
    client = login(superuser)
    url = reverse("admin:credit_repairapplication_change", args=[application.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"status": "approved", "decision": "准予修复。", "decided_on": timezone.localdate()}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert record.repaired_on == timezone.localdate()
    assert record.events.last().actor == superuser


def test_django_admin_pages_load(login, superuser, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    client = login(superuser)
    for name, args in [
        ("admin:credit_creditrecord_changelist", []),
        ("admin:credit_creditrecord_change", [record.pk]),
        ("admin:credit_publicationrule_changelist", []),
        ("admin:credit_repairapplication_add", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    assert (
        client.get(reverse("admin:credit_creditrecord_delete", args=[record.pk])).status_code == 403
    )
