"""Wagtail admin report 翻译状态 Translation status: each Chinese page and its English version."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.translation_status import TranslationState, source_pages, with_translation_state


class TranslationStatusFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("英文版状态"), choices=TranslationState.choices, empty_label=_("全部")
    )

    class Meta:
        model = Page
        fields = ["state"]


def _title(page):
    return format_html(
        '<a href="{}" lang="zh-Hans">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
    )


def _page_type(page):
    model = page.content_type.model_class()
    return model._meta.verbose_name if model else ""


def _state(page):
    label = TranslationState(page.state).label
    if page.state == TranslationState.MISSING:
        if page.translation_id:
            return format_html(
                '{} · <a href="{}">{}</a>',
                label,
                reverse("wagtailadmin_pages:edit", args=[page.translation_id]),
                _("编辑英文草稿"),
            )
        return format_html(
            '{} · <a href="{}">{}</a>',
            label,
            reverse("simple_translation:submit_page_translation", args=[page.pk]),
            _("创建英文版"),
        )
    edit = format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[page.translation_id]),
        _("编辑英文版"),
    )
    if page.state == TranslationState.OUTDATED:
        changes = reverse("wagtailadmin_pages:history", args=[page.pk])
        if page.synced_revision_id:
            changes = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[page.pk, page.synced_revision_id, "live"],
            )
        return format_html(
            '<strong>{}</strong> · <a href="{}">{}</a> · {}',
            label,
            changes,
            _("查看中文版的改动"),
            edit,
        )
    return format_html("{} · {}", label, edit)


class TranslationStatusView(ReportView):
    page_title = _("翻译状态")
    header_icon = "globe"
    filterset_class = TranslationStatusFilterSet
    index_url_name = "cms_translation_status"
    index_results_url_name = "cms_translation_status_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    columns = [
        Column("title", label=_("中文页面"), accessor=_title),
        Column("type", label=_("类型"), accessor=_page_type),
        Column("state", label=_("英文版"), accessor=_state),
    ]
    list_export = ["title", "url_path", "state"]
    export_headings = {"title": _("中文页面"), "url_path": _("路径"), "state": _("英文版")}

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return "translation-status"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        pages = (
            source_pages()
            .filter(pk__in=editable.values("pk"))
            .select_related("content_type")
            .order_by("path")
        )
        return with_translation_state(pages)
