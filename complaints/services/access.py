"""Tracking numbers and access codes: readable, not sequential, not guessable; the lookup
by number and code, with its limits on wrong guesses."""

import enum
import hmac
import secrets
import time
from dataclasses import dataclass

from django.utils import timezone

from complaints.models import Complaint

from . import hashing, ratelimit

# Crockford-style alphabet: no 0/O, 1/I/L confusion when read over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_RANDOM_LENGTH = 6
# 26 characters from a 31-symbol alphabet ≈ 128 bits.
ACCESS_CODE_LENGTH = 26
ACCESS_CODE_PURPOSE = "complaints.access_code"
# Wrong guesses allowed per client address, and per tracking number from all addresses. The
# number's ceiling only refuses wrong guesses (see look_up): tracking numbers are public, so a
# ceiling that refused the right code too would let anyone lock the owner out.
ADDRESS_FAILURES, ADDRESS_WINDOW = 20, 15 * 60
NUMBER_FAILURES, NUMBER_WINDOW = 300, 60 * 60


# The tracking page's grant: a session that proved it may read one case (a correct access code,
# or a citizen account verified for the case's phone) reads it for this long.
CASE_SESSION_KEY = "complaints_track"
CASE_SESSION_TTL = 20 * 60


def grant_case_session(request, case_id: int) -> None:
    request.session[CASE_SESSION_KEY] = {"id": case_id, "exp": time.time() + CASE_SESSION_TTL}


def granted_case_id(request) -> int | None:
    """The case this session may read now, if any (an expired grant is removed)."""
    grant = request.session.get(CASE_SESSION_KEY)
    if not grant or grant.get("exp", 0) < time.time():
        request.session.pop(CASE_SESSION_KEY, None)
        return None
    return grant["id"]


def end_case_session(request) -> None:
    request.session.pop(CASE_SESSION_KEY, None)


def new_tracking_number(year: int | None = None) -> str:
    year = year or timezone.localdate().year
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_RANDOM_LENGTH))
    return f"IP-{year}-{random_part}"


def new_access_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_access_code(code: str, secret: str | None = None) -> str:
    """Keyed hash: a leaked database alone does not allow offline guessing."""
    return hashing.keyed(ACCESS_CODE_PURPOSE, normalize_code(code), secret).hexdigest()


def _accepted_hashes(code: str) -> list[str]:
    """Every form a stored hash of `code` may take: the current one first, then those under
    the fallback keys, then the legacy ones (HMAC under the raw SECRET_KEY, before 2026-12)."""
    keys = hashing.secrets_in_use()
    normal = normalize_code(code)
    return [hash_access_code(code, key) for key in keys] + [
        hashing.legacy(normal, key).hexdigest() for key in keys
    ]


def normalize_tracking_number(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def _find(tracking_number: str) -> Complaint | None:
    return (
        Complaint.objects.filter(tracking_number=normalize_tracking_number(tracking_number))
        .select_related("bureau", "category", "channel")
        .first()
    )


def _code_matches(complaint: Complaint | None, access_code: str) -> bool:
    """Constant work whether or not the case exists; a hash under an old key is re-keyed."""
    accepted = _accepted_hashes(access_code)
    stored = complaint.access_code_hash if complaint else "0" * 64
    matched = False
    for candidate in accepted:
        matched |= hmac.compare_digest(stored, candidate)
    if not matched or complaint is None:
        return False
    if stored != accepted[0]:
        # Later lookups match on the first try, and the old key can leave the fallbacks.
        Complaint.objects.filter(pk=complaint.pk, access_code_hash=stored).update(
            access_code_hash=accepted[0]
        )
        complaint.access_code_hash = accepted[0]
    return True


def verify(tracking_number: str, access_code: str) -> Complaint | None:
    """The case when both match; None otherwise, without saying which part was wrong."""
    complaint = _find(tracking_number)
    return complaint if _code_matches(complaint, access_code) else None


class Outcome(enum.Enum):
    OPENED = "opened"
    WRONG = "wrong"
    ADDRESS_LIMITED = "address_limited"  # refused before the code was checked
    NUMBER_LIMITED = "number_limited"  # a wrong guess past the number's ceiling


@dataclass(frozen=True)
class Lookup:
    outcome: Outcome
    case: Complaint | None = None  # set only when opened
    logged_case: Complaint | None = None  # the case of that number, for the access log only
    limit: ratelimit.RateLimitResult | None = None  # the limit reached, when refused


def look_up(tracking_number: str, access_code: str, *, client: str) -> Lookup:
    """Check a number and code from `client` (a keyed hash of the address).

    Only wrong guesses count: per address, and per number from all addresses. An address over
    its limit is refused before its code is checked. From any other address the right code
    always opens the case, even past the number's ceiling, so guessers spread over many
    addresses cannot lock the owner out; past it their wrong guesses are refused (and logged
    as such, for staff to see the attack).
    """
    address_key = f"track:ip:{client}"
    by_address = ratelimit.peek(address_key, ADDRESS_FAILURES, ADDRESS_WINDOW)
    if not by_address.allowed:
        return Lookup(Outcome.ADDRESS_LIMITED, limit=by_address)
    number = normalize_tracking_number(tracking_number)
    complaint = _find(number)
    if _code_matches(complaint, access_code):
        return Lookup(Outcome.OPENED, case=complaint, logged_case=complaint)
    ratelimit.hit(address_key, ADDRESS_FAILURES, ADDRESS_WINDOW)
    # Counted for unknown numbers alike: the answer never tells which numbers exist.
    by_number = ratelimit.hit(f"track:number:{number}", NUMBER_FAILURES, NUMBER_WINDOW)
    if not by_number.allowed:
        return Lookup(Outcome.NUMBER_LIMITED, logged_case=complaint, limit=by_number)
    return Lookup(Outcome.WRONG, logged_case=complaint)
