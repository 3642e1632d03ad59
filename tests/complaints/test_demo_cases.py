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
