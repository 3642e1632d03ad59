"""Registers the public pages with search: what each page type becomes as a search entry, and
when pages are (re)indexed or removed (publish, unpublish, delete)."""

import datetime

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from cms.models import (
    GuidePage,
    NewsPage,
    OverseasInfoPage,
    PolicyInterpretationPage,
    PolicyPage,
    TopTenCasePage,
    TopTenCollectionPage,
    WhitePaperPage,
)
from search import registry
from search.api import index_object, remove_object

# Page model → (search type, label). The labels are the site's navigation words.
TYPES = {
    PolicyPage: ("policy", "政策法规"),
    PolicyInterpretationPage: ("policy", "政策法规"),
    GuidePage: ("guide", "培训指南"),
    TopTenCollectionPage: ("top_ten", "十大案件"),
    TopTenCasePage: ("top_ten", "十大案件"),
    WhitePaperPage: ("white_paper", "白皮书"),
    NewsPage: ("news", "新闻动态"),
    OverseasInfoPage: ("overseas", "海外信息"),
}
DATE_FIELDS = ("issue_date", "date", "updated")


def _text(page) -> str:
    """The page's own search fields (the ones Wagtail's search declares), as plain text."""
    parts = []
    for search_field in page.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue  # a search field backed by a method or property: not page text
        value = model_field.value_from_object(page)
        if hasattr(model_field, "get_searchable_content"):
            parts.extend(str(item) for item in model_field.get_searchable_content(value))
        elif value:
            parts.append(str(value))
    # The same text often sits in two fields (summary and first paragraph): keep it once.
    cleaned = (" ".join(strip_tags(part).split()) for part in parts if part)
    return "\n".join(dict.fromkeys(text for text in cleaned if text))


def _year(page) -> int | None:
    if isinstance(getattr(page, "year", None), int):
        return page.year
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, datetime.date):
            return value.year
    if isinstance(page, TopTenCasePage):
        parent = page.get_parent().specific
        return getattr(parent, "year", None)
    return page.first_published_at.year if page.first_published_at else None


class PageSource(registry.Source):
    name = "cms.pages"
    kind = registry.CONTENT

    def entry(self, page):
        page = page.specific
        if type(page) not in TYPES or not page.live or page.get_view_restrictions().exists():
            return None
        search_type, label = TYPES[type(page)]
        level = getattr(page, "level", "") if isinstance(page, PolicyPage) else ""
        with translation.override(settings.LANGUAGE_CODE):
            level_label = str(page.get_level_display()) if level else ""
        return registry.ContentEntry(
            key=self.key(page.pk),
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or page.url_path,
            body=_text(page),
            type=search_type,
            type_label=label,
            year=_year(page),
            policy_level=level,
            policy_level_label=level_label,
            language=page.locale.language_code,
            published_at=page.last_published_at or page.first_published_at,
        )

    def get(self, object_id):
        page = Page.objects.filter(pk=object_id).first()
        return page.specific if page else None

    def all(self):
        for model in dict.fromkeys(TYPES):
            yield from (
                model.objects.live().public().select_related("locale").iterator(chunk_size=200)
            )

    def count(self) -> int:
        return sum(model.objects.live().public().count() for model in dict.fromkeys(TYPES))


SOURCE = registry.register(PageSource())


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    # The page's state after commit decides: indexed when live and public, removed otherwise.
    index_object(SOURCE.name, instance.pk)


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) in (Page, *TYPES):
        remove_object(SOURCE.name, instance.pk)
