"""Demo data: 50 targets, one completed draw that verifies, one pending; idempotent."""

import pytest
from django.core.management import call_command

from complaints.demo import seed_reference_data, seed_staff
from inspections import demo
from inspections.models import Draw, DrawStatus, InspectionTarget

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_its_completed_draw_verifies(capsys):
    seed_reference_data()
    seed_staff()
    demo.seed()
    demo.seed()
    assert InspectionTarget.objects.count() == 50
    completed = Draw.objects.get(title=demo.COMPLETED_TITLE)
    pending = Draw.objects.get(title=demo.PENDING_TITLE)
    assert completed.status == DrawStatus.COMPLETED
    assert completed.inspections.filter(result__violation_found=True).count() == 1
    assert pending.status == DrawStatus.COMMITTED and not pending.public_seed
    call_command("verify_draw", str(completed.pk))
    assert "MATCH" in capsys.readouterr().out
