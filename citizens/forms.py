"""Account forms. Each field's help text says who reads what is entered (project rule)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Citizen
from .services import CODE_DIGITS, normalize_mobile


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=30,
        help_text=_(
            "仅用于向您发送验证码、查找您用此号码提交的案件；不公开，也不会告诉任何人该号码是否提交过案件。"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self):
        phone = normalize_mobile(self.cleaned_data["phone"])
        if not phone:
            raise forms.ValidationError(_("请填写有效的11位手机号码。"), "phone")
        return phone


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("短信验证码"),
        max_length=CODE_DIGITS,
        min_length=CODE_DIGITS,
        help_text=_("只由本系统核对，核对后即失效，任何人（包括工作人员）都看不到。"),
        error_messages={
            "required": _("请填写短信中的6位验证码。"),
            "min_length": _("请填写短信中的6位验证码。"),
            "max_length": _("请填写短信中的6位验证码。"),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"\d{6}",
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("请填写短信中的6位验证码。"), "code")
        return code


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Citizen
        fields = ["notify_by", "email"]
        widgets = {
            "notify_by": forms.RadioSelect,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "notify_by": _("只由本系统读取，用于选择向您发送案件进展的方式。"),
            "email": _(
                "选择电子邮件时必填；只由本系统用于发送通知，并在您再次提交时预先填入，不公开。"
            ),
        }

    def clean(self):
        data = super().clean() or {}
        if data.get("notify_by") == Citizen.Notify.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件通知时请填写电子邮箱。"))
        return data


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("我确认删除我的账户"),
        help_text=_("只由本系统读取，用于确认删除操作。"),
        error_messages={"required": _("请勾选确认后再删除账户。")},
    )
