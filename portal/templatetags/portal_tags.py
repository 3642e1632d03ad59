"""Template helpers for the shared layout: language links and localized paths."""

import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page in another language; a page may offer its own (e.g. a translation)."""
    overrides = context.get("language_urls") or {}
    if language_code in overrides:
        return overrides[language_code]
    request = context.get("request")
    if request is None:
        return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag
def localized_path(path: str) -> str:
    """Prefix a site path with the active language, except for the default language."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


@register.filter
def html_lang(language_code: str | None) -> str:
    """BCP 47 tag for the lang attribute: zh-hans → zh-Hans."""
    if not language_code:
        return "zh-Hans"
    if language_code.lower() == "zh-hans":
        return "zh-Hans"
    return language_code


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _chinese_in_other_language(text: str) -> bool:
    """Chinese text on a page in another language (Chinese pages need no marking)."""
    return not (get_language() or "zh").startswith("zh") and bool(HAN.search(text))


@register.filter
def zh(value) -> str:
    """Text users or editors wrote, marked lang="zh-Hans" when it is Chinese on a page in
    another language (issue 17: any fragment in the other language carries a lang attribute,
    for screen readers)."""
    text = "" if value is None else str(value)
    if _chinese_in_other_language(text):
        return format_html('<span lang="zh-Hans">{}</span>', text)
    return conditional_escape(text)


@register.filter
def lang_attr(value) -> str:
    """lang="zh-Hans" for an element (an <option>, a <dd>) holding such Chinese text."""
    return mark_safe(' lang="zh-Hans"') if _chinese_in_other_language(str(value or "")) else ""
