"""The access code of an API-filed case, sealed so that only a retry by its submitter opens it.

A retried POST (same API key, same idempotency key) must be able to answer exactly as the
first one did, access code included, yet the portal keeps only a hash of access codes. The
code is therefore encrypted (AES-GCM) under a key derived from the submitter's raw API key,
which the portal never stores: a copy of the database (even with SECRET_KEY) cannot open it.
"""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


def _key(raw_api_key: str, client_key: str) -> bytes:
    material = f"open311-access-code\0{raw_api_key.strip()}\0{client_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).digest()


def seal(access_code: str, raw_api_key: str, client_key: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(raw_api_key, client_key)).encrypt(nonce, access_code.encode(), None)
    return base64.b64encode(nonce + sealed).decode()


def unseal(token: str, raw_api_key: str, client_key: str) -> str | None:
    if not token:
        return None
    try:
        blob = base64.b64decode(token)
        plain = AESGCM(_key(raw_api_key, client_key)).decrypt(blob[:12], blob[12:], None)
    except (InvalidTag, ValueError):
        return None
    return plain.decode()
