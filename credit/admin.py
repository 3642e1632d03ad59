"""Django admin: publication rules (reference data), records and repairs through the services.

Records are never deleted (no delete permission); every save and every repair decision goes
through credit.services, so the audit trail is the same as from the staff pages.
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import CreditEvent, CreditRecord, PublicationRule, RepairApplication, RepairStatus


@admin.register(PublicationRule)
class PublicationRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "period_months", "legal_basis", "is_example", "is_active")
    list_filter = ("is_active", "is_example")


class CreditEventInline(admin.TabularInline):
    model = CreditEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "action", "detail")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class RepairInline(admin.TabularInline):
    model = RepairApplication
    extra = 0
    can_delete = False
    fields = ("applied_on", "source", "status", "decided_on", "decided_by")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CreditRecord)
class CreditRecordAdmin(admin.ModelAdmin):
    list_display = (
        "decision_number",
        "enterprise_name",
        "uscc",
        "kind",
        "bureau",
        "decision_date",
        "publication_ends_on",
        "status_label",
    )
    list_filter = ("kind", "bureau", "rule")
    search_fields = ("enterprise_name", "=uscc", "=decision_number")
    date_hierarchy = "decision_date"
    raw_id_fields = ("cases",)
    readonly_fields = ("publication_ends_on", "repaired_on", "created_by", "created_at")
    list_select_related = ("bureau",)
    inlines = [RepairInline, CreditEventInline]

    @admin.display(description=_("状态"))
    def status_label(self, obj):
        return obj.get_status_display()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            before = services.snapshot(CreditRecord.objects.get(pk=obj.pk))
            services.save_changes(obj, before, actor=request.user)
        else:
            obj.created_by = request.user
            obj.uscc = services.normalize(obj.uscc)
            obj.save()
            CreditEvent.objects.create(
                record=obj, actor=request.user, action=CreditEvent.Action.CREATED
            )
            services.forget_public_count()


class RepairAdminForm(forms.ModelForm):
    class Meta:
        model = RepairApplication
        fields = ("record", "source", "applied_on", "grounds", "status", "decided_on", "decision")

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status != RepairStatus.PENDING and not data.get("decision"):
            self.add_error("decision", _("作出决定时须填写决定说明。"))
        record = data.get("record")
        if not self.instance.pk and record and record.repaired_on:
            self.add_error("record", _("该记录已信用修复。"))
        return data


@admin.register(RepairApplication)
class RepairApplicationAdmin(admin.ModelAdmin):
    """Enter a written application, or decide a pending one (e.g. from the respondent portal)."""

    form = RepairAdminForm
    list_display = ("record", "source", "applied_on", "status", "decided_on", "decided_by")
    list_filter = ("status", "source")
    search_fields = ("record__enterprise_name", "=record__uscc", "=record__decision_number")
    raw_id_fields = ("record",)
    list_select_related = ("record", "decided_by")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if obj.status != RepairStatus.PENDING:
            return (*RepairAdminForm.Meta.fields, "decided_by")
        return ("record", "source", "applied_on", "grounds")

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        status = data.get("status", RepairStatus.PENDING)
        if not change:
            application = services.apply_for_repair(
                data["record"],
                applied_on=data["applied_on"],
                grounds=data["grounds"],
                source=data["source"],
                submitted_by=request.user,
            )
        else:
            application = obj
        if status != RepairStatus.PENDING:
            try:
                services.decide_repair(
                    application,
                    approve=status == RepairStatus.APPROVED,
                    decision=data["decision"],
                    actor=request.user,
                    decided_on=data.get("decided_on") or timezone.localdate(),
                )
            except services.RepairNotAllowed as exc:
                messages.error(request, str(exc))
        obj.pk = application.pk
        obj.refresh_from_db()
