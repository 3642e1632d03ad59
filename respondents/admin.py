"""Administrators see enterprises, their logins, invitations and answers (Django admin).
Invitations show no code: only its keyed hash is kept, and it is not displayed."""

from django.contrib import admin

from .models import Enterprise, Invitation, RespondentAnswer, RespondentCase, RespondentUser


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "created_at")
    search_fields = ("name", "uscc")


@admin.register(RespondentUser)
class RespondentUserAdmin(admin.ModelAdmin):
    list_display = ("user", "enterprise", "is_admin", "created_at")
    list_select_related = ("user", "enterprise")
    raw_id_fields = ("user", "enterprise")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("id", "complaint", "enterprise", "created_at", "expires_at", "accepted_at")
    list_select_related = ("complaint", "enterprise")
    exclude = ("token_hash",)
    readonly_fields = ("complaint", "enterprise", "accepted_at", "accepted_by", "invited_by")

    def has_add_permission(self, request):
        return False


@admin.register(RespondentCase)
class RespondentCaseAdmin(admin.ModelAdmin):
    list_display = ("complaint", "enterprise", "invited_at", "due_on")
    list_select_related = ("complaint", "enterprise")
    raw_id_fields = ("complaint", "enterprise")


@admin.register(RespondentAnswer)
class RespondentAnswerAdmin(admin.ModelAdmin):
    list_display = ("complaint", "enterprise", "position", "answered_at", "complainant_decision")
    list_select_related = ("complaint", "enterprise")
    readonly_fields = ("complaint", "enterprise", "answered_at", "answered_by")

    def has_add_permission(self, request):
        return False
