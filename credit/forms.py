"""Staff forms: a credit record, a credit repair, the staff list filter."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import permissions
from complaints.dashboard.forms import StyledForm
from complaints.models import Bureau
from complaints.services.validators import normalize, validate_uscc

from . import services
from .models import CreditRecord, PublicationRule, RecordStatus, RepairStatus

DATE = {"type": "date"}


def date_input():
    """<input type=date> needs ISO dates whatever the language's display format."""
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


MAX_CASES = 50


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class CreditRecordForm(StyledModelForm):
    case_numbers = forms.CharField(
        label=_("来源案件受理编号"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("本部门案件的受理编号，多个用逗号或换行分隔；仅工作人员可见。"),
    )

    class Meta:
        model = CreditRecord
        fields = [
            "enterprise_name",
            "uscc",
            "kind",
            "decision_number",
            "decision_date",
            "bureau",
            "facts",
            "legal_basis",
            "penalty",
            "fine_amount",
            "rule",
            "published_on",
        ]
        widgets = {
            "decision_date": date_input(),
            "published_on": date_input(),
            "facts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        supervised = permissions.supervised_bureau_ids(user)
        bureaus = Bureau.objects.all()
        if supervised is not None:
            bureaus = bureaus.filter(pk__in=supervised)
        self.fields["bureau"].queryset = bureaus
        if supervised is not None and len(supervised) == 1:
            self.fields["bureau"].initial = supervised[0]
        rules = PublicationRule.objects.filter(is_active=True)
        if self.instance.pk:
            rules = PublicationRule.objects.filter(pk=self.instance.rule_id) | rules
            self.fields["case_numbers"].initial = ", ".join(
                self.instance.cases.values_list("tracking_number", flat=True)
            )
        self.fields["rule"].queryset = rules.distinct()
        self.fields["published_on"].initial = timezone.localdate()
        self.fields["uscc"].validators = []  # checked once, after normalising, below

    def clean_uscc(self):
        value = normalize(self.cleaned_data["uscc"])
        validate_uscc(value)
        return value

    def clean_case_numbers(self):
        numbers = [n for n in re.split(r"[\s,，;；、]+", self.cleaned_data["case_numbers"]) if n]
        numbers = list(dict.fromkeys(n.upper() for n in numbers))
        if len(numbers) > MAX_CASES:
            raise forms.ValidationError(_("一次最多关联50件案件。"))
        found = list(services.linkable_cases(self.user).filter(tracking_number__in=numbers))
        missing = set(numbers) - {case.tracking_number for case in found}
        if missing:
            raise forms.ValidationError(
                _("以下受理编号不存在或不属于您负责的部门：%(numbers)s")
                % {"numbers": "、".join(sorted(missing))}
            )
        return found

    def clean(self):
        data = super().clean()
        bureau, number = data.get("bureau"), data.get("decision_number")
        if bureau and number:
            clash = CreditRecord.objects.filter(bureau=bureau, decision_number=number)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "decision_number", _("本部门已有相同文号的信用记录，请核对决定书文号。")
                )
        decided, published = data.get("decision_date"), data.get("published_on")
        if decided and published and published < decided:
            self.add_error("published_on", _("公示起始日不能早于决定日期。"))
        if decided and decided > timezone.localdate():
            self.add_error("decision_date", _("决定日期不能晚于今天。"))
        return data

    def validate_unique(self):
        # The (bureau, decision number) clash is reported on the field in clean(), in words.
        pass


class RepairForm(StyledForm):
    applied_on = forms.DateField(
        label=_("申请日期"),
        widget=date_input(),
        help_text=_("企业书面申请信用修复的日期。"),
    )
    grounds = forms.CharField(
        label=_("申请理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("企业陈述的理由及履行义务、纠正违法行为的情况；仅工作人员可见。"),
    )
    result = forms.ChoiceField(
        label=_("审核结果"),
        choices=[(RepairStatus.APPROVED, _("准予修复")), (RepairStatus.REJECTED, _("不予修复"))],
        widget=forms.RadioSelect,
        help_text=_("准予修复后，该记录当日起不再公开，也不再导出给信用平台。"),
    )
    decision = forms.CharField(
        label=_("决定说明"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("准予或不予修复的理由；仅工作人员可见，记入操作日志。"),
    )
    decided_on = forms.DateField(
        label=_("决定日期"),
        widget=date_input(),
        help_text=_("准予修复时，记录自该日起停止公示。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["result"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and applied > today:
            self.add_error("applied_on", _("申请日期不能晚于今天。"))
        if decided and decided > today:
            self.add_error("decided_on", _("决定日期不能晚于今天。"))
        if applied and decided and decided < applied:
            self.add_error("decided_on", _("决定日期不能早于申请日期。"))
        return data


STATUS_FILTERS = [("", _("全部"))] + [(s.value, s.label) for s in RecordStatus]


class StaffFilterForm(StyledForm):
    q = forms.CharField(label=_("企业名称或统一社会信用代码"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=STATUS_FILTERS)


class PublicSearchForm(forms.Form):
    q = forms.CharField(
        label=_("企业名称或统一社会信用代码"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
