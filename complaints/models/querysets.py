"""Case queries as QuerySet methods, so views and services share one definition."""

import datetime

from django.db import models
from django.utils import timezone

from .choices import OPEN_STATUSES


class ComplaintQuerySet(models.QuerySet):
    def for_bureaus(self, ids: list[int] | None):
        """Cases currently routed to one of `ids` (every bureau when None: a superuser); the
        ids come from complaints.permissions.bureau_ids, which imports these models."""
        return self if ids is None else self.filter(bureau_id__in=ids)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self):
        today = timezone.localdate()
        return self.open().filter(due_on__lt=today, paused_since__isnull=True)

    def due_by(self, day: datetime.date):
        return self.open().filter(due_on__lte=day, paused_since__isnull=True)


class CaseEventQuerySet(models.QuerySet):
    def public(self):
        """Events with a note anyone may read: system texts and staff-written public notes."""
        return self.exclude(public_note="", note_code="")

    def for_complainant(self):
        """What the complainant's tracking page lists: public notes and their own words."""
        return self.exclude(public_note="", note_code="", complainant_note="")
