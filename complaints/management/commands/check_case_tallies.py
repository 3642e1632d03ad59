"""Compare the case tallies (the staff queue's facet counts) with a live count of the cases."""

from django.core.management.base import BaseCommand, CommandError

from complaints.models.tally import KEY_COLUMNS
from complaints.services import tallies


class Command(BaseCommand):
    help = (
        "Check that the case tallies behind the staff queue's facet counts equal a live count "
        "of the cases (reads the whole case table); --repair rebuilds them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="rebuild the tallies from a live count"
        )

    def handle(self, *args, repair=False, **options):
        self.stdout.write("Counting every case and comparing with the tallies…")
        wrong = tallies.differences()
        for key, stored, live in wrong[:20]:
            where = ", ".join(f"{c}={v}" for c, v in zip(KEY_COLUMNS, key, strict=True))
            self.stdout.write(f"  {where}: tallied {stored}, counted {live}")
        if len(wrong) > 20:
            self.stdout.write(f"  … and {len(wrong) - 20} more")
        if not wrong:
            self.stdout.write(self.style.SUCCESS("The tallies equal a live count."))
            return
        if not repair:
            raise CommandError(
                f"{len(wrong)} combination(s) are tallied wrongly; run with --repair to rebuild."
            )
        combinations = tallies.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt: {combinations} combinations tallied."))
