"""What takes a record out of the public database as soon as it happens: a reopened case, a
retention run (purge). Deleted cases take their records with them (CASCADE)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from complaints.models import PurgeRecord, Status
from complaints.signals import case_changed

from .services import publish


@receiver(case_changed)
def case_reopened(sender, complaint, event, **kwargs):
    # Only a change out of "closed" can take a published case back; other events cost nothing.
    if event is not None and (event.from_status == Status.CLOSED or event.action == "reopened"):
        publish.unpublish_case(complaint.pk)


@receiver(post_save, sender=PurgeRecord)
def cases_purged(sender, instance, **kwargs):
    publish.remove_purged_since(instance.started_at)
