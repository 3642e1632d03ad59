"""Elasticsearch document shapes (elasticsearch.dsl) for content and cases, and their indexes.

Text fields name one analyzer, "ipportal_chinese"; what it is (cjk bigrams, smartcn or ik)
comes from settings.SEARCH_CHINESE_ANALYZER when an index is built, so the mapping never changes
with the cluster's plugins. Two subfields do not depend on it: <field>.english (English words
stemmed, as the `english` analyzer does) and, on pages, <field>.grams (cjk bigrams, so any part
of a title or heading is found whatever the Chinese analyzer keeps whole). Each physical index
is named <prefix>-<kind>-<timestamp> and read and written through the alias <prefix>-<kind>,
which a rebuild swaps atomically.
"""

from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.registry import CASE, CONTENT, CaseEntry, ContentEntry

CHINESE = "ipportal_chinese"
CHINESE_SEARCH = "ipportal_chinese_search"
IDENTIFIERS = "ipportal_identifiers"
ENGLISH = "ipportal_english"
BIGRAMS = "ipportal_bigrams"
MAX_BODY = 30_000


def chinese_analyzers(choice: str | None = None):
    """(index analyzer, search analyzer) for the configured Chinese analysis."""
    choice = choice or settings.SEARCH_CHINESE_ANALYZER
    if choice == "smartcn":
        return (
            analyzer(CHINESE, tokenizer="smartcn_tokenizer", filter=["lowercase"]),
            analyzer(CHINESE_SEARCH, tokenizer="smartcn_tokenizer", filter=["lowercase"]),
        )
    if choice == "ik":
        # ik_max_word indexes every dictionary word; ik_smart keeps queries to the best split.
        return (
            analyzer(CHINESE, tokenizer="ik_max_word", filter=["lowercase"]),
            analyzer(CHINESE_SEARCH, tokenizer="ik_smart", filter=["lowercase"]),
        )
    if choice != "cjk":
        raise ValueError(f"SEARCH_CHINESE_ANALYZER must be cjk, smartcn or ik, not {choice!r}")
    return analyzer(CHINESE, **_CJK_CHAIN), analyzer(CHINESE_SEARCH, **_CJK_CHAIN)


# The built-in cjk analyzer's chain, without its English stop words.
_CJK_CHAIN: dict[str, Any] = {
    "tokenizer": "standard",
    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
}


def english_analyzer():
    """The `english` analyzer's chain (possessive, lowercase, stop words, Porter stemmer), with
    Chinese characters dropped first: the Chinese fields cover them, and a million cases would
    otherwise store every character a second time."""
    return analyzer(
        ENGLISH,
        tokenizer="standard",
        char_filter=[
            char_filter(
                "ipportal_no_han", "pattern_replace", pattern="\\p{IsHan}+", replacement=" "
            )
        ],
        filter=[
            token_filter("ipportal_english_possessive", "stemmer", language="possessive_english"),
            "lowercase",
            token_filter("ipportal_english_stop", "stop", stopwords="_english_"),
            token_filter("ipportal_english_stemmer", "stemmer", language="english"),
        ],
    )


def bigram_analyzer():
    return analyzer(BIGRAMS, **_CJK_CHAIN)


def _chinese_text(*, english: bool = False, grams: bool = False, **kwargs) -> Text:
    fields = dict(kwargs.pop("fields", {}))
    if english:
        fields["english"] = Text(analyzer=ENGLISH)
    if grams:
        fields["grams"] = Text(analyzer=BIGRAMS)
    if fields:
        kwargs["fields"] = fields
    return Text(analyzer=CHINESE, search_analyzer=CHINESE_SEARCH, **kwargs)


class _EntryDocument(Document):
    """Built from a registry entry: each field from prepare_<field>(entry) when defined,
    otherwise from the entry's attribute of the same name."""

    @classmethod
    def from_entry(cls, entry):
        values = {}
        for name in cls._doc_type.mapping:
            prepare = getattr(cls, f"prepare_{name}", None)
            values[name] = prepare(entry) if prepare else getattr(entry, name, None)
        return cls(meta={"id": entry.key}, **values)


class ContentDocument(_EntryDocument):
    kind = CONTENT

    key = Keyword()
    object_id = Long()
    title = _chinese_text(english=True, grams=True, fields={"raw": Keyword(ignore_above=300)})
    body = _chinese_text(english=True, grams=True)
    url = Keyword(index=False)
    type = Keyword()
    type_label = Keyword()
    year = Integer()
    policy_level = Keyword()
    policy_level_label = Keyword()
    language = Keyword()
    published_at = Date()

    @staticmethod
    def prepare_body(entry: ContentEntry) -> str:
        return entry.body[:MAX_BODY]

    @staticmethod
    def prepare_policy_level(entry: ContentEntry) -> str | None:
        return entry.policy_level or None


class CaseDocument(_EntryDocument):
    """No complainant data: staff search covers facts, respondent and numbers."""

    kind = CASE

    key = Keyword()
    case_id = Long()
    bureau_id = Long()
    tracking_number = Keyword()
    identifiers = Text(analyzer=IDENTIFIERS)
    respondent_name = _chinese_text(fields={"raw": Keyword(ignore_above=200)})
    respondent_shop_name = _chinese_text()
    respondent_credit_code = Keyword()
    ip_right_number = Keyword()
    facts = _chinese_text(english=True)
    request = _chinese_text(english=True)
    status = Keyword()
    category = Keyword()
    submitted_at = Date()

    @staticmethod
    def prepare_case_id(entry: CaseEntry) -> int:
        return entry.object_id

    @staticmethod
    def prepare_identifiers(entry: CaseEntry) -> str:
        numbers = (entry.tracking_number, entry.respondent_credit_code, entry.ip_right_number)
        return " ".join(number for number in numbers if number)

    @staticmethod
    def prepare_facts(entry: CaseEntry) -> str:
        return entry.facts[:MAX_BODY]


DOCUMENTS = {CONTENT: ContentDocument, CASE: CaseDocument}


def alias_name(kind: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}"


def new_index_name(kind: str) -> str:
    return f"{alias_name(kind)}-{timezone.now():%Y%m%d%H%M%S%f}"


def build_index(kind: str, name: str | None = None, using=None) -> Index:
    """The index definition (settings, analysis, mapping) for a kind, ready to create."""
    index = Index(name or new_index_name(kind), using=using or "default")
    index.settings(
        number_of_shards=1, number_of_replicas=getattr(settings, "SEARCH_INDEX_REPLICAS", 1)
    )
    for chinese in chinese_analyzers():
        index.analyzer(chinese)
    index.analyzer(analyzer(IDENTIFIERS, tokenizer="standard", filter=["lowercase"]))
    index.analyzer(english_analyzer())
    index.analyzer(bigram_analyzer())
    index.document(DOCUMENTS[kind])
    return index
