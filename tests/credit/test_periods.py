"""Publication periods come from the rule table; status follows the calendar."""

import datetime

import pytest

from credit.models import CreditRecord, RecordStatus
from tests.factories.credit import CreditRecordFactory, PublicationRuleFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("published", "months", "ends"),
    [
        (D(2026, 3, 15), 36, D(2029, 3, 15)),
        (D(2026, 3, 15), 3, D(2026, 6, 15)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # clamped to the month's last day
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
    ],
)
def test_period_end_is_computed_from_the_rule(published, months, ends):
    rule = PublicationRuleFactory(code=f"r{months}", period_months=months)
    record = CreditRecordFactory(rule=rule, published_on=published, decision_date=published)
    assert record.publication_ends_on == ends
    assert CreditRecord.objects.get(pk=record.pk).publication_ends_on == ends


def test_changing_a_rule_does_not_move_records_already_published():
    rule = PublicationRuleFactory(period_months=36)
    record = CreditRecordFactory(rule=rule, published_on=D(2026, 1, 10))
    rule.period_months = 12
    rule.save()
    record.refresh_from_db()
    assert record.publication_ends_on == D(2029, 1, 10)


def test_status_through_the_period():
    rule = PublicationRuleFactory(code="short", period_months=3)
    record = CreditRecordFactory(
        rule=rule, published_on=D(2026, 3, 1), decision_date=D(2026, 2, 20)
    )
    assert record.status(D(2026, 2, 28)) == RecordStatus.SCHEDULED
    assert record.status(D(2026, 3, 1)) == RecordStatus.CURRENT
    assert record.status(D(2026, 5, 31)) == RecordStatus.CURRENT
    # The end date is the first day the record is no longer public.
    assert record.status(D(2026, 6, 1)) == RecordStatus.EXPIRED
    record.repaired_on = D(2026, 4, 1)
    assert record.status(D(2026, 4, 2)) == RecordStatus.REPAIRED


@pytest.mark.parametrize(
    ("today", "public"),
    [
        (D(2026, 2, 28), False),
        (D(2026, 3, 1), True),
        (D(2026, 5, 31), True),
        (D(2026, 6, 1), False),
    ],
)
def test_public_queryset_agrees_with_status(today, public):
    rule = PublicationRuleFactory(code="short", period_months=3)
    record = CreditRecordFactory(
        rule=rule, published_on=D(2026, 3, 1), decision_date=D(2026, 2, 20)
    )
    assert CreditRecord.objects.public(today).filter(pk=record.pk).exists() is public
    assert record.is_public(today) is public
    status = record.status(today)
    assert CreditRecord.objects.with_status(status, today).filter(pk=record.pk).exists()
