"""Staff withhold a public record with a reason (or release it); each change is logged."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from records.models import PublicRecord, WithholdingLog
from records.services import withhold


class WithholdForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("理由"),
        max_length=300,
        required=False,
        help_text=_("暂不公开或恢复公开时必填；记入操作日志，仅工作人员可见。"),
    )

    class Meta:
        model = PublicRecord
        fields = ["withheld"]

    def clean(self):
        data = super().clean()
        if "withheld" in self.changed_data and not data.get("reason", "").strip():
            self.add_error("reason", _("须填写理由。"))
        return data


@admin.register(PublicRecord)
class PublicRecordAdmin(admin.ModelAdmin):
    form = WithholdForm
    list_display = ("id", "closed_on", "channel", "category", "respondent_name", "withheld")
    list_filter = ("withheld", "channel")
    list_select_related = ("channel", "category")
    show_full_result_count = False
    search_fields = ("=id", "=respondent_credit_code")
    readonly_fields = (
        "published_at", "received_on", "closed_on", "channel", "category", "district", "kind",
        "outcome", "respondent_name", "respondent_credit_code", "acceptance_on_time",
        "handling_on_time", "all_limits_met", "narrative", "withheld_reason",
    )  # fmt: skip
    fields = ("withheld", "reason", *readonly_fields)

    def has_add_permission(self, request):
        return False  # records come from closed cases only (publish_records)

    def save_model(self, request, obj, form, change):
        if "withheld" not in form.changed_data:
            return
        try:
            withhold.set_withheld(
                obj,
                withheld=form.cleaned_data["withheld"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:  # pragma: no cover - the form checked the reason
            messages.error(request, error.messages[0])


@admin.register(WithholdingLog)
class WithholdingLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "record_number", "action", "reason", "actor_label")
    list_filter = ("action",)
    readonly_fields = ("record_number", "action", "reason", "actor", "actor_label", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
