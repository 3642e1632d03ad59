"""Keyed hashes with one key per purpose, derived from SECRET_KEY (Django's salted_hmac).

A hash made for one purpose (access codes, client addresses, rate-limit buckets, sealed codes)
is useless for another, and SECRET_KEY can be rotated: the old key goes into
SECRET_KEY_FALLBACKS, values hashed under it still verify, and each is re-keyed when next used
(docs/deployment.md, "Rotating the secret key").
"""

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac


def keyed(purpose: str, value: str, secret: str | None = None):
    """HMAC-SHA256 of `value` under the key for `purpose` (the current SECRET_KEY by default)."""
    return salted_hmac(purpose, value, secret, algorithm="sha256")


def secrets_in_use() -> list[str]:
    """The current key first, then the fallbacks still accepted during a rotation."""
    # Django also allows bytes keys; this project's come from the environment as text.
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [key if isinstance(key, str) else key.decode() for key in keys]


def legacy(value: str, secret: str):
    """The scheme before per-purpose keys: HMAC-SHA256 under the raw secret. Only to verify
    values stored back then (and re-key them); never for anything new."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256)
