"""Keeping the public database in step with the cases: publish closed cases after the delay,
take out what must leave (reopened, purged), one batch at a time.

Never loads the case table into Python: candidates are read in keyset batches of ids, each
batch's clock records in one query, and rows are written with bulk_create.
"""

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from complaints.models import CaseEvent, ClockRecord, Complaint, Status
from records import conf, counts, rules
from records.models import PublicRecord, WithholdingLog
from records.scrubber import scrub
from search.api import index_object

from .. import indexing

BATCH = 500
FIELDS = (
    "id",
    "submitted_at",
    "closed_at",
    "channel_id",
    "category_id",
    "district_id",
    "kind",
    "outcome",
    "respondent_type",
    "respondent_name",
    "respondent_credit_code",
    "ever_breached",
    "publication_consent",
    "facts",
)
Progress = Callable[[int], None]


def cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=conf.publication_delay_days())


def eligible_cases(now=None):
    """Cases the public database may hold: closed, past the delay, personal data not purged."""
    return Complaint.objects.filter(
        status=Status.CLOSED, closed_at__lte=cutoff(now), purged_at__isnull=True
    )


def unpublished_cases(now=None):
    return eligible_cases(now).filter(public_record__isnull=True)


def build_record(case: dict, steps: list[tuple[str, int]], withheld_reason: str | None):
    """The public record of one case (a dict of FIELDS), from what the case recorded."""
    received_on = timezone.localdate(case["submitted_at"])
    name, code = rules.public_respondent(
        case["respondent_type"], case["respondent_name"], case["respondent_credit_code"]
    )
    return PublicRecord(
        complaint_id=case["id"],
        received_on=received_on,
        received_month=received_on.replace(day=1),
        closed_on=timezone.localdate(case["closed_at"]),
        channel_id=case["channel_id"],
        category_id=case["category_id"],
        district_id=case["district_id"],
        kind=case["kind"],
        outcome=case["outcome"],
        respondent_name=name,
        respondent_credit_code=code,
        narrative=scrub(case["facts"]) if case["publication_consent"] else "",
        withheld=withheld_reason is not None,
        withheld_reason=withheld_reason or "",
        **rules.clock_facts(steps, case["ever_breached"]),
    )


def _steps(case_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    steps: dict[int, list[tuple[str, int]]] = {pk: [] for pk in case_ids}
    rows = ClockRecord.objects.filter(complaint_id__in=case_ids).values_list(
        "complaint_id", "step", "late_working_days"
    )
    for case_id, step, late in rows:
        steps[case_id].append((step, late))
    return steps


def _withholdings(case_ids: list[int]) -> dict[int, str]:
    """Cases withheld when last published (a reopened case keeps its withholding)."""
    latest: dict[int, tuple[str, str]] = {}
    rows = (
        WithholdingLog.objects.filter(complaint_id__in=case_ids)
        .order_by("created_at", "id")
        .values_list("complaint_id", "action", "reason")
    )
    for case_id, action, reason in rows:
        latest[case_id] = (action, reason)
    return {
        pk: reason
        for pk, (action, reason) in latest.items()
        if action == WithholdingLog.Action.WITHHELD
    }


def publish_batch(cases: list[dict], *, index: bool = True) -> int:
    ids = [case["id"] for case in cases]
    steps, withheld = _steps(ids), _withholdings(ids)
    records = [build_record(case, steps[case["id"]], withheld.get(case["id"])) for case in cases]
    transaction.on_commit(counts.changed)
    try:
        with transaction.atomic():
            PublicRecord.objects.bulk_create(records)
            if index:
                for record in records:
                    index_object(indexing.SOURCE.name, record.pk)
    except IntegrityError:
        # Another run published some of these meanwhile: one by one, skipping those.
        created = 0
        for record in records:
            with transaction.atomic():
                if not PublicRecord.objects.filter(complaint_id=record.complaint_id).exists():
                    record.save()
                    created += 1
                    if index:
                        index_object(indexing.SOURCE.name, record.pk)
        return created
    return len(records)


def publish(
    now=None, *, batch_size: int = BATCH, index: bool = True, progress: Progress | None = None
) -> int:
    """Publish every eligible case without a record; returns how many were published."""
    candidates = unpublished_cases(now).order_by("pk")
    last, done = 0, 0
    while True:
        cases = list(candidates.filter(pk__gt=last).values(*FIELDS)[:batch_size])
        if not cases:
            break
        last = cases[-1]["id"]
        done += publish_batch(cases, index=index)
        if progress:
            progress(done)
    return done


def stale_records():
    """Records whose case may no longer be public: reopened, or its personal data purged."""
    return PublicRecord.objects.filter(
        ~Q(complaint__status=Status.CLOSED) | Q(complaint__purged_at__isnull=False)
    )


def remove(records) -> int:
    """Delete records (their search entries go with the post_delete receiver)."""
    count = 0
    for ids in _id_chunks(records):
        count += PublicRecord.objects.filter(pk__in=ids).delete()[0]
    return count


def _id_chunks(records, size: int = BATCH):
    last = 0
    ordered = records.order_by("pk")
    while ids := list(ordered.filter(pk__gt=last).values_list("pk", flat=True)[:size]):
        yield ids
        last = ids[-1]


def remove_purged_since(started_at: datetime.datetime) -> int:
    """Records of cases a retention run purged since it started (found through the run's
    "purged" case events, by their indexed time)."""
    purged = CaseEvent.objects.filter(action="purged", created_at__gte=started_at).values(
        "complaint_id"
    )
    return remove(PublicRecord.objects.filter(complaint_id__in=purged))


def unpublish_case(case_id: int) -> int:
    return remove(PublicRecord.objects.filter(complaint_id=case_id))


def sync(now=None, *, batch_size: int = BATCH, index: bool = True, progress=None) -> dict:
    """One step of the publication job: take out what must leave, publish what is due."""
    removed = remove(stale_records())
    published = publish(now, batch_size=batch_size, index=index, progress=progress)
    return {"removed": removed, "published": published}
