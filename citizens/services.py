"""Citizen accounts: sign-in by SMS code, "my cases", opening a case without its access code,
resetting that code, preferences, export and deletion of the account.

Every answer before verification is the same whether or not a phone has cases: the code is
sent to any valid mobile number, and cases are looked up only once the code is verified.
"""

import datetime
import enum
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from complaints.models import Complaint
from complaints.notifications import texts
from complaints.notifications.models import Notification
from complaints.notifications.sms import send_sms
from complaints.services import access, event_texts, hashing, ratelimit
from complaints.services.audit import log_access
from complaints.services.events import record_event

from .models import Citizen, SignInCode

CODE_DIGITS = 6
CODE_TTL = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
# Codes asked for, per phone and per client address (hashed). A phone's limit stops anyone
# flooding one number with messages; an address's, one caller walking through many numbers.
PHONE_LIMIT, PHONE_WINDOW = 5, 60 * 60
ADDRESS_LIMIT, ADDRESS_WINDOW = 20, 60 * 60
CODE_PURPOSE = "citizens.sign_in_code"
PHONE_PURPOSE = "citizens.phone"

SESSION_KEY = "citizens_account"
PENDING_KEY = "citizens_pending_phone"
# A signed-in session lasts at most this long, whatever the cookie's age.
SESSION_TTL = 8 * 60 * 60
PAGE_SIZE = 20

# Kept as the complainant's note, not a public one: the tracking page and the case's staff show
# it, but it neither replaces the bureau's latest public note (Open311, public pages) nor sends
# a notification to the phone that has just asked for it.
RESET_NOTE = "已通过手机验证重置访问码，原访问码已失效。"
RESET_ACTOR = "投诉人（手机验证）"

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


def normalize_mobile(value: str) -> str:
    """The 11-digit mobile number in `value`, or "" when it is not a Chinese mobile number.

    Intake accepts what `complaints.services.validators.is_valid_phone` accepts and stores it
    as typed; this drops the same separators (spaces, dashes, brackets) and the +86 prefix.
    Landlines cannot receive an SMS code, so they cannot sign in."""
    match = _MOBILE.fullmatch(_SEPARATORS.sub("", value or ""))
    return match.group(1) if match else ""


_PREFIXES = ("", "86", "+86", "+86 ", "+86-", "86 ", "86-", "(+86)", "(+86) ", "（+86）")


def stored_forms(phone: str) -> list[str]:
    """Every way intake may have stored `phone` (it keeps the number as typed): plain, grouped
    3-4-4 by spaces or dashes, with or without a +86 prefix. Matching these exact strings uses
    the index on complainant_phone instead of normalising every row."""
    grouped = (
        phone,
        f"{phone[:3]} {phone[3:7]} {phone[7:]}",
        f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
    )
    return [prefix + body for prefix in _PREFIXES for body in grouped]


def phone_digest(phone: str) -> str:
    return hashing.keyed(PHONE_PURPOSE, phone).hexdigest()


def _code_hashes(phone: str, code: str) -> list[str]:
    """The code's keyed hash, bound to the phone, under the current key and any fallback."""
    value = f"{phone_digest(phone)}:{code}"
    return [hashing.keyed(CODE_PURPOSE, value, key).hexdigest() for key in hashing.secrets_in_use()]


# --- Sign-in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRequest:
    sent: bool
    limit: ratelimit.RateLimitResult | None = None  # the limit reached, when refused


