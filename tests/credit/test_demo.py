"""The demo set: example rules, one record in each state, editors may read proposals; idempotent."""

import pytest
from django.contrib.auth.models import Group

from cms.demo.editorial import EDITORS
from complaints.demo import seed_staff
from credit import demo, services
from credit.models import CreditRecord, PublicationRule, RecordStatus

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_covers_every_state(reference_data):
    seed_staff()
    editors = Group.objects.create(name=EDITORS)
    demo.seed()
    demo.seed()
    assert PublicationRule.objects.filter(is_example=True).count() == len(demo.RULES)
    statuses = sorted(record.status() for record in CreditRecord.objects.all())
    assert statuses == sorted(
        [RecordStatus.CURRENT, RecordStatus.CURRENT, RecordStatus.EXPIRED, RecordStatus.REPAIRED]
    )
    assert services.current_records_for().count() == 2
    assert editors.permissions.filter(codename="view_toptenproposal").exists()
