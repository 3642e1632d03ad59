"""Issuing and checking API keys. Keys are random, shown once, stored as SHA-256."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import ApiKey, default_scopes

KEY_PREFIX = "o311"
# Writing last_used_at on every request would turn each read into a write.
TOUCH_INTERVAL = timedelta(minutes=1)


def hash_key(raw: str) -> str:
    # A 256-bit random key needs no slow hash: it cannot be brute-forced from its digest.
    return hashlib.sha256(raw.strip().encode()).hexdigest()


def generate() -> tuple[str, str]:
    """A new (prefix, raw key); the prefix lets administrators recognise a key in lists."""
    prefix = secrets.token_hex(4)
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def issue_key(name: str, *, owner=None, scopes=None, rate_limit_per_minute: int = 1000, note=""):
    """Create a key; returns (ApiKey, raw key). The raw key is never stored."""
    prefix, raw = generate()
    api_key = ApiKey.objects.create(
        name=name,
        owner=owner,
        prefix=prefix,
        key_hash=hash_key(raw),
        scopes=list(scopes) if scopes is not None else default_scopes(),
        rate_limit_per_minute=rate_limit_per_minute,
        note=note,
    )
    return api_key, raw


def authenticate(raw: str) -> ApiKey | None:
    """The active key matching `raw`, or None."""
    if not raw or len(raw) > 200:
        return None
    api_key = ApiKey.objects.active().filter(key_hash=hash_key(raw)).first()
    if api_key is None:
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > TOUCH_INTERVAL:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key


def revoke(api_key: ApiKey) -> None:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
