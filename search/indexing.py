"""Keeping the index in step with the database: record the work, apply it, retry, rebuild.

Enqueueing belongs to search.tasks, which calls into this module (never the other way)."""

import datetime
import logging
import time
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone

from search.backends import get_backend
from search.models import PendingIndexOperation
from search.registry import KINDS, Entry, Source, get_source, sources

logger = logging.getLogger(__name__)

BATCH = 500
MAX_BACKOFF = datetime.timedelta(hours=1)
Progress = Callable[[str, int, int], None]
# Called after a failure with (source name, object id, when to try again): search.tasks passes
# its enqueue function, so this module never imports the task module.
Retry = Callable[[str, int, datetime.datetime], None]


def record(source_name: str, object_id: int, action: str) -> None:
    """Record the work inside the caller's transaction; search.tasks.schedule runs it later."""
    get_source(source_name)  # an unknown source is a programming error: fail loudly here
    now = timezone.now()
    PendingIndexOperation.objects.update_or_create(
        source=source_name,
        object_id=object_id,
        defaults={"action": action, "requested_at": now, "next_attempt_at": now},
    )


def _entry_for(source: Source, object_id: int) -> Entry | None:
    obj = source.get(object_id)
    return source.entry(obj) if obj is not None else None


def apply(source_name: str, object_id: int, *, retry: Retry | None = None) -> bool:
    """Bring one object's index state in line with the database; the object's current state
    decides between index and remove, so a late or repeated run is always right."""
    source = get_source(source_name)
    try:
        entry = _entry_for(source, object_id)
        if entry is None:
            get_backend().remove([source.key(object_id)])
        else:
            get_backend().index([entry])
    except Exception as exc:
        next_attempt_at = _record_failure(source_name, object_id, exc)
        if retry is not None:
            retry(source_name, object_id, next_attempt_at)
        return False
    PendingIndexOperation.objects.filter(source=source_name, object_id=object_id).delete()
    return True


def _record_failure(source_name: str, object_id: int, exc: Exception) -> datetime.datetime:
    logger.warning("index work for %s:%s failed: %r", source_name, object_id, exc)
    pending, _ = PendingIndexOperation.objects.get_or_create(
        source=source_name,
        object_id=object_id,
        defaults={"action": PendingIndexOperation.Action.INDEX, "next_attempt_at": timezone.now()},
    )
    pending.attempts += 1
    delay = min(datetime.timedelta(seconds=30 * 2 ** (pending.attempts - 1)), MAX_BACKOFF)
    pending.next_attempt_at = timezone.now() + delay
    pending.last_error = repr(exc)[:300]
    pending.save(update_fields=["attempts", "next_attempt_at", "last_error"])
    return pending.next_attempt_at


def retry_pending(
    *, include_not_due: bool = False, limit: int = 10_000, retry: Retry | None = None
) -> tuple[int, int]:
    """Apply the pending work that is due (or all of it); returns (done, failed)."""
    pending = PendingIndexOperation.objects.order_by("next_attempt_at")
    if not include_not_due:
        pending = pending.filter(next_attempt_at__lte=timezone.now())
    done = failed = 0
    for source_name, object_id in pending.values_list("source", "object_id")[:limit]:
        try:
            get_source(source_name)
        except KeyError:
            failed += 1
            continue
        if apply(source_name, object_id, retry=retry):
            done += 1
        else:
            failed += 1
    return done, failed


def _batches(kind_sources: list[Source], progress: Progress | None, kind: str) -> Iterator:
    total = sum(source.count() for source in kind_sources)
    done = 0
    if progress:
        progress(kind, 0, total)
    for source in kind_sources:
        batch: list[Entry] = []
        for obj in source.all():
            done += 1
            entry = source.entry(obj)
            if entry is not None:
                batch.append(entry)
            if len(batch) >= BATCH:
                yield batch
                batch = []
                if progress:
                    progress(kind, done, total)
        if batch:
            yield batch
    if progress:
        progress(kind, done, total)


def rebuild(kinds: Iterable[str] = KINDS, progress: Progress | None = None) -> dict:
    """Rebuild each kind's index from the database; returns figures per kind."""
    figures = {}
    backend = get_backend()
    for kind in kinds:
        kind_sources = sources(kind)
        started_at = timezone.now()
        started = time.perf_counter()
        count = backend.rebuild(kind, _batches(kind_sources, progress, kind))
        seconds = time.perf_counter() - started
        # Work requested before the rebuild started is covered by it.
        PendingIndexOperation.objects.filter(
            source__in=[source.name for source in kind_sources], requested_at__lt=started_at
        ).delete()
        figures[kind] = {
            "documents": count,
            "seconds": round(seconds, 2),
            "documents_per_second": round(count / seconds, 1) if seconds else 0,
        }
    return figures
