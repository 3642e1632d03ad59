"""Mediation that ends in a document: draft → both parties confirm → the bureau seals →
a packet for judicial confirmation (司法确认) at the court.

The one place that decides which step is open to whom now is `available_steps`; every
function here checks it again under the row locks, whoever calls it. The staff role half is
asked of `complaints.services.actions` (the "mediation" action: staff of the handling bureau,
case accepted or in handling).

Who reads what: the terms go to both parties and the court, never into an event's public note
(tracking page, SMS, Open311). The respondent never sees the complainant's identity: their copy
comes from `respondent_pdf`, with the name masked.
"""

import csv
import datetime
import hashlib
import io
import json
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import permissions
from complaints.models import Bureau, Complaint, Kind
from complaints.services import actions, event_texts, lifecycle
from complaints.services.actions import COMPLAINANT, ActionRefused, InvalidInput
from complaints.services.events import record_event

from . import pdf
from .models import MediationAgreement, Party

State = MediationAgreement.State
HANDLED = actions.HANDLED
# People's Mediation Law art. 33: the parties apply jointly within 30 days of the agreement
# taking effect; configurable.
DEFAULT_CONFIRMATION_DAYS = 30
DEFAULT_COURT_CODE = "wh-court"

STAFF_STEPS = ("draft", "confirm_in_person", "seal", "download", "packet")
PARTY_STEPS = ("confirm", "decline", "download")

# Public texts (event_texts codes): short, fixed, no terms, no names (the tracking page, SMS
# and Open311 show them, each in its reader's language).
DRAFTED_NOTE = event_texts.note(event_texts.MEDIATION_DRAFTED)
CONFIRMED_NOTES = {
    Party.COMPLAINANT: event_texts.note(event_texts.MEDIATION_CONFIRMED_COMPLAINANT),
    Party.RESPONDENT: event_texts.note(event_texts.MEDIATION_CONFIRMED_RESPONDENT),
}
DECLINED_NOTE = event_texts.note(event_texts.MEDIATION_DECLINED)
NO_NOTE: dict = {}


class AgreementSealed(ActionRefused):
    """A sealed agreement's document is never regenerated or changed."""


def confirmation_days() -> int:
    return int(getattr(settings, "MEDIATION_JUDICIAL_CONFIRMATION_DAYS", DEFAULT_CONFIRMATION_DAYS))


def court() -> Bureau | None:
    code = getattr(settings, "MEDIATION_COURT_BUREAU", DEFAULT_COURT_CODE)
    return Bureau.objects.filter(code=code).first()


def current(case: Complaint) -> MediationAgreement | None:
    """The latest version of the case's agreement, if any."""
    return (
        MediationAgreement.objects.filter(complaint=case)
        .select_related("bureau", "mediator", "complaint__category")
        .order_by("-version")
        .first()
    )


def judicial_deadline(agreement: MediationAgreement) -> datetime.date | None:
    if agreement.sealed_at is None:
        return None
    return timezone.localdate(agreement.sealed_at) + datetime.timedelta(days=confirmation_days())


# --- who may do what now: the one place -------------------------------------------------


def _staff_handles(case: Complaint, actor) -> bool:
    """Staff of the handling bureau, case accepted or in handling (asked of `actions`)."""
    return "mediation" in actions.available_actions(case, actor)


def _party_open(case: Complaint, agreement, party: str) -> bool:
    return (
        agreement is not None
        and agreement.state == State.PENDING
        and case.status in HANDLED
        and agreement.confirmed_at(party) is None
    )


def available_steps(
    case: Complaint, actor, *, party: str | None = None, agreement=None
) -> list[str]:
    """The mediation steps open to `actor` on `case` now.

    `actor`: a staff user; COMPLAINANT (the holder of the tracking grant, authorised by the
    view); or, with `party="respondent"`, a respondent user the respondent portal has already
    authorised for this case."""
    agreement = agreement if agreement is not None else current(case)
    steps = []
    if actor is COMPLAINANT or party == Party.RESPONDENT:
        who = Party.COMPLAINANT if actor is COMPLAINANT else Party.RESPONDENT
        if _party_open(case, agreement, who):
            steps += ["confirm", "decline"]
        if agreement is not None and agreement.state in (State.PENDING, State.SEALED):
            steps.append("download")
        return steps
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    handles = _staff_handles(case, actor)
    if handles and case.kind == Kind.COMPLAINT and (agreement is None or not agreement.is_sealed):
        steps.append("draft")
    # A case transferred after the draft needs a new draft in the new bureau's name.
    ours = agreement is not None and agreement.bureau_id == case.bureau_id
    if handles and ours and agreement.state == State.PENDING:
        steps.append("seal" if agreement.both_confirmed else "confirm_in_person")
    if agreement is not None and _staff_reads(case, actor):
        steps.append("download")
        if agreement.is_sealed and permissions.can_act(actor, case):
            steps.append("packet")
    return steps


