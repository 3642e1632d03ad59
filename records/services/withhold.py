"""Staff withhold a public record (or release it) with a reason; every change is logged and the
log is kept even when the record leaves the database."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from records import counts, indexing
from records.models import PublicRecord, WithholdingLog
from search.api import index_object


def _actor_label(actor) -> str:
    return (actor.get_full_name() or actor.get_username()) if actor else "系统"


@transaction.atomic
def set_withheld(record: PublicRecord, *, withheld: bool, reason: str, actor) -> PublicRecord:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("须填写理由。"), code="reason")
    record = PublicRecord.objects.select_for_update().get(pk=record.pk)
    record.withheld = withheld
    record.withheld_reason = reason[:300] if withheld else ""
    record.save(update_fields=["withheld", "withheld_reason", "updated_at"])
    WithholdingLog.objects.create(
        complaint_id=record.complaint_id,
        record_number=record.pk,
        action=WithholdingLog.Action.WITHHELD if withheld else WithholdingLog.Action.RELEASED,
        reason=reason[:300],
        actor=actor,
        actor_label=_actor_label(actor)[:150],
    )
    index_object(indexing.SOURCE.name, record.pk)  # a withheld record is not searchable
    transaction.on_commit(counts.changed)
    return record


def withhold(record, *, reason: str, actor):
    return set_withheld(record, withheld=True, reason=reason, actor=actor)


def release(record, *, reason: str, actor):
    return set_withheld(record, withheld=False, reason=reason, actor=actor)
