"""Load the demo data set: reference data, staff, pages and synthetic complaints. Idempotent."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citizens import demo as citizens_demo
from cms import demo as cms_demo
from complaints import demo as complaints_demo
from complaints.demo import operators as complaints_operators
from complaints.demo import replies as complaints_replies
from credit import demo as credit_demo
from inspections import demo as inspections_demo
from records import demo as records_demo
from respondents import demo as respondents_demo
from search import api as search_api


class Command(BaseCommand):
    help = "Load bureaus, districts, categories, routing rules, demo staff, pages and complaints."

    def add_arguments(self, parser):
        parser.add_argument(
            "--complaints", type=int, default=200, help="synthetic complaints to create"
        )
        parser.add_argument("--seed", type=int, default=2017, help="random seed (reproducible)")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="skip indexing new cases for search (run `search_index --rebuild` later)",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="run under production settings anyway (benchmarks, test installations)",
        )

    def handle(self, *args, complaints: int, seed: int, no_index: bool, **options):
        if settings.PRODUCTION_SETTINGS and not options["allow_production"]:
            # Demo staff have published passwords and every demo case opens with the code DEMO.
            raise CommandError(
                "seed_demo refuses to run under production settings: its staff accounts have "
                "published passwords and its cases open with the access code DEMO. "
                "Pass --allow-production only for a benchmark or test installation."
            )
        self.stdout.write("Reference data (channels, bureaus, districts, categories, routing)…")
        complaints_demo.seed_reference_data(stdout=self.stdout)
        complaints_demo.seed_provisional_calendar(stdout=self.stdout)
        self.stdout.write("Demo staff, editors and reviewers…")
        complaints_demo.seed_staff(stdout=self.stdout)
        complaints_replies.seed(stdout=self.stdout)
        complaints_operators.seed(stdout=self.stdout)
        cms_demo.seed_editorial_groups(stdout=self.stdout)
        inspections_demo.seed(stdout=self.stdout)
        self.stdout.write("Pages…")
        cms_demo.seed_pages(stdout=self.stdout)
        self.stdout.write(f"Synthetic complaints (target {complaints})…")
        created = complaints_demo.seed_complaints(count=complaints, seed=seed, stdout=self.stdout)
        credit_demo.seed(stdout=self.stdout)
        citizens_demo.seed(stdout=self.stdout)
        self.stdout.write("Respondent portal (enterprises, invited cases)…")
        respondents_demo.seed(stdout=self.stdout)
        if created and not no_index:
            # Bulk creation sends no signals: index the cases so staff search finds them.
            self.stdout.write("Indexing cases for search…")
            started = time.perf_counter()
            figures = search_api.rebuild(kinds=("case",), progress=self._progress)
            self.stdout.write(f"  {figures} in {time.perf_counter() - started:.1f}s")
        records_demo.seed(stdout=self.stdout, index=not no_index)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _progress(self, kind: str, done: int, total: int) -> None:
        if done == total or done % 5000 == 0:
            self.stdout.write(f"  {kind}: {done}/{total}")
