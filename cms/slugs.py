"""Readable pinyin slugs for Chinese titles: the one place that decides a page's default slug.

武汉市知识产权强市创建工作方案 → wuhanshi-zhishichanquan-qiangshi-chuangjian-gongzuo-fangan
(words from jieba's segmentation, syllables from pypinyin). Slugs stay ASCII, so URLs are never
percent-encoded.
"""

import logging
import re
import warnings
from functools import lru_cache

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

MAX_LENGTH = 60
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _segmenter():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        jieba.initialize()
    return jieba


def _han_words(run: str) -> list[str]:
    return ["".join(lazy_pinyin(word, style=Style.NORMAL)) for word in _segmenter().cut(run)]


def pinyin_words(text: str) -> list[str]:
    """The title as lowercase ASCII words: pinyin for Chinese, slugified words for the rest."""
    words = []
    position = 0
    for match in HAN.finditer(text):
        words.extend(slugify(text[position : match.start()]).split("-"))
        words.extend(_han_words(match.group()))
        position = match.end()
    words.extend(slugify(text[position:]).split("-"))
    return [word for word in (re.sub(r"[^a-z0-9]", "", w.lower()) for w in words) if word]


def pinyin_slug(text: str, max_length: int = MAX_LENGTH) -> str:
    """At most `max_length` characters, cut at a word boundary (one long word is cut hard)."""
    slug = ""
    for word in pinyin_words(text):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and text:
        slug = "-".join(pinyin_words(text))[:max_length].strip("-")
    return slug


def needs_pinyin(slug: str, title: str) -> bool:
    """Whether a slug should be replaced: empty, non-ASCII (percent-encoded in URLs), or the
    leftover the admin's ASCII-only slugify makes of a Chinese title (e.g. "2020" of
    "专利法（2020年修正）")."""
    if not slug or not slug.isascii() or "%" in slug:
        return True
    return bool(HAN.search(title or "")) and slug.strip("-") == slugify(title)


def unique_slug(base: str, parent, page=None) -> str:
    """`base`, or `base-2`, `base-3`… : the first not used by a sibling under `parent`."""
    from wagtail.models import Page

    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def page_slug(title: str, parent, page=None) -> str:
    return unique_slug(pinyin_slug(title) or "page", parent, page)
