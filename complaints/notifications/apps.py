from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """SMS and e-mail to complainants: an outbox with retries, its own models and migrations."""

    name = "complaints.notifications"
    label = "notifications"
    verbose_name = "通知 Notifications"

    def ready(self):
        from complaints.notifications import receivers  # noqa: F401
