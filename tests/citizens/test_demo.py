"""The demo citizen: one number, a case in each state, found by "my cases" after sign-in."""

import io

import pytest

from citizens import demo
from citizens.models import Citizen
from citizens.services import own_cases
from complaints.models import Complaint, Status
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db


def test_demo_citizen_gets_one_case_per_state_and_seeding_twice_changes_nothing(reference_data):
    cases = {status: file_complaint().complaint for status in demo.DEMO_STATES}
    for status, case in cases.items():
        Complaint.objects.filter(pk=case.pk).update(status=status)
    anonymous = file_complaint(
        kind="report", complainant_name="", complainant_phone="", is_anonymous=True
    ).complaint
    Complaint.objects.filter(pk=anonymous.pk).update(status=Status.SUBMITTED)

    out = io.StringIO()
    assert demo.seed(stdout=out) == len(demo.DEMO_STATES)
    assert demo.seed() == 0

    owned = Complaint.objects.filter(complainant_phone=demo.DEMO_PHONE)
    assert sorted(owned.values_list("status", flat=True)) == sorted(demo.DEMO_STATES)
    assert not owned.filter(pk=anonymous.pk).exists()
    assert demo.DEMO_PHONE in out.getvalue()
    citizen = Citizen.objects.create(phone=demo.DEMO_PHONE)
    assert set(own_cases(citizen).values_list("pk", flat=True)) == set(
        owned.values_list("pk", flat=True)
    )
