"""The contract both backends keep: same inputs, same hits. The database backend runs on the
suite's vendor (SQLite or PostgreSQL); Elasticsearch only when ELASTICSEARCH_URL is set."""

import pytest

from search.api import ContentFilters, search_case_ids, search_content


def slugs(results, source):
    by_key = {source.key(page.id): page.slug for page in source.objects.values()}
    return [by_key[hit.key] for hit in results.hits]


def test_chinese_word_inside_a_longer_run_is_found(indexed):
    results = search_content("裁决")
    assert "guide-patent-dispute" in slugs(results, indexed)


def test_ip_terms_match_as_a_whole(indexed):
    hits = search_content("质押融资").hits
    assert len(hits) == 3 and all("<mark>质押融资</mark>" in hit.snippet for hit in hits)


def test_all_words_must_match(indexed):
    results = search_content("莲藕 专利")
    assert results.total == 0


def test_highlight_escapes_then_marks(indexed):
    results = search_content("质押融资")
    assert "<mark>" in results.hits[0].snippet
    hostile = search_content("<script>alert(1)</script>")
    assert hostile.total == 0


def test_facets_and_filters(indexed):
    results = search_content("专利")
    types = {facet.value: facet.count for facet in results.facets["type"]}
    assert types["policy"] >= 2 and types["news"] >= 1
    filtered = search_content("专利", filters=ContentFilters(type="policy"))
    assert filtered.total == types["policy"]
    assert {hit.type for hit in filtered.hits} == {"policy"}
    by_level = search_content("专利", filters=ContentFilters(policy_level="provincial"))
    assert [hit.title for hit in by_level.hits] == ["湖北省专利条例"]
    by_year = search_content("专利", filters=ContentFilters(year=2024))
    assert by_year.total and all(hit.year == 2024 for hit in by_year.hits)


def test_pagination(indexed):
    first = search_content("专利", page_size=3)
    second = search_content("专利", page=2, page_size=3)
    assert first.total > 3 and len(first.hits) == 3
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_language_prefers_english_then_falls_back(indexed):
    english = search_content("infringement", language="en")
    assert set(slugs(english, indexed)) == {"en-guide", "en-copyright", "en-overseas"}
    fallback = search_content("白皮书", language="en")
    assert fallback.total == 2


def test_did_you_mean_drops_words_no_page_has_together(indexed):
    results = search_content("质押融资 火星")
    assert results.total == 0
    assert results.suggestion == "质押融资"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "\x00",
        "'\"",
        "AND OR NOT",
        "*",
        "-专利",
        "(",
        "NEAR(",
        "a" * 5000,
        '专利" OR "x',
        "'; DROP TABLE x; --",
        "🙂",
        "^",
    ],
)
def test_any_input_is_safe(indexed, raw):
    results = search_content(raw)
    assert results.total >= 0


def test_staff_search_is_restricted_inside_the_query(indexed):
    assert search_case_ids("专利", bureau_ids=[20]) == [3, 5]
    assert search_case_ids("专利", bureau_ids=[10]) == [2]
    assert search_case_ids("专利", bureau_ids=None) == [2, 3, 5]
    assert search_case_ids("专利", bureau_ids=[]) == []


def test_staff_search_by_names_numbers_and_status(indexed):
    assert search_case_ids("光谷", bureau_ids=None) == [2]
    assert search_case_ids("91420100MA4K000001", bureau_ids=None) == [1]
    assert search_case_ids("IP-2026-000004", bureau_ids=None) == [4]
    assert search_case_ids("旗舰店", bureau_ids=[30]) == [4]
    assert search_case_ids("专利", bureau_ids=None, statuses=["resolved"]) == [5]
    assert search_case_ids("专利", bureau_ids=None, limit=1, offset=1) == [3]
