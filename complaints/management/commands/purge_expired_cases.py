"""Retention: anonymise (or delete) finished cases kept longer than their category allows.

Dry-run by default: prints what would happen. `--apply` does it; `--delete` removes the cases
entirely instead of anonymising them (statistics then lose them too).
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from complaints.models import AccessLog, Category, Complaint, Status
from complaints.models.storage import private_storage

FINISHED = (Status.CLOSED, Status.WITHDRAWN, Status.NOT_ACCEPTED)
PURGED_TEXT = "（已按保存期限清除）"
PENDING_UPLOAD_MAX_AGE = datetime.timedelta(days=1)
BATCH = 200

PERSONAL_FIELDS = {
    "complainant_name": "",
    "complainant_phone": "",
    "complainant_email": "",
    "complainant_id_type": "",
    "complainant_id_number": "",
    "complainant_address": "",
    "agent_name": "",
    "respondent_address": "",
    "respondent_url": "",
    "facts": PURGED_TEXT,
    "request": "",
    "satisfaction_comment": "",
    "access_code_hash": "",
    "idempotency_key": None,
}


def expired_cases(now=None):
    """Finished cases whose closing date is older than their category's retention period."""
    now = now or timezone.now()
    query = Q()
    for category in Category.objects.all():
        limit = now - datetime.timedelta(days=category.retention_days)
        query |= Q(category=category, closed_at__lt=limit)
    if not query:
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(status__in=FINISHED, closed_at__isnull=False)
        .filter(query)
        .exclude(facts=PURGED_TEXT)
    )


def anonymise(case: Complaint) -> None:
    for evidence in case.evidence.all():
        evidence.file.delete(save=False)
        evidence.delete()
    for name, value in PERSONAL_FIELDS.items():
        setattr(case, name, value)
    case.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
    case.events.update(internal_note="", complainant_note="", public_note=PURGED_TEXT)
    case.notifications.all().delete()


def delete_case(case: Complaint) -> None:
    for evidence in case.evidence.all():
        evidence.file.delete(save=False)
    AccessLog.objects.filter(complaint=case).delete()
    case.delete()


def stale_pending_uploads(now=None) -> list[str]:
    """Wizard uploads whose session was abandoned (the case was never filed)."""
    now = now or timezone.now()
    try:
        _dirs, names = private_storage.listdir("pending")
    except FileNotFoundError:
        return []
    stale = []
    for name in names:
        path = f"pending/{name}"
        if now - private_storage.get_modified_time(path) > PENDING_UPLOAD_MAX_AGE:
            stale.append(path)
    return stale


class Command(BaseCommand):
    help = "Anonymise or delete finished cases past their category's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="really change the data")
        parser.add_argument(
            "--delete", action="store_true", help="delete the cases instead of anonymising"
        )

    def handle(self, *args, apply=False, delete=False, verbosity=1, **options):
        cases = expired_cases()
        ids = list(cases.order_by("id").values_list("id", flat=True))
        by_category = {}
        for name in cases.values_list("category__name", flat=True):
            by_category[name] = by_category.get(name, 0) + 1
        for name, count in sorted(by_category.items()):
            self.stdout.write(f"  {name}: {count}")
        stale = stale_pending_uploads()
        mode = "delete" if delete else "anonymise"
        if not apply:
            self.stdout.write(
                f"Dry run: {len(ids)} case(s) would be {mode}d and {len(stale)} abandoned "
                f"upload(s) removed. Run again with --apply to do it."
            )
            return
        done = 0
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                for case in Complaint.objects.filter(id__in=ids[start : start + BATCH]):
                    if delete:
                        delete_case(case)
                    else:
                        anonymise(case)
                    done += 1
            self.stdout.write(f"  {done}/{len(ids)} case(s) {mode}d")
        for path in stale:
            private_storage.delete(path)
        self.stdout.write(
            self.style.SUCCESS(f"{done} case(s) {mode}d, {len(stale)} abandoned upload(s) removed.")
        )
