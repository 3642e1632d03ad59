"""Every SMS the portal sends, built in one place: its full text and its provider template.

Mainland gateways send only templates registered with them in advance (and approved), filled
with named parameters; the signature (【…】) is added by the gateway from its sign name. So each
kind of message here has a template kind (a key of settings.SMS_TEMPLATES, whose value is the
provider's template code) and the parameters that template needs; `body` is the same message as
plain text for the console and test backends, the outbox record and e-mail.

The template to register for each kind (the wording the provider approves must match these
bodies, with ${name} for each parameter) is in docs/deployment.md, "SMS gateway". This module
imports nothing from Django's models: production settings read KINDS to check SMS_TEMPLATES.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SITE_NAME = gettext_lazy("武汉知识产权公共服务平台")

# Providers cap each variable's length (Alibaba Cloud: 35 characters for notification templates);
# a longer value is cut here, never refused there. The full text stays on the tracking page.
MAX_PARAM_LENGTH = 35

# kind -> the parameters its template uses. Adding a kind: a builder below, the template in
# docs/deployment.md, and its code in SMS_TEMPLATES (production refuses to start without it).
KINDS: dict[str, tuple[str, ...]] = {
    "confirmation": ("kind", "number", "code"),
    "update": ("number", "status", "note"),
    "sign_in_code": ("code",),
    "respondent_invite": ("bureau", "number", "until", "code", "due"),
    "colleague_invite": ("enterprise", "until", "code"),
}


@dataclass(frozen=True)
class SMSText:
    kind: str
    body: str
    params: dict[str, str] = field(default_factory=dict)


def _param(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_PARAM_LENGTH else text[: MAX_PARAM_LENGTH - 1] + "…"


def confirmation(kind_label: str, tracking_number: str, access_code: str) -> SMSText:
    """The receipt of a new case: its tracking number and access code (in the active
    language: callers render it in the language the case was filed in)."""
    body = _(
        "【%(site)s】您的%(kind)s已提交，受理编号 %(number)s，访问码 %(code)s。"
        "请妥善保管访问码，凭编号和访问码可在网站“进度查询”中查看办理进度。"
    ) % {"site": SITE_NAME, "kind": kind_label, "number": tracking_number, "code": access_code}
    params = {"kind": kind_label, "number": tracking_number, "code": access_code}
    return SMSText("confirmation", body, {k: _param(v) for k, v in params.items()})


def update(tracking_number: str, status_label: str, public_note: str) -> SMSText:
    """A status change with the bureau's public note (no personal data in it)."""
    body = _("【%(site)s】您的案件 %(number)s 有新进展（%(status)s）：%(text)s") % {
        "site": SITE_NAME,
        "number": tracking_number,
        "status": status_label,
        "text": public_note,
    }
    params = {"number": tracking_number, "status": status_label, "note": public_note}
    return SMSText("update", body, {k: _param(v) for k, v in params.items()})


def sign_in_code(code: str, minutes: int) -> SMSText:
    """A citizen account's one-time sign-in code (verification templates take the code only;
    the registered text states the validity, which must match `minutes`)."""
    body = _(
        "【%(site)s】您的登录验证码是%(code)s，%(minutes)s分钟内有效。"
        "请勿告诉他人；如非本人操作，请忽略本短信。"
    ) % {"site": SITE_NAME, "code": code, "minutes": minutes}
    return SMSText("sign_in_code", body, {"code": code})


def respondent_invitation(
    bureau: str, tracking_number: str, respondent: str, until, url: str, code: str, due
) -> SMSText:
    """A bureau invites the enterprise complained about to answer online (respondents app).
    The registered template carries the portal's address itself: a URL is longer than a
    template variable may be."""
    body = (
        f"【{SITE_NAME}】{bureau}就案件 {tracking_number} 邀请贵单位（{respondent}）在线答复。"
        f"请于 {until:%Y-%m-%d} 前访问 {url} 输入邀请码 {code}，答复期限 {due:%Y-%m-%d}。"
    )
    params = {
        "bureau": bureau,
        "number": tracking_number,
        "until": f"{until:%Y-%m-%d}",
        "code": code,
        "due": f"{due:%Y-%m-%d}",
    }
    return SMSText("respondent_invite", body, {k: _param(v) for k, v in params.items()})


def colleague_invitation(enterprise: str, until, url: str, code: str) -> SMSText:
    """An enterprise's administrator invites a colleague to a login of the same enterprise."""
    body = (
        f"【{SITE_NAME}】{enterprise}邀请您开通被投诉企业账户。请于 {until:%Y-%m-%d} 前访问 "
        f"{url} 输入邀请码 {code}。"
    )
    params = {"enterprise": enterprise, "until": f"{until:%Y-%m-%d}", "code": code}
    return SMSText("colleague_invite", body, {k: _param(v) for k, v in params.items()})
