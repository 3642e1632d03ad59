"""The public pages show current records only; search; constant queries; the service contract."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from credit import services
from credit.models import CreditRecord
from tests.factories.credit import CreditRecordFactory, PublicationRuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def records(today):
    """One record in each state."""
    short = PublicationRuleFactory(code="short", period_months=3)
    current = CreditRecordFactory(enterprise_name="武汉公示中科技有限公司")
    expired = CreditRecordFactory(
        enterprise_name="武汉已期满商贸有限公司",
        rule=short,
        decision_date=today - datetime.timedelta(200),
        published_on=today - datetime.timedelta(190),
    )
    repaired = CreditRecordFactory(enterprise_name="武汉已修复文化有限公司")
    CreditRecord.objects.filter(pk=repaired.pk).update(repaired_on=today)
    scheduled = CreditRecordFactory(
        enterprise_name="武汉待公示贸易有限公司", published_on=today + datetime.timedelta(3)
    )
    return {"current": current, "expired": expired, "repaired": repaired, "scheduled": scheduled}


def test_list_shows_only_current_records(client, records):
    page = client.get(reverse("credit:index")).content.decode()
    assert records["current"].enterprise_name in page
    for state in ("expired", "repaired", "scheduled"):
        assert records[state].enterprise_name not in page


def test_detail_of_a_record_no_longer_public_is_404(client, records):
    assert client.get(reverse("credit:detail", args=[records["current"].pk])).status_code == 200
    for state in ("expired", "repaired", "scheduled"):
        response = client.get(reverse("credit:detail", args=[records[state].pk]))
        assert response.status_code == 404, state


def test_detail_shows_what_the_public_may_know_and_not_the_cases(client, records, case_a):
    record = records["current"]
    record.cases.add(case_a)
    page = client.get(reverse("credit:detail", args=[record.pk])).content.decode()
    for value in (record.uscc, record.decision_number, record.penalty, record.rule.legal_basis):
        assert value in page
    assert case_a.tracking_number not in page


def test_search_by_name_part_and_by_credit_code(client, records):
    current = records["current"]
    by_name = client.get(reverse("credit:index"), {"q": "公示中"}).context["page_obj"]
    assert [r.pk for r in by_name] == [current.pk]
    # Spaces and lower case are tolerated in a credit code; an exact match is required.
    messy = " " + current.uscc.lower()[:9] + " " + current.uscc.lower()[9:]
    by_code = client.get(reverse("credit:index"), {"q": messy}).context["page_obj"]
    assert [r.pk for r in by_code] == [current.pk]
    expired_code = records["expired"].uscc
    assert not list(client.get(reverse("credit:index"), {"q": expired_code}).context["page_obj"])


def test_english_page(client, records):
    response = client.get("/en/credit/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_pagination_keeps_the_query(client):
    CreditRecordFactory.create_batch(23, enterprise_name="武汉分页测试有限公司")
    page = client.get(reverse("credit:index"), {"q": "分页"})
    assert page.context["page_obj"].paginator.num_pages == 2
    assert "?q=%E5%88%86%E9%A1%B5&amp;page=2" in page.content.decode()
    second = client.get(reverse("credit:index"), {"q": "分页", "page": 2})
    assert len(second.context["page_obj"].object_list) == 3


def _count_queries(django_assert_max_num_queries, url, n):
    cache.clear()
    client = Client()
    with django_assert_max_num_queries(n) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_records(django_assert_max_num_queries):
    CreditRecordFactory.create_batch(3)
    few = _count_queries(django_assert_max_num_queries, reverse("credit:index"), 6)
    CreditRecordFactory.create_batch(30)
    many = _count_queries(django_assert_max_num_queries, reverse("credit:index"), 6)
    assert few == many
    record = CreditRecord.objects.first()
    _count_queries(django_assert_max_num_queries, reverse("credit:detail", args=[record.pk]), 3)


def test_current_records_for_is_the_contract_other_pages_use(records, today):
    current = records["current"]
    assert list(services.current_records_for(uscc=current.uscc)) == [current]
    assert list(services.current_records_for(uscc=current.uscc.lower())) == [current]
    assert list(services.current_records_for(name="公示中科技")) == [current]
    assert list(services.current_records_for(uscc=records["expired"].uscc)) == []
    assert set(services.current_records_for()) == {current}
    # A day in the future: the scheduled record has started.
    later = today + datetime.timedelta(5)
    assert records["scheduled"] in services.current_records_for(today=later)


def test_public_filter_uses_an_index_on_postgresql(records):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("plan check on PostgreSQL only")
    CreditRecordFactory.create_batch(200, published_on=timezone.localdate() - datetime.timedelta(1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE credit_creditrecord")
        cursor.execute("SET enable_seqscan = off")
        sql, params = services.current_records_for()[:20].query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "credit_" in plan and "Index" in plan, plan


def test_the_cached_public_count_follows_changes_made_through_the_services(
    client, bureau_a, supervisor_a, django_capture_on_commit_callbacks
):
    record = CreditRecordFactory(bureau=bureau_a)
    assert client.get(reverse("credit:index")).context["page_obj"].paginator.count == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.record_repair(
            record,
            applied_on=timezone.localdate(),
            grounds="已整改。",
            approve=True,
            decision="准予。",
            actor=supervisor_a,
        )
    page = client.get(reverse("credit:index")).context["page_obj"]
    assert page.paginator.count == 0 and not page.object_list
