"""Index work as Django tasks: immediate in development, a database queue with a worker in
production (settings.TASKS). The pending row written before enqueueing is the real record."""

from django_tasks import task

from search import indexing


@task()
def apply_index_operation(source_name: str, object_id: int) -> bool:
    return indexing.apply(source_name, object_id)
