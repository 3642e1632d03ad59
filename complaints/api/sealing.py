"""The access code of an API-filed case, sealed so that only a retry by its submitter opens it.

A retried POST (same API key, same idempotency key) must be able to answer exactly as the
first one did, access code included, yet the portal keeps only a hash of access codes. The
code is therefore encrypted (AES-GCM) under a key derived from the submitter's raw API key,
which the portal never stores: a copy of the database (even with SECRET_KEY) cannot open it.
"""

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from complaints.services import hashing

PURPOSE = "complaints.api.sealed_access_code"


def _material(raw_api_key: str, client_key: str) -> str:
    return f"{raw_api_key.strip()}\0{client_key}"


def _keys(raw_api_key: str, client_key: str) -> list[bytes]:
    """The key to seal with first, then those a token sealed earlier may use: under the
    fallback secrets of a rotation, and the legacy derivation from the raw SECRET_KEY."""
    material = _material(raw_api_key, client_key)
    secrets = hashing.secrets_in_use()
    return [hashing.keyed(PURPOSE, material, secret).digest() for secret in secrets] + [
        hashing.legacy(f"open311-access-code\0{material}", secret).digest() for secret in secrets
    ]


def seal(access_code: str, raw_api_key: str, client_key: str) -> str:
    nonce = os.urandom(12)
    key = _keys(raw_api_key, client_key)[0]
    sealed = AESGCM(key).encrypt(nonce, access_code.encode(), None)
    return base64.b64encode(nonce + sealed).decode()


def unseal(token: str, raw_api_key: str, client_key: str) -> str | None:
    if not token:
        return None
    try:
        blob = base64.b64decode(token)
    except (binascii.Error, ValueError):
        return None
    for key in _keys(raw_api_key, client_key):
        try:
            return AESGCM(key).decrypt(blob[:12], blob[12:], None).decode()
        except (InvalidTag, ValueError):
            continue
    return None
