"""Which revision of the Chinese original each translation was made from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision


class TranslationSync(models.Model):
    """Written when a translation is created (simple_translation) and each time it is published.

    Read by cms.translation_status: the translation is outdated once its Chinese original has a
    newer live revision than `source_revision`.
    """

    translation = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_sync",
        verbose_name=_("译文页面"),
    )
    source_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所依据的中文版本"),
    )
    synced_at = models.DateTimeField(_("同步时间"), auto_now=True)

    class Meta:
        verbose_name = _("翻译同步记录")
        verbose_name_plural = _("翻译同步记录")

    def __str__(self):
        return f"{self.translation_id} ← {self.source_revision_id}"
