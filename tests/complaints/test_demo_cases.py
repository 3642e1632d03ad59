"""seed_complaints: bulk synthetic cases (COPY on PostgreSQL, bulk_create elsewhere) that look
like filed cases: routed, on a legal clock, with their timeline; idempotent top-ups."""

import random

import pytest
from django.db.models import Count
from django.utils import timezone

from complaints.demo import seed_complaints, seed_provisional_calendar
from complaints.demo.cases import DEMO_ACCESS_CODE, _fill_clock
from complaints.models import CaseEvent, Category, ClockStep, Complaint, Kind, Status
from complaints.services import access, clock


@pytest.fixture
def reference_data(reference_data):
    seed_provisional_calendar()  # demo deadlines run into next year


def test_seeding_creates_routed_cases_with_clocks_and_history(reference_data):
    assert seed_complaints(count=300, seed=7) == 300
    cases = Complaint.objects.all()
    assert cases.count() == 300
    assert cases.values("tracking_number").distinct().count() == 300
    assert not cases.filter(bureau__isnull=True).exists()
    assert not cases.filter(due_on__isnull=True).exists()
    submitted = cases.filter(status=Status.SUBMITTED)
    assert not submitted.exclude(step=ClockStep.ACCEPTANCE).exists()
    assert not cases.filter(status__in=[Status.CLOSED, Status.WITHDRAWN], closed_at=None).exists()
    # Every case has its "submitted" event, accepted ones an "accepted" one too.
    per_case = dict(
        CaseEvent.objects.filter(action="submitted")
        .values_list("complaint_id")
        .annotate(n=Count("id"))
    )
    assert len(per_case) == 300 and set(per_case.values()) == {1}
    accepted = cases.filter(accepted_at__isnull=False).count()
    assert CaseEvent.objects.filter(action="accepted").count() == accepted
    now = timezone.now()
    assert not CaseEvent.objects.filter(created_at__gt=now).exists()


def test_seeding_is_a_top_up_and_demo_cases_open_with_the_demo_code(reference_data):
    seed_complaints(count=120, seed=7)
    assert seed_complaints(count=120, seed=7) == 0
    assert seed_complaints(count=150, seed=7) == 30
    assert Complaint.objects.count() == 150
    case = Complaint.objects.order_by("?").first()
    assert access.verify(case.tracking_number, DEMO_ACCESS_CODE) == case


class _LatestDays(random.Random):
    """Always the largest delay the generator allows: the worst case for a fresh case."""

    def randint(self, low, high):
        return high


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.IN_PROGRESS, Status.CLOSED])
def test_a_case_filed_just_now_is_not_accepted_in_the_future(reference_data, status):
    category = Category.objects.get(code="trademark-infringement")
    now, today = timezone.now(), timezone.localdate()
    case = {"status": str(status), "submitted_at": now}
    context = {
        "rng": _LatestDays(1),
        "due": clock.compute_due,
        "today": today,
        "now": now,
    }
    _fill_clock(case, category.clock_profile_for(Kind.COMPLAINT), context)
    assert case["accepted_at"] <= now
    assert case.get("step_started_on", today) <= today
    assert case.get("closed_at", now) <= now


def test_demo_cases_record_their_finished_steps_as_the_backfill_would(reference_data):
    """The generator writes the steps and breach flags the lifecycle (or migration 0007's
    backfill, replaying the events) would have written, each step linked to its event."""
    from django.apps import apps

    from complaints.models import ClockRecord
    from complaints.services.clock_history import backfill_clock_records

    seed_complaints(count=400, seed=3)
    fields = ("complaint_id", "step", "started_on", "due_on", "finished_on",
              "late_working_days", "ended_by", "event_id")  # fmt: skip
    written = set(ClockRecord.objects.values_list(*fields))
    breached = set(Complaint.objects.filter(ever_breached=True).values_list("pk", flat=True))
    accepted = Complaint.objects.filter(accepted_at__isnull=False).count()
    assert ClockRecord.objects.filter(step="acceptance", ended_by="accepted").count() == accepted
    assert ClockRecord.objects.filter(late_working_days__gt=0).exists()
    assert not ClockRecord.objects.filter(event=None).exists()

    ClockRecord.objects.all().delete()
    Complaint.objects.update(ever_breached=False)
    backfill_clock_records(apps)
    assert set(ClockRecord.objects.values_list(*fields)) == written
    assert set(Complaint.objects.filter(ever_breached=True).values_list("pk", flat=True)) == (
        breached
    )
