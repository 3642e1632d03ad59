"""A self-hosted challenge for anonymous submissions, with no third-party CAPTCHA.

The question is plain text (a small sum, in Chinese and English), so screen-reader and
keyboard users answer it like anyone else; the answer travels signed, never in clear, and a
token is accepted once. A honeypot field catches naive bots.
"""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SALT = "complaints.challenge"
MAX_AGE_SECONDS = 30 * 60
HONEYPOT_FIELD = "website"
_CN_DIGITS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def issue() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"s": a + b, "n": secrets.token_hex(8)}, salt=SALT, compress=True)
    english = (get_language() or "").startswith("en")
    words = {"a": a, "b": b} if english else {"a": _CN_DIGITS[a], "b": _CN_DIGITS[b]}
    question = _("%(a)s 加 %(b)s 等于几？请用数字回答。") % words
    return Challenge(question=f"{question} ({a} + {b} = ?)", token=token)


def _parse_answer(answer: str) -> int | None:
    answer = (answer or "").strip()
    if answer.isdigit():
        return int(answer)
    if answer in _CN_DIGITS:
        return _CN_DIGITS.index(answer)
    if len(answer) == 2 and answer[0] == "十" and answer[1] in _CN_DIGITS[1:10]:
        return 10 + _CN_DIGITS.index(answer[1])
    return None


def verify(token: str, answer: str) -> bool:
    """True once per token when the answer is right and the token is fresh and untampered."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    if _parse_answer(answer) != payload.get("s"):
        return False
    # One use per token: a solved challenge cannot be replayed by a script.
    # add() is None, not False, when the cache is unreachable: accept rather than refuse every
    # anonymous report while Redis is down (a replay needs a solved token, valid 30 minutes).
    return cache.add(f"challenge:used:{payload['n']}", 1, timeout=MAX_AGE_SECONDS) is not False


def honeypot_tripped(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())
