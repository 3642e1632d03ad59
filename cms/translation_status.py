"""Translation status: the one place that decides whether a page's English version is missing,
outdated or up to date.

A translation is made from one revision of the Chinese original (recorded in TranslationSync
when it is created by the "Translate" action and each time it is published). It is outdated when
the Chinese page has since published another revision. Translations older than this record fall
back to comparing publication times.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage

from cms.models.translation import TranslationSync

TRANSLATION_LANGUAGE = "en"


class TranslationState(models.TextChoices):
    MISSING = "missing", _("缺少英文版")
    OUTDATED = "outdated", _("英文版已过时")
    CURRENT = "current", _("英文版为最新")


def record_source_revision(translation) -> TranslationSync | None:
    """Remember that `translation` now matches the live revision of its Chinese original."""
    if translation.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = translation.get_translation_or_none(
        Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    )
    if source is None:
        return None
    sync, _created = TranslationSync.objects.update_or_create(
        translation_id=translation.pk, defaults={"source_revision_id": source.live_revision_id}
    )
    return sync


def on_page_published(sender, instance, **kwargs):
    record_source_revision(instance)


def on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs):
    if isinstance(target_obj, Page):
        record_source_revision(target_obj)
        share_workflow(source_obj, target_obj)
        if target_obj.depth == 2:
            share_permissions(source_obj, target_obj)


def share_workflow(source, translation):
    """A translated tree goes through the same review as its original. Otherwise English pages
    would fall back to whatever the tree root has (Wagtail's default "Moderators approval")."""
    workflow = source.get_workflow()
    if workflow is None or translation.get_workflow() == workflow:
        return
    top = translation if translation.depth <= 2 else translation.get_ancestors().get(depth=2)
    # A workflow chosen for the translated tree on purpose stays.
    WorkflowPage.objects.get_or_create(page=top, defaults={"workflow": workflow})


def share_permissions(source_top, translated_top):
    """The groups that edit and review the Chinese site do the same on its new translation."""
    for permission in GroupPagePermission.objects.filter(page=source_top):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=translated_top, permission=permission.permission
        )


def with_translation_state(pages, language_code: str = TRANSLATION_LANGUAGE):
    """Chinese pages annotated, in one query, with their translation and its state.

    Annotations: translation_id, translation_live, synced_revision_id, state.
    """
    translations = Page.objects.filter(
        locale__language_code=language_code, translation_key=OuterRef("translation_key")
    )
    syncs = TranslationSync.objects.filter(
        translation__locale__language_code=language_code,
        translation__translation_key=OuterRef("translation_key"),
    )
    return pages.annotate(
        translation_id=Subquery(translations.values("pk")[:1]),
        translation_live=Subquery(translations.values("live")[:1]),
        translation_published_at=Subquery(translations.values("last_published_at")[:1]),
        synced_revision_id=Subquery(syncs.values("source_revision_id")[:1]),
    ).annotate(
        state=Case(
            When(
                Q(translation_id__isnull=True) | Q(translation_live=False),
                then=Value(TranslationState.MISSING),
            ),
            When(
                synced_revision_id__isnull=False,
                synced_revision_id=F("live_revision_id"),
                then=Value(TranslationState.CURRENT),
            ),
            When(synced_revision_id__isnull=False, then=Value(TranslationState.OUTDATED)),
            When(
                last_published_at__gt=F("translation_published_at"),
                then=Value(TranslationState.OUTDATED),
            ),
            default=Value(TranslationState.CURRENT),
            output_field=models.CharField(),
        )
    )


def source_pages():
    """Every Chinese page below the tree root."""
    return Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)


def outdated_source(translation):
    """The Chinese original when `translation` is outdated (for the editor's notice), else None."""
    if translation.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = (
        with_translation_state(source_pages(), translation.locale.language_code)
        .filter(translation_key=translation.translation_key)
        .first()
    )
    if source is None or source.state != TranslationState.OUTDATED:
        return None
    return source
