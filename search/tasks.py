"""Index work as Django tasks: immediate in development, a database queue with a worker in
production (settings.TASKS). The pending row written before enqueueing is the real record.

This module owns enqueueing; search.indexing records and applies the work and never imports it.
"""

import datetime
import logging

from django.db import transaction
from django_tasks import task

from search import indexing

logger = logging.getLogger(__name__)


@task()
def apply_index_operation(source_name: str, object_id: int) -> bool:
    return indexing.apply(source_name, object_id, retry=enqueue)


def schedule(source_name: str, object_id: int, action: str) -> None:
    """Record the work (inside the caller's transaction), then run it once that commits."""
    indexing.record(source_name, object_id, action)
    transaction.on_commit(lambda: enqueue(source_name, object_id))


def enqueue(source_name: str, object_id: int, run_after: datetime.datetime | None = None) -> None:
    task = apply_index_operation
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the pending row stays; `search_index --retry` picks it up
        task = task.using(run_after=run_after)
    try:
        task.enqueue(source_name, object_id)
    except Exception:
        # The queue itself is down: the pending row keeps the work for a retry.
        logger.exception("could not enqueue index work for %s:%s", source_name, object_id)


def retry_pending(*, include_not_due: bool = False) -> tuple[int, int]:
    """Apply the due pending work now; what fails again is enqueued for its next attempt."""
    return indexing.retry_pending(include_not_due=include_not_due, retry=enqueue)
