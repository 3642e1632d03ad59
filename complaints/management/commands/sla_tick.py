"""Mark overdue cases, remind handlers the working day before a deadline, and close resolved
cases whose reopening window has passed (so retention applies to them).

Idempotent and safe to run every few minutes: overdue marking is a plain UPDATE of the cases not
yet marked, each (case, deadline) reminder is recorded once (a unique constraint), and a case is
closed once (it is no longer resolved afterwards).
"""

import datetime
import logging

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints.models import OPEN_STATUSES, Complaint, DeadlineReminder, StaffMembership
from complaints.services import lifecycle, workdays

log = logging.getLogger(__name__)


def next_working_day(day: datetime.date) -> datetime.date:
    return workdays.add_working_days(day, 1)


def mark_overdue(today: datetime.date) -> int:
    """Flag running clocks past their limit; `ever_breached` stays set whatever happens next."""
    return Complaint.objects.filter(
        status__in=OPEN_STATUSES,
        paused_since__isnull=True,
        due_on__lt=today,
        is_overdue=False,
    ).update(is_overdue=True, ever_breached=True, updated_at=timezone.now())


def _recipients(case: Complaint) -> list[str]:
    if case.assigned_to_id and case.assigned_to.email:
        return [case.assigned_to.email]
    return list(
        StaffMembership.objects.filter(bureau_id=case.bureau_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def send_reminders(today: datetime.date) -> int:
    """Cases whose deadline is the next working day: one reminder per case and deadline."""
    if not workdays.is_working_day(today):
        return 0
    due = next_working_day(today)
    cases = (
        Complaint.objects.filter(status__in=OPEN_STATUSES, paused_since__isnull=True, due_on=due)
        .exclude(deadline_reminders__due_on=due)
        .select_related("assigned_to")
        .order_by("pk")
    )
    sent = 0
    for case in cases.iterator(chunk_size=500):
        recipients = _recipients(case)
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(
                    complaint=case, due_on=due, recipients=",".join(recipients)[:300]
                )
        except IntegrityError:
            continue  # another sla_tick run got there first
        if recipients:
            try:
                send_mail(
                    f"[案件到期提醒] {case.tracking_number} 将于 {due:%Y-%m-%d} 到期",
                    f"案件 {case.tracking_number} 的法定期限为 {due:%Y-%m-%d}（下一个工作日），"
                    "请及时办理。",
                    None,
                    recipients,
                )
            except OSError:
                # Recorded as sent: a mail outage must not make every later tick resend.
                log.warning("reminder for case %s could not be mailed", case.pk, exc_info=True)
        sent += 1
    return sent


class Command(BaseCommand):
    help = (
        "Mark overdue cases, send reminders the working day before a deadline, and close "
        "resolved cases whose reopening window has passed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        overdue = mark_overdue(today)
        reminders = send_reminders(today)
        closed = lifecycle.close_after_reopen_window()
        self.stdout.write(
            f"sla_tick {today}: {overdue} marked overdue, {reminders} reminders, "
            f"{closed} resolved case(s) closed after the reopening window"
        )
