"""Dashboard forms: queue filters and one small form per case action."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints.models import (
    Bureau,
    Category,
    Channel,
    District,
    Outcome,
    RefusalReason,
    ResponseTemplate,
    Source,
    Status,
)

# Every free-text box says who will read what is typed into it.
PUBLIC_LABEL = _("公开说明（投诉人可见并短信告知，也对公众公开）")
INTERNAL_LABEL = _("内部备注（仅办案工作人员可见）")

SORTS = [
    ("-submitted", _("最新提交")),
    ("submitted", _("最早提交")),
    ("due", _("剩余时间最少")),
]


class StyledForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


def local_name(obj) -> str:
    """A channel's code, or a category's or district's name in the reader's language."""
    if isinstance(obj, Channel):
        return obj.code
    english = (get_language() or "").startswith("en")
    return (obj.name_en if english else "") or obj.name


class QueueFilterForm(StyledForm):
    """The queue's filters. Everything but `q` travels in the queue's URL; `q` (a name, a phone
    number) is posted and kept in the session, never put in a URL or a server log."""

    q = forms.CharField(
        label=_("检索"),
        required=False,
        max_length=100,
        help_text=_("受理编号、被投诉人、事实内容；只保存在本次登录中，不写入网址"),
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), ("open", _("未办结"))]
    )
    channel = forms.ModelChoiceField(
        label=_("热线渠道"),
        required=False,
        queryset=Channel.objects.all(),
        to_field_name="code",
        empty_label=_("全部"),
    )
    category = forms.ModelChoiceField(
        label=_("类别"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("全部"),
    )
    district = forms.ModelChoiceField(
        label=_("行政区"),
        required=False,
        queryset=District.objects.all(),
        to_field_name="code",
        empty_label=_("全部"),
    )
    source = forms.ChoiceField(
        label=_("来源"), required=False, choices=[("", _("全部")), *Source.choices]
    )
    mine = forms.BooleanField(label=_("分配给我"), required=False)
    overdue = forms.BooleanField(label=_("已超期"), required=False)
    transferred_in = forms.BooleanField(label=_("移送来的案件"), required=False)
    due_within = forms.IntegerField(
        label=_("N个工作日内到期"), required=False, min_value=0, max_value=60
    )
    date_from = forms.DateField(
        label=_("提交日期起"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("提交日期止"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS)

    URL_FIELDS = (
        "status", "channel", "category", "district", "source", "mine", "overdue",
        "transferred_in", "due_within", "date_from", "date_to", "sort",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices += list(Status.choices)
        for name in ("channel", "category", "district"):
            self.fields[name].label_from_instance = local_name

    def show_counts(self, facets: dict) -> None:
        """Put each value's count (from complaints.dashboard.counts) beside its label."""

        def label(text, count):
            return f"{text} ({count or 0:,})"

        for name in ("status", "source"):
            if facets.get(name) is None:  # not counted within the time budget
                continue
            field = self.fields[name]
            field.choices = [
                (value, text if value == "" else label(text, facets[name].get(value)))
                for value, text in field.choices
            ]
        for name in ("channel", "category", "district"):
            counts = facets.get(name)
            if counts is None:
                continue
            field = self.fields[name]
            field.label_from_instance = lambda obj, counts=counts: label(
                local_name(obj), counts.get(obj.pk)
            )
        if facets.get("overdue") is not None:
            overdue = label(self.fields["overdue"].label, facets["overdue"])
            self.fields["overdue"].label = self["overdue"].label = overdue  # bound fields cached


class SavedSearchForm(StyledForm):
    name = forms.CharField(
        label=_("名称"),
        max_length=40,
        help_text=_("只有您本人能看到，显示在左侧导航中"),
    )


