"""Import the inspection target list from a CSV file (see inspections/services/importing.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.services.importing import COLUMNS, import_targets


class Command(BaseCommand):
    help = (
        "Import inspection targets from CSV (columns: "
        + ", ".join("/".join(names[:2]) for names in COLUMNS.values())
        + "). Every row is checked first; if any row is invalid nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file, UTF-8 or GB18030, with a header row")

    def handle(self, *args, path: str, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        self.stdout.write(f"Checking {file} …")
        report = import_targets(file.read_bytes(), progress=self._progress)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.error_count > len(report.errors):
                self.stderr.write(f"… {report.error_count - len(report.errors)} more")
            raise CommandError(
                f"{report.error_count} invalid row(s) of {report.rows}: nothing imported."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows} rows: {report.created} targets created, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total}")
