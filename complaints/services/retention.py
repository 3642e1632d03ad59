"""Retention: a finished case kept longer than its category allows loses its personal data
everywhere it was copied — case fields, event notes, evidence files, mediation agreements, the
notification outbox, access-log details, Open311 extras and the search index. The case row
itself stays (status, dates, category, bureau, rating), so the statistics still count it, and
every run is recorded in a PurgeRecord (counts only)."""

import datetime
from collections.abc import Iterator

from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from complaints import indexing
from complaints.api.models import ApiSubmission
from complaints.models import (
    AccessLog,
    CaseEvent,
    Category,
    Complaint,
    Evidence,
    PurgeRecord,
    Status,
)
from complaints.notifications.models import Notification

from . import event_texts

FINISHED = (Status.CLOSED, Status.WITHDRAWN, Status.NOT_ACCEPTED)
PURGED_TEXT = "（已按保存期限清除）"
SYSTEM_ACTOR = "系统"

PERSONAL_FIELDS = {
    "complainant_name": "",
    "complainant_phone": "",
    "complainant_email": "",
    "complainant_id_type": "",
    "complainant_id_number": "",
    "complainant_address": "",
    "agent_name": "",
    "respondent_address": "",
    "respondent_url": "",
    "facts": PURGED_TEXT,
    "request": "",
    "outcome_detail": "",
    "satisfaction_comment": "",
    "access_code_hash": "",
    "idempotency_key": None,
}


def expired_cases(now=None):
    """Finished, not yet purged cases whose closing date is older than their category's
    retention period."""
    now = now or timezone.now()
    query = Q()
    for category_id, days in Category.objects.values_list("pk", "retention_days"):
        query |= Q(category_id=category_id, closed_at__lt=now - datetime.timedelta(days=days))
    if not query:
        return Complaint.objects.none()
    return Complaint.objects.filter(
        query, status__in=FINISHED, closed_at__isnull=False, purged_at__isnull=True
    )


def count_by_category(cases) -> dict[str, int]:
    """{category code: cases}, counted in the database."""
    rows = cases.order_by().values("category__code").annotate(n=Count("id"))
    return {row["category__code"]: row["n"] for row in rows}


def id_batches(cases, size: int) -> Iterator[list[int]]:
    """The cases' ids in ascending batches (keyset: never the whole list in memory)."""
    last = 0
    ordered = cases.order_by("pk")
    while ids := list(ordered.filter(pk__gt=last).values_list("pk", flat=True)[:size]):
        yield ids
        last = ids[-1]


def delete_evidence_files(case_ids: list[int]) -> int:
    """Delete every stored file of these cases' evidence — each FileField the model has (the
    cleaned copy, a sealed original…) — then the rows. Returns the number of files."""
    file_fields = [f for f in Evidence._meta.concrete_fields if isinstance(f, models.FileField)]
    evidence = Evidence.objects.filter(complaint_id__in=case_ids)
    removed = 0
    for item in evidence.only("pk", *(f.name for f in file_fields)).iterator():
        for field in file_fields:
            stored = getattr(item, field.name)
            if stored:
                stored.delete(save=False)
                removed += 1
    evidence.delete()
    return removed


def _scrub_copies(case_ids: list[int]) -> dict[str, int]:
    """Blank what other tables copied from the cases; keep who/when/what of each row."""
    notifications = Notification.objects.filter(complaint_id__in=case_ids)
    # An unsent message can no longer go anywhere: stop its retries.
    notifications.exclude(status=Notification.State.SENT).update(
        status=Notification.State.GAVE_UP, next_attempt_at=None
    )
    blanked = notifications.update(recipient="", body="", last_error="", sms_params={})
    logs = AccessLog.objects.filter(complaint_id__in=case_ids).exclude(detail="").update(detail="")
    ApiSubmission.objects.filter(complaint_id__in=case_ids).update(
        media_url="", sealed_access_code=""
    )
    events = CaseEvent.objects.filter(complaint_id__in=case_ids)
    # Every public text (system or staff) becomes the "purged" system text: its parameters go
    # with it, so nothing of the case is left in them.
    events.exclude(public_note="", note_code="").update(
        note_code=event_texts.PURGED, note_params={}, public_note=""
    )
    events.exclude(internal_note="").update(internal_note="")
    events.exclude(complainant_note="").update(complainant_note="")
    from complaints.mediation.services import purge_for_cases as purge_mediation

    purge_mediation(case_ids)  # the agreements' documents and the identities they copied
    return {
        "evidence_files": delete_evidence_files(case_ids),
        "notifications": blanked,
        "access_logs": logs,
    }


@transaction.atomic
def purge(case_ids: list[int], record: PurgeRecord, *, delete: bool = False) -> int:
    """Purge one batch of cases (anonymise, or delete the rows) and add it to the record."""
    cases = Complaint.objects.filter(pk__in=case_ids, purged_at__isnull=True)
    case_ids = list(cases.values_list("pk", flat=True))
    by_category = count_by_category(cases)
    counts = _scrub_copies(case_ids)
    if delete:
        cases.delete()  # the search entries go with the post_delete receiver
    else:
        now = timezone.now()
        cases.update(**PERSONAL_FIELDS, purged_at=now, updated_at=now)
        # Recorded without the signal: nobody is left to notify, the index work is below.
        CaseEvent.objects.bulk_create(
            CaseEvent(
                complaint_id=pk,
                created_at=now,
                actor_label=SYSTEM_ACTOR,
                action="purged",
                internal_note=f"保存期限清除记录 #{record.pk}",
            )
            for pk in case_ids
        )
        for pk in case_ids:
            indexing.remove_case(pk)
    record.cases += len(case_ids)
    for code, n in by_category.items():
        record.cases_by_category[code] = record.cases_by_category.get(code, 0) + n
    for name, n in counts.items():
        setattr(record, name, getattr(record, name) + n)
    record.save()
    return len(case_ids)
