"""Retention: anonymise (or delete) finished cases kept longer than their category allows.

Dry-run by default: prints what would happen. `--apply` does it, batch by batch with progress,
and records the run (who, when, how many) in a PurgeRecord; `--delete` removes the cases
entirely instead of anonymising them (statistics then lose them too). What a purge removes is
described in complaints.services.retention.
"""

import datetime
import getpass

from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.models import PurgeRecord
from complaints.models.storage import private_storage
from complaints.services import retention

PENDING_UPLOAD_MAX_AGE = datetime.timedelta(days=1)
BATCH = 200


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


def _operator() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no user name in the environment (some containers)
        return retention.SYSTEM_ACTOR


class Command(BaseCommand):
    help = "Anonymise or delete finished cases past their category's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="really change the data")
        parser.add_argument(
            "--delete", action="store_true", help="delete the cases instead of anonymising"
        )
        parser.add_argument(
            "--by",
            default="",
            help="who runs the purge, for its record (default: the operating-system user)",
        )

    def handle(self, *args, apply=False, delete=False, by="", **options):
        cases = retention.expired_cases()
        by_category = retention.count_by_category(cases)
        total = sum(by_category.values())
        for code, count in sorted(by_category.items()):
            self.stdout.write(f"  {code}: {count}")
        stale = stale_pending_uploads()
        mode = PurgeRecord.Mode.DELETE if delete else PurgeRecord.Mode.ANONYMISE
        if not apply:
            self.stdout.write(
                f"Dry run: {total} case(s) would be {mode}d and {len(stale)} abandoned "
                f"upload(s) removed. Run again with --apply to do it."
            )
            return
        record = PurgeRecord.objects.create(run_by=(by or _operator())[:150], mode=mode)
        for ids in retention.id_batches(cases, BATCH):
            retention.purge(ids, record, delete=delete)
            self.stdout.write(f"  {record.cases}/{total} case(s) {mode}d")
        for path in stale:
            private_storage.delete(path)
        record.abandoned_uploads = len(stale)
        record.finished_at = timezone.now()
        record.save(update_fields=["abandoned_uploads", "finished_at"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{record.cases} case(s) {mode}d, {record.evidence_files} evidence file(s), "
                f"{record.notifications} notification(s) and {record.access_logs} access-log "
                f"detail(s) cleared, {len(stale)} abandoned upload(s) removed "
                f"(purge record #{record.pk})."
            )
        )
