"""On-time closure rate on a hand-computed example; forecast, satisfaction, public page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import stats
from complaints.models import Complaint, Status
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db
D = dt.date
SEPTEMBER = stats.Period(D(2026, 9, 1), D(2026, 9, 30))


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(15, 0)))


def case(category="trademark-infringement", *, due, status, closed=None, overdue=False, **extra):
    filed = file_complaint(category, ip_right_type="patent").complaint
    Complaint.objects.filter(pk=filed.pk).update(
        due_on=due,
        status=status,
        closed_at=at(closed) if closed else None,
        is_overdue=overdue,
        ever_breached=overdue,
        **extra,
    )
    return filed


@pytest.fixture
def example(reference_data, frozen_today):
    frozen_today(D(2026, 10, 15))
    return {
        "on_time": case(due=D(2026, 9, 10), status=Status.CLOSED, closed=D(2026, 9, 8),
                        satisfaction=5, rated_at=at(D(2026, 9, 9))),
        "late": case(due=D(2026, 9, 15), status=Status.CLOSED, closed=D(2026, 9, 20), overdue=True),
        "open_past_limit": case(due=D(2026, 9, 20), status=Status.IN_PROGRESS),
        "withdrawn": case(due=D(2026, 9, 25), status=Status.WITHDRAWN, closed=D(2026, 9, 21)),
        "paused": case(due=D(2026, 9, 28), status=Status.AWAITING_COMPLAINANT,
                       paused_since=at(D(2026, 9, 20))),
        "october": case(due=D(2026, 10, 5), status=Status.RESOLVED, closed=D(2026, 10, 1)),
        "patent": case("patent-dispute", due=D(2026, 9, 12), status=Status.RESOLVED,
                       closed=D(2026, 9, 11), satisfaction=3, rated_at=at(D(2026, 9, 12))),
        "due_today": case(due=D(2026, 10, 15), status=Status.ACCEPTED),
    }  # fmt: skip


def test_on_time_rate_hand_computed(example):
    qs = Complaint.objects.all()
    # September: on_time, late, open_past_limit, patent count; withdrawn and paused do not.
    overall = stats.on_time_rates(qs, SEPTEMBER)[0]
    assert (overall["total"], overall["on_time"], overall["rate"]) == (4, 2, 0.5)
    assert not overall["meets_target"]
    by_category = {
        row["category__code"]: (row["total"], row["on_time"])
        for row in stats.on_time_rates(qs, SEPTEMBER, ("category__code",))
    }
    assert by_category == {"trademark-infringement": (3, 1), "patent-dispute": (1, 1)}
    by_bureau = {
        row["bureau__code"]: (row["total"], row["on_time"])
        for row in stats.on_time_rates(qs, SEPTEMBER, ("bureau__code",))
    }
    assert by_bureau == {"jiangan-amr": (3, 1), "wh-ipo": (1, 1)}
    months = stats.on_time_rates(qs, stats.Period(D(2026, 8, 1), D(2026, 10, 31)), monthly=True)
    assert [(row["month"], row["total"], row["on_time"]) for row in months] == [
        (D(2026, 9, 1), 4, 2),
        (D(2026, 10, 1), 1, 1),  # due_today's limit has not passed and it is not concluded
    ]


def test_forecast_and_satisfaction(example):
    qs = Complaint.objects.all()
    assert stats.breach_forecast(qs) == {"due_today": 1, "overdue": 1}
    satisfaction = stats.satisfaction(qs, SEPTEMBER)
    assert satisfaction["average"] == 4 and satisfaction["count"] == 2
    assert satisfaction["distribution"] == [(1, 0), (2, 0), (3, 1), (4, 0), (5, 1)]


def test_figures_are_computed_by_the_database(example, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):  # one grouped query per figure
        stats.summary(Complaint.objects.all(), SEPTEMBER)


def test_public_page_per_bureau_without_personal_data(client, example):
    response = client.get(reverse("public_stats"))
    page = response.content.decode()
    # last 12 months up to 15 Oct 2026: September's 4 plus October's 1 → 3 of 5 on time
    assert "60.0%" in page
    assert "江岸区市场监督管理局" in page or "江岸" in page
    for personal in ("张三丰", "13812345678", "沿江大道", "IP-2026-"):
        assert personal not in page
    english = client.get("/en/stats/")
    assert english.status_code == 200


def test_public_figures_are_cached(client, example):
    first = client.get(reverse("public_stats")).context["figures"]["overall"]
    case(due=D(2026, 9, 3), status=Status.CLOSED, closed=D(2026, 9, 2))
    assert client.get(reverse("public_stats")).context["figures"]["overall"] == first
    assert stats.on_time_rates(Complaint.objects.all(), SEPTEMBER)[0]["total"] == 5


def test_volume_series_fills_missing_months_with_zero():
    rows = [
        {"month": D(2026, 8, 1), "channel__code": "12330", "count": 3},
        {"month": D(2026, 9, 1), "channel__code": "12315", "count": 2},
        {"month": D(2026, 9, 1), "channel__code": "12330", "count": 1},
    ]
    assert stats.volume_series(rows, "channel__code") == {
        "months": ["2026-08", "2026-09"],
        "series": {"12315": [0, 2], "12330": [3, 1]},
    }


def test_public_page_tabulates_volumes_by_month_and_hotline(client, example):
    response = client.get(reverse("public_stats"))
    channels = response.context["volume_channels"]
    rows = response.context["volume_rows"]
    assert channels == sorted(channels) and set(channels) <= {"12315", "12330", "12390"}
    assert sum(total for _month, _counts, total in rows) == Complaint.objects.count()
    assert all(sum(counts) == total for _month, counts, total in rows)
    assert 'id="chart-volume"' in response.content.decode()
