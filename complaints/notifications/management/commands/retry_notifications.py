"""Re-enqueue failed notifications whose back-off has passed (run from cron or a timer)."""

from django.core.management.base import BaseCommand

from complaints.notifications.services import retry_due


class Command(BaseCommand):
    help = "Retry failed SMS/e-mail notifications that are due."

    def handle(self, *args, **options):
        count = retry_due()
        self.stdout.write(f"{count} notification(s) queued for another attempt.")
