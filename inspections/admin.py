"""Django admin: pools and items are edited by administrators; draws are read-only records."""

from django.contrib import admin

from inspections.models import (
    ConflictOfInterest,
    Draw,
    InspectionItem,
    InspectionTarget,
    Inspector,
)


@admin.register(InspectionItem)
class InspectionItemAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "bureau", "is_active")
    list_filter = ("is_active", "bureau")
    search_fields = ("name", "code")


@admin.register(InspectionTarget)
class InspectionTargetAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "district", "risk_level", "is_active")
    list_filter = ("risk_level", "is_active", "district")
    search_fields = ("name", "=uscc")
    show_full_result_count = False


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ("code", "membership", "is_active")
    list_filter = ("is_active", "membership__bureau")
    search_fields = ("code", "membership__user__username", "membership__user__first_name")
    raw_id_fields = ("membership",)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ("inspector", "target", "reason", "declared_at")
    raw_id_fields = ("inspector", "target", "declared_by")
    search_fields = ("inspector__code", "=target__uscc")


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    list_display = ("title", "bureau", "status", "target_count", "committed_at", "drawn_at")
    list_filter = ("status", "bureau")
    exclude = ("seed",)  # never shown before the draw; the public page shows it after
    readonly_fields = (
        "status",
        "algorithm",
        "seed_hash",
        "pool_digest",
        "committed_at",
        "drawn_at",
        "drawn_by",
        "created_by",
    )

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == "draft"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != "draft":
            # Committed draws are public records: their parameters are part of the commitment.
            return [f.name for f in Draw._meta.fields if f.name != "seed"] + ["items", "districts"]
        return self.readonly_fields
