"""A late step stays a breach: on the step, in both timelines, in /stats/, the performance page
and the exports, after the next step starts and after the case is concluded in time."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from complaints import stats
from complaints.models import ClockRecord, Complaint, Outcome
from complaints.services import lifecycle
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db
D = dt.date


def accepted_late_then_resolved_in_time(frozen_today, staff):
    """Filed Tue 1 Sep 2026 (acceptance due Thu 10 Sep), accepted Mon 14 Sep: 2 working days
    late (11 and 14 Sep); resolved on 20 Sep, long before the handling limit."""
    frozen_today(D(2026, 9, 1))
    filed = file_complaint()
    frozen_today(D(2026, 9, 14))
    case = lifecycle.accept(filed.complaint, actor=staff)
    frozen_today(D(2026, 9, 20))
    case = lifecycle.resolve(
        case, actor=staff, outcome=Outcome.NO_VIOLATION, public_note="未发现侵权行为。"
    )
    return filed, case


@pytest.fixture
def late_case(frozen_today, supervisor_a):
    return accepted_late_then_resolved_in_time(frozen_today, supervisor_a)


def test_the_late_acceptance_stays_on_the_step_and_the_case(late_case):
    _filed, case = late_case
    acceptance, handling = ClockRecord.objects.filter(complaint=case).order_by("id")
    assert (acceptance.step, acceptance.due_on, acceptance.finished_on) == (
        "acceptance",
        D(2026, 9, 10),
        D(2026, 9, 14),
    )
    assert acceptance.late_working_days == 2 and acceptance.event.action == "accepted"
    assert handling.step == "handling" and handling.late_working_days == 0
    assert handling.due_on == case.due_on and handling.event.action == "resolved"
    # The running flag describes the last step; the breach flag is never cleared.
    assert not case.is_overdue and case.ever_breached


def test_both_timelines_say_the_acceptance_was_late(late_case, login, handler_a, client):
    filed, case = late_case
    staff_page = login(handler_a).get(reverse("dashboard:case", args=[case.pk]))
    assert "逾期 2 个工作日受理" in staff_page.content.decode()
    assert "逾期 2 个工作日办结" not in staff_page.content.decode()
    client.post(
        "/complaints/track/",
        {"tracking_number": case.tracking_number, "access_code": filed.access_code},
    )
    public_page = client.get("/complaints/track/case/").content.decode()
    assert "逾期 2 个工作日受理" in public_page


def test_figures_count_the_late_acceptance(late_case, frozen_today, client):
    frozen_today(D(2026, 12, 31))  # the handling limit has fallen into the last 12 months
    qs = Complaint.objects.all()
    period = stats.Period(D(2026, 9, 1), D(2026, 12, 31))
    overall = stats.on_time_rates(qs, period)[0]
    assert (overall["total"], overall["on_time"]) == (1, 0)
    steps = {row["step"]: (row["total"], row["on_time"]) for row in stats.step_rates(qs, period)}
    assert steps == {"acceptance": (1, 0), "handling": (1, 1)}
    cache.clear()
    figures = client.get(reverse("public_stats")).context["figures"]
    assert (figures["overall"]["total"], figures["overall"]["on_time"]) == (1, 0)
    assert [row["on_time"] for row in figures["by_step"]] == [0, 1]


def test_performance_page_and_exports_count_the_late_acceptance(
    late_case, frozen_today, login, supervisor_a
):
    _filed, case = late_case
    frozen_today(D(2026, 12, 31))
    client = login(supervisor_a)
    figures = client.get(reverse("dashboard:performance")).context["figures"]
    assert (figures["overall"]["total"], figures["overall"]["on_time"]) == (1, 0)
    assert figures["by_step"][0]["step"] == "acceptance"
    assert (figures["by_step"][0]["total"], figures["by_step"][0]["on_time"]) == (1, 0)

    body = client.get(reverse("dashboard:export_stats_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert ["受理审查", "1", "0", "0.0"] in rows
    assert ["办理", "1", "1", "1.0"] in rows
    book = load_workbook(io.BytesIO(client.get(reverse("dashboard:export_stats_xlsx")).content))
    sheet = list(book["按环节"].iter_rows(values_only=True))
    assert sheet[1] == ("受理审查", 1, 0, 0)

    queue = client.get(reverse("dashboard:export_queue_csv"))
    lines = list(csv.reader(io.StringIO(b"".join(queue.streaming_content).decode("utf-8-sig"))))
    column = lines[0].index("曾超期")
    assert lines[1][0] == case.tracking_number and lines[1][column] == "是"


def _queries(get) -> int:
    with CaptureQueriesContext(connection) as context:
        get()
    return len(context)


def test_query_counts_do_not_grow_with_late_steps(
    late_case, frozen_today, login, supervisor_a, client
):
    _filed, case = late_case
    staff = login(supervisor_a)
    pages = {
        "case": lambda: staff.get(reverse("dashboard:case", args=[case.pk])),
        "performance": lambda: staff.get(reverse("dashboard:performance")),
        "stats": lambda: (cache.clear(), client.get(reverse("public_stats"))),
    }
    before = {name: _queries(get) for name, get in pages.items()}
    for _ in range(2):
        accepted_late_then_resolved_in_time(frozen_today, supervisor_a)
    frozen_today(D(2026, 9, 21))
    lifecycle.reopen(case, reason="对方仍在销售")
    lifecycle.resolve(
        case, actor=supervisor_a, outcome=Outcome.NO_VIOLATION, public_note="未发现侵权行为。"
    )
    assert case.clock_records.count() == 3
    assert {name: _queries(get) for name, get in pages.items()} == before
