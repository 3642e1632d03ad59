"""Publish closed cases whose delay has passed and take out records that must leave.

Run it from cron beside `sla_tick` (e.g. hourly). `--no-index` skips the search work (for a
first backfill of many cases; run `search_index --rebuild` afterwards)."""

import time

from django.core.management.base import BaseCommand

from records.queries import Filters, Selection
from records.services import publish


class Command(BaseCommand):
    help = "Publish closed cases to the public complaint database (batched, with progress)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=publish.BATCH)
        parser.add_argument("--no-index", action="store_true", help="do not queue search work")

    def handle(self, *args, batch_size, no_index, **options):
        started = time.perf_counter()

        def progress(done):
            rate = done / max(time.perf_counter() - started, 1e-6)
            self.stdout.write(f"  published {done} ({rate:.0f}/s)")

        figures = publish.sync(batch_size=batch_size, index=not no_index, progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"published {figures['published']}, removed {figures['removed']} in {seconds:.1f} s"
            )
        )
        if figures["published"] or figures["removed"]:
            # Count the unfiltered database now, so the first reader does not wait for it.
            Selection(Filters()).facets()
            Selection(Filters()).count()
        if no_index and figures["published"]:
            self.stdout.write("run `manage.py search_index --rebuild` to make them searchable")
