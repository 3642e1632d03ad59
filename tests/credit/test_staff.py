"""Staff pages: supervisors of a bureau manage that bureau's records only; input is kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from credit.models import CreditEvent, CreditRecord, RecordKind
from tests.factories.credit import CreditRecordFactory, PublicationRuleFactory, make_uscc

pytestmark = pytest.mark.django_db


def _post_data(bureau, rule, **overrides):
    today = timezone.localdate()
    data = {
        "enterprise_name": "武汉新录入贸易有限公司",
        "uscc": make_uscc(424242),
        "kind": RecordKind.WILFUL,
        "decision_number": "江市监罚〔2026〕88号",
        "decision_date": (today - datetime.timedelta(5)).isoformat(),
        "bureau": bureau.pk,
        "facts": "故意销售假冒注册商标的运动鞋。",
        "legal_basis": "《中华人民共和国商标法》第六十条",
        "penalty": "罚款10万元",
        "fine_amount": "100000",
        "rule": rule.pk,
        "published_on": today.isoformat(),
        "case_numbers": "",
    }
    data.update(overrides)
    return data


def test_handlers_and_the_public_cannot_enter(client, login, handler_a):
    assert client.get(reverse("credit_staff:list")).status_code == 302
    assert login(handler_a).get(reverse("credit_staff:list")).status_code == 403


def test_supervisor_sees_only_own_bureaus_records(login, supervisor_a, bureau_a, bureau_b):
    own = CreditRecordFactory(bureau=bureau_a)
    other = CreditRecordFactory(bureau=bureau_b)
    client = login(supervisor_a)
    listed = list(client.get(reverse("credit_staff:list")).context["page_obj"])
    assert listed == [own]
    assert client.get(reverse("credit_staff:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("credit_staff:edit", args=[other.pk])).status_code == 404
    response = client.post(reverse("credit_staff:repair", args=[other.pk]), {})
    assert response.status_code == 404


def test_superuser_sees_every_bureau(login, superuser, bureau_a, bureau_b):
    records = {CreditRecordFactory(bureau=bureau_a), CreditRecordFactory(bureau=bureau_b)}
    listed = set(login(superuser).get(reverse("credit_staff:list")).context["page_obj"])
    assert listed == records


def test_staff_list_keeps_ended_and_repaired_records_with_their_status(
    login, supervisor_a, bureau_a
):
    record = CreditRecordFactory(bureau=bureau_a)
    CreditRecord.objects.filter(pk=record.pk).update(repaired_on=timezone.localdate())
    client = login(supervisor_a)
    page = client.get(reverse("credit_staff:list"))
    assert record in page.context["page_obj"]
    assert "已信用修复" in page.content.decode()
    current = client.get(reverse("credit_staff:list"), {"status": "current"}).context["page_obj"]
    assert record not in current


def test_create_with_cases_of_own_bureau(login, supervisor_a, bureau_a, case_a):
    rule = PublicationRuleFactory()
    data = _post_data(bureau_a, rule, case_numbers=f"{case_a.tracking_number.lower()}，")
    response = login(supervisor_a).post(reverse("credit_staff:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    record = CreditRecord.objects.get()
    assert list(record.cases.all()) == [case_a]
    assert record.created_by == supervisor_a
    assert record.publication_ends_on.year == timezone.localdate().year + 3
    assert list(record.events.values_list("action", flat=True)) == [CreditEvent.Action.CREATED]


def test_a_case_of_another_bureau_cannot_be_cited(login, supervisor_a, bureau_a, case_b):
    data = _post_data(bureau_a, PublicationRuleFactory(), case_numbers=case_b.tracking_number)
    response = login(supervisor_a).post(reverse("credit_staff:create"), data)
    assert response.status_code == 200
    assert case_b.tracking_number in str(response.context["form"].errors["case_numbers"])
    assert not CreditRecord.objects.exists()


def test_a_record_for_another_bureau_cannot_be_created(login, supervisor_a, bureau_b):
    data = _post_data(bureau_b, PublicationRuleFactory())
    response = login(supervisor_a).post(reverse("credit_staff:create"), data)
    assert "bureau" in response.context["form"].errors
    assert not CreditRecord.objects.exists()


def test_invalid_credit_code_is_refused_and_input_kept(login, supervisor_a, bureau_a):
    bad = make_uscc(1)[:-1] + ("0" if make_uscc(1)[-1] != "0" else "1")
    data = _post_data(bureau_a, PublicationRuleFactory(), uscc=bad)
    response = login(supervisor_a).post(reverse("credit_staff:create"), data)
    assert "uscc" in response.context["form"].errors
    page = response.content.decode()
    assert "武汉新录入贸易有限公司" in page and "故意销售假冒注册商标的运动鞋。" in page
    assert not CreditRecord.objects.exists()


def test_decision_number_is_unique_per_bureau(login, supervisor_a, bureau_a, bureau_b):
    rule = PublicationRuleFactory()
    CreditRecordFactory(bureau=bureau_b, decision_number="江市监罚〔2026〕88号")
    client = login(supervisor_a)
    assert (
        client.post(reverse("credit_staff:create"), _post_data(bureau_a, rule)).status_code == 302
    )
    again = client.post(
        reverse("credit_staff:create"), _post_data(bureau_a, rule, uscc=make_uscc(7))
    )
    assert "decision_number" in again.context["form"].errors
    assert CreditRecord.objects.filter(bureau=bureau_a).count() == 1


def test_edit_is_audited_with_the_fields_changed(login, supervisor_a, bureau_a):
    record = CreditRecordFactory(bureau=bureau_a)
    data = _post_data(
        bureau_a,
        record.rule,
        enterprise_name=record.enterprise_name,
        uscc=record.uscc,
        decision_number=record.decision_number,
        penalty="罚款12万元",
    )
    response = login(supervisor_a).post(reverse("credit_staff:edit", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    event = record.events.get(action=CreditEvent.Action.CHANGED)
    assert "处罚内容" in event.detail and event.actor == supervisor_a


def test_staff_list_query_count_is_constant(
    login, supervisor_a, bureau_a, django_assert_max_num_queries, settings
):
    settings.DASHBOARD_COUNTS_TTL = 0  # the staff navigation counts on every request
    client = login(supervisor_a)
    CreditRecordFactory.create_batch(2, bureau=bureau_a)
    client.get(reverse("credit_staff:list"))  # the process's first request reads the calendar
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("credit_staff:list"))
    CreditRecordFactory.create_batch(20, bureau=bureau_a)
    with django_assert_max_num_queries(14) as many:
        client.get(reverse("credit_staff:list"))
    assert len(few) == len(many)


def test_date_fields_render_iso_dates_for_the_browser_date_picker(login, supervisor_a):
    """zh-hans formats dates as 2026/12/03, which <input type=date> would silently drop."""
    page = login(supervisor_a).get(reverse("credit_staff:create")).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
