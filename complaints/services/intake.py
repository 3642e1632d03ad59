"""Filing a case: one transaction creates, routes, starts the clock, records and stores evidence."""

from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints.models import (
    Category,
    ClockStep,
    Complaint,
    District,
    Evidence,
    Kind,
    RespondentType,
    Source,
    Status,
)

from . import access, clock, event_texts, routing
from .events import record_event
from .evidence import CheckedUpload, discard_files, store_evidence


class IntakeError(ValueError):
    """The submission cannot be filed as given (a message safe to show the submitter)."""


@dataclass
class IntakeData:
    kind: str
    category: Category
    facts: str
    district: District | None = None
    is_online: bool = False
    is_cross_district: bool = False
    is_anonymous: bool = False
    complainant_name: str = ""
    complainant_phone: str = ""
    complainant_email: str = ""
    complainant_id_type: str = ""
    complainant_id_number: str = ""
    complainant_address: str = ""
    is_agent_filing: bool = False
    agent_name: str = ""
    respondent_name: str = ""
    respondent_type: str = ""
    respondent_credit_code: str = ""
    respondent_address: str = ""
    respondent_shop_name: str = ""
    respondent_url: str = ""
    respondent_platform: str = ""
    ip_right_type: str = ""
    ip_right_number: str = ""
    request: str = ""
    publication_consent: bool = False
    # The language the case is filed in (its SMS and e-mail go out in it): "zh-hans" or "en".
    language: str = "zh-hans"
    extra: dict = field(default_factory=dict)

    def complaint_fields(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}


@dataclass(frozen=True)
class SubmitResult:
    complaint: Complaint
    access_code: str | None
    created: bool


def _validate(data: IntakeData) -> None:
    if data.kind not in Kind.values:
        raise IntakeError("unknown kind")
    if data.kind not in data.category.allowed_kinds:
        raise IntakeError(f"{data.category.name} does not accept {data.kind}")
    if data.is_anonymous and data.kind != Kind.REPORT:
        raise IntakeError("only a report (举报) may be anonymous")
    if not data.is_anonymous and not (data.complainant_name and data.complainant_phone):
        raise IntakeError("name and phone are required unless the report is anonymous")
    if not data.facts.strip():
        raise IntakeError("facts are required")
    if data.respondent_type not in ("", *RespondentType.values):
        raise IntakeError("unknown respondent type")
    _check_text(data)


def _check_text(data: IntakeData) -> None:
    """Refuse what the database would reject with an error (or SQLite silently keep): NUL,
    lone surrogates that are not encodable as UTF-8, and text longer than its column."""
    for f in fields(data):
        value = getattr(data, f.name)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise IntakeError(f"{f.name} contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise IntakeError(f"{f.name} is not valid UTF-8 text") from None
        limit = getattr(Complaint._meta.get_field(f.name), "max_length", None)
        if limit and len(value) > limit:
            raise IntakeError(f"{f.name} is longer than {limit} characters")


def _save_with_unique_number(complaint: Complaint) -> None:
    """Retry on the (rare) collision of a random tracking number."""
    for _attempt in range(8):
        complaint.tracking_number = access.new_tracking_number()
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
            return
        except IntegrityError:
            complaint.pk = None
            if not Complaint.objects.filter(tracking_number=complaint.tracking_number).exists():
                raise
    raise RuntimeError("could not allocate a tracking number")


POA_NOTE = "授权委托书"


def submit_complaint(
    data: IntakeData,
    *,
    files: Sequence[CheckedUpload] = (),
    power_of_attorney: Sequence[CheckedUpload] = (),
    source: str = Source.WEB,
    actor_label: str = "公众",
    actor=None,
    intake_note: str = "",
    idempotency_key: str | None = None,
    uploaded_by: str = Evidence.Uploader.COMPLAINANT,
) -> SubmitResult:
    if idempotency_key:
        existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return SubmitResult(existing, None, created=False)
    _validate(data)
    data.language = event_texts.case_language(data.language)
    if data.is_anonymous:
        data.complainant_name = data.complainant_phone = data.complainant_id_number = ""
    decision = routing.route(
        data.category,
        data.district,
        is_online=data.is_online,
        is_cross_district=data.is_cross_district,
    )
    access_code = access.new_access_code()
    now = timezone.now()
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            complaint = Complaint(
                **data.complaint_fields(),
                channel_id=data.category.channel_id,
                bureau=decision.bureau,
                status=Status.SUBMITTED,
                source=source,
                submitted_at=now,
                publication_consent_at=now if data.publication_consent else None,
                access_code_hash=access.hash_access_code(access_code),
                idempotency_key=idempotency_key or None,
            )
            clock.start_step(complaint, ClockStep.ACCEPTANCE, timezone.localdate())
            _save_with_unique_number(complaint)
            for upload in files:
                stored.append(store_evidence(complaint, upload, uploaded_by))
            for upload in power_of_attorney:  # an agent's authority, kept like evidence
                stored.append(store_evidence(complaint, upload, uploaded_by, note=POA_NOTE))
            record_event(
                complaint,
                "submitted",
                actor=actor,
                actor_label="" if actor is not None else actor_label,
                to_status=Status.SUBMITTED,
                to_bureau=decision.bureau,
                **event_texts.received(decision.bureau),
                internal_note="\n".join(
                    filter(None, [intake_note, f"分派依据：{decision.reason}"])
                ),
                created=True,
            )
    except IntegrityError:
        _discard_files(stored)
        if idempotency_key:
            # A concurrent retry with the same key won the race: answer with its case.
            existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return SubmitResult(existing, None, created=False)
        raise
    except BaseException:
        _discard_files(stored)
        raise
    return SubmitResult(complaint, access_code, created=True)


def _discard_files(stored: list[Evidence]) -> None:
    """No orphaned evidence files when the transaction that referenced them rolled back."""
    for evidence in stored:
        discard_files(evidence)
