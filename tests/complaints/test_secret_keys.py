"""Keyed hashes use per-purpose keys, survive a SECRET_KEY rotation through SECRET_KEY_FALLBACKS,
and hashes stored under the old raw-key scheme keep working (and are re-keyed on use)."""

import hashlib
import hmac
from base64 import b64encode

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from complaints.api import sealing
from complaints.models import Complaint
from complaints.services import access
from tests.factories.complaints import file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

OLD_KEY = "old-secret-key-" + "x" * 40
NEW_KEY = "new-secret-key-" + "y" * 40


def raw_key_hash(code: str, secret: str) -> str:
    """How access codes were hashed before per-purpose keys."""
    return hmac.new(
        secret.encode(), access.normalize_code(code).encode(), hashlib.sha256
    ).hexdigest()


def stored_hash(case) -> str:
    return Complaint.objects.values_list("access_code_hash", flat=True).get(pk=case.pk)


def test_access_code_hash_is_not_keyed_with_the_raw_secret(settings):
    code = access.new_access_code()
    assert access.hash_access_code(code) != raw_key_hash(code, settings.SECRET_KEY)


def test_a_code_hashed_before_rotation_verifies_with_the_old_key_in_fallbacks(settings):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    filed = file_complaint()
    number, code = filed.complaint.tracking_number, filed.access_code

    settings.SECRET_KEY = NEW_KEY
    assert access.verify(number, code) is None  # without the fallback the hash is unknown

    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert access.verify(number, code) == filed.complaint
    assert stored_hash(filed.complaint) == access.hash_access_code(code)  # re-keyed on use

    settings.SECRET_KEY_FALLBACKS = []  # the rotation is over: the re-keyed hash stands alone
    assert access.verify(number, code) == filed.complaint
    assert access.verify(number, "WRONG-CODE") is None


def test_hashes_stored_under_the_raw_secret_still_verify_and_are_re_keyed(settings):
    filed = file_complaint()
    number, code = filed.complaint.tracking_number, filed.access_code
    legacy = raw_key_hash(code, settings.SECRET_KEY)
    Complaint.objects.filter(pk=filed.complaint.pk).update(access_code_hash=legacy)

    assert access.verify(number, code.lower()) == filed.complaint
    assert stored_hash(filed.complaint) == access.hash_access_code(code) != legacy
    assert access.verify(number, "WRONG-CODE") is None


def test_legacy_hash_under_a_fallback_key_verifies(settings):
    """Deploying this change and rotating the key at once: old-scheme hashes under the old key."""
    filed = file_complaint()
    legacy = raw_key_hash(filed.access_code, OLD_KEY)
    Complaint.objects.filter(pk=filed.complaint.pk).update(access_code_hash=legacy)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert access.verify(filed.complaint.tracking_number, filed.access_code) == filed.complaint


def test_sealed_open311_codes_survive_rotation_and_the_old_scheme(settings):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    token = sealing.seal("CODE-1", "o311_api_key", "client-1")
    legacy_key = hmac.new(
        OLD_KEY.encode(), b"open311-access-code\0o311_api_key\0client-1", hashlib.sha256
    ).digest()
    nonce = b"\0" * 12
    legacy_token = b64encode(nonce + AESGCM(legacy_key).encrypt(nonce, b"CODE-2", None)).decode()

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert sealing.unseal(token, "o311_api_key", "client-1") == "CODE-1"
    assert sealing.unseal(legacy_token, "o311_api_key", "client-1") == "CODE-2"
    assert sealing.unseal(token, "another_key", "client-1") is None
