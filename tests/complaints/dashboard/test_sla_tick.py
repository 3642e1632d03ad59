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


def test_recorded_breaches_survive_ticks_and_a_late_extension(bureau_b, frozen_today):
    """Neither the next tick nor an extension granted after the limit passed forgets a breach."""
    from complaints.dashboard.services import extend_deadline
    from complaints.models import Role, Status
    from complaints.services import lifecycle
    from tests.factories.complaints import staff_member

    supervisor = staff_member(bureau_b, Role.SUPERVISOR, username="supervisor_b")
    frozen_today(dt.date(2026, 3, 2))
    case = file_complaint("patent-dispute", ip_right_type="patent").complaint  # due 9 Mar
    frozen_today(dt.date(2026, 3, 11))
    case = lifecycle.accept(case, actor=supervisor)  # 2 working days late; due 11 Jun
    tick(dt.date(2026, 3, 12))
    case.refresh_from_db()
    assert case.ever_breached and not case.is_overdue
    assert case.clock_records.get().late_working_days == 2

    frozen_today(dt.date(2026, 6, 15))
    tick(dt.date(2026, 6, 15))  # the handling limit has passed too
    extend_deadline(case, actor=supervisor, months=1, reason="需技术鉴定")
    case.refresh_from_db()
    assert not case.is_overdue and case.due_on == dt.date(2026, 7, 11)
    tick(dt.date(2026, 6, 16))
    case.refresh_from_db()
    assert case.ever_breached and case.status == Status.ACCEPTED
    assert case.clock_records.get().late_working_days == 2


def test_tick_records_a_running_breach_for_good(reference_data, frozen_today):
    frozen_today(dt.date(2026, 2, 13))
    late = file_complaint().complaint  # acceptance due 2 Mar
    tick(dt.date(2026, 3, 3))
    late.refresh_from_db()
    assert late.is_overdue and late.ever_breached
