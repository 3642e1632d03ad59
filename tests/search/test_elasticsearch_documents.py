"""Elasticsearch without a cluster: mappings, analysis settings and query JSON."""

import datetime

import pytest
from django.utils import timezone

from search.backends.base import CaseFilters, CaseQuery, ContentFilters, ContentQuery
from search.documents import CaseDocument, ContentDocument, alias_name, build_index
from search.queries import CASE_FIELDS, CONTENT_FIELDS, CaseSearch, ContentSearch
from search.text import query_terms
from tests.factories.search import case_entry


def content_query(text, **kwargs):
    defaults = {"filters": ContentFilters(), "page": 1, "page_size": 10, "language": "zh-hans"}
    return ContentQuery(text=text, terms=tuple(query_terms(text)), **{**defaults, **kwargs})


def test_content_mapping_types_and_analyzer(settings):
    settings.SEARCH_INDEX_PREFIX = "ipportal-staging"
    index = build_index("content").to_dict()
    properties = index["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "ipportal_chinese"
    assert properties["title"]["search_analyzer"] == "ipportal_chinese_search"
    assert properties["title"]["fields"]["raw"]["type"] == "keyword"
    assert properties["year"] == {"type": "integer"}
    assert properties["type"] == {"type": "keyword"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["published_at"] == {"type": "date"}
    chinese = index["settings"]["analysis"]["analyzer"]["ipportal_chinese"]
    assert chinese["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]
    assert alias_name("content") == "ipportal-staging-content"


@pytest.mark.parametrize(
    ("choice", "index_tokenizer", "search_tokenizer"),
    [("smartcn", "smartcn_tokenizer", "smartcn_tokenizer"), ("ik", "ik_max_word", "ik_smart")],
)
def test_plugin_analyzers_chosen_by_setting(settings, choice, index_tokenizer, search_tokenizer):
    settings.SEARCH_CHINESE_ANALYZER = choice
    analysis = build_index("case").to_dict()["settings"]["analysis"]["analyzer"]
    assert analysis["ipportal_chinese"]["tokenizer"] == index_tokenizer
    assert analysis["ipportal_chinese_search"]["tokenizer"] == search_tokenizer


def test_unknown_analyzer_is_refused(settings):
    settings.SEARCH_CHINESE_ANALYZER = "whitespace"
    with pytest.raises(ValueError, match="SEARCH_CHINESE_ANALYZER"):
        build_index("content")


def test_case_mapping_has_no_complainant_fields():
    properties = build_index("case").to_dict()["mappings"]["properties"]
    assert properties["bureau_id"] == {"type": "long"}
    assert properties["identifiers"]["analyzer"] == "ipportal_identifiers"
    assert not [name for name in properties if name.startswith("complainant")]


def test_case_document_prepare_methods():
    entry = case_entry(
        7, 3, "事实", respondent_credit_code="91420100MA4K000001", ip_right_number="ZL1"
    )
    source = CaseDocument.from_entry(entry).to_dict(include_meta=True)
    assert source["_id"] == "test.cases:7"
    assert source["_source"]["case_id"] == 7
    assert source["_source"]["identifiers"] == "IP-2026-000007 91420100MA4K000001 ZL1"


def test_content_document_from_entry(page_source):
    entry = page_source.entry(page_source.by_slug("provincial-regulation"))
    body = ContentDocument.from_entry(entry).to_dict()
    assert body["policy_level"] == "provincial"
    assert body["year"] == 2020


def test_content_search_json(settings):
    settings.SEARCH_INDEX_PREFIX = "p"
    query = content_query(
        "知识产权质押融资", filters=ContentFilters(type="policy", year=2021), page=2
    )
    search = ContentSearch(query).build()
    body = search.to_dict()
    assert search._index == ["p-content"]
    must = body["query"]["bool"]["must"]
    assert {
        "multi_match": {"query": "知识产权", "fields": CONTENT_FIELDS, "type": "phrase"}
    } in must
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "zh-hans"}}]
    # Facet filters restrict hits only, so facet counts stay those of the whole query.
    assert body["post_filter"] == {
        "bool": {"filter": [{"term": {"type": "policy"}}, {"term": {"year": 2021}}]}
    }
    assert set(body["aggs"]) == {"type", "year", "policy_level"}
    assert body["aggs"]["type"]["aggs"]["label"]["terms"]["field"] == "type_label"
    assert body["from"] == 10 and body["size"] == 10


def test_suggestion_query_needs_any_word():
    body = ContentSearch(content_query("质押融资 火星")).build_suggestion().to_dict()
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert len(body["query"]["bool"]["should"]) == 2
    assert body["size"] == 1


