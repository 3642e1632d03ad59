"""Background work of the notifications app (django-tasks: immediate in tests and dev).

This module owns enqueueing: services.py writes outbox rows and calls enqueue_delivery."""

from django.db import transaction
from django_tasks import task

from . import delivery


@task()
def deliver_notification(notification_id: int) -> str:
    notification = delivery.deliver(notification_id)
    return notification.status if notification else "missing"


@task()
def retry_failed_notifications() -> int:
    return retry_due()


def enqueue_delivery(notification_id: int) -> None:
    """Hand the delivery to the task queue once the surrounding transaction commits."""
    transaction.on_commit(lambda: deliver_notification.enqueue(notification_id))


def retry_due(now=None) -> int:
    """Re-enqueue failed messages whose back-off has passed and pending ones a worker lost."""
    ids = list(delivery.due_for_retry(now).values_list("pk", flat=True))
    for notification_id in ids:
        enqueue_delivery(notification_id)
    return len(ids)