def _staff_reads(case: Complaint, actor) -> bool:
    """Staff who may read the case (the handling bureau, or one that transferred it away)."""
    if permissions.can_act(actor, case):
        return True
    ids = permissions.bureau_ids(actor)
    return bool(ids) and permissions.transferred_away(case, ids)


def require_step(case, actor, step: str, *, party=None, agreement=None) -> None:
    if step not in available_steps(case, actor, party=party, agreement=agreement):
        raise ActionRefused(_("当前不能对本案的调解协议执行该操作，或您无权执行。"))


def _locked(agreement: MediationAgreement) -> tuple[Complaint, MediationAgreement]:
    case = lifecycle.lock_case(agreement.complaint)
    locked = (
        MediationAgreement.objects.select_for_update(of=("self",))
        .select_related("bureau", "mediator")
        .get(pk=agreement.pk)
    )
    locked.complaint = case
    if current(case).pk != locked.pk:
        raise ActionRefused(_("该调解协议已被新版本取代。"))
    return case, locked


# --- the document -----------------------------------------------------------------------


def _store(agreement: MediationAgreement, content: bytes) -> None:
    """Replace the bureau's copy; refused once the agreement is sealed (checked in the
    database, not on the object in hand)."""
    if MediationAgreement.objects.filter(pk=agreement.pk, state=State.SEALED).exists():
        raise AgreementSealed(_("调解协议已盖章生效，不能再修改。"))
    old = agreement.pdf.name if agreement.pdf else ""
    agreement.pdf.save(
        f"{agreement.complaint.tracking_number}.pdf", ContentFile(content), save=False
    )
    agreement.pdf_sha256 = hashlib.sha256(content).hexdigest()
    agreement.save()
    if old and old != agreement.pdf.name:
        agreement.pdf.storage.delete(old)


def _render(agreement: MediationAgreement, **kwargs) -> bytes:
    from django.utils import translation

    with translation.override("zh-hans"):
        return pdf.agreement_pdf(agreement, **kwargs)


def document(agreement: MediationAgreement) -> bytes:
    """The bureau's copy as stored (also the complainant's and the court's): full identity.
    Raises AgreementSealed if a sealed copy no longer matches its recorded SHA-256."""
    with agreement.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != agreement.pdf_sha256:
        raise AgreementSealed(_("调解协议文件与记录的校验码不符，请联系系统管理员。"))
    return content


def respondent_pdf(agreement: MediationAgreement) -> bytes:
    """The respondent's copy: the same agreement with the complainant's name masked and no
    identity number or address. For the respondent portal (after it authorised the user)."""
    if agreement.state not in (State.PENDING, State.SEALED):
        raise ActionRefused(_("该调解协议已失效。"))
    return _render(agreement, masked=True)


def filename(agreement: MediationAgreement, suffix: str = "") -> str:
    return f"mediation-{agreement.complaint.tracking_number}-v{agreement.version}{suffix}.pdf"


# --- the steps --------------------------------------------------------------------------


@transaction.atomic
def draft_agreement(case: Complaint, terms: str, actor) -> MediationAgreement:
    """The handler records the terms both parties agreed to; a new version supersedes a pending
    or declined one."""
    case = lifecycle.lock_case(case)
    require_step(case, actor, "draft")
    terms = (terms or "").strip()
    if not terms:
        raise InvalidInput(_("请填写调解协议内容。"))
    if case.is_anonymous or not case.complainant_name.strip():
        raise InvalidInput(_("匿名或未登记投诉人姓名的案件不能制作调解协议。"))
    if not case.respondent_name.strip():
        raise InvalidInput(_("本案未登记被投诉人，不能制作调解协议。"))
    previous = current(case)
    if previous is not None and previous.state == State.PENDING:
        previous.state = State.SUPERSEDED
        previous.save(update_fields=["state"])
    agreement = MediationAgreement(
        complaint=case,
        version=(previous.version + 1) if previous else 1,
        terms=terms,
        complainant_name=case.complainant_name,
        complainant_id_type=case.complainant_id_type,
        complainant_id_number=case.complainant_id_number,
        complainant_address=case.complainant_address,
        respondent_name=case.respondent_name,
        respondent_credit_code=case.respondent_credit_code,
        respondent_address=case.respondent_address,
        bureau=case.bureau,
        mediator=actor,
        drafted_at=timezone.now(),
    )
    agreement.save()
    _store(agreement, _render(agreement))
    record_event(
        case,
        "mediation_drafted",
        actor=actor,
        **DRAFTED_NOTE,
        internal_note=f"第{agreement.version}版调解协议已拟定，待双方确认。",
    )
    return agreement


