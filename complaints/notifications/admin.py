"""Staff see every message's delivery state and can retry failures by hand."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Notification
from .services import enqueue_delivery


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "case_number",
        "purpose",
        "channel",
        "masked_recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "delivery_status",
    ]
    list_filter = ["status", "delivery_status", "channel", "purpose"]
    search_fields = ["complaint__tracking_number"]
    readonly_fields = [
        "complaint",
        "event",
        "purpose",
        "channel",
        "masked_recipient",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "provider_message_id",
        "delivery_status",
        "delivered_at",
        "delivery_error",
    ]
    # The SMS template's parameters hold the access code until the message is sent.
    exclude = ["recipient", "body", "sms_params"]
    actions = ["retry_now"]

    @admin.display(description=_("受理编号"))
    def case_number(self, obj):
        return obj.complaint.tracking_number if obj.complaint_id else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("complaint")

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("立即重试所选通知"))
    def retry_now(self, request, queryset):
        retryable = queryset.exclude(status=Notification.State.SENT)
        count = 0
        for notification in retryable:
            if notification.status == Notification.State.GAVE_UP:
                notification.status = Notification.State.FAILED
                notification.attempts = 0
                notification.save(update_fields=["status", "attempts"])
            enqueue_delivery(notification.pk)
            count += 1
        self.message_user(request, _("已重新排队 %(n)s 条通知。") % {"n": count}, messages.SUCCESS)