class NoteForm(StyledForm):
    template = forms.ModelChoiceField(
        label=_("答复模板"), required=False, queryset=ResponseTemplate.objects.none()
    )
    public_note = forms.CharField(
        label=PUBLIC_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    internal_note = forms.CharField(
        label=INTERNAL_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_required = False
    target_status = ""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and self.target_status:
            self.fields["template"].queryset = ResponseTemplate.objects.filter(
                is_active=True, status=self.target_status
            ).filter(category__isnull=True) | ResponseTemplate.objects.filter(
                is_active=True, status=self.target_status, category_id=case.category_id
            )
        else:
            del self.fields["template"]

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template and not data.get("public_note"):
            data["public_note"] = template.text
        if self.note_required and not data.get("public_note", "").strip():
            self.add_error("public_note", _("请填写公开说明。"))
        return data


class AcceptForm(NoteForm):
    target_status = Status.ACCEPTED


class RefuseForm(NoteForm):
    target_status = Status.NOT_ACCEPTED
    reason = forms.ChoiceField(label=_("不予受理理由"), choices=RefusalReason.choices)


class RequestInfoForm(NoteForm):
    target_status = Status.AWAITING_COMPLAINANT
    note_required = True


class StartForm(NoteForm):
    target_status = Status.IN_PROGRESS


class MediationForm(StyledForm):
    agreed = forms.TypedChoiceField(
        label=_("调解结果"),
        coerce=lambda value: value == "1",
        choices=[("1", _("达成协议")), ("0", _("未达成协议"))],
    )
    internal_note = forms.CharField(
        label=_("调解情况与协议内容（仅办案工作人员可见；投诉人只被告知是否达成协议）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(NoteForm):
    """The outcome is chosen, never defaulted, and the complainant is told it in staff's words."""

    target_status = Status.RESOLVED
    note_required = True
    outcome = forms.ChoiceField(
        label=_("办理结果"),
        choices=[("", _("请选择办理结果")), *Outcome.choices],
    )
    outcome_detail = forms.CharField(
        label=_("结果说明，如处罚决定书文号（仅办案工作人员可见）"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_note"].label = _(
            "办理结果答复（必填；投诉人可见并短信告知，也对公众公开）"
        )


class CloseForm(NoteForm):
    target_status = Status.CLOSED


class ReopenForm(StyledForm):
    reason = forms.CharField(
        label=_("投诉人申请重新办理的理由（投诉人本人和办案工作人员可见，不对公众公开）"),
        max_length=300,
    )


class TransferForm(StyledForm):
    to_bureau = forms.ModelChoiceField(label=_("移送至"), queryset=Bureau.objects.active())
    reason = forms.CharField(
        label=_("移送理由（仅办案工作人员可见，不告知投诉人）"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    public_note = forms.CharField(
        label=_("告知投诉人的说明（投诉人可见并短信告知，也对公众公开；可不填）"),
        help_text=_("系统会告知投诉人案件已移送至哪个部门，此处可补充说明。"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["to_bureau"].queryset = Bureau.objects.active().exclude(pk=case.bureau_id)


class AssignForm(StyledForm):
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=get_user_model().objects.none())

    def __init__(self, *args, case=None, bureau_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(staffmembership__isnull=False)
        if case is not None:
            users = users.filter(staffmembership__bureau_id=case.bureau_id)
        elif bureau_ids is not None:
            users = users.filter(staffmembership__bureau_id__in=bureau_ids)
        self.fields["handler"].queryset = users.distinct().order_by("username")
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


class OriginalReleaseForm(StyledForm):
    """Why the sealed original (not the cleaned copy) is needed: kept in the access log."""

    reason = forms.CharField(
        label=_("调取原件的理由"),
        max_length=150,
        help_text=_("记入访问日志，仅本局负责人和审计人员可见。"),
    )


class ExtendForm(StyledForm):
    months = forms.IntegerField(label=_("延长月数"), min_value=1, max_value=12, initial=1)
    reason = forms.CharField(
        label=_("延期理由（仅办案工作人员可见；投诉人只被告知新的期限）"), max_length=300
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=_("批量操作"), choices=[("accept", _("批量受理")), ("assign", _("批量分配"))]
    )
    cases = forms.TypedMultipleChoiceField(label=_("案件"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = self.data.getlist("cases") if hasattr(self.data, "getlist") else []
        self.fields["cases"].choices = [(value, value) for value in ids if str(value).isdigit()]
