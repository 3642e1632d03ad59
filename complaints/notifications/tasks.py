"""Background work of the notifications app (django-tasks: immediate in tests and dev)."""

from django_tasks import task

from . import services


@task()
def deliver_notification(notification_id: int) -> str:
    notification = services.deliver(notification_id)
    return notification.status if notification else "missing"


@task()
def retry_failed_notifications() -> int:
    return services.retry_due()
