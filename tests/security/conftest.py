"""Security suite: reuses the fixtures of the complaints tests, adds "nothing was stored" checks.

The fixtures below are imported (not copied) from the conftest files of tests/complaints, so
this folder sees the same reference data, wizard answers, API key, staff and cases.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from complaints.api.models import ApiSubmission
from complaints.models import CaseEvent, Complaint, Evidence
from complaints.services import lifecycle
from tests.complaints.api.conftest import api_key, post_case, raw_key  # noqa: F401
from tests.complaints.conftest import (  # noqa: F401
    fresh_calendar_cache,
    frozen_today,
    reference_data,
)
from tests.complaints.dashboard.conftest import (  # noqa: F401
    bureau_a,
    bureau_b,
    case_a,
    case_b,
    handler_a,
    handler_b,
    login,
    supervisor_a,
)
from tests.complaints.intake.conftest import answers, clean_state  # noqa: F401
from tests.complaints.intake.test_tracking import look_up
from tests.factories.complaints import file_complaint

# Personal data of the default factory case and wizard answers (tests.factories / intake conftest).
PERSONAL = ("张三丰", "13812345678", "11010519491231002X", "zhang@example.cn", "沿江大道1号")


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):  # noqa: F811
    """Clocks need the official holiday calendar: stay inside a year the package knows."""
    frozen_today(datetime.date(2026, 3, 2))


def files_on_disk() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@dataclass(frozen=True)
class Snapshot:
    complaints: int
    evidence: int
    events: int
    api_submissions: int
    files: frozenset

    @classmethod
    def take(cls) -> "Snapshot":
        return cls(
            Complaint.objects.count(),
            Evidence.objects.count(),
            CaseEvent.objects.count(),
            ApiSubmission.objects.count(),
            frozenset(files_on_disk()),
        )


@pytest.fixture
def nothing_stored(db):
    """Call the fixture's value after a refused request: no case, evidence or file was added."""
    before = Snapshot.take()

    def check():
        after = Snapshot.take()
        assert after == before, (before, after)

    return check


@pytest.fixture
def filed(reference_data):  # noqa: F811
    """A case filed through the real intake service (SubmitResult: complaint + access code)."""
    return file_complaint()


@pytest.fixture
def tracked(client, filed):
    """`client` holds the tracking grant for `filed` (looked up with number + access code)."""
    response = look_up(client, filed.complaint.tracking_number, filed.access_code)
    assert response.status_code == 302
    return filed


@pytest.fixture
def awaiting(tracked, django_user_model):
    """The tracked case after the bureau asked the complainant for more material."""
    staff = django_user_model.objects.create(username="asking-handler")
    case = lifecycle.accept(tracked.complaint, actor=staff)
    return lifecycle.request_information(case, actor=staff, public_note="请补充商标注册证复印件")