@transaction.atomic
def confirm(
    agreement: MediationAgreement, party: str, actor, *, in_person: bool = False, reason: str = ""
) -> MediationAgreement:
    """A party confirms the agreement: the complainant online (actor COMPLAINANT, authorised by
    the tracking grant or their account), the respondent online (a respondent user, authorised
    by the respondent portal), or either in person, recorded by the handler with a reason."""
    if party not in Party.values:
        raise InvalidInput(_("请选择确认的一方。"))
    case, agreement = _locked(agreement)
    if in_person:
        require_step(case, actor, "confirm_in_person", agreement=agreement)
        if not reason.strip():
            raise InvalidInput(_("请说明当面确认的情况（时间、地点、确认人）。"))
        if agreement.confirmed_at(party) is not None:
            raise ActionRefused(_("该方已确认本协议。"))
    else:
        if (party == Party.COMPLAINANT) != (actor is COMPLAINANT):
            raise ActionRefused(_("当前不能对本案的调解协议执行该操作，或您无权执行。"))
        require_step(case, actor, "confirm", party=party, agreement=agreement)
    now = timezone.now()
    setattr(agreement, f"{party}_confirmed_at", now)
    if in_person:
        setattr(agreement, f"{party}_confirmed_by", actor)
        setattr(agreement, f"{party}_confirmation_note", reason.strip()[:300])
        if party == Party.RESPONDENT:
            agreement.respondent_confirmed_in_person = True
    elif party == Party.RESPONDENT:
        agreement.respondent_confirmed_by = actor
    _store(agreement, _render(agreement))
    labels = {Party.COMPLAINANT: "投诉人", Party.RESPONDENT: "被投诉人"}
    # The complainant's own online confirmation needs no message back (no public note: the
    # tracking page shows it as their own action); the others are told to them.
    own = party == Party.COMPLAINANT and not in_person
    record_event(
        case,
        "mediation_confirmed",
        actor=actor if in_person else None,
        actor_label="" if in_person else labels[party],
        **(NO_NOTE if own else CONFIRMED_NOTES[party]),
        complainant_note=f"您已在线确认第{agreement.version}版调解协议。" if own else "",
        internal_note=(
            f"第{agreement.version}版：{Party(party).label}当面确认，由承办人记录。{reason.strip()}"
            if in_person
            else f"第{agreement.version}版：{Party(party).label}在线确认。"
        ),
    )
    return agreement


def respondent_confirm(agreement: MediationAgreement, respondent_user) -> MediationAgreement:
    """For the respondent portal: `respondent_user` has been authorised there for this case."""
    if respondent_user is None or not getattr(respondent_user, "is_authenticated", False):
        raise ActionRefused(_("当前不能对本案的调解协议执行该操作，或您无权执行。"))
    return confirm(agreement, Party.RESPONDENT, respondent_user)


@transaction.atomic
def decline(agreement: MediationAgreement, party: str, actor, *, reason: str) -> MediationAgreement:
    """A party does not agree to this version: it stops here; the handler may draft anew.
    The complainant's reason is their words (complainant note); the respondent's is internal."""
    if party not in Party.values or (party == Party.COMPLAINANT) != (actor is COMPLAINANT):
        raise ActionRefused(_("当前不能对本案的调解协议执行该操作，或您无权执行。"))
    if not (reason or "").strip():
        raise InvalidInput(_("请填写不同意的理由。"))
    case, agreement = _locked(agreement)
    require_step(case, actor, "decline", party=party, agreement=agreement)
    agreement.state = State.DECLINED
    agreement.declined_at = timezone.now()
    agreement.declined_by = party
    agreement.declined_reason = reason.strip()
    agreement.save()
    words = f"不同意第{agreement.version}版调解协议：{reason.strip()}"
    record_event(
        case,
        "mediation_declined",
        actor_label="投诉人" if party == Party.COMPLAINANT else "被投诉人",
        # The complainant's own decline needs no message back; the respondent's is told to them.
        **(NO_NOTE if party == Party.COMPLAINANT else DECLINED_NOTE),
        complainant_note=words if party == Party.COMPLAINANT else "",
        internal_note="" if party == Party.COMPLAINANT else words,
    )
    return agreement


