"""Administrators see the agreements' state and hashes, never edit them (the services do) and
never see the parties' identities here (the handling bureau's case page has them)."""

from django.contrib import admin

from .models import MediationAgreement


@admin.register(MediationAgreement)
class MediationAgreementAdmin(admin.ModelAdmin):
    list_display = ["id", "complaint", "version", "state", "bureau", "drafted_at", "sealed_at"]
    list_filter = ["state"]
    search_fields = ["complaint__tracking_number"]
    fields = [
        "complaint",
        "version",
        "state",
        "bureau",
        "mediator",
        "drafted_at",
        "complainant_confirmed_at",
        "respondent_confirmed_at",
        "declined_at",
        "declined_by",
        "sealed_at",
        "sealed_by",
        "pdf_sha256",
        "confirmed_sha256",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
