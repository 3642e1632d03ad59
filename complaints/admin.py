"""Django admin: reference data editable by administrators; cases and logs read-only."""

from django.contrib import admin

from complaints.models import (
    AccessLog,
    Bureau,
    CaseEvent,
    CaseTally,
    Category,
    Channel,
    ClockProfile,
    ClockRecord,
    Complaint,
    DeadlineReminder,
    District,
    Evidence,
    PhoneIntake,
    PurgeRecord,
    ResponseTemplate,
    RoutingRule,
    SavedSearch,
    StaffMembership,
    TopTenProposal,
    WorkingDayOverride,
)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "name_en", "sort_order")
    list_editable = ("sort_order",)


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "district", "hotline", "is_active")
    list_filter = ("level", "is_active", "channels")
    search_fields = ("name", "code", "name_en")
    filter_horizontal = ("channels",)


@admin.register(ClockProfile)
class ClockProfileAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "acceptance_limit",
        "acceptance_unit",
        "handling_limit",
        "handling_unit",
        "max_extension_months",
        "restart_on_transfer",
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "channel", "clock_profile", "sort_order", "is_active")
    list_filter = ("channel", "is_active")
    search_fields = ("name", "code", "keywords")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "category", "district", "scope", "bureau", "priority", "is_active")
    list_filter = ("scope", "is_active", "bureau")
    list_select_related = ("category", "district", "bureau")


@admin.register(WorkingDayOverride)
class WorkingDayOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
    date_hierarchy = "date"


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "bureau", "role")
    list_filter = ("role", "bureau")
    search_fields = ("user__username", "user__first_name", "bureau__name")
    autocomplete_fields = ("bureau",)
    list_select_related = ("user", "bureau")


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "action", "category", "is_active")
    list_filter = ("action", "is_active", "category")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: viewable, never edited or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = (
        "created_at",
        "actor_label",
        "action",
        "from_status",
        "to_status",
        "note_code",
        "public_note",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ClockRecordInline(admin.TabularInline):
    """The finished clock steps: recorded by the lifecycle, never edited."""

    model = ClockRecord
    fields = ("step", "started_on", "due_on", "finished_on", "late_working_days", "ended_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("tracking_number", "kind", "category", "bureau", "status", "due_on")
    list_filter = ("status", "kind", "channel")
    search_fields = ("tracking_number",)
    list_select_related = ("category", "bureau")
    show_full_result_count = False  # no COUNT(*) over a million cases on every page
    exclude = ("access_code_hash",)
    inlines = [ClockRecordInline, CaseEventInline]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "created_at", "actor_label", "action", "from_status", "to_status")
    list_filter = ("action",)
    list_select_related = ("complaint",)
    show_full_result_count = False


@admin.register(ClockRecord)
class ClockRecordAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "step", "due_on", "finished_on", "late_working_days", "ended_by")
    list_filter = ("step", "ended_by")
    list_select_related = ("complaint",)
    show_full_result_count = False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "original_name", "content_type", "size", "sha256", "uploaded_at")
    list_select_related = ("complaint",)
    exclude = ("file", "original")


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "complaint", "detail")
    list_filter = ("action",)
    list_select_related = ("user", "complaint")
    show_full_result_count = False


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "due_on", "sent_at", "recipients")
    list_select_related = ("complaint",)


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "finished_at", "run_by", "mode", "cases", "evidence_files")
    list_filter = ("mode",)


@admin.register(CaseTally)
class CaseTallyAdmin(ReadOnlyAdmin):
    """Written by database triggers only (see `manage.py check_case_tallies`)."""

    list_display = (
        "bureau_id",
        "status",
        "category_id",
        "district_id",
        "channel_id",
        "source",
        "cases",
    )
    list_filter = ("status", "source")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Staff members' saved queue filters (no search terms: those are never saved). Each member
    makes, renames and deletes their own on the dashboard; administrators may only delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    list_display = ("name", "user", "order", "created_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    readonly_fields = ("created_at",)


@admin.register(PhoneIntake)
class PhoneIntakeAdmin(admin.ModelAdmin):
    """How a phone case came in: read-only, it is part of the case's record."""

    list_display = ("complaint", "hotline", "operator", "consent_given_at")
    list_select_related = ("complaint", "hotline", "operator")
    raw_id_fields = ("complaint",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TopTenProposal)
class TopTenProposalAdmin(admin.ModelAdmin):
    """Proposals for next year's top-ten cases (editors read them in the Wagtail admin)."""

    list_display = ("case", "year", "proposed_by", "created_at")
    list_filter = ("year",)
    list_select_related = ("case", "proposed_by")
    raw_id_fields = ("case",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
