"""The one entry point for actions on a case: staff (case page, bulk) and complainant (tracking).

`perform(case, actor, name, data)` asks `actions.require` (role and state), then runs the
service. Views only collect and validate input; they never decide whether an action is open.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from complaints import permissions
from complaints.models import Complaint, Evidence, StaffMembership

from . import actions, clock, event_texts, lifecycle, replies, workdays
from .actions import COMPLAINANT, ActionRefused, CaseError, InvalidInput
from .events import record_event
from .evidence import CheckedUpload, discard_files, store_evidence

CALENDAR_MISSING = _("该年度的法定节假日安排尚未录入，暂时无法计算期限。请联系系统管理员。")


def _notes(data) -> dict:
    return {
        "public_note": data.get("public_note", ""),
        "internal_note": data.get("internal_note", ""),
    }


@transaction.atomic
def extend_deadline(case: Complaint, *, actor, months: int, reason: str) -> Complaint:
    """A supervisor approves an extension of the handling deadline (capped by the profile)."""
    case = lifecycle.lock_case(case)
    actions.require(case, actor, "extend")
    if not reason.strip():
        raise InvalidInput(_("请填写延期理由。"))
    left = actions._extension_left(case)
    if not 1 <= months <= left:
        raise InvalidInput(
            ngettext_lazy(
                "本案最多还可延期 %(left)d 个月。", "本案最多还可延期 %(left)d 个月。", "left"
            ),
            left=left,
        )
    old_due = case.due_on
    clock.extend(case, months)
    case.is_overdue = case.due_on is not None and case.due_on < timezone.localdate()
    case.save()
    record_event(
        case,
        "extended",
        actor=actor,
        from_status=case.status,
        to_status=case.status,
        **event_texts.extended(months, case.due_on),
        internal_note=f"原期限 {old_due:%Y-%m-%d}；理由：{reason}",
    )
    return case


def assign(case: Complaint, *, actor, handler) -> Complaint:
    actions.require(case, actor, "assign")
    if not StaffMembership.objects.filter(user=handler, bureau_id=case.bureau_id).exists():
        raise InvalidInput(_("该承办人不属于本案的办理部门。"))
    return lifecycle.assign(case, handler=handler, actor=actor)


def attach(
    case: Complaint,
    *,
    actor,
    files: list[CheckedUpload],
    audience: str = Evidence.Audience.STAFF,
    note: str = "",
) -> list[Evidence]:
    """Staff attach files (an inspection photo, a decision letter): same checks and custody as
    citizens' evidence (cleaned copy + sealed original, both hashed), marked as staff's, internal
    unless `audience` lets the complainant see them. One transaction: all or none are kept."""
    actions.require(case, actor, "attach")
    if not files:
        raise InvalidInput(_("请选择要上传的文件。"))
    if audience not in Evidence.Audience.values:
        raise InvalidInput(_("请选择附件的可见范围。"))
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            for upload in files:
                item = store_evidence(case, upload, Evidence.Uploader.STAFF, note=note[:200])
                item.uploader, item.audience = actor, audience
                item.save(update_fields=["uploader", "audience"])
                stored.append(item)
            names = "、".join(upload.original_name for upload in files)
            seen_by = Evidence.Audience(audience).label
            record_event(
                case,
                "attachment_added",
                actor=actor,
                internal_note=f"添加附件：{names}（{seen_by}）" + (f"；{note}" if note else ""),
            )
    except BaseException:
        for item in stored:
            discard_files(item)
        raise
    return stored


def _staff_handlers():
    return {
        "accept": lambda c, u, d: lifecycle.accept(c, actor=u, **_notes(d)),
        "refuse": lambda c, u, d: lifecycle.refuse(c, actor=u, reason=d["reason"], **_notes(d)),
        "request_info": lambda c, u, d: lifecycle.request_information(c, actor=u, **_notes(d)),
        "start": lambda c, u, d: lifecycle.start_handling(c, actor=u, **_notes(d)),
        "mediation": lambda c, u, d: lifecycle.record_mediation(
            c, actor=u, agreed=d["agreed"], internal_note=d.get("internal_note", "")
        ),
        "resolve": lambda c, u, d: lifecycle.resolve(
            c,
            actor=u,
            outcome=d["outcome"],
            outcome_detail=d.get("outcome_detail", ""),
            **_notes(d),
        ),
        "close": lambda c, u, d: lifecycle.close(c, actor=u, **_notes(d)),
        "reopen": lambda c, u, d: lifecycle.reopen(c, reason=d["reason"], actor=u),
        "transfer": lambda c, u, d: lifecycle.transfer(
            c,
            to_bureau=d["to_bureau"],
            actor=u,
            reason=d["reason"],
            public_note=d.get("public_note", ""),
        ),
        "assign": lambda c, u, d: assign(c, actor=u, handler=d["handler"]),
        "extend": lambda c, u, d: extend_deadline(
            c, actor=u, months=d["months"], reason=d["reason"]
        ),
        "attach": lambda c, u, d: attach(
            c,
            actor=u,
            files=d["files"],
            audience=d.get("audience", Evidence.Audience.STAFF),
            note=d.get("note", ""),
        ),
    }


def _complainant_handlers():
    return {
        "supply": lambda c, d: lifecycle.supply_information(
            c, note=d["note"], files=d.get("files", [])
        ),
        "add_evidence": lambda c, d: lifecycle.add_evidence(
            c, files=d.get("files", []), note=d.get("note", "")
        ),
        "rate": lambda c, d: lifecycle.rate(c, score=d["score"], comment=d.get("comment", "")),
        "reopen": lambda c, d: lifecycle.reopen(c, reason=d["reason"]),
        "withdraw": lambda c, d: lifecycle.withdraw(c, reason=d["reason"]),
    }


STAFF_HANDLERS = _staff_handlers()
COMPLAINANT_HANDLERS = _complainant_handlers()
# Filled in by the respondents app (with its additions to the two dicts above).
RESPONDENT_HANDLERS: dict = {}


def perform(case: Complaint, actor, name: str, data: dict):
    """Run action `name` for `actor` (a staff user or COMPLAINANT) with validated `data`.

    Raises ActionRefused when the action is not open to the actor now, InvalidInput when the
    input does not allow it; both carry a message for the user."""
    actions.require(case, actor, name)
    try:
        if actor is COMPLAINANT:
            return COMPLAINANT_HANDLERS[name](case, data)
        if actions.rules_for(actor) is actions.RESPONDENT_RULES:
            return RESPONDENT_HANDLERS[name](case, actor, data)
        return STAFF_HANDLERS[name](case, actor, data)
    except workdays.CalendarUnavailable:
        raise CaseError(CALENDAR_MISSING) from None


# Bulk work for supervisors -------------------------------------------------------------------

BULK_ACTIONS = ("accept", "assign", "transfer", "request_info")
BULK_LIMIT = 200
NOT_FOUND = _("未找到该案件，或您不是其办理部门的负责人。")


@dataclass(frozen=True)
class BulkOutcome:
    case_id: int
    tracking_number: str
    done: bool
    message: str = ""


def bulk_cases(actor, ids) -> list[Complaint]:
    """The chosen cases in bureaus `actor` supervises (others are simply not found)."""
    supervised = permissions.supervised_bureau_ids(actor)
    qs = Complaint.objects.filter(pk__in=list(ids)[:BULK_LIMIT]).select_related(
        "bureau", "category__clock_profile", "category__report_clock_profile"
    )
    if supervised is not None:
        qs = qs.filter(bureau_id__in=supervised)
    return list(qs.order_by("pk"))


def bulk_perform(actor, ids, name: str, data: dict, template=None) -> list[BulkOutcome]:
    """Apply `name` to each chosen case by the same rules as one case (`perform`); each case
    in its own transaction, so one refusal does not undo the others. Returns one outcome per
    case asked for: done, or refused with the reason (cases the actor does not supervise are
    reported as not found)."""
    if name not in BULK_ACTIONS:
        raise InvalidInput(_("不支持该批量操作。"))
    wanted = list(dict.fromkeys(int(pk) for pk in ids))[:BULK_LIMIT]
    found = {case.pk: case for case in bulk_cases(actor, wanted)}
    outcomes = []
    for pk in wanted:
        case = found.get(pk)
        if case is None:
            outcomes.append(BulkOutcome(pk, "", False, str(NOT_FOUND)))
            continue
        values = dict(data)
        try:
            with transaction.atomic():
                if not permissions.is_supervisor(actor, case.bureau_id):
                    raise ActionRefused(_("只有本部门负责人可以批量办理。"))
                if template is not None and not values.get("public_note", "").strip():
                    if template.category_id not in (None, case.category_id):
                        raise InvalidInput(_("所选答复模板不适用于本案类别。"))
                    values["public_note"] = replies.render(template.text, case)
                perform(case, actor, name, values)
        except CaseError as error:
            outcomes.append(BulkOutcome(pk, case.tracking_number, False, str(error)))
        else:
            outcomes.append(BulkOutcome(pk, case.tracking_number, True))
    return outcomes
