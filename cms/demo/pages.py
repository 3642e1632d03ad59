"""Idempotent page creation: a child is found by slug under its parent, never created twice."""

from django.conf import settings
from wagtail.models import Locale

from cms.models import HomePage


def upsert_child(parent, model, slug: str, **fields):
    """The live child of `parent` with this slug; created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    child_fields = {key: value for key, value in fields.items() if not key.startswith("_")}
    relations = fields.get("_relations", {})
    page = model(slug=slug, locale=parent.locale, **child_fields)
    for name, items in relations.items():
        setattr(page, name, items)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, title: str, prepare=None, **fields):
    """The page's live English translation with an English title (and optional fields)."""
    locale = Locale.objects.get(language_code="en")
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(locale)
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    if prepare is not None:
        prepare(translation)
    translation.save_revision().publish()
    return translation


def homes():
    return list(HomePage.objects.filter(depth=2))


def zh_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
