"""Recall of the narrative scrubber on the labelled corpus, per kind of identifier."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from records.evaluation import evaluate

DEFAULT = Path(settings.BASE_DIR) / "tests" / "records" / "scrubber_corpus.json"


class Command(BaseCommand):
    help = "Print the scrubber's recall per identifier kind on a labelled corpus."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(DEFAULT))
        parser.add_argument("--show", action="store_true", help="print each scrubbed text")

    def handle(self, *args, corpus, show, **options):
        path = Path(corpus)
        if not path.exists():
            raise CommandError(f"no corpus at {path}")
        report = evaluate(json.loads(path.read_text(encoding="utf-8")))
        self.stdout.write(f"{report.texts} texts, {report.total} identifiers")
        for kind, (found, total) in sorted(report.by_kind.items()):
            self.stdout.write(f"  {kind:<10} {found:>4}/{total:<4} recall {found / total:.3f}")
        self.stdout.write(f"  overall    recall {report.recall:.3f}")
        for _text, out, missed in report.failures:
            self.stdout.write(self.style.ERROR(f"survived {missed}: {out}"))
        if show:
            for out in report.outputs:
                self.stdout.write(out)
        if report.failures:
            raise CommandError("identifiers survived scrubbing")
