"""Migration 0007's backfill rebuilds the finished clock steps of existing cases from events."""

import datetime as dt

import pytest
from django.apps import apps

from complaints.models import Bureau, CaseEvent, ClockRecord, Complaint, Outcome
from complaints.services import lifecycle
from complaints.services.clock_history import backfill_clock_records
from tests.factories.complaints import UserFactory, file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
D = dt.date
FIELDS = (
    "complaint_id", "step", "started_on", "due_on", "finished_on", "late_working_days",
    "ended_by", "event_id",
)  # fmt: skip


@pytest.fixture
def on(frozen_today):
    """Run a lifecycle action on a day; its event is dated that day, as a real one would be."""

    def run(day, action, *args, **kwargs):
        moment = frozen_today(day)
        case = action(*args, **kwargs)
        CaseEvent.objects.filter(pk=case.events.latest("id").pk).update(created_at=moment)
        return case

    return run


@pytest.fixture
def history(on):
    """Cases as the lifecycle left them, with every kind of finished step."""
    staff = UserFactory()
    file = lambda: on(D(2026, 9, 1), lambda: file_complaint().complaint)  # noqa: E731
    late = on(D(2026, 9, 14), lifecycle.accept, file(), actor=staff)  # 2 working days late
    on(
        D(2026, 9, 20),
        lifecycle.resolve,
        late,
        actor=staff,
        outcome=Outcome.NO_VIOLATION,
        public_note="未发现侵权行为。",
    )
    on(D(2026, 9, 21), lifecycle.close, late, actor=staff)
    on(D(2026, 9, 15), lifecycle.refuse, file(), actor=staff, reason="out_of_remit")
    moved = on(
        D(2026, 9, 4),
        lifecycle.transfer,
        file(),
        to_bureau=Bureau.objects.get(code="wh-amr"),
        actor=staff,
        reason="涉及网络销售",
    )
    on(D(2026, 9, 8), lifecycle.accept, moved, actor=staff)
    on(D(2026, 9, 2), lifecycle.accept, file(), actor=staff)  # still being handled
    withdrawn = on(D(2026, 9, 2), lifecycle.accept, file(), actor=staff)
    on(D(2026, 9, 3), lifecycle.withdraw, withdrawn, reason="已和解")


def test_backfill_rebuilds_what_the_lifecycle_recorded(history):
    recorded = set(ClockRecord.objects.values_list(*FIELDS))
    breached = set(Complaint.objects.filter(ever_breached=True).values_list("pk", flat=True))
    assert len(recorded) == 8 and len(breached) == 2
    assert {row[5] for row in recorded} == {0, 2, 3}  # late acceptance, late refusal

    ClockRecord.objects.all().delete()
    Complaint.objects.update(ever_breached=False)
    backfill_clock_records(apps)

    assert set(ClockRecord.objects.values_list(*FIELDS)) == recorded
    assert set(Complaint.objects.filter(ever_breached=True).values_list("pk", flat=True)) == (
        breached
    )


def test_backfill_keeps_a_breach_only_the_case_flag_knew(on):
    """An open case sla_tick marked overdue is breached though no step of it has finished."""
    case = on(D(2026, 9, 1), lambda: file_complaint().complaint)
    Complaint.objects.filter(pk=case.pk).update(is_overdue=True)
    backfill_clock_records(apps)
    case.refresh_from_db()
    assert case.ever_breached and not case.clock_records.exists()
