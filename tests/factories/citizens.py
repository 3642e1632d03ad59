"""Factories for citizen accounts, and signing a test client in through the real SMS flow."""

import re

import factory

from citizens.models import Citizen
from complaints.notifications import sms


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen
        django_get_or_create = ("phone",)

    phone = factory.Sequence(lambda n: f"1390000{n:04d}")


def last_code(phone: str) -> str:
    """The 6-digit code of the latest SMS sent to `phone` (the Locmem backend's outbox)."""
    message = [m for m in sms.outbox if m.to == phone][-1]
    match = re.search(r"\d{6}", message.body)
    assert match, message.body
    return match.group(0)


def request_code(client, phone: str):
    return client.post("/account/", {"phone": phone})


def sign_in(client, phone: str = "13812345678") -> None:
    """Ask for a code, read it from the SMS outbox and enter it, as a citizen would."""
    response = request_code(client, phone)
    assert response.status_code == 302, response.content.decode()[:2000]
    digits = re.sub(r"\D", "", phone)[-11:]
    response = client.post("/account/code/", {"code": last_code(digits)})
    assert response.status_code == 302 and response["Location"] == "/account/", response
