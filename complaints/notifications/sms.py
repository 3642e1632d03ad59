"""Pluggable SMS backends, chosen by settings.SMS_BACKEND (a dotted path).

A message carries both its full text (`body`: what the console and test backends show, and the
outbox keeps) and, for gateways that send only pre-registered templates (every mainland
provider), the template's kind and named parameters. texts.py builds both in one place.
"""

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string


class SMSError(Exception):
    """The gateway refused or could not be reached; the outbox will retry."""

    retryable = True


class PermanentSMSError(SMSError):
    """The gateway will never accept this message as it is (not a mobile number, template not
    approved, parameters refused): the outbox gives up at once instead of retrying."""

    retryable = False


@dataclass(frozen=True)
class SMSMessage:
    to: str
    body: str
    # The same for every attempt at one outbox message: a gateway that de-duplicates on it
    # (an idempotency key / "out id") never shows a retried message twice.
    reference: str = ""
    # The kind of message (a key of settings.SMS_TEMPLATES, see texts.KINDS) and its named
    # parameters: what a template-only gateway sends instead of `body`.
    template: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


class BaseSMSBackend:
    def send_messages(self, messages: list[SMSMessage]) -> int:
        raise NotImplementedError

    def send_message(self, message: SMSMessage) -> str:
        """Send one message; returns the gateway's id for it ("" when it gives none)."""
        if self.send_messages([message]) != 1:
            raise SMSError("the SMS backend did not accept the message")
        return ""


class ConsoleSMSBackend(BaseSMSBackend):
    """Development default: prints the message instead of sending it."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_messages(self, messages):
        for message in messages:
            self.stream.write(f"SMS to {message.to}:\n{message.body}\n{'-' * 40}\n")
        self.stream.flush()
        return len(messages)


# LocmemSMSBackend appends here, like django.core.mail.outbox.
outbox: list[SMSMessage] = []


class LocmemSMSBackend(BaseSMSBackend):
    """Tests: keeps messages in `complaints.notifications.sms.outbox`."""

    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


def get_backend() -> BaseSMSBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(
    to: str,
    body: str,
    reference: str = "",
    *,
    template: str = "",
    params: Mapping[str, str] | None = None,
) -> str:
    """Send one SMS; returns the gateway's message id ("" when it gives none).

    Raises SMSError (retry later) or PermanentSMSError (never retry this message)."""
    message = SMSMessage(
        to=to, body=body, reference=reference, template=template, params=dict(params or {})
    )
    return get_backend().send_message(message)


def mask_phone(number: str) -> str:
    """For logs and errors: never the whole number."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 7 else "****"