def request_code(phone: str, *, client: str) -> CodeRequest:
    """Send a new code to `phone` (normalised) unless a limit is reached; an earlier unused
    code for the phone stops working. `client` is the hashed client address."""
    by_address = ratelimit.hit(f"citizens:code:ip:{client}", ADDRESS_LIMIT, ADDRESS_WINDOW)
    if not by_address.allowed:
        return CodeRequest(False, by_address)
    by_phone = ratelimit.hit(f"citizens:code:phone:{phone}", PHONE_LIMIT, PHONE_WINDOW)
    if not by_phone.allowed:
        return CodeRequest(False, by_phone)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    digest = phone_digest(phone)
    with transaction.atomic():
        SignInCode.objects.filter(phone_digest=digest, used_at__isnull=True).delete()
        SignInCode.objects.create(
            phone_digest=digest,
            code_hash=_code_hashes(phone, code)[0],
            expires_at=timezone.now() + CODE_TTL,
        )
    minutes = int(CODE_TTL.total_seconds() // 60)
    text = texts.sign_in_code(code, minutes)
    send_sms(phone, text.body, template=text.kind, params=text.params)
    return CodeRequest(True)


class Verified(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    EXHAUSTED = "exhausted"  # too many wrong attempts: ask for a new code


@dataclass(frozen=True)
class Verification:
    outcome: Verified
    citizen: Citizen | None = None


def verify_code(phone: str, code: str) -> Verification:
    """Check `code` against the phone's latest unused code; each attempt counts, and the
    code is spent once it matches."""
    now = timezone.now()
    row = (
        SignInCode.objects.filter(phone_digest=phone_digest(phone), used_at__isnull=True)
        .order_by("-pk")
        .first()
    )
    if row is None:
        return Verification(Verified.WRONG)
    if row.expires_at <= now:
        return Verification(Verified.EXPIRED)
    # Counted in the database before comparing: concurrent guesses cannot exceed the limit.
    counted = SignInCode.objects.filter(
        pk=row.pk, attempts__lt=MAX_ATTEMPTS, used_at__isnull=True
    ).update(attempts=F("attempts") + 1)
    if not counted:
        return Verification(Verified.EXHAUSTED)
    matched = False
    for candidate in _code_hashes(phone, code.strip()):
        matched |= hmac.compare_digest(row.code_hash, candidate)
    if not matched:
        last = row.attempts + 1 >= MAX_ATTEMPTS
        return Verification(Verified.EXHAUSTED if last else Verified.WRONG)
    if not SignInCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        return Verification(Verified.WRONG)  # spent by a concurrent request
    citizen, _created = Citizen.objects.get_or_create(phone=phone)
    citizen.last_login = now
    citizen.save(update_fields=["last_login"])
    return Verification(Verified.OK, citizen)


def sign_in(request, citizen: Citizen) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session.cycle_key()  # no session fixation across the sign-in
    request.session[SESSION_KEY] = {
        "id": citizen.pk,
        "token": citizen.session_token,
        "exp": time.time() + SESSION_TTL,
    }


def current_citizen(request) -> Citizen | None:
    """The signed-in citizen, or None (never signed in, expired, signed out elsewhere by
    deleting the account)."""
    if hasattr(request, "_citizen"):
        return request._citizen
    grant = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    citizen = None
    if grant and grant.get("exp", 0) > time.time():
        citizen = Citizen.objects.filter(pk=grant.get("id")).first()
        if citizen is not None and not hmac.compare_digest(
            citizen.session_token, str(grant.get("token", ""))
        ):
            citizen = None
    if citizen is None and grant:
        request.session.pop(SESSION_KEY, None)
    request._citizen = citizen
    return citizen


def sign_out(request) -> None:
    """End the account session and any case it opened (a shared computer keeps nothing)."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PENDING_KEY, None)
    access.end_case_session(request)
    request._citizen = None


# --- My cases -------------------------------------------------------------------------------


def own_cases(citizen: Citizen):
    """Every case filed with the citizen's verified phone (purged cases no longer have one)."""
    return Complaint.objects.filter(complainant_phone__in=stored_forms(citizen.phone))


@dataclass(frozen=True)
class CasePage:
    cases: list[Complaint]
    next_cursor: str  # "" on the last page


def _parse_cursor(cursor: str) -> tuple[datetime.datetime, int] | None:
    stamp, _sep, pk = cursor.rpartition("~")
    try:
        moment = datetime.datetime.fromisoformat(stamp)
        return (moment, int(pk)) if timezone.is_aware(moment) else None
    except ValueError:
        return None


def cases_page(citizen: Citizen, cursor: str = "", size: int | None = None) -> CasePage:
    """Newest first, keyset-paged on (submitted_at, id): one query whatever the number."""
    size = size or PAGE_SIZE
    cases = (
        own_cases(citizen)
        .select_related("category", "bureau")
        .only(
            "pk",
            "tracking_number",
            "kind",
            "status",
            "submitted_at",
            "closed_at",
            "category__name",
            "category__name_en",
            "bureau__name",
            "bureau__name_en",
        )
        .order_by("-submitted_at", "-pk")
    )
    position = _parse_cursor(cursor) if cursor else None
    if position:
        moment, pk = position
        cases = cases.filter(Q(submitted_at__lt=moment) | Q(submitted_at=moment, pk__lt=pk))
    rows = list(cases[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if more else None
    return CasePage(rows, f"{last.submitted_at.isoformat()}~{last.pk}" if last else "")


def open_case(request, citizen: Citizen, case_id: int) -> Complaint | None:
    """Grant this session the tracking page's access to one of the citizen's own cases, as a
    correct access code does (access.grant_case_session); None for anyone else's."""
    complaint = own_cases(citizen).filter(pk=case_id).first()
    if complaint is None:
        return None
    access.grant_case_session(request, complaint.pk)
    log_access(complaint, "account_open", request=request)
    return complaint


def reset_access_code(request, citizen: Citizen, case_id: int) -> tuple[Complaint, str] | None:
    """A new access code for one of the citizen's own cases (shown once, stored hashed as at
    intake); the old code stops working and the case records the change."""
    with transaction.atomic():
        complaint = own_cases(citizen).select_for_update().filter(pk=case_id).first()
        if complaint is None or complaint.purged_at is not None:
            return None
        code = access.new_access_code()
        complaint.access_code_hash = access.hash_access_code(code)
        Complaint.objects.filter(pk=complaint.pk).update(
            access_code_hash=complaint.access_code_hash
        )
        record_event(
            complaint, "access_code_reset", actor_label=RESET_ACTOR, complainant_note=RESET_NOTE
        )
        log_access(complaint, "account_code_reset", request=request)
    return complaint, code


# --- Preferences, export, deletion ----------------------------------------------------------

# What the complainant entered (and the case's own identifiers), nothing staff wrote.
EXPORT_FIELDS = (
    "tracking_number",
    "kind",
    "status",
    "submitted_at",
    "closed_at",
    "is_online",
    "is_cross_district",
    "is_anonymous",
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_id_type",
    "complainant_id_number",
    "complainant_address",
    "is_agent_filing",
    "agent_name",
    "respondent_name",
    "respondent_type",
    "respondent_credit_code",
    "respondent_address",
    "respondent_shop_name",
    "respondent_url",
    "respondent_platform",
    "ip_right_type",
    "ip_right_number",
    "facts",
    "request",
    "publication_consent",
    "publication_consent_at",
    "satisfaction",
    "satisfaction_comment",
    "rated_at",
)


def _json_value(value):
    return value.isoformat() if isinstance(value, datetime.datetime | datetime.date) else value


def export_data(request, citizen: Citizen) -> dict:
    """The citizen's personal data: the account, each case's own fields and the events the
    complainant sees on the tracking page (never staff's internal notes). Logged per case."""
    cases = own_cases(citizen).select_related("category").order_by("-submitted_at", "-pk")
    exported = []
    for case in cases:
        events = case.events.for_complainant().order_by("created_at", "pk")
        exported.append(
            {
                **{name: _json_value(getattr(case, name)) for name in EXPORT_FIELDS},
                "category": case.category.name,
                "events": [
                    {
                        "at": event.created_at.isoformat(),
                        "action": event.action,
                        "to_status": event.to_status,
                        # The system's text in the language of the export, then staff's note.
                        "public_note": event_texts.public_text(event),
                        "complainant_note": event.complainant_note,
                    }
                    for event in events
                ],
            }
        )
        log_access(case, "account_export", request=request)
    return {
        "account": {
            "phone": citizen.phone,
            "notify_by": citizen.notify_by,
            "email": citizen.email,
            "created_at": citizen.created_at.isoformat(),
            "last_login": _json_value(citizen.last_login),
        },
        "cases": exported,
        "exported_at": timezone.now().isoformat(),
    }


def delete_account(request, citizen: Citizen) -> None:
    """Delete the account and its codes; every session signed in with it ends (its token no
    longer resolves). The cases stay: they are the bureaus' records, purged by retention."""
    with transaction.atomic():
        SignInCode.objects.filter(phone_digest=phone_digest(citizen.phone)).delete()
        citizen.delete()
    sign_out(request)


# --- The intake wizard's hook ---------------------------------------------------------------


def wizard_initial(request, step: str) -> dict:
    """Initial answers for the wizard's contact step when a citizen is signed in: the verified
    phone, the name of their latest case, and the e-mail of their preferences."""
    if step != "who":
        return {}
    citizen = current_citizen(request)
    if citizen is None:
        return {}
    initial = {"complainant_phone": citizen.phone}
    name = (
        own_cases(citizen)
        .exclude(complainant_name="")
        .order_by("-submitted_at", "-pk")
        .values_list("complainant_name", flat=True)
        .first()
    )
    if name:
        initial["complainant_name"] = name
    if citizen.email:
        initial["complainant_email"] = citizen.email
    return initial


# --- Notifications ----------------------------------------------------------------------------


def notification_recipients(complaint: Complaint, recipients: list) -> list:
    """Who is told about a case, after its complainant's account choice (if they have an
    account): unchanged by default; only the phone, or only e-mail (the account's address, else
    the one given at filing). complaints.notifications calls this through RECIPIENT_POLICIES."""
    phone = normalize_mobile(complaint.complainant_phone)
    citizen = Citizen.objects.filter(phone=phone).first() if phone else None
    if citizen is None or citizen.notify_by == Citizen.Notify.AS_FILED:
        return recipients
    if citizen.notify_by == Citizen.Notify.SMS:
        return [(channel, to) for channel, to in recipients if channel == Notification.Channel.SMS]
    email = citizen.email or complaint.complainant_email
    return [(Notification.Channel.EMAIL, email)] if email else recipients
