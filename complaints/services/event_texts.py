"""The system's texts of case events: stored as a code and parameters, rendered in the reader's
language (issue 17). The one place that knows them.

An event keeps `note_code` (a key of TEXTS) and `note_params` (only codes and numbers: a bureau's
code, a refusal reason's value, a number of months, an ISO date — never personal data). What
people wrote for the public stays free text in `public_note` and is shown after the system's
text, in its own language (templates mark it with `|zh` / `|lang_attr`).

Who reads in which language: the tracking page, the staff pages and Open311 in the reader's
(the active language); SMS and e-mail in the language the case was filed in
(`Complaint.language`, see `for_case`).
"""

import datetime
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

RECEIVED = "received"
ACCEPTED = "accepted"
REFUSED = "refused"
CLOSED = "closed"
AUTO_CLOSED = "auto_closed"
WITHDRAWN = "withdrawn"
SUPPLIED = "supplied"
REOPENED = "reopened"
MEDIATION_AGREED = "mediation_agreed"
MEDIATION_FAILED = "mediation_failed"
TRANSFERRED = "transferred"
EXTENDED = "extended"
PURGED = "purged"
MEDIATION_DRAFTED = "mediation_drafted"
MEDIATION_CONFIRMED_COMPLAINANT = "mediation_confirmed_complainant"
MEDIATION_CONFIRMED_RESPONDENT = "mediation_confirmed_respondent"
MEDIATION_DECLINED = "mediation_declined"

# Each code's template; its named parameters are filled by `_values` below.
TEXTS = {
    RECEIVED: _("已收到，由%(bureau)s办理。"),
    ACCEPTED: _("您的投诉举报已受理。"),
    REFUSED: _("不予受理：%(reason)s"),
    CLOSED: _("本案已结案。"),
    AUTO_CLOSED: _("申请重新办理的期限已过，本案已结案。"),
    WITHDRAWN: _("投诉人已撤回本案。"),
    SUPPLIED: _("投诉人已补充材料，办理期限恢复计算。"),
    REOPENED: _("应投诉人申请，本案重新办理。"),
    MEDIATION_AGREED: _("调解达成协议。"),
    MEDIATION_FAILED: _("调解未达成协议。"),
    TRANSFERRED: _("已移送%(bureau)s办理。"),
    EXTENDED: ngettext_lazy(
        "办理期限经批准延长%(months)d个月，至%(due)s。",
        "办理期限经批准延长%(months)d个月，至%(due)s。",
        "months",
    ),
    PURGED: _("（已按保存期限清除）"),
    # Mediation agreements (complaints.mediation): short and fixed, no terms, no names.
    MEDIATION_DRAFTED: _("办理部门已拟定调解协议，请双方当事人查看并确认。"),
    MEDIATION_CONFIRMED_COMPLAINANT: _("申请人已确认调解协议。"),
    MEDIATION_CONFIRMED_RESPONDENT: _("被申请人已确认调解协议。"),
    MEDIATION_DECLINED: _("调解协议未获一方当事人确认，办理部门将与双方联系。"),
}


# Writing: what record_event() stores (keyword arguments), built from objects.


def note(code: str, **params) -> dict:
    if code not in TEXTS:
        raise ValueError(f"unknown event text {code!r}")
    return {"note_code": code, "note_params": params}


def received(bureau) -> dict:
    return note(RECEIVED, bureau=bureau.code)


def refused(reason: str) -> dict:
    return note(REFUSED, reason=reason)


def transferred(bureau) -> dict:
    return note(TRANSFERRED, bureau=bureau.code)


def extended(months: int, due: datetime.date | None) -> dict:
    return note(EXTENDED, months=int(months), due=due.isoformat() if due else "")


# Reading.


def is_english(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").lower().startswith("en")


def case_language(language: str | None) -> str:
    """The language a case is filed in, from a request's or partner's language code."""
    return "en" if is_english(language or settings.LANGUAGE_CODE) else settings.LANGUAGE_CODE


# Every bureau's names by code, cached (a timeline or an Open311 list names a bureau per event);
# complaints.receivers drops it when a bureau changes.
BUREAU_NAMES_CACHE_KEY = "complaints:event_texts:bureau_names"


def _bureau_names(code: str) -> tuple[str, str] | None:
    from complaints.models import Bureau

    names = cache.get(BUREAU_NAMES_CACHE_KEY)
    if names is None or code not in names:  # a bureau added since: read them again
        names = {c: (n, e) for c, n, e in Bureau.objects.values_list("code", "name", "name_en")}
        cache.set(BUREAU_NAMES_CACHE_KEY, names, 3600)
    return names.get(code)


def _bureau_name(code: str) -> str:
    names = _bureau_names(code)
    if names is None:
        return code
    name, name_en = names
    return (name_en if is_english() else "") or name


def _reason_label(value: str) -> str:
    from complaints.models import RefusalReason

    return str(RefusalReason(value).label) if value in RefusalReason.values else value


def _values(params: dict) -> dict:
    values = dict(params)
    if "bureau" in values:
        values["bureau"] = _bureau_name(values["bureau"])
    if "reason" in values:
        values["reason"] = _reason_label(values["reason"])
    return values


def system_text(event) -> str:
    """The event's system text in the active language ("" when it has none)."""
    template = TEXTS.get(event.note_code or "")
    if template is None:
        return ""
    params = event.note_params or {}
    if not params:
        return str(template)
    try:
        return str(template % _values(params))
    except (KeyError, TypeError, ValueError):
        return ""  # parameters of an older form: say nothing rather than fail the page


def join(*parts: str) -> str:
    """Sentences one after the other: no space between Chinese ones, one in English."""
    kept = [part.strip() for part in parts if part and part.strip()]
    return (" " if is_english() else "").join(kept)


def public_text(event) -> str:
    """All the event says to the complainant and the public, as plain text (SMS, e-mail,
    Open311): the system's text in the active language, then what staff wrote."""
    return join(system_text(event), event.public_note)


def has_public_text(event) -> bool:
    return bool(event.note_code or event.public_note.strip())


@contextmanager
def for_case(complaint):
    """Render messages to the complainant in the language the case was filed in."""
    with translation.override(case_language(getattr(complaint, "language", ""))):
        yield
