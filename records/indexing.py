"""Registers public records with search as public content (type "complaint_record"), so the
database's full-text search and the site search find them through search/'s one interface.
Withheld records are not searchable; deleted records leave the index."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from records.counts import changed
from records.models import PublicRecord
from search import registry
from search.api import remove_object

TYPE = "complaint_record"
TYPE_LABEL = "公开投诉数据库"


class RecordSource(registry.Source):
    name = "records.records"
    kind = registry.CONTENT

    def entry(self, record):
        if record.withheld:
            return None
        with translation.override(settings.LANGUAGE_CODE):
            outcome = record.get_outcome_display() if record.outcome else ""
            title = " · ".join(
                part
                for part in (record.category.name, record.respondent_name, str(record.closed_on))
                if part
            )
            url = reverse("records:detail", kwargs={"pk": record.pk})
        body = "\n".join(
            part
            for part in (
                record.respondent_name,
                record.respondent_credit_code,
                record.category.name,
                outcome,
                record.narrative,
            )
            if part
        )
        return registry.ContentEntry(
            key=self.key(record.pk),
            object_id=record.pk,
            title=title,
            url=url,
            body=body,
            type=TYPE,
            type_label=TYPE_LABEL,
            year=record.received_on.year,
            language=settings.LANGUAGE_CODE,
            published_at=record.published_at,
        )

    def _queryset(self):
        return PublicRecord.objects.select_related("category")

    def get(self, object_id):
        return self._queryset().filter(pk=object_id).first()

    def all(self):
        return self._queryset().filter(withheld=False).order_by("pk").iterator(chunk_size=2000)

    def count(self) -> int:
        return PublicRecord.objects.filter(withheld=False).count()


SOURCE = registry.register(RecordSource())


@receiver(post_delete, sender=PublicRecord)
def record_deleted(sender, instance, **kwargs):
    remove_object(SOURCE.name, instance.pk)
    transaction.on_commit(changed)
