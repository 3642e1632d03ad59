"""Export credit records as CSV for the national credit platform (docs/credit-export.md)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from credit import export
from credit.models import CreditRecord


class Command(BaseCommand):
    help = (
        "Write the records currently public (or, with --all, every record with its status) as "
        "UTF-8 CSV with a byte-order mark. Progress goes to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--all",
            action="store_true",
            help="every record, including ended and repaired ones, with a status column",
        )
        parser.add_argument("--bureau", help="only this bureau (its code)")

    def handle(self, *args, output=None, all=False, bureau=None, **options):
        qs = CreditRecord.objects.all() if all else CreditRecord.objects.public()
        if bureau:
            qs = qs.filter(bureau__code=bureau)
        total = qs.count()
        self.stderr.write(f"Exporting {total} credit record(s)…")

        def progress(done):
            self.stderr.write(f"  {done}/{total}")

        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as handle:
                    self._write(handle, qs, all, progress)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc}") from exc
        else:
            self._write(sys.stdout, qs, all, progress)
        self.stderr.write(
            self.style.SUCCESS(f"Done: {total} row(s){f' in {output}' if output else ''}.")
        )

    def _write(self, target, qs, archive: bool, progress) -> None:
        for piece in export.stream_csv(qs, archive=archive, progress=progress):
            target.write(piece)
