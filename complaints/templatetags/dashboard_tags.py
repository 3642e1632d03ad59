from django import template
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
