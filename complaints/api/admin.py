"""API keys in the Django admin: a new key is generated on save and shown once."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import keys
from .models import ApiKey, ApiSubmission, Scope


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("权限"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiKey
        fields = ["name", "owner", "scopes", "rate_limit_per_minute", "note"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = [
        "name",
        "prefix",
        "owner",
        "rate_limit_per_minute",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "note"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_keys"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.prefix, raw = keys.generate()
            obj.key_hash = keys.hash_key(raw)
            messages.warning(
                request, _("新密钥（只显示这一次，请立即复制）：%(key)s") % {"key": raw}
            )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("吊销所选密钥"))
    def revoke_keys(self, request, queryset):
        for api_key in queryset:
            keys.revoke(api_key)


@admin.register(ApiSubmission)
class ApiSubmissionAdmin(admin.ModelAdmin):
    list_display = ["complaint", "api_key", "client_key", "created_at"]
    list_select_related = ["complaint", "api_key"]
    readonly_fields = ["api_key", "complaint", "client_key", "media_url", "created_at"]

    def has_add_permission(self, request):
        return False
