"""Registers cases with search for the staff queue: facts, respondent and numbers, never the
complainant's personal data. Cases are reindexed on every case_changed and removed on delete or
purge (a purged case is not searchable, so a rebuild leaves it out too)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from complaints.models import Complaint
from complaints.signals import case_changed
from search import registry
from search.api import index_object, remove_object

FIELDS = (
    "id",
    "bureau_id",
    "tracking_number",
    "facts",
    "request",
    "respondent_name",
    "respondent_credit_code",
    "respondent_shop_name",
    "ip_right_number",
    "status",
    "submitted_at",
    "category__code",
)


class CaseSource(registry.Source):
    name = "complaints.cases"
    kind = registry.CASE

    def entry(self, complaint):
        return registry.CaseEntry(
            key=self.key(complaint.pk),
            object_id=complaint.pk,
            bureau_id=complaint.bureau_id,
            tracking_number=complaint.tracking_number,
            facts=complaint.facts,
            request=complaint.request,
            respondent_name=complaint.respondent_name,
            respondent_credit_code=complaint.respondent_credit_code,
            respondent_shop_name=complaint.respondent_shop_name,
            ip_right_number=complaint.ip_right_number,
            status=complaint.status,
            category=complaint.category.code,
            submitted_at=complaint.submitted_at,
        )

    def _queryset(self):
        return (
            Complaint.objects.filter(purged_at__isnull=True)
            .select_related("category")
            .only(*FIELDS)
        )

    def get(self, object_id):
        return self._queryset().filter(pk=object_id).first()

    def all(self):
        return self._queryset().order_by("pk").iterator(chunk_size=2000)

    def count(self) -> int:
        return Complaint.objects.filter(purged_at__isnull=True).count()


SOURCE = registry.register(CaseSource())


@receiver(case_changed)
def case_changed_receiver(sender, complaint, **kwargs):
    index_object(SOURCE.name, complaint.pk)


def remove_case(case_id: int) -> None:
    """Take a case out of the search index once the current transaction commits."""
    remove_object(SOURCE.name, case_id)


@receiver(post_delete, sender=Complaint)
def case_deleted(sender, instance, **kwargs):
    remove_case(instance.pk)
