"""Dashboard forms: queue filters, one small form per case action, the bulk form."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints.forms.fields import MultipleFileField
from complaints.models import (
    Bureau,
    Category,
    Channel,
    District,
    Evidence,
    Outcome,
    RefusalReason,
    ResponseTemplate,
    Source,
    Status,
)
from complaints.services import replies, uploads

# Every free-text box says who will read what is typed into it.
PUBLIC_LABEL = _("公开说明（投诉人可见并短信告知，也对公众公开）")
INTERNAL_LABEL = _("内部备注（仅办案工作人员可见）")

SORTS = [
    ("-submitted", _("最新提交")),
    ("submitted", _("最早提交")),
    ("due", _("剩余时间最少")),
]


class NameSelect(forms.Select):
    """A select of people's names: an option holding a Chinese name on a page in another
    language carries lang="zh-Hans" (issue 17), which Django's Select cannot do per option."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        from portal.templatetags.portal_tags import lang_attr

        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if lang_attr(label):
            option["attrs"] = {**option["attrs"], "lang": "zh-Hans"}
        return option


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


class TemplateChoiceField(forms.ModelChoiceField):
    """Reply templates by title, in the interface language."""

    def label_from_instance(self, obj):
        if get_language() == "en" and obj.title_en:
            return obj.title_en
        return obj.title


