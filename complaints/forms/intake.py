"""The five steps of the intake wizard. Each step validates only its own fields; steps that
depend on earlier answers (kind, category, online) receive them as `context`."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, District, IdType, IpRightType, Kind, RespondentType
from complaints.services import challenge, uploads, validators

from .fields import MultipleFileField


def localized(obj) -> str:
    if (get_language() or "").startswith("en") and getattr(obj, "name_en", ""):
        return obj.name_en
    return obj.name


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localized(obj)


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localized(obj)


class StepForm(forms.Form):
    """Base: knows the answers of earlier steps (`context`), never writes them."""

    title = ""

    def __init__(self, *args, context=None, **kwargs):
        self.context = context or {}
        super().__init__(*args, **kwargs)

    def mark_required(self, *names: str) -> None:
        """Fields that `clean()` demands in this context although Django cannot (they depend on
        other answers): shown with the required marker and announced as required."""
        for name in names:
            field = self.fields[name]
            field.marked_required = True
            field.widget.attrs["aria-required"] = "true"


class WhatForm(StepForm):
    title = _("发生了什么")

    description = forms.CharField(
        label=_("用几句话说说发生了什么（可选，用于推荐类别）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：网店在卖假冒我公司商标的运动鞋。请勿在此填写身份证号等个人信息。"),
    )
    kind = forms.ChoiceField(
        label=_("您要提交的是"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.COMPLAINT,
        help_text=_(
            "投诉：您自己的权利受到侵害并请求处理；举报：反映违法行为，可匿名；"
            "维权援助：请求专家指导等帮助。"
        ),
    )
    category = CategoryChoiceField(
        label=_("案件类别"),
        queryset=Category.objects.filter(is_active=True).select_related("channel"),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    district = DistrictChoiceField(
        label=_("被投诉人所在区"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("不清楚"),
    )
    is_online = forms.BooleanField(label=_("发生在网店、直播间、网站或应用上"), required=False)
    is_cross_district = forms.BooleanField(label=_("涉及多个区"), required=False)

    def clean(self):
        data = super().clean()
        category, kind = data.get("category"), data.get("kind")
        if category and kind and kind not in category.allowed_kinds:
            allowed = "、".join(str(Kind(k).label) for k in category.allowed_kinds)
            self.add_error(
                "kind",
                _("“%(category)s”只能以“%(allowed)s”方式提交。")
                % {"category": localized(category), "allowed": allowed},
            )
        return data


class WhoForm(StepForm):
    title = _("您的信息")

    is_anonymous = forms.BooleanField(
        label=_("匿名举报（不留姓名和联系方式，将无法收到办理结果通知）"), required=False
    )
    complainant_name = forms.CharField(label=_("姓名或单位名称"), max_length=100, required=False)
    complainant_phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        required=False,
        help_text=_("受理编号和访问码将以短信发送到此号码。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    complainant_email = forms.EmailField(
        label=_("电子邮箱（可选）"),
        required=False,
        max_length=254,  # the column's length (Django's form default, 320, would not fit)
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    complainant_id_type = forms.ChoiceField(
        label=_("证件类型"), choices=[("", _("请选择")), *IdType.choices], required=False
    )
    complainant_id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False)
    complainant_address = forms.CharField(
        label=_("联系地址"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    is_agent_filing = forms.BooleanField(label=_("由代理人代为提交"), required=False)
    agent_name = forms.CharField(label=_("代理人姓名"), max_length=100, required=False)
    power_of_attorney = forms.FileField(
        label=_("授权委托书"),
        required=False,
        help_text=_("代理提交时必须上传。PDF、JPG 或 PNG，单个文件不超过 20 MB。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.context.get("kind") != Kind.REPORT:
            del self.fields["is_anonymous"]
        # Only an anonymous report leaves them empty.
        self.mark_required(*self.required_names())

    def required_names(self) -> list[str]:
        required = ["complainant_name", "complainant_phone"]
        if self.context.get("kind") == Kind.COMPLAINT:
            required.append("complainant_address")
        return required

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous"):
            for name in list(data):
                if name.startswith("complainant_") or name in ("agent_name",):
                    data[name] = ""
            data["is_agent_filing"] = False
            return data
        for name in self.required_names():
            if not data.get(name):
                self.add_error(name, _("请填写此项。"))
        phone = data.get("complainant_phone")
        if phone and not validators.is_valid_phone(phone):
            self.add_error("complainant_phone", _("请填写有效的手机号码或带区号的固定电话。"))
        self._clean_id(data)
        if data.get("is_agent_filing"):
            if not data.get("agent_name"):
                self.add_error("agent_name", _("请填写代理人姓名。"))
            if not data.get("power_of_attorney") and not self.context.get("has_poa"):
                self.add_error("power_of_attorney", _("代理提交须上传授权委托书。"))
        return data

    def _clean_id(self, data):
        id_type, number = data.get("complainant_id_type"), data.get("complainant_id_number", "")
        if number and not id_type:
            self.add_error("complainant_id_type", _("请选择证件类型。"))
        elif id_type and not number:
            self.add_error("complainant_id_number", _("请填写证件号码。"))
        elif id_type == IdType.RESIDENT_ID and not validators.is_valid_resident_id(number):
            self.add_error(
                "complainant_id_number", _("身份证号码不正确，请核对（18位，最后一位可能是X）。")
            )
        elif id_type == IdType.USCC and not validators.is_valid_uscc(number):
            self.add_error("complainant_id_number", _("统一社会信用代码不正确，请核对18位代码。"))
        elif number:
            data["complainant_id_number"] = validators.normalize(number)

    def clean_power_of_attorney(self):
        upload = self.cleaned_data.get("power_of_attorney")
        return uploads.check_upload(upload) if upload else None


class RespondentForm(StepForm):
    title = _("被投诉（举报）对象")

    respondent_name = forms.CharField(label=_("名称或姓名"), max_length=200, required=False)
    respondent_type = forms.ChoiceField(
        label=_("被投诉（举报）对象是"),
        choices=[*RespondentType.choices, ("", _("不清楚"))],
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "办理部门据此处理；公开投诉数据库只公开有统一社会信用代码的企业或组织的名称，"
            "从不公开个人的姓名。"
        ),
    )
    respondent_credit_code = forms.CharField(
        label=_("统一社会信用代码（如知道）"), max_length=30, required=False
    )
    respondent_address = forms.CharField(label=_("地址"), max_length=200, required=False)
    respondent_shop_name = forms.CharField(label=_("网店名称"), max_length=200, required=False)
    respondent_url = forms.URLField(
        label=_("网址"), max_length=500, required=False, assume_scheme="https"
    )
    respondent_platform = forms.CharField(
        label=_("电商平台"),
        max_length=100,
        required=False,
        help_text=_("例如：淘宝、京东、拼多多、抖音"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.context.get("is_online"):
            self.mark_required("respondent_name")
        else:
            self.fields["respondent_shop_name"].help_text = _("网店名称和网址至少填写一项。")

    def clean_respondent_credit_code(self):
        code = validators.normalize(self.cleaned_data.get("respondent_credit_code", ""))
        if code and not validators.is_valid_uscc(code):
            raise forms.ValidationError(_("统一社会信用代码不正确，请核对18位代码。"))
        return code

    def clean(self):
        data = super().clean()
        if self.context.get("is_online"):
            if not (data.get("respondent_shop_name") or data.get("respondent_url")):
                self.add_error("respondent_shop_name", _("请填写网店名称或网址。"))
        elif not data.get("respondent_name"):
            self.add_error("respondent_name", _("请填写被投诉（举报）对象的名称。"))
        return data


class DetailsForm(StepForm):
    title = _("事实、请求与证据")

    facts = forms.CharField(
        label=_("事实与理由"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("时间、地点、经过，以及您掌握的证据。"),
    )
    request = forms.CharField(
        label=_("请求事项"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ip_right_type = forms.ChoiceField(
        label=_("涉及的权利"),
        choices=[("", _("请选择")), *IpRightType.choices],
        required=False,
    )
    ip_right_number = forms.CharField(
        label=_("专利号、商标注册号或著作权登记号"),
        max_length=40,
        required=False,
        help_text=_("例如 ZL202010123456.2、12345678、2020SR0123456"),
    )
    evidence = MultipleFileField(label=_("证据材料"), required=False)
    publication_consent = forms.TypedChoiceField(
        label=_("是否同意在公开投诉数据库中公开您的事实陈述？"),
        choices=[("no", _("不同意（默认）")), ("yes", _("同意"))],
        coerce=lambda value: value == "yes",
        initial="no",
        required=False,
        empty_value=False,
        widget=forms.RadioSelect,
        help_text=_(
            "结案并经公示期后，每个案件的类别、结果等信息都会进入公开投诉数据库。只有您同意时，"
            "上面的“事实与理由”才会在去除姓名、电话、证件号、地址、邮箱、银行卡号和车牌号后"
            "向公众公开。此项与个人信息处理同意相互独立，不同意不影响办理。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = uploads.limits_text()
        self.fields["evidence"].help_text = (
            _(
                "可选择多个文件。允许 %(types)s；单个不超过 %(max_mb)s MB，"
                "最多 %(max_files)s 个，合计不超过 %(total_mb)s MB。图片中的位置信息会被去除。"
            )
            % limits
        )
        if self.context.get("kind") != Kind.REPORT:
            self.fields["request"].required = True
        category = self.context.get("category")
        if category is not None and category.requires_ip_right_number:
            self.mark_required("ip_right_type", "ip_right_number")

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        return uploads.check_uploads(
            files,
            already=self.context.get("evidence_count", 0),
            already_bytes=self.context.get("evidence_bytes", 0),
        )

    def clean(self):
        data = super().clean()
        right_type, number = data.get("ip_right_type"), data.get("ip_right_number", "").strip()
        category = self.context.get("category")
        if category is not None and category.requires_ip_right_number:
            if not right_type:
                self.add_error("ip_right_type", _("此类案件须选择涉及的权利。"))
            if not number:
                self.add_error("ip_right_number", _("此类案件须填写权利号。"))
        if number and right_type:
            try:
                validators.validate_ip_right_number(right_type, number)
            except forms.ValidationError as error:
                self.add_error("ip_right_number", error)
        return data


class ReviewForm(StepForm):
    title = _("核对并提交")

    consent = forms.BooleanField(
        label=_("我已阅读上述个人信息处理说明，同意为办理本案处理我的个人信息（含敏感个人信息）。"),
        error_messages={"required": _("须同意个人信息处理说明才能提交。")},
    )
    challenge_answer = forms.CharField(label=_("验证问题"), max_length=10, required=False)
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.context.get("needs_challenge"):
            del self.fields["challenge_answer"]
            del self.fields["challenge_token"]
        else:
            self.fields["challenge_answer"].required = True

    def clean(self):
        data = super().clean()
        if challenge.honeypot_tripped(data):
            raise forms.ValidationError(_("提交未通过校验，请重试。"), code="honeypot")
        answer = data.get("challenge_answer")
        if (
            self.context.get("needs_challenge")
            and answer
            and not challenge.verify(data.get("challenge_token", ""), answer)
        ):
            self.add_error("challenge_answer", _("回答不正确或已过期，请回答新的问题。"))
        return data


STEPS = [
    ("what", WhatForm),
    ("who", WhoForm),
    ("respondent", RespondentForm),
    ("details", DetailsForm),
    ("review", ReviewForm),
]
STEP_NAMES = [name for name, _form in STEPS]
FORMS = dict(STEPS)
