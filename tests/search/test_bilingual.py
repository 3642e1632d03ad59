"""Search in both languages: any part of a title is findable, English words are stemmed, mixed
queries work, and highlighting never splits a Latin word."""

import re

import pytest

from search.api import search_content
from search.text import MAX_GRAM_TEXT, highlight, query_terms, segment, snippet, term_words

PLAN = "city-plan"  # 武汉市推进国家知识产权强市创建工作方案（2017—2020年）
MARK = re.compile(r"<mark>(.*?)</mark>")
LATIN = "A-Za-z0-9"


def slugs(results, source):
    by_key = {source.key(page.id): page.slug for page in source.objects.values()}
    return [by_key[hit.key] for hit in results.hits]


@pytest.mark.parametrize("query", ["强市创建工作方案", "强市", "创建工作", "产权强市", "强市创建"])
def test_part_of_a_dictionary_word_finds_the_plan(indexed, query):
    # 知识产权强市 is one word of the custom dictionary; 强市 is in no dictionary at all.
    results = search_content(query)
    assert slugs(results, indexed)[0] == PLAN


def _title_parts(title: str) -> set[str]:
    """Every run of two or more Chinese characters inside the title that jieba segments into
    words of two or more characters (what a reader may type)."""
    parts = set()
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", title):
        for start in range(len(run)):
            for end in range(start + 2, len(run) + 1):
                part = run[start:end]
                terms = query_terms(part)
                if terms and all(len(term.word) >= 2 for term in terms):
                    parts.add(part)
    return parts


@pytest.mark.parametrize(
    "slug", [PLAN, "pledge-financing", "double-random", "guide-ic-layout", "credit-punishment"]
)
def test_every_part_of_a_title_finds_the_page(indexed, slug):
    page = indexed.by_slug(slug)
    key = indexed.key(page.id)
    parts = _title_parts(page.data[4])
    assert len(parts) > 10
    missing = [
        part
        for part in sorted(parts)
        if key not in {h.key for h in search_content(part, page_size=50).hits}
    ]
    assert missing == []


def test_plan_title_is_stored_with_its_hidden_parts():
    tokens = segment("武汉市推进国家知识产权强市创建工作方案", grams=True).split()
    assert {"知识产权强市", "知识产权", "强市", "创建", "工作", "方案"} <= set(tokens)
    assert len(tokens) == len(set(tokens))  # an n-gram already stored as a word is not repeated
    # Without grams (cases), words only.
    assert "强市" not in segment("武汉市推进国家知识产权强市创建工作方案").split()


def test_ngrams_stop_after_the_first_part_of_a_long_page():
    text = "知识产权" + "。" * MAX_GRAM_TEXT + "强市创建"
    tokens = set(segment(text, grams=True).split())
    assert {"识产", "识产权", "强市", "创建"} <= tokens  # 强市: HMM keeps it as a word here
    assert "市创" not in tokens and "市创建" not in tokens


def test_english_words_are_stored_and_queried_as_stems():
    assert segment("Patents infringing registered Trademarks").split() == [
        "patent",
        "infring",
        "regist",
        "trademark",
    ]
    assert [term.token for term in query_terms("infringement of patents")] == ["infring", "patent"]


def test_latin_words_are_never_split_into_dictionary_parts():
    # jieba's dictionary covers "patents" as pa + ten + ts: the cause of "pa ten ts" highlights.
    (term,) = query_terms("patents")
    assert term.parts == () and term.grams == ()


def test_mixed_query_needs_both_languages(indexed):
    assert slugs(search_content("专利 patent"), indexed) == ["en-glossary"]
    assert slugs(search_content("专利 patents"), indexed) == ["en-glossary"]
    assert search_content("莲藕 patent").total == 0


def _marks_are_whole_words(html: str) -> None:
    for match in re.finditer(r"<mark>(.*?)</mark>", html):
        before = html[: match.start()].replace("</mark>", "")[-1:]
        after = html[match.end() :].replace("<mark>", "")[:1]
        inner = match.group(1)
        if re.match(f"[{LATIN}]", inner[0]):
            assert not re.match(f"[{LATIN}]", before), html
        if re.match(f"[{LATIN}]", inner[-1]):
            assert not re.match(f"[{LATIN}]", after), html


def test_highlight_marks_latin_words_whole():
    words = term_words(query_terms("patents"))
    html = highlight("Patent pending: patents, patented; pattern spa tents", words)
    assert MARK.findall(html) == ["Patent", "patents", "patented"]
    _marks_are_whole_words(html)
    # A Chinese word is still marked inside a longer Chinese run, never inside a Latin word.
    html = highlight("专利权 and ZL2018专利 A专利", term_words(query_terms("专利")))
    assert MARK.findall(html) == ["专利", "专利", "专利"]
    assert highlight("IP-2026-000337 and 337", term_words(query_terms("337"))).count("<mark>") == 1


def test_highlight_escapes_around_whole_words():
    html = highlight("<b>patents</b>", term_words(query_terms("patent")))
    assert html == "&lt;b&gt;<mark>patents</mark>&lt;/b&gt;"


def test_snippet_window_does_not_cut_a_latin_word():
    text = "infringement " * 3 + "lorem " * 40 + "patents " + "ipsum " * 40
    html = snippet(text, term_words(query_terms("patent")), width=60)
    assert "<mark>patents</mark>" in html
    body = html.removeprefix("…").removesuffix("…")
    assert body.split(" ")[0] in {"lorem", ""} and body.split(" ")[-1] in {"ipsum", ""}


@pytest.mark.parametrize(
    "query",
    [
        "patent",
        "patents",
        "trademark",
        "trademarks",
        "infringing",
        "专利 patent",
        "Section 337",
        "hotlines",
    ],
)
def test_hit_highlights_never_split_a_latin_word(indexed, query):
    results = search_content(query)
    assert results.hits
    for hit in results.hits:
        assert "<mark>" in hit.snippet + hit.title_html
        _marks_are_whole_words(hit.snippet)
        _marks_are_whole_words(hit.title_html)


def test_did_you_mean_compares_stems(indexed):
    results = search_content("infringing 火星")
    assert results.total == 0
    assert results.suggestion == "infringing"
