"""Credit record rules: what the public sees, who may record what, credit repair.

Other apps (the respondent public page, inspection findings) call `current_records_for` and,
to open a record from a finding, `create_record`; nothing else here is a public contract.
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import permissions
from complaints.models import Complaint
from complaints.services.validators import is_valid_uscc, normalize

from .models import (
    CreditEvent,
    CreditRecord,
    RepairApplication,
    RepairSource,
    RepairStatus,
)

PUBLIC_RELATED = ("bureau", "rule")
PUBLIC_COUNT_SECONDS = 300


class RepairNotAllowed(ValueError):
    """A repair that cannot be recorded (already repaired, already decided…)."""


def current_records_for(uscc: str | None = None, name: str | None = None, *, today=None):
    """Records the public may see today, newest decision first (a lazy queryset).

    `uscc`: exact 统一社会信用代码 (spaces/case ignored). `name`: part of the enterprise name.
    With neither, every current record. Each record has `bureau` and `rule` loaded.
    """
    qs = CreditRecord.objects.public(today).select_related(*PUBLIC_RELATED)
    if uscc:
        qs = qs.filter(uscc=normalize(uscc))
    if name:
        qs = qs.filter(enterprise_name__icontains=name.strip())
    return qs.order_by("-decision_date", "-id")


def _public_count_key(today) -> str:
    return f"credit:public-count:{today.isoformat()}"


def public_count(today=None) -> int:
    """How many records are public today: cached (a count scans every current record); any
    change through this module forgets it, and the key changes with the date."""
    today = today or timezone.localdate()
    key = _public_count_key(today)
    count = cache.get(key)
    if count is None:
        count = CreditRecord.objects.public(today).count()
        cache.set(key, count, PUBLIC_COUNT_SECONDS)
    return count


def forget_public_count() -> None:
    cache.delete(_public_count_key(timezone.localdate()))


def search_public(query: str, *, today=None):
    """The public search box: a valid USCC is an exact (indexed) match, anything else a name."""
    query = (query or "").strip()
    if query and is_valid_uscc(query):
        return current_records_for(uscc=query, today=today)
    return current_records_for(name=query or None, today=today)


def records_for_staff(user):
    """Every record (current or not) of the bureaus the user supervises; all for superusers."""
    return (
        CreditRecord.objects.for_bureaus(permissions.supervised_bureau_ids(user))
        .select_related(*PUBLIC_RELATED)
        .order_by("-decision_date", "-id")
    )


def can_manage(user, record: CreditRecord | None = None) -> bool:
    """Supervisors of the record's bureau (of any bureau for a new record) and superusers."""
    if record is None:
        return permissions.is_supervisor(user)
    return permissions.is_supervisor(user, record.bureau_id)


def linkable_cases(user):
    """Cases a record may cite: those of the bureaus the user supervises."""
    ids = permissions.supervised_bureau_ids(user)
    qs = Complaint.objects.all()
    return qs if ids is None else qs.filter(bureau_id__in=ids)


def _describe_changes(record: CreditRecord, before: dict) -> str:
    changed = [
        str(getattr(record._meta.get_field(name), "verbose_name", name))
        for name, value in before.items()
        if getattr(record, name) != value
    ]
    return "、".join(changed)


AUDITED_FIELDS = (
    "enterprise_name",
    "uscc",
    "kind",
    "facts",
    "legal_basis",
    "decision_number",
    "decision_date",
    "bureau_id",
    "penalty",
    "fine_amount",
    "rule_id",
    "published_on",
)


@transaction.atomic
def create_record(*, actor=None, cases=(), **fields) -> CreditRecord:
    """Store a new record (fields as on the model) and its audit event."""
    fields["uscc"] = normalize(fields["uscc"])
    record = CreditRecord(created_by=actor, **fields)
    record.full_clean(exclude=["publication_ends_on"])
    record.save()
    if cases:
        record.cases.set(cases)
    CreditEvent.objects.create(record=record, actor=actor, action=CreditEvent.Action.CREATED)
    transaction.on_commit(forget_public_count)
    return record


@transaction.atomic
def save_changes(record: CreditRecord, before: dict, *, actor, cases=None) -> CreditRecord:
    """Save an edited record; the audit event names the fields that changed."""
    record.uscc = normalize(record.uscc)
    record.save()
    if cases is not None:
        record.cases.set(cases)
    CreditEvent.objects.create(
        record=record,
        actor=actor,
        action=CreditEvent.Action.CHANGED,
        detail=_describe_changes(record, before),
    )
    transaction.on_commit(forget_public_count)
    return record


def snapshot(record: CreditRecord) -> dict:
    return {name: getattr(record, name) for name in AUDITED_FIELDS}


@transaction.atomic
def apply_for_repair(
    record: CreditRecord,
    *,
    applied_on: datetime.date,
    grounds: str,
    source: str = RepairSource.STAFF,
    submitted_by=None,
) -> RepairApplication:
    """Register an application (staff on paper today; the respondent portal later)."""
    record = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if record.repaired_on:
        raise RepairNotAllowed(_("该记录已信用修复。"))
    application = RepairApplication.objects.create(
        record=record,
        source=source,
        applied_on=applied_on,
        grounds=grounds,
        submitted_by=submitted_by,
    )
    CreditEvent.objects.create(
        record=record,
        actor=submitted_by,
        action=CreditEvent.Action.REPAIR_APPLIED,
        detail=f"{application.get_source_display()}，申请日期 {applied_on:%Y-%m-%d}",
    )
    return application


@transaction.atomic
def decide_repair(
    application: RepairApplication,
    *,
    approve: bool,
    decision: str,
    actor,
    decided_on: datetime.date | None = None,
) -> RepairApplication:
    """Approve (the record leaves public view from that day) or reject an application."""
    application = RepairApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != RepairStatus.PENDING:
        raise RepairNotAllowed(_("该申请已有决定。"))
    record = CreditRecord.objects.select_for_update().get(pk=application.record_id)
    if approve and record.repaired_on:
        raise RepairNotAllowed(_("该记录已信用修复。"))
    decided_on = decided_on or timezone.localdate()
    application.status = RepairStatus.APPROVED if approve else RepairStatus.REJECTED
    application.decided_on = decided_on
    application.decision = decision
    application.decided_by = actor
    application.save(update_fields=["status", "decided_on", "decision", "decided_by"])
    if approve:
        record.repaired_on = decided_on
        record.save(update_fields=["repaired_on", "updated_at"])
        transaction.on_commit(forget_public_count)
    CreditEvent.objects.create(
        record=record,
        actor=actor,
        action=CreditEvent.Action.REPAIRED if approve else CreditEvent.Action.REPAIR_REJECTED,
        detail=decision,
    )
    return application


def record_repair(record, *, applied_on, grounds, approve, decision, actor, decided_on=None):
    """Staff/admin action: a written application and its decision entered together."""
    with transaction.atomic():
        application = apply_for_repair(
            record, applied_on=applied_on, grounds=grounds, submitted_by=actor
        )
        return decide_repair(
            application, approve=approve, decision=decision, actor=actor, decided_on=decided_on
        )
