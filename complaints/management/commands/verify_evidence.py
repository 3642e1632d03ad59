"""Re-hash every stored evidence file (cleaned copy and sealed original) against its row."""

from django.core.management.base import BaseCommand, CommandError

from complaints.models import Evidence
from complaints.services.evidence import verify


class Command(BaseCommand):
    help = "Re-hash every evidence file; report missing files and hash mismatches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        total = Evidence.objects.count()
        rows = Evidence.objects.only(
            "id", "complaint_id", "file", "sha256", "original", "original_sha256"
        ).order_by("pk")
        checked = problems = 0
        for evidence in rows.iterator(chunk_size=batch_size):
            for problem in verify(evidence):
                problems += 1
                line = (
                    f"{problem.kind.upper()} evidence {problem.evidence_id} "
                    f"(case {problem.complaint_id}) {problem.copy}: expected {problem.expected}"
                )
                if problem.found:
                    line += f", found {problem.found}"
                self.stderr.write(line)
            checked += 1
            if checked % batch_size == 0:
                self.stdout.write(f"{checked}/{total} checked")
        self.stdout.write(f"{checked}/{total} checked, {problems} problem(s)")
        if problems:
            raise CommandError(f"{problems} evidence file(s) missing or altered")
