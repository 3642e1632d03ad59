from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

EVENT_LABELS = {
    "submitted": _("提交"),
    "accepted": _("受理"),
    "not_accepted": _("不予受理"),
    "assigned": _("分配承办人"),
    "information_requested": _("要求补充材料"),
    "information_supplied": _("补充材料"),
    "in_progress": _("开始办理"),
    "mediation_agreed": _("调解达成协议"),
    "mediation_failed": _("调解未达成协议"),
    "mediation_drafted": _("拟定调解协议"),
    "mediation_confirmed": _("当事人确认调解协议"),
    "mediation_declined": _("当事人未确认调解协议"),
    "resolved": _("办结"),
    "closed": _("结案"),
    "reopened": _("重新办理"),
    "transferred": _("移送"),
    "extended": _("延期"),
    "withdrawn": _("撤回"),
    "rated": _("满意度评价"),
    "purged": _("按保存期限清除个人信息"),
    "evidence_added": _("投诉人补充证据"),
    "attachment_added": _("添加工作人员附件"),
    "access_code_reset": _("投诉人重置访问码"),
}


@register.filter
def percent(value, digits=1):
    """0.9812 → "98.1%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.{int(digits)}f}%"


@register.filter
def event_label(action: str):
    return EVENT_LABELS.get(action, action)


@register.filter
def local_name(obj) -> str:
    """A category's, district's or bureau's name in the reader's language (English if set)."""
    if obj is None:
        return ""
    english = (get_language() or "").startswith("en")
    return (getattr(obj, "name_en", "") if english else "") or obj.name


@register.filter
def local_value(row: dict, field: str) -> str:
    """A grouped row's name (e.g. "category__name") in the reader's language: the English
    column beside it when set, else the Chinese name marked lang="zh-Hans" (issue 17)."""
    from portal.templatetags.portal_tags import zh

    english = (get_language() or "").startswith("en")
    return (english and row.get(f"{field}_en")) or zh(row.get(field) or "")


@register.simple_tag(takes_context=True)
def staff_nav(context):
    """What the navigation column shows: shortcuts and saved searches with counts, and the
    links other areas registered (complaints.dashboard.navigation). Computed once per page."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    cached = getattr(request, "_staff_nav", None)
    if cached is not None:
        return cached
    from complaints import permissions
    from complaints.dashboard import counts, navigation

    user = request.user
    if not permissions.is_staff_member(user):
        return None
    match = getattr(request, "resolver_match", None)
    url_name = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    queue_url = reverse("dashboard:queue")
    on_queue = url_name == "dashboard:queue"
    current = _filter_params(request.GET) if on_queue else None
    saved = counts.saved_searches(user)
    numbers = counts.nav_counts(user, saved)
    shortcuts = []
    for item in counts.shortcuts():
        shortcuts.append({
            "key": item.key,
            "label": item.label,
            "count": numbers[item.key],
            "shown": _shown(numbers[item.key], counts.CAP),
            "url": f"{queue_url}?{urlencode(item.params)}" if item.params else queue_url,
            "current": current == _filter_params(item.params),
        })  # fmt: skip
    saved_items = []
    for item in saved:
        params = {**item.filters, **({"sort": item.order} if item.order else {})}
        saved_items.append({
            "pk": item.pk,
            "label": item.name,
            "count": numbers[f"saved-{item.pk}"],
            "shown": _shown(numbers[f"saved-{item.pk}"], counts.CAP),
            "url": f"{queue_url}?{urlencode(params, doseq=True)}" if params else queue_url,
            "current": current == _filter_params(params),
        })  # fmt: skip
    request._staff_nav = {
        "shortcuts": shortcuts,
        "saved": saved_items,
        "links": navigation.links_for(user, url_name),
        "url_name": url_name,
    }
    return request._staff_nav


def _shown(count: int | None, cap: int) -> str:
    if count is None:
        return "—"
    return f"{cap}+" if count > cap else str(count)


def _filter_params(params) -> dict:
    """Query parameters that select cases (not the page cursor), for "is this link current"."""
    if hasattr(params, "lists"):
        items = dict(params.lists())
    else:
        items = {
            key: value if isinstance(value, list) else [value] for key, value in params.items()
        }
    return {k: sorted(v) for k, v in items.items() if k not in ("after", "q") and any(v)}
