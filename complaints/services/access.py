"""Tracking numbers and access codes: readable, not sequential, not guessable."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils import timezone

from complaints.models import Complaint

# Crockford-style alphabet: no 0/O, 1/I/L confusion when read over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_RANDOM_LENGTH = 6
# 26 characters from a 31-symbol alphabet ≈ 128 bits.
ACCESS_CODE_LENGTH = 26


def new_tracking_number(year: int | None = None) -> str:
    year = year or timezone.localdate().year
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_RANDOM_LENGTH))
    return f"IP-{year}-{random_part}"


def new_access_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_access_code(code: str) -> str:
    """Keyed hash: a leaked database alone does not allow offline guessing."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalize_code(code).encode(), hashlib.sha256).hexdigest()


def normalize_tracking_number(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def verify(tracking_number: str, access_code: str) -> Complaint | None:
    """The case when both match; None otherwise, without saying which part was wrong."""
    expected = hash_access_code(access_code)
    complaint = (
        Complaint.objects.filter(tracking_number=normalize_tracking_number(tracking_number))
        .select_related("bureau", "category", "channel")
        .first()
    )
    stored = complaint.access_code_hash if complaint else "0" * 64
    if hmac.compare_digest(stored, expected) and complaint is not None:
        return complaint
    return None
