"""Staff withhold a record in the Django admin: a reason is required and the change is logged."""

import pytest

from records.models import PublicRecord, WithholdingLog
from tests.factories.complaints import UserFactory
from tests.factories.records import public_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, reference_data):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_withholding_in_the_admin_needs_a_reason_and_is_logged(admin_client):
    record = public_record()
    url = f"/django-admin/records/publicrecord/{record.pk}/change/"
    assert admin_client.get(url).status_code == 200
    refused = admin_client.post(url, {"withheld": "on", "reason": ""})
    assert refused.status_code == 200 and "须填写理由" in refused.content.decode()
    assert not PublicRecord.objects.get(pk=record.pk).withheld
    admin_client.post(url, {"withheld": "on", "reason": "当事人申请，正在核实"})
    record.refresh_from_db()
    assert record.withheld and record.withheld_reason == "当事人申请，正在核实"
    log = WithholdingLog.objects.get()
    assert log.action == "withheld" and log.actor_label
    assert admin_client.get("/django-admin/records/withholdinglog/").status_code == 200
    assert admin_client.get("/django-admin/records/publicrecord/add/").status_code == 403
