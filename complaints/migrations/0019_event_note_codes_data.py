"""Existing system texts (Chinese sentences in CaseEvent.public_note) become a code + parameters
(complaints.services.event_texts), so they are read in each reader's language.

Only a public note that is exactly one of the system's sentences is converted (a transfer's
sentence may be followed by staff's note, which stays as free text); anything else is left as
it is. Walks the events in primary-key batches, one transaction per batch (safe on a large
table; re-running it converts nothing twice). The sentences and codes are copied here as they
were when this migration was written, so it does not change when the registry does.
"""

import re

from django.db import migrations, transaction

BATCH_SIZE = 5000

FIXED = {
    "您的投诉举报已受理。": "accepted",
    "本案已结案。": "closed",
    "申请重新办理的期限已过，本案已结案。": "auto_closed",
    "投诉人已撤回本案。": "withdrawn",
    "投诉人已补充材料，办理期限恢复计算。": "supplied",
    "应投诉人申请，本案重新办理。": "reopened",
    "调解达成协议。": "mediation_agreed",
    "调解未达成协议。": "mediation_failed",
    "（已按保存期限清除）": "purged",
}
REFUSAL_REASONS = {
    "不属于本部门职责范围": "out_of_remit",
    "已由法院、仲裁机构或其他部门处理": "handled_elsewhere",
    "超过法定时限": "time_limit",
    "材料不全且未按要求补正": "incomplete",
    "没有明确的被投诉人": "no_clear_respondent",
}
RECEIVED = re.compile(r"已收到，由(?P<bureau>[^，。]+)办理。")
TRANSFERRED = re.compile(r"已移送(?P<bureau>[^：。]+)办理。(?P<rest>.*)", re.DOTALL)
REFUSED = re.compile(r"不予受理：(?P<label>.+)")
EXTENDED = re.compile(r"办理期限经批准延长(?P<months>[1-9]\d?)个月，至(?P<due>\d{4}-\d{2}-\d{2})。")


def convert(public_note: str, to_bureau: tuple[str, str] | None, bureau_codes: dict) -> dict:
    """The fields to change for one event's public note ({} to leave it as it is).

    `to_bureau` is the event's (name, code); `bureau_codes` maps every bureau's name to its code.
    """

    def bureau_code(name: str) -> str | None:
        if to_bureau and to_bureau[0] == name:
            return to_bureau[1]
        return bureau_codes.get(name)

    def coded(code: str, rest: str = "", **params) -> dict:
        return {"note_code": code, "note_params": params, "public_note": rest}

    if public_note in FIXED:
        return coded(FIXED[public_note])
    if match := RECEIVED.fullmatch(public_note):
        code = bureau_code(match["bureau"])
        return coded("received", bureau=code) if code else {}
    if match := TRANSFERRED.fullmatch(public_note):
        code = bureau_code(match["bureau"])
        return coded("transferred", match["rest"].strip(), bureau=code) if code else {}
    if (match := REFUSED.fullmatch(public_note)) and match["label"] in REFUSAL_REASONS:
        return coded("refused", reason=REFUSAL_REASONS[match["label"]])
    if match := EXTENDED.fullmatch(public_note):
        return coded("extended", months=int(match["months"]), due=match["due"])
    return {}


def to_codes(apps, schema_editor):
    CaseEvent = apps.get_model("complaints", "CaseEvent")
    Bureau = apps.get_model("complaints", "Bureau")
    bureau_codes = dict(Bureau.objects.values_list("name", "code"))
    events = CaseEvent.objects.filter(note_code="").exclude(public_note="").order_by("pk")
    last_pk = 0
    while True:
        rows = list(
            events.filter(pk__gt=last_pk).values_list(
                "pk", "public_note", "to_bureau__name", "to_bureau__code"
            )[:BATCH_SIZE]
        )
        if not rows:
            return
        last_pk = rows[-1][0]
        changed = []
        for pk, public_note, bureau_name, code in rows:
            to_bureau = (bureau_name, code) if code else None
            changes = convert(public_note, to_bureau, bureau_codes)
            if changes:
                changed.append(CaseEvent(pk=pk, **changes))
        if changed:
            with transaction.atomic():
                CaseEvent.objects.bulk_update(
                    changed, ["note_code", "note_params", "public_note"], batch_size=1000
                )


# Back to the Chinese sentences (the fields are then dropped by 0017's reversal).
SENTENCES = {code: text for text, code in FIXED.items()}
REASON_LABELS = {value: label for label, value in REFUSAL_REASONS.items()}


def sentence(code: str, params: dict, bureau_names: dict) -> str:
    if code in SENTENCES:
        return SENTENCES[code]
    bureau = bureau_names.get(params.get("bureau"), params.get("bureau", ""))
    if code == "received":
        return f"已收到，由{bureau}办理。"
    if code == "transferred":
        return f"已移送{bureau}办理。"
    if code == "refused":
        reason = params.get("reason", "")
        return f"不予受理：{REASON_LABELS.get(reason, reason)}"
    if code == "extended":
        return f"办理期限经批准延长{params.get('months')}个月，至{params.get('due')}。"
    return ""


def to_sentences(apps, schema_editor):
    CaseEvent = apps.get_model("complaints", "CaseEvent")
    Bureau = apps.get_model("complaints", "Bureau")
    bureau_names = dict(Bureau.objects.values_list("code", "name"))
    events = CaseEvent.objects.exclude(note_code="").order_by("pk")
    last_pk = 0
    while True:
        rows = list(
            events.filter(pk__gt=last_pk).values_list(
                "pk", "note_code", "note_params", "public_note"
            )[:BATCH_SIZE]
        )
        if not rows:
            return
        last_pk = rows[-1][0]
        changed = [
            CaseEvent(
                pk=pk,
                note_code="",
                note_params={},
                public_note=sentence(code, params or {}, bureau_names) + public_note,
            )
            for pk, code, params, public_note in rows
        ]
        with transaction.atomic():
            CaseEvent.objects.bulk_update(
                changed, ["note_code", "note_params", "public_note"], batch_size=1000
            )


class Migration(migrations.Migration):
    atomic = False  # one transaction per batch, not one for the whole table

    dependencies = [("complaints", "0018_event_note_codes")]

    operations = [migrations.RunPython(to_codes, to_sentences)]
