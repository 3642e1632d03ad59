"""Forms of the tracking page: lookup, and the citizen's follow-up actions on a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.services import uploads

from .fields import MultipleFileField

# Said under every box the complainant writes in on this page.
OWN_WORDS_HELP = _("只有您本人和办理部门的工作人员能看到，不会公开。")


class LookupForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("受理编号"),
        max_length=20,
        help_text=_("例如 IP-2026-7K3M9Q"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    access_code = forms.CharField(
        label=_("访问码"),
        max_length=40,
        help_text=_("提交时显示并以短信发送的访问码，不区分大小写。"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SupplyForm(forms.Form):
    note = forms.CharField(
        label=_("补充说明"),
        max_length=2000,
        help_text=OWN_WORDS_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("补充材料"), required=False)

    def __init__(self, *args, existing_count=0, **kwargs):
        self.existing_count = existing_count
        super().__init__(*args, **kwargs)
        limits = uploads.limits_text()
        self.fields["files"].help_text = (
            _("允许 %(types)s；单个不超过 %(max_mb)s MB，每案最多 %(max_files)s 个文件。") % limits
        )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if not files:
            return []
        # The limit is per case: files supplied earlier (and at intake) count too.
        return uploads.check_uploads(files, already=self.existing_count)


class EvidenceForm(SupplyForm):
    """More evidence for an open case, when no request for materials is pending."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False
        self.fields["note"].label = _("证据说明（可选）")
        self.fields["files"].required = True
        self.fields["files"].label = _("证据材料")

    def clean_files(self):
        files = super().clean_files()
        if not files:
            raise forms.ValidationError(_("请选择要上传的文件。"))
        return files


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=500,
        help_text=OWN_WORDS_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("我确认撤回，撤回后本案将终止办理。"))


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("您对办理结果的满意程度"),
        choices=[
            (5, _("5 非常满意")),
            (4, _("4 满意")),
            (3, _("3 一般")),
            (2, _("2 不满意")),
            (1, _("1 非常不满意")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("意见和建议（可选）"),
        max_length=1000,
        required=False,
        help_text=OWN_WORDS_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("申请重新办理的理由"),
        max_length=1000,
        help_text=OWN_WORDS_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
