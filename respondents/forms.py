"""Forms of the respondent portal, the bureau's invitation and the complainant's decision.
Every box says who reads what is typed into it."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from complaints.dashboard.forms import StyledForm
from complaints.forms.fields import MultipleFileField
from complaints.services import uploads, validators

from .models import RespondentAnswer

RESPONDENT_READS = _("被投诉企业、办理部门工作人员和投诉人可见。")


def _clean_phone(value: str) -> str:
    value = validators.normalize(value)
    if value and not (len(value) == 11 and value.isdigit() and value.startswith("1")):
        raise forms.ValidationError(_("请输入11位手机号码。"))
    return value


class InviteForm(StyledForm):
    """The bureau's invitation to the respondent (the dashboard's case page)."""

    phone = forms.CharField(
        label=_("被投诉人联系人手机号码（仅办案工作人员可见）"),
        required=False,
        max_length=20,
        help_text=_("邀请码以短信发送到此号码；不向投诉人显示。"),
    )
    email = forms.EmailField(
        label=_("被投诉人联系人电子邮箱（仅办案工作人员可见）"),
        required=False,
        help_text=_("邀请码以电子邮件发送到此邮箱；不向投诉人显示。"),
    )
    facts = forms.CharField(
        label=_("告知被投诉人的案件事实（被投诉企业可见）"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("被投诉企业可见；请勿写入投诉人的姓名、联系方式或其他身份信息。"),
    )
    request_text = forms.CharField(
        label=_("办理部门的要求（被投诉企业可见）"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("被投诉企业据此答复。"),
    )

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("请至少填写被投诉人的手机号码或电子邮箱。"))
        return data


class ColleagueForm(forms.Form):
    phone = forms.CharField(
        label=_("同事的手机号码"),
        required=False,
        max_length=20,
        help_text=_("邀请码以短信发送；仅用于发送邀请。"),
    )
    email = forms.EmailField(
        label=_("同事的电子邮箱"), required=False, help_text=_("邀请码以电子邮件发送。")
    )

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("请至少填写手机号码或电子邮箱。"))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("邀请码"),
        max_length=40,
        help_text=_("短信或电子邮件中的邀请码，不区分大小写。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AccountForm(forms.Form):
    """A new login from an invitation: the credit code binds it to its enterprise."""

    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=24,
        help_text=_("18位，见营业执照；须与办理部门记录的被投诉人一致。"),
    )
    name = forms.CharField(
        label=_("企业名称"),
        max_length=200,
        help_text=_("办理部门工作人员可见；企业已开通账户时沿用已有名称。"),
    )
    username = forms.RegexField(
        label=_("登录用户名"),
        max_length=40,
        regex=r"^[A-Za-z0-9_.@+-]{4,40}$",
        help_text=_("4至40位字母、数字或 _.@+-，用于登录。"),
    )
    password1 = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("再次输入密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_uscc(self):
        value = validators.normalize(self.cleaned_data["uscc"])
        if not validators.is_valid_uscc(value):
            raise forms.ValidationError(_("统一社会信用代码格式或校验位不正确。"))
        return value

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(AuthenticationForm):
    """Only respondent logins sign in here (staff use the dashboard's sign-in)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not hasattr(user, "respondent"):
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class AnswerForm(forms.Form):
    position = forms.ChoiceField(
        label=_("答复意见"),
        choices=RespondentAnswer.Position.choices,
        widget=forms.RadioSelect,
        help_text=RESPONDENT_READS,
    )
    statement = forms.CharField(
        label=_("情况说明"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=RESPONDENT_READS,
    )
    settlement_terms = forms.CharField(
        label=_("和解方案（提出和解时填写）"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("投诉人在查询页面可见，可选择接受或不接受；办理部门工作人员可见。"),
    )
    files = MultipleFileField(label=_("证据材料（可选）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            _("允许 %(types)s；单个不超过 %(max_mb)s MB，每次最多 %(max_files)s 个文件。")
            % uploads.limits_text()
            + " "
            + str(_("仅办案工作人员可见。"))
        )

    def clean_files(self):
        return uploads.check_uploads(self.cleaned_data.get("files") or [])

    def clean(self):
        data = super().clean()
        if (
            data.get("position") == RespondentAnswer.Position.SETTLE
            and not (data.get("settlement_terms") or "").strip()
        ):
            self.add_error("settlement_terms", _("提出和解方案时请写明方案内容。"))
        return data


class SettlementDecisionForm(forms.Form):
    """The complainant's decision on the tracking page."""

    decision = forms.ChoiceField(
        label=_("您是否接受被投诉人提出的和解方案"),
        choices=RespondentAnswer.Decision.choices,
        widget=forms.RadioSelect,
        help_text=_("办理部门工作人员和被投诉企业可见；办理部门据此作出处理决定。"),
    )


class AgreementDeclineForm(StyledForm):
    """The respondent does not agree to the mediation agreement as drafted."""

    reason = forms.CharField(
        label=_("不同意的理由（仅办理部门工作人员可见）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
