"""Recording case events and announcing them once the transaction commits."""

from functools import partial

from django.db import transaction

from complaints.models import CaseEvent, Complaint
from complaints.signals import case_changed


def record_event(
    complaint: Complaint,
    action: str,
    *,
    actor=None,
    actor_label: str = "",
    from_status: str = "",
    to_status: str = "",
    from_bureau=None,
    to_bureau=None,
    note_code: str = "",
    note_params: dict | None = None,
    public_note: str = "",
    complainant_note: str = "",
    internal_note: str = "",
    created: bool = False,
) -> CaseEvent:
    """`note_code` + `note_params` is the system's text (built by `event_texts`), `public_note`
    what staff wrote for the public, never the complainant's words: those go in
    `complainant_note` (see CaseEvent for who reads which)."""
    if actor is not None and not actor_label:
        actor_label = actor.get_full_name() or actor.get_username()
    event = CaseEvent.objects.create(
        complaint=complaint,
        action=action,
        actor=actor,
        actor_label=actor_label,
        from_status=from_status,
        to_status=to_status,
        from_bureau=from_bureau,
        to_bureau=to_bureau,
        note_code=note_code,
        note_params=note_params or {},
        public_note=public_note,
        complainant_note=complainant_note,
        internal_note=internal_note,
    )
    transaction.on_commit(
        partial(
            case_changed.send_robust,
            sender=Complaint,
            complaint=complaint,
            event=event,
            created=created,
        )
    )
    return event
