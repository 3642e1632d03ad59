"""The queue: masking, time left in working days, filters, keyset pages, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.dashboard import queue as queue_service
from complaints.models import Complaint
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db


def test_personal_data_is_masked_in_the_list(login, handler_a, case_a):
    page = login(handler_a).get(reverse("dashboard:queue")).content.decode()
    assert "张**" in page and "138****5678" in page
    assert "张三丰" not in page and "13812345678" not in page
    assert "11010519491231002X" not in page


def test_time_left_counts_working_days_across_spring_festival(login, handler_a, frozen_today):
    frozen_today(dt.date(2026, 2, 13))  # Friday before the 2026 Spring Festival
    case = file_complaint().complaint
    assert case.due_on == dt.date(2026, 3, 2)

    def page(day, url=reverse("dashboard:queue")):
        frozen_today(day)
        return login(handler_a).get(url).content.decode()  # a fresh session on each day

    assert "剩 7 个工作日" in page(dt.date(2026, 2, 13))
    assert "剩 5 个工作日" in page(dt.date(2026, 2, 24))  # 25, 26, 27, Sat 28 (make-up), 2 Mar
    assert "今日到期" in page(dt.date(2026, 3, 2))
    assert "逾期 1 个工作日" in page(dt.date(2026, 3, 3))
    assert "已超期 1 个工作日" in page(
        dt.date(2026, 3, 3), reverse("dashboard:case", args=[case.pk])
    )


def test_filters_overdue_due_within_and_mine(login, handler_a, frozen_today):
    frozen_today(dt.date(2026, 11, 2))
    old = file_complaint().complaint  # due 11 Nov
    frozen_today(dt.date(2026, 11, 6))
    fresh = file_complaint().complaint  # due 17 Nov
    fresh.assigned_to = handler_a
    fresh.save()
    client = login(handler_a)

    def listed(**params):
        response = client.get(reverse("dashboard:queue"), params)
        return {case.pk for case in response.context["cases"]}

    assert listed() == {old.pk, fresh.pk}
    assert listed(due_within=3) == {old.pk}  # 9, 10, 11 Nov
    assert listed(mine="on") == {fresh.pk}
    frozen_today(dt.date(2026, 11, 12))
    assert listed(overdue="on") == {old.pk}
    assert listed(status="submitted", sort="due") == {old.pk, fresh.pk}
    assert listed(date_from="2026-11-05") == {fresh.pk}


def test_keyset_pages_cover_every_case_once(handler_a, frozen_today):
    frozen_today(dt.date(2026, 11, 2))  # identical timestamps: the id breaks ties
    ids = {file_complaint().complaint.pk for _ in range(7)}
    for sort in ("-submitted", "submitted", "due"):
        seen, cursor = [], ""
        while True:
            page = queue_service.page(handler_a, {"sort": sort}, cursor, size=3)
            seen += [case.pk for case in page.cases]
            if not page.next_cursor:
                break
            cursor = page.next_cursor
        assert len(seen) == len(set(seen)) == 7 and set(seen) == ids


def test_a_tampered_cursor_is_ignored(login, handler_a, case_a):
    response = login(handler_a).get(reverse("dashboard:queue"), {"after": "not-a-cursor"})
    assert response.status_code == 200


def _queries_for_queue(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard:queue"), {"status": "open"}).status_code == 200
    return len(captured)


def test_queue_query_count_does_not_grow_with_cases(
    login, supervisor_a, handler_a, django_assert_max_num_queries, settings
):
    settings.DASHBOARD_COUNTS_TTL = 0  # count every time: the navigation and the facets too
    for _ in range(5):
        file_complaint().complaint
    Complaint.objects.update(assigned_to=handler_a)
    client = login(supervisor_a)
    with_five = _queries_for_queue(client)
    for _ in range(45):
        file_complaint()
    Complaint.objects.update(assigned_to=handler_a)
    with django_assert_max_num_queries(with_five):
        response = client.get(reverse("dashboard:queue"), {"status": "open"})
    assert len(response.context["cases"]) == 50
    # session, user, roles, page, 5 facets + overdue, saved searches, navigation counts,
    # the filters' channel/category/district choices, the user's and groups' permissions (the
    # navigation's call-intake link), the bulk form's handlers, bureaus and reply templates; on
    # PostgreSQL each of the 6 facet counts also runs under its own time budget (savepoint,
    # set_config, release)
    assert with_five <= 20 + (18 if connection.vendor == "postgresql" else 0)