class NoteForm(StyledForm):
    """A public note (optionally from a reply template) and an internal note."""

    template = TemplateChoiceField(
        label=_("答复模板"),
        required=False,
        queryset=ResponseTemplate.objects.none(),
        empty_label=_("不使用模板"),
        help_text=_("选择后，未填写的公开说明将使用模板内容（受理编号、期限、部门自动填入）。"),
    )
    public_note = forms.CharField(
        label=PUBLIC_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    internal_note = forms.CharField(
        label=INTERNAL_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_required = False
    action = ""

    def __init__(self, *args, case=None, category_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if case is not None:
            category_ids = [case.category_id]
        if self.action:
            self.fields["template"].queryset = replies.templates_for(self.action, category_ids)
        else:
            del self.fields["template"]

    fill_from_template = True

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template and self.fill_from_template and not data.get("public_note", "").strip():
            data["public_note"] = replies.render(template.text, self.case)
        if self.note_required and not data.get("public_note", "").strip() and not template:
            self.add_error("public_note", _("请填写公开说明，或选择答复模板。"))
        return data


class AcceptForm(NoteForm):
    action = "accept"


class RefuseForm(NoteForm):
    action = "refuse"
    reason = forms.ChoiceField(
        label=_("不予受理理由（投诉人可见）"),
        choices=[("", _("请选择不予受理理由")), *RefusalReason.choices],
    )


class RequestInfoForm(NoteForm):
    action = "request_info"
    note_required = True


class StartForm(NoteForm):
    action = "start"


class MediationForm(StyledForm):
    agreed = forms.TypedChoiceField(
        label=_("调解结果（投诉人只被告知是否达成协议）"),
        coerce=lambda value: value == "1",
        choices=[("", _("请选择调解结果")), ("1", _("达成协议")), ("0", _("未达成协议"))],
    )
    internal_note = forms.CharField(
        label=_("调解情况与协议内容（仅办案工作人员可见；投诉人只被告知是否达成协议）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(NoteForm):
    """The outcome is chosen, never defaulted, and the complainant is told it in staff's words."""

    action = "resolve"
    note_required = True
    outcome = forms.ChoiceField(
        label=_("办理结果（投诉人可见，也对公众公开）"),
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
    action = "close"


class ReopenForm(StyledForm):
    reason = forms.CharField(
        label=_("投诉人申请重新办理的理由（投诉人本人和办案工作人员可见，不对公众公开）"),
        max_length=300,
    )


class TransferForm(StyledForm):
    to_bureau = forms.ModelChoiceField(
        label=_("移送至（投诉人可见）"),
        queryset=Bureau.objects.active(),
        empty_label=_("请选择接收部门"),
    )
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
        self.fields["to_bureau"].label_from_instance = local_name


class AssignForm(StyledForm):
    handler = forms.ModelChoiceField(
        label=_("承办人（仅办案工作人员可见）"),
        queryset=get_user_model().objects.none(),
        widget=NameSelect,
        empty_label=_("请选择承办人"),
    )

    def __init__(self, *args, case=None, bureau_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(staffmembership__isnull=False)
        if case is not None:
            users = users.filter(staffmembership__bureau_id=case.bureau_id)
        elif bureau_ids is not None:
            users = users.filter(staffmembership__bureau_id__in=bureau_ids)
        self.fields["handler"].queryset = users.distinct().order_by("username")
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


class AttachForm(StyledForm):
    """Staff attachments: checked and kept in custody like citizens' evidence."""

    files = MultipleFileField(label=_("附件"))
    audience = forms.ChoiceField(
        label=_("谁可以查看"),
        choices=Evidence.Audience.choices,
        initial=Evidence.Audience.STAFF,
        widget=forms.RadioSelect,
        help_text=_("默认仅办案工作人员可见；选择“投诉人也可查看”后，投诉人可在查询页面下载。"),
    )
    note = forms.CharField(
        label=_("附件说明（仅办案工作人员可见）"),
        required=False,
        max_length=200,
        help_text=_("例如：现场检查照片、行政处罚决定书。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].widget.attrs["class"] = "form-check-input"
        self.fields["files"].help_text = (
            _("允许 %(types)s；单个不超过 %(max_mb)s MB，每次最多 %(max_files)s 个文件。")
            % uploads.limits_text()
        )

    def clean_files(self):
        return uploads.check_uploads(self.cleaned_data.get("files") or [])


class OriginalReleaseForm(StyledForm):
    """Why the sealed original (not the cleaned copy) is needed: kept in the access log."""

    reason = forms.CharField(
        label=_("调取原件的理由"),
        max_length=150,
        help_text=_("记入访问日志，仅本局负责人和审计人员可见。"),
    )


class ExtendForm(StyledForm):
    months = forms.IntegerField(
        label=_("延长月数（投诉人会被告知新的期限）"), min_value=1, max_value=12, initial=1
    )
    reason = forms.CharField(
        label=_("延期理由（仅办案工作人员可见；投诉人只被告知新的期限）"), max_length=300
    )


# The form of each action of `services.actions.STAFF_RULES`.
ACTION_FORMS = {
    "accept": AcceptForm,
    "refuse": RefuseForm,
    "assign": AssignForm,
    "request_info": RequestInfoForm,
    "start": StartForm,
    "mediation": MediationForm,
    "resolve": ResolveForm,
    "close": CloseForm,
    "reopen": ReopenForm,
    "transfer": TransferForm,
    "extend": ExtendForm,
    "attach": AttachForm,
}


def action_form(name: str, case, data=None, files=None):
    """The bound or unbound form of action `name` for `case` (prefixed by the action)."""
    form_class = ACTION_FORMS[name]
    kwargs = (
        {} if form_class in (MediationForm, ReopenForm, ExtendForm, AttachForm) else {"case": case}
    )
    return form_class(data, files, prefix=name, **kwargs)


class BulkActionForm(NoteForm):
    """Supervisors' bulk work on the queue: one action, its input, the chosen cases.

    A reply template is filled in per case (its own number, deadline and bureau) by the
    service, so the form keeps it unrendered."""

    action = "bulk"
    fill_from_template = False

    bulk_action = forms.ChoiceField(
        label=_("批量操作"),
        choices=[
            ("", _("请选择批量操作")),
            ("accept", _("受理")),
            ("assign", _("分配承办人")),
            ("transfer", _("移送其他部门")),
            ("request_info", _("要求补充材料（暂停计时）")),
        ],
    )
    cases = forms.TypedMultipleChoiceField(label=_("案件"), coerce=int, choices=())
    handler = forms.ModelChoiceField(
        label=_("承办人（分配时必选；仅办案工作人员可见）"),
        required=False,
        queryset=get_user_model().objects.none(),
        widget=NameSelect,
        empty_label=_("请选择承办人"),
    )
    to_bureau = forms.ModelChoiceField(
        label=_("移送至（移送时必选；投诉人可见）"),
        required=False,
        queryset=Bureau.objects.active(),
        empty_label=_("请选择接收部门"),
    )
    reason = forms.CharField(
        label=_("移送理由（移送时必填；仅办案工作人员可见）"),
        required=False,
        max_length=300,
    )
    REQUIRED_FOR = {"assign": ("handler",), "transfer": ("to_bureau", "reason")}

    def __init__(self, *args, bureau_ids=None, **kwargs):
        super().__init__(*args, category_ids=None, **kwargs)
        self.fields["template"].queryset = ResponseTemplate.objects.filter(
            is_active=True, action__in=("accept", "request_info", "transfer")
        ).order_by("action", "category_id", "title")
        self.fields["template"].help_text = _(
            "对每件案件分别填入其受理编号、期限和部门；模板限定类别时，只用于该类别的案件。"
        )
        users = get_user_model().objects.filter(staffmembership__isnull=False)
        if bureau_ids is not None:
            users = users.filter(staffmembership__bureau_id__in=bureau_ids)
        self.fields["handler"].queryset = users.distinct().order_by("username")
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["to_bureau"].label_from_instance = local_name
        ids = self.data.getlist("cases") if hasattr(self.data, "getlist") else []
        self.fields["cases"].choices = [(value, value) for value in ids if str(value).isdigit()]

    def clean(self):
        data = super().clean()
        action = data.get("bulk_action")
        for name in self.REQUIRED_FOR.get(action, ()):
            if not data.get(name):
                self.add_error(name, _("此项为必填项。"))
        note = data.get("public_note", "").strip() or data.get("template")
        if action == "request_info" and not note:
            self.add_error("public_note", _("请填写需要补充的材料，或选择答复模板。"))
        template = data.get("template")
        if template and template.action != action:
            self.add_error("template", _("所选答复模板不适用于该操作。"))
        return data
