"""Recording a hotline call: the same filing as the web wizard (routing, legal clock, events,
search indexing and notifications after commit), marked as received by phone, with the operator
as the actor and the caller's spoken consent kept beside the case."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from complaints.models import Channel, PhoneIntake, Source
from complaints.notifications.services import queue_confirmation

from .intake import IntakeData, SubmitResult, submit_complaint

OPERATOR_GROUP = "hotline_operator"
RECORD_CALL = "record_call"
IDEMPOTENCY_PREFIX = "call:"


def can_record_calls(user) -> bool:
    """Hotline operators (the `complaints.record_call` permission, e.g. through the
    `hotline_operator` group) and superusers."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm(f"complaints.{RECORD_CALL}")
    )


def ensure_operator_group() -> Group:
    """The `hotline_operator` group holding the permission to record calls (idempotent)."""
    group, _created = Group.objects.get_or_create(name=OPERATOR_GROUP)
    permission = Permission.objects.get(content_type__app_label="complaints", codename=RECORD_CALL)
    group.permissions.add(permission)
    return group


@dataclass(frozen=True)
class Call:
    hotline: Channel
    operator: Any  # the signed-in user who took the call
    consent_text: str  # the notice as read out to the caller, who agreed to it


def record_call(data: IntakeData, call: Call, *, idempotency_key: str) -> SubmitResult:
    """File the call as a case. A retried POST with the same key returns the first case
    (`created=False`, no access code): nothing is filed or sent twice."""
    operator_name = call.operator.get_full_name() or call.operator.get_username()
    note = (
        f"电话受理：{call.hotline.code} 热线来电，接线员{operator_name}记录；"
        f"来电人已口头同意个人信息处理说明。"
    )
    with transaction.atomic():
        result = submit_complaint(
            data,
            source=Source.PHONE,
            actor=call.operator,
            intake_note=note,
            idempotency_key=IDEMPOTENCY_PREFIX + idempotency_key,
        )
        if result.created:
            PhoneIntake.objects.create(
                complaint=result.complaint,
                hotline=call.hotline,
                operator=call.operator,
                consent_given_at=timezone.now(),
                consent_text=call.consent_text,
            )
            # Tracking number and access code by SMS (and e-mail if given), sent after commit.
            assert result.access_code is not None  # a new case always has one
            queue_confirmation(result.complaint, result.access_code)
    return result
