"""search_index --rebuild | --retry | --status: maintain the search indexes."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend
from search.models import PendingIndexOperation
from search.registry import KINDS, sources
from search.text import tokenizer


class ProgressBar:
    """A one-line progress bar on a terminal; plain lines when output is not a terminal."""

    def __init__(self, stdout, width: int = 30):
        self.stdout = stdout
        self.width = width
        self.started: dict[str, float] = {}
        self.tty = hasattr(stdout, "isatty") and stdout.isatty()
        self.last_line = 0.0

    def __call__(self, kind: str, done: int, total: int) -> None:
        now = time.perf_counter()
        started = self.started.setdefault(kind, now)
        finished = done >= total
        if not self.tty and not finished and done and now - self.last_line < 2:
            return
        self.last_line = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        rate = done / (now - started) if now > started else 0.0
        bar = "█" * filled + "·" * (self.width - filled)
        line = f"{kind:8} [{bar}] {done}/{total} {fraction:6.1%} {rate:8.1f} docs/s"
        if self.tty:
            self.stdout.write("\r" + line, ending="\n" if finished else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)


class Command(BaseCommand):
    help = "Rebuild search indexes from the database, or retry index work left pending."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="rebuild from the database")
        action.add_argument("--retry", action="store_true", help="apply pending index work")
        action.add_argument("--status", action="store_true", help="backend and pending work")
        parser.add_argument("--kind", choices=KINDS, action="append", help="only this kind")
        parser.add_argument(
            "--all", action="store_true", help="with --retry: also work not yet due for retry"
        )

    def handle(self, *args, **options):
        backend = get_backend()
        if options["status"]:
            return self.status(backend)
        if options["retry"]:
            done, failed = indexing.retry_pending(include_not_due=options["all"])
            self.stdout.write(f"retried: {done} done, {failed} still pending")
            if failed:
                raise CommandError(f"{failed} index operations failed again; see --status")
            return None
        kinds = options["kind"] or list(KINDS)
        if backend.name == "database":
            started = time.perf_counter()
            tokenizer()  # loaded once up front, so the rate below is indexing alone
            self.stdout.write(f"jieba loaded in {time.perf_counter() - started:.1f} s")
        self.stdout.write(f"rebuilding {', '.join(kinds)} on the {backend.name} backend")
        figures = indexing.rebuild(kinds, progress=ProgressBar(self.stdout))
        for kind, values in figures.items():
            self.stdout.write(
                self.style.SUCCESS(
                    f"{kind}: {values['documents']} documents in {values['seconds']} s "
                    f"({values['documents_per_second']} documents/s)"
                )
            )
        return None

    def status(self, backend):
        ok, detail = backend.health()
        self.stdout.write(f"backend: {detail} ({'ok' if ok else 'DOWN'})")
        self.stdout.write(f"sources: {', '.join(s.name for s in sources()) or 'none'}")
        pending = PendingIndexOperation.objects.order_by("next_attempt_at")
        self.stdout.write(f"pending operations: {pending.count()}")
        for operation in pending[:20]:
            due = f"{operation.next_attempt_at:%Y-%m-%d %H:%M}"
            self.stdout.write(
                f"  {operation} attempts={operation.attempts} next={due} {operation.last_error}"
            )
        if not ok:
            sys.exit(1)
