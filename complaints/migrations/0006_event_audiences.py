"""Each note of a case event for its own audience.

Adds `CaseEvent.complainant_note` and cleans existing events so that `public_note` (shown to
anyone through Open311) holds only staff or system text:
- the complainant's words (withdrawal and reopening reasons, supplied information, ratings) move
  to `complainant_note`, and the public note becomes the fixed text the services now write;
- a transfer's reason moves to `internal_note`; the public note keeps only where it went;
- a recorded mediation gets the action that says whether an agreement was reached.

The texts below are copies of the services' texts at the time of writing: a migration must not
change meaning when the code later does.
"""

import re

from django.db import migrations, models

BATCH_SIZE = 1000

WITHDRAWN_NOTE = "投诉人已撤回本案。"
SUPPLIED_NOTE = "投诉人已补充材料，办理期限恢复计算。"
REOPENED_NOTE = "应投诉人申请，本案重新办理。"
# action → (public note it now carries, prefix the old public note put before the words)
COMPLAINANT_ACTIONS = {
    "withdrawn": (WITHDRAWN_NOTE, "投诉人撤回："),
    "information_supplied": (SUPPLIED_NOTE, ""),
    "reopened": (REOPENED_NOTE, "申请重新办理："),
    "rated": ("", ""),
}
MEDIATION_NOTES = {"mediation_agreed": "调解达成协议。", "mediation_failed": "调解未达成协议。"}
OLD_MEDIATION_AGREED = "调解达成协议"
OLD_TRANSFER = re.compile(r"(已移送[^：。]*办理)：(.*)", re.DOTALL)
NEW_TRANSFER = re.compile(r"已移送[^：。]*办理。")
ACTIONS = [*COMPLAINANT_ACTIONS, "transferred", "mediation_recorded"]
FIELDS = ["action", "public_note", "internal_note", "complainant_note"]


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def clean_event(
    action: str, public_note: str, internal_note: str, complainant_note: str, to_bureau: str
) -> dict:
    """The fields of one event that must change (empty when it is already clean)."""
    if action in COMPLAINANT_ACTIONS:
        fixed, prefix = COMPLAINANT_ACTIONS[action]
        if public_note == fixed:
            return {}
        words = public_note.removeprefix(prefix) if prefix else public_note
        return {"public_note": fixed, "complainant_note": _join(complainant_note, words)}
    if action == "transferred":
        if NEW_TRANSFER.match(public_note):
            return {}  # already "已移送…办理。" followed by a staff-written public note
        old = OLD_TRANSFER.match(public_note)
        # Not the old shape either: nothing of it stays public.
        head, reason = old.groups() if old else (f"已移送{to_bureau}办理", public_note)
        return {
            "public_note": f"{head}。",
            "internal_note": _join(f"移送理由：{reason}" if reason else "", internal_note),
        }
    if action == "mediation_recorded":
        agreed = public_note.strip().rstrip("。") == OLD_MEDIATION_AGREED
        new_action = "mediation_agreed" if agreed else "mediation_failed"
        return {"action": new_action, "public_note": MEDIATION_NOTES[new_action]}
    return {}


def clean_events(apps, schema_editor):
    """Walk the affected events in primary-key batches (never the whole table in memory)."""
    CaseEvent = apps.get_model("complaints", "CaseEvent")
    events = CaseEvent.objects.filter(action__in=ACTIONS).order_by("pk")
    last_pk = 0
    while True:
        rows = list(
            events.filter(pk__gt=last_pk).values("pk", *FIELDS, "to_bureau__name")[:BATCH_SIZE]
        )
        if not rows:
            return
        last_pk = rows[-1]["pk"]
        changed = []
        for row in rows:
            current = {name: row[name] for name in FIELDS}
            changes = clean_event(**current, to_bureau=row["to_bureau__name"] or "")
            if changes:
                changed.append(CaseEvent(pk=row["pk"], **{**current, **changes}))
        if changed:
            CaseEvent.objects.bulk_update(changed, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_queue_filter_indexes")]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="complainant_note",
            field=models.TextField(blank=True, verbose_name="投诉人留言"),
        ),
        migrations.RunPython(clean_events, migrations.RunPython.noop),
    ]
