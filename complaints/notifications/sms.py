"""Pluggable SMS backends, chosen by settings.SMS_BACKEND (a dotted path)."""

import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


class SMSError(Exception):
    """The gateway refused or could not be reached; the outbox will retry."""


@dataclass(frozen=True)
class SMSMessage:
    to: str
    body: str
    # The same for every attempt at one outbox message: a gateway that de-duplicates on it
    # (an idempotency key / "out id") never shows a retried message twice.
    reference: str = ""


class BaseSMSBackend:
    def send_messages(self, messages: list[SMSMessage]) -> int:
        raise NotImplementedError


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


def send_sms(to: str, body: str, reference: str = "") -> None:
    if get_backend().send_messages([SMSMessage(to=to, body=body, reference=reference)]) != 1:
        raise SMSError("the SMS backend did not accept the message")