def test_case_search_restricts_bureaus_inside_the_query():
    search = CaseSearch(
        CaseQuery(
            tuple(query_terms("假冒专利")),
            bureau_ids=[4, 9],
            filters=CaseFilters(statuses=("submitted", "accepted")),
            limit=50,
            offset=100,
        )
    ).build()
    body = search.to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"bureau_id": [4, 9]}} in filters
    assert {"terms": {"status": ["submitted", "accepted"]}} in filters
    assert "post_filter" not in body
    assert body["sort"] == [{"submitted_at": {"order": "desc"}}, {"case_id": {"order": "desc"}}]
    assert body["from"] == 100 and body["size"] == 50
    assert body["_source"] == ["case_id"]


def test_superuser_case_search_has_no_bureau_filter():
    body = (
        CaseSearch(CaseQuery(tuple(query_terms("专利")), bureau_ids=None, limit=5))
        .build()
        .to_dict()
    )
    assert "filter" not in body["query"]["bool"] or not any(
        "bureau_id" in str(clause) for clause in body["query"]["bool"]["filter"]
    )


def test_dates_serialise(page_source):
    entry = page_source.entry(page_source.by_slug("news-pledge"))
    body = ContentDocument.from_entry(entry).to_dict()
    assert body["published_at"] == timezone.make_aware(datetime.datetime(2024, 6, 1))


def test_english_and_bigram_subfields(settings):
    settings.SEARCH_CHINESE_ANALYZER = "ik"
    index = build_index("content").to_dict()
    title = index["mappings"]["properties"]["title"]
    assert title["fields"]["english"] == {"type": "text", "analyzer": "ipportal_english"}
    assert title["fields"]["grams"] == {"type": "text", "analyzer": "ipportal_bigrams"}
    assert set(index["mappings"]["properties"]["body"]["fields"]) == {"english", "grams"}
    analysis = index["settings"]["analysis"]
    # Bigrams whatever the Chinese analyzer is (ik here keeps 知识产权强市 whole).
    assert analysis["analyzer"]["ipportal_bigrams"]["filter"] == [
        "cjk_width",
        "lowercase",
        "cjk_bigram",
    ]
    english = analysis["analyzer"]["ipportal_english"]
    assert english["tokenizer"] == "standard"
    assert english["filter"][-1] == "ipportal_english_stemmer"
    assert analysis["filter"]["ipportal_english_stemmer"] == {
        "type": "stemmer",
        "language": "english",
    }
    assert analysis["filter"]["ipportal_english_stop"]["stopwords"] == "_english_"
    assert analysis["char_filter"]["ipportal_no_han"]["type"] == "pattern_replace"


def test_cases_get_english_subfields_but_no_bigrams():
    properties = build_index("case").to_dict()["mappings"]["properties"]
    assert set(properties["facts"]["fields"]) == {"english"}
    assert set(properties["request"]["fields"]) == {"english"}
    assert "fields" not in properties["respondent_shop_name"]
    assert "facts.english" in CASE_FIELDS and "request.english" in CASE_FIELDS


def test_english_words_are_looked_up_in_the_stemmed_subfields():
    must = (
        ContentSearch(content_query("patents infringing"))
        .build()
        .to_dict()["query"]["bool"]["must"]
    )
    # The words go as typed: the english analyzer stems them in the cluster, as it did the pages.
    assert [clause["multi_match"]["query"] for clause in must] == ["patents", "infringing"]
    for clause in must:
        assert {"title.english^3", "body.english"} <= set(clause["multi_match"]["fields"])


def test_mixed_query_needs_every_word_in_some_field():
    body = ContentSearch(content_query("专利 patent")).build().to_dict()
    must = body["query"]["bool"]["must"]
    assert [clause["multi_match"]["query"] for clause in must] == ["专利", "patent"]
    assert all(clause["multi_match"]["type"] == "phrase" for clause in must)


def test_part_of_a_dictionary_word_is_a_bigram_phrase():
    must = (
        ContentSearch(content_query("强市创建工作方案")).build().to_dict()["query"]["bool"]["must"]
    )
    assert [clause["multi_match"]["query"] for clause in must] == ["强市", "创建", "工作", "方案"]
    assert all("title.grams^3" in clause["multi_match"]["fields"] for clause in must)
    assert all(clause["multi_match"]["type"] == "phrase" for clause in must)


def test_case_search_looks_in_english_facts():
    body = (
        CaseSearch(CaseQuery(tuple(query_terms("trademarks")), bureau_ids=None)).build().to_dict()
    )
    (clause,) = body["query"]["bool"]["must"]
    assert "facts.english" in clause["multi_match"]["fields"]