def respondent_decline(agreement: MediationAgreement, respondent_user, reason: str):
    """For the respondent portal, like `respondent_confirm`."""
    if respondent_user is None or not getattr(respondent_user, "is_authenticated", False):
        raise ActionRefused(_("当前不能对本案的调解协议执行该操作，或您无权执行。"))
    return decline(agreement, Party.RESPONDENT, respondent_user, reason=reason)


@transaction.atomic
def seal(agreement: MediationAgreement, actor) -> MediationAgreement:
    """The bureau seals an agreement both parties confirmed: the final document is drawn once
    (with the seal and the hash of the confirmed text) and the mediation is recorded as agreed.
    Resolving the case stays with the handler."""
    case, agreement = _locked(agreement)
    require_step(case, actor, "seal", agreement=agreement)
    if not agreement.both_confirmed:
        raise ActionRefused(_("双方当事人均确认后才能盖章。"))
    agreement.confirmed_sha256 = agreement.pdf_sha256
    agreement.sealed_at = timezone.now()
    agreement.sealed_by = actor
    _store(agreement, _render(agreement, sealed=True))
    agreement.state = State.SEALED
    agreement.save(update_fields=["state"])
    lifecycle.record_mediation(
        case,
        actor=actor,
        agreed=True,
        internal_note=(
            f"第{agreement.version}版调解协议已盖章生效（SHA-256 {agreement.pdf_sha256[:16]}）。"
        ),
    )
    return agreement


# --- the packet for the court -----------------------------------------------------------

PACKET_DATE = (1980, 1, 1, 0, 0, 0)


def _evidence_csv(case: Complaint) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["序号", "文件名", "类型", "大小（字节）", "上传时间", "SHA-256（原件）", "SHA-256（副本）"]
    )
    for number, item in enumerate(case.evidence.order_by("uploaded_at", "id"), start=1):
        writer.writerow(
            [
                number,
                item.original_name,
                item.content_type,
                item.original_size or item.size,
                timezone.localtime(item.uploaded_at).strftime("%Y-%m-%d %H:%M"),
                item.original_sha256,
                item.sha256,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def judicial_packet(agreement: MediationAgreement) -> bytes:
    """A ZIP for the joint application for judicial confirmation: the sealed agreement, the
    pre-filled application (司法确认申请书), a case summary, the evidence list with SHA-256s and
    a manifest of every file's SHA-256."""
    if not agreement.is_sealed:
        raise ActionRefused(_("调解协议盖章生效后才能导出司法确认材料。"))
    from django.utils import translation

    case = agreement.complaint
    target = court()
    court_name = target.name if target else "武汉市中级人民法院"
    deadline = judicial_deadline(agreement)
    evidence = list(case.evidence.order_by("uploaded_at", "id"))
    with translation.override("zh-hans"):
        files = {
            "01-agreement.pdf": document(agreement),
            "02-application.pdf": pdf.application_pdf(agreement, court_name, deadline),
            "03-case-summary.pdf": pdf.summary_pdf(
                agreement, list(case.events.order_by("created_at", "id")), evidence
            ),
            "04-evidence.csv": _evidence_csv(case),
        }
    manifest = {
        "tracking_number": case.tracking_number,
        "agreement_version": agreement.version,
        "bureau": agreement.bureau.name,
        "court": court_name,
        "sealed_at": timezone.localtime(agreement.sealed_at).isoformat(),
        "apply_by": deadline.isoformat(),
        "agreement_sha256": agreement.pdf_sha256,
        "confirmed_text_sha256": agreement.confirmed_sha256,
        "files": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in files.items()
        ],
        "evidence": [
            {
                "name": item.original_name,
                "sha256_original": item.original_sha256,
                "sha256_copy": item.sha256,
            }
            for item in evidence
        ],
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, PACKET_DATE), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --- retention ----------------------------------------------------------------------------

PURGED_TEXT = "（已按保存期限清除）"


def purge_for_cases(case_ids: list[int]) -> int:
    """Retention (`complaints.services.retention`): the agreements of these cases lose their
    documents and every personal detail they copied; the rows stay (version, state, dates) for
    the record. Returns how many agreements were scrubbed."""
    agreements = MediationAgreement.objects.filter(complaint_id__in=case_ids)
    for agreement in agreements.only("pk", "pdf").iterator():
        if agreement.pdf:
            agreement.pdf.delete(save=False)
    return agreements.update(
        pdf="",
        terms=PURGED_TEXT,
        complainant_name="",
        complainant_id_type="",
        complainant_id_number="",
        complainant_address="",
        respondent_address="",
        complainant_confirmation_note="",
        respondent_confirmation_note="",
        declined_reason="",
    )
