"""Load the demo data set: reference data, staff, pages and synthetic complaints. Idempotent."""

from django.core.management.base import BaseCommand

from cms import demo as cms_demo
from complaints import demo as complaints_demo


class Command(BaseCommand):
    help = "Load bureaus, districts, categories, routing rules, demo staff, pages and complaints."

    def add_arguments(self, parser):
        parser.add_argument(
            "--complaints", type=int, default=200, help="synthetic complaints to create"
        )
        parser.add_argument("--seed", type=int, default=2017, help="random seed (reproducible)")

    def handle(self, *args, complaints: int, seed: int, **options):
        self.stdout.write("Reference data (channels, bureaus, districts, categories, routing)…")
        complaints_demo.seed_reference_data(stdout=self.stdout)
        complaints_demo.seed_provisional_calendar(stdout=self.stdout)
        self.stdout.write("Demo staff, editors and reviewers…")
        complaints_demo.seed_staff(stdout=self.stdout)
        cms_demo.seed_editorial_groups(stdout=self.stdout)
        self.stdout.write("Pages…")
        cms_demo.seed_pages(stdout=self.stdout)
        self.stdout.write(f"Synthetic complaints (target {complaints})…")
        complaints_demo.seed_complaints(count=complaints, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
