"""sla_tick: marks overdue and reminds the working day before a deadline, once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from complaints.models import DeadlineReminder
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db


def tick(day):
    call_command("sla_tick", today=day, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_reminder_the_working_day_before_and_only_once(handler_a, frozen_today):
    frozen_today(dt.date(2026, 2, 13))
    case = file_complaint().complaint  # due Mon 2 Mar 2026
    case.assigned_to = handler_a
    case.save()
    tick(dt.date(2026, 2, 26))  # Thursday: not the day before
    assert not mail.outbox
    tick(dt.date(2026, 2, 28))  # make-up Saturday: a working day, the one before 2 Mar
    tick(dt.date(2026, 2, 28))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.cn"]
    assert case.tracking_number in mail.outbox[0].subject
    assert DeadlineReminder.objects.filter(complaint=case, due_on=case.due_on).count() == 1


def test_marks_overdue_idempotently_and_skips_paused_clocks(reference_data, frozen_today):
    frozen_today(dt.date(2026, 2, 13))
    late = file_complaint().complaint
    paused = file_complaint().complaint
    paused.paused_since = paused.submitted_at
    paused.save()
    frozen_today(dt.date(2026, 3, 3))
    tick(dt.date(2026, 3, 3))
    tick(dt.date(2026, 3, 3))
    late.refresh_from_db()
    paused.refresh_from_db()
    assert late.is_overdue and not paused.is_overdue
