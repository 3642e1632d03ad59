"""Editors' translation tools: the 翻译状态 report and a notice on outdated English pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.translation_report import TranslationStatusView
from cms.translation_status import outdated_source


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusView.as_view(),
            name="cms_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="cms_translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("翻译状态"),
        reverse("cms_translation_status"),
        name="translation-status",
        icon_name="globe",
        order=650,
    )


@hooks.register("before_edit_page")
def warn_when_translation_is_outdated(request, page):
    if request.method != "GET":
        return
    source = outdated_source(page)
    if source is None:
        return
    changes = reverse("wagtailadmin_pages:history", args=[source.pk])
    if source.synced_revision_id:
        changes = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[source.pk, source.synced_revision_id, "live"],
        )
    messages.warning(
        request,
        _("中文原文在本译文之后有新的发布版本：请对照中文版的改动更新译文。"),
        buttons=[messages.button(changes, _("查看中文版的改动"))],
    )
