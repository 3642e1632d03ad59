"""seed_complaints: bulk synthetic cases (COPY on PostgreSQL, bulk_create elsewhere) that look
like filed cases: routed, on a legal clock, with their timeline; idempotent top-ups."""

import pytest
from django.db.models import Count

from complaints.demo import seed_complaints, seed_provisional_calendar
from complaints.demo.cases import DEMO_ACCESS_CODE
from complaints.models import CaseEvent, ClockStep, Complaint, Status
from complaints.services import access


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


def test_seeding_is_a_top_up_and_demo_cases_open_with_the_demo_code(reference_data):
    seed_complaints(count=120, seed=7)
    assert seed_complaints(count=120, seed=7) == 0
    assert seed_complaints(count=150, seed=7) == 30
    assert Complaint.objects.count() == 150
    case = Complaint.objects.order_by("?").first()
    assert access.verify(case.tracking_number, DEMO_ACCESS_CODE) == case
