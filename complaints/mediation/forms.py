"""Mediation forms; every field says who reads it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Party


class DraftForm(forms.Form):
    terms = forms.CharField(
        label=_("调解协议内容（双方当事人和人民法院都会看到；不会出现在公开说明中）"),
        help_text=_("逐条写明双方同意的事项，如停止侵权、赔偿金额、履行期限和方式。"),
        max_length=5000,
        widget=forms.Textarea(
            attrs={"rows": 8, "class": "form-control", "aria-describedby": "id_terms-help"}
        ),
    )


class InPersonForm(forms.Form):
    party = forms.ChoiceField(
        label=_("当面确认的一方"),
        choices=Party.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label=_("当面确认的情况（时间、地点、确认人；仅办案工作人员可见）"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("不同意的理由（您本人和办理部门可见，不对公众公开）"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
