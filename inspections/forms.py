from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Bureau, District
from complaints.services.validators import normalize
from inspections.models import (
    ConflictOfInterest,
    Draw,
    InspectionItem,
    InspectionTarget,
    Outcome,
    RiskLevel,
)
from inspections.models.choices import NO_VIOLATION_OUTCOMES, VIOLATION_OUTCOMES


class DrawForm(forms.ModelForm):
    risk_levels = forms.MultipleChoiceField(
        label=_("风险等级"),
        choices=RiskLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("只从这些风险等级的企业中抽取；不选则不限。"),
    )

    class Meta:
        model = Draw
        fields = ["bureau", "title", "items", "target_count", "risk_levels", "districts"]
        widgets = {
            "items": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "bureau": _("实施抽查的部门；检查人员从该部门的检查人员名录中抽取。"),
            "items": _("公开显示：本次抽查检查哪些事项。"),
        }

    def __init__(self, *args, bureau_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = Bureau.objects.active()
        items = InspectionItem.objects.filter(is_active=True)
        if bureau_ids is not None:
            bureaus = bureaus.filter(pk__in=bureau_ids)
            items = items.filter(bureau_id__in=bureau_ids)
        self.fields["bureau"].queryset = bureaus
        self.fields["bureau"].empty_label = _("请选择")
        self.fields["items"].queryset = items
        self.fields["districts"].queryset = District.objects.all()
        self.fields["target_count"].min_value = 1
        self.fields["target_count"].widget.attrs["min"] = 1
        for name in ("bureau",):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("title", "target_count"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean(self):
        data = super().clean()
        bureau, items = data.get("bureau"), data.get("items")
        if bureau and items and any(item.bureau_id != bureau.pk for item in items):
            self.add_error("items", _("只能选择实施部门自己的抽查事项。"))
        if data.get("target_count") is not None and data["target_count"] < 1:
            self.add_error("target_count", _("至少抽取 1 家。"))
        return data


class ResultForm(forms.Form):
    inspected_on = forms.DateField(
        label=_("检查日期"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        help_text=_("公开显示：实地检查的日期。"),
    )
    checked_items = forms.ModelMultipleChoiceField(
        label=_("已检查事项"),
        queryset=InspectionItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("公开显示：本次实际检查了哪些抽查事项。"),
    )
    outcome = forms.ChoiceField(
        label=_("检查结果"),
        choices=Outcome.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_("公开显示。"),
    )
    violation_found = forms.BooleanField(
        label=_("违法"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text=_("认定存在违法行为时勾选；勾选后可据此建立信用记录。公开显示。"),
    )
    public_note = forms.CharField(
        label=_("公开说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("公开显示在抽查结果页面，不得包含个人信息。"),
    )
    internal_note = forms.CharField(
        label=_("内部备注"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("仅本部门工作人员可见，不公开。"),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_items"].queryset = (
            items if items is not None else InspectionItem.objects.none()
        )

    def clean(self):
        data = super().clean()
        outcome, violation = data.get("outcome"), data.get("violation_found")
        if outcome in VIOLATION_OUTCOMES and not violation:
            self.add_error("violation_found", _("“发现违法行为立案查处”必须勾选“违法”。"))
        if outcome in NO_VIOLATION_OUTCOMES and violation:
            self.add_error("violation_found", _("该检查结果不能同时认定违法。"))
        return data


class TargetImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV 文件"),
        help_text=_(
            "工作人员上传：第一行为列名（企业名称、统一社会信用代码、所在区、地址、风险等级），"
            "UTF-8 或 GB18030 编码；任何一行有误则整个文件不导入。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv", "class": "form-control"}),
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("文件不能超过 20 MB，请分批导入。"))
        return upload


class ConflictForm(forms.ModelForm):
    target_uscc = forms.CharField(
        label=_("检查对象统一社会信用代码"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
        help_text=_("需要回避的企业的18位统一社会信用代码。"),
    )

    class Meta:
        model = ConflictOfInterest
        fields = ["inspector", "reason"]
        widgets = {"reason": forms.TextInput(attrs={"class": "form-control"})}
        help_texts = {"inspector": _("需要回避的检查人员（本部门名录中）。")}

    def __init__(self, *args, inspectors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors
        self.fields["inspector"].empty_label = _("请选择")
        self.fields["inspector"].widget.attrs["class"] = "form-select"

    def clean_target_uscc(self):
        code = normalize(self.cleaned_data["target_uscc"])
        target = InspectionTarget.objects.filter(uscc=code).first()
        if target is None:
            raise forms.ValidationError(_("检查对象名录中没有这个统一社会信用代码。"))
        self.instance.target = target
        return code

    def clean(self):
        data = super().clean()
        inspector, target = data.get("inspector"), getattr(self.instance, "target", None)
        if (
            inspector
            and self.instance.target_id
            and ConflictOfInterest.objects.filter(inspector=inspector, target=target).exists()
        ):
            self.add_error("target_uscc", _("该回避关系已申报。"))
        return data
