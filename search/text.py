"""Text handling shared by both backends: Chinese segmentation, English stemming, query terms,
highlighting."""

import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.stemming import stem

DICTIONARY = Path(__file__).with_name("dictionary.txt")
MAX_QUERY_LENGTH = 100

# Function words and question words that would make an AND query miss good pages.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "把",
        "被",
        "为",
        "于",
        "之",
        "等",
        "中",
        "有",
        "吗",
        "呢",
        "吧",
        "啊",
        "请问",
        "怎么",
        "怎样",
        "如何",
        "什么",
        "哪些",
        "哪里",
        "哪个",
        "可以",
        "能否",
        "是否",
        "需要",
        "一下",
        "我",
        "我们",
        "你",
        "您",
        "他",
        "她",
        "它",
        "这",
        "那",
        "个",
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "for",
        "on",
        "is",
        "are",
        "how",
        "what",
        # The rest of Elasticsearch's English stop words (not "no" and "not"), and the words
        # of an English question, which no page needs to contain: "how do I register a trademark".
        "as",
        "at",
        "be",
        "but",
        "by",
        "if",
        "into",
        "it",
        "such",
        "that",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "was",
        "will",
        "with",
        "do",
        "does",
        "i",
        "my",
        "can",
        "you",
        "your",
        "we",
        "our",
        "should",
        "which",
        "who",
        "when",
        "where",
        "why",
    ]
)
# Letters and digits only: underscores and punctuation split words in FTS5 and PostgreSQL alike.
_WORD = re.compile(r"[^\W_]+")

_HAN = re.compile(r"^[\u4e00-\u9fff]{3,}$")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_ALL_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# A run of letters and digits that are not Chinese: a Latin word (or a number, or a code such as
# ZL201810000001). Highlighting marks such a run whole or not at all.
_LATIN_RUN = re.compile(r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_SUBWORD_SOURCE = 12
# Pages store every Chinese sequence of these lengths. A longer query word is matched by its
# overlapping trigrams: they can occur apart from each other only by rare chance, where
# bigrams (著作, 作权, 权法 for 著作权法) are scattered over most long pages.
GRAM_SIZES = (2, 3)
# n-grams of a page's first 30,000 characters only (what Elasticsearch indexes of a body):
# PostgreSQL refuses a tsvector over 1 MB, which ~90,000 characters of n-grams would reach.
MAX_GRAM_TEXT = 30_000
_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """The process-wide jieba tokenizer with the IP dictionary; built on first use (~1 s)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", SyntaxWarning)
                    import jieba

                    jieba.setLogLevel(60)
                    instance = jieba.Tokenizer()
                    instance.initialize()
                    instance.load_userdict(str(DICTIONARY))
                _tokenizer = instance
    return _tokenizer


def _clean(tokens) -> list[str]:
    return [word.lower() for token in tokens for word in _WORD.findall(token)]


def _search_mode(text: str):
    """jieba's search mode, extended to dictionary sub-words of every length (jieba stops at
    three characters, so 质押融资 inside 知识产权质押融资 would be lost)."""
    instance = tokenizer()
    for word in instance.cut(text):
        # Only Chinese words have dictionary sub-words; numbers and codes are kept whole.
        if not _HAN.match(word) or len(word) > MAX_SUBWORD_SOURCE:
            yield word
            continue
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                gram = word[start : start + size]
                if instance.FREQ.get(gram):
                    yield gram
        yield word


def ngrams(text: str, sizes: tuple[int, ...] = GRAM_SIZES) -> list[str]:
    """Every sequence of `sizes` adjacent Chinese characters, in order of first appearance."""
    seen: dict[str, None] = {}
    for run in _HAN_RUN.findall(text or ""):
        for start in range(len(run) - 1):
            for size in sizes:
                if start + size <= len(run):
                    seen.setdefault(run[start : start + size], None)
    return list(seen)


def segment(text: str, *, grams: bool = False) -> str:
    """Search-mode segmentation, English words stemmed, space-joined: what the index stores.

    With grams, every two- and three-character Chinese sequence not already a token is added
    once, so a part of a word is findable even where a dictionary word hides it (强市 inside
    知识产权强市: 强市 is in no dictionary)."""
    if not text:
        return ""
    tokens = [stem(word) for word in _clean(_search_mode(text))]
    if grams:
        present = set(tokens)
        tokens.extend(gram for gram in ngrams(text[:MAX_GRAM_TEXT]) if gram not in present)
    return " ".join(tokens)


def normalize_query(raw) -> str:
    """Collapse whitespace and cap the length; anything else is left for segmentation."""
    text = " ".join(str(raw or "").split())
    return text[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class QueryTerm:
    """One word of the query: matched whole, by all of its search-mode parts, or (where the
    index keeps n-grams) by all of its three-character sequences."""

    word: str
    parts: tuple[str, ...] = ()
    grams: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        """The word as the database index stores it (English words stemmed)."""
        return stem(self.word)


def query_terms(query: str) -> list[QueryTerm]:
    """Precise-mode words of the query, stop words dropped, each with its sub-words."""
    words = _clean(tokenizer().cut(query))
    content = [word for word in words if word not in STOPWORDS]
    terms = []
    seen = set()
    for word in content or words:
        if word in seen:
            continue
        seen.add(word)
        han = bool(_ALL_HAN.match(word))
        # Latin words are never split: jieba's dictionary would cover "patents" with pa+ten+ts.
        parts = _split(word) if han else ()
        # Words of up to three characters are stored n-grams themselves.
        grams = tuple(ngrams(word, (3,))) if han and len(word) > 3 else ()
        terms.append(QueryTerm(word, parts, grams))
    return terms


def _split(word: str) -> tuple[str, ...]:
    """The fewest dictionary words (2+ characters, shorter than word) that exactly cover word,
    e.g. 执法人员 → 执法 + 人员 (never the overlapping 法人); () when there is no such cover."""
    if len(word) < 4:
        return ()
    frequencies = tokenizer().FREQ
    best: dict[int, tuple[str, ...]] = {0: ()}
    for end in range(2, len(word) + 1):
        options = [
            best[start] + (word[start:end],)
            for start in range(0, end - 1)
            if start in best and end - start < len(word) and frequencies.get(word[start:end])
        ]
        if options:
            best[end] = min(options, key=len)
    return tuple(part.lower() for part in best.get(len(word), ()))


def term_words(terms: list[QueryTerm]) -> list[str]:
    """Every string worth highlighting, longest first so 知识产权 wins over 知识."""
    words = {term.word for term in terms}
    for term in terms:
        words.update(term.parts)
    return sorted(words, key=len, reverse=True)


_LATIN_CHAR = _LATIN_RUN.pattern[:-1]  # one such character


class _Matcher:
    """Finds what to highlight: a Latin run (word, number, code) whole when it or its stem is
    a query word's, never a piece of one; Chinese words wherever they occur."""

    def __init__(self, words: list[str]):
        latin = {word.lower() for word in words if _LATIN_RUN.fullmatch(word)}
        self.latin = latin | {stem(word) for word in latin}
        other = [
            _guarded(word)
            for word in sorted(words, key=len, reverse=True)
            if word and not _LATIN_RUN.fullmatch(word)
        ]
        # Chinese (or mixed, 337调查) words are tried first; a Latin run is then consumed
        # whole, so nothing can match inside one.
        self.pattern = re.compile(
            "|".join([*other, f"(?P<latin>{_LATIN_RUN.pattern})"]), re.IGNORECASE
        )
        self.empty = not words

    def finditer(self, text: str):
        if self.empty:
            return
        for match in self.pattern.finditer(text):
            run = match.group("latin")
            if run is None or run.lower() in self.latin or stem(run.lower()) in self.latin:
                yield match


def _guarded(word: str) -> str:
    """word as a pattern that cannot begin or end in the middle of a Latin run."""
    pattern = re.escape(word)
    if _LATIN_RUN.match(word[0]):
        pattern = f"(?<!{_LATIN_CHAR}){pattern}"
    if _LATIN_RUN.match(word[-1]):
        pattern = f"{pattern}(?!{_LATIN_CHAR})"
    return pattern


def highlight(text: str, words: list[str]) -> SafeString:
    """Escape every piece of text, then wrap matches in <mark>; never trusts the input."""
    out: list[str] = []
    position = 0
    for match in _Matcher(words).finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece of text is escaped above)


def snippet(text: str, words: list[str], width: int = 140) -> SafeString:
    """A window of the text around the first match, highlighted; the window never starts or
    ends inside a Latin word."""
    text = " ".join((text or "").split())
    match = next(_Matcher(words).finditer(text), None)
    start = 0
    if match and match.start() > width // 3:
        start = _word_edge(text, match.start() - width // 3, forward=True)
    end = _word_edge(text, start + width, forward=False) if start + width < len(text) else len(text)
    if end <= start:
        end = start + width
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(escape(prefix) + highlight(window, words) + escape(suffix))  # noqa: S308 (every piece of text is escaped above)


def _word_edge(text: str, index: int, *, forward: bool) -> int:
    """index moved off the middle of a Latin run: forward to its end, or back to its start."""
    index = max(0, min(index, len(text)))
    for run in _LATIN_RUN.finditer(text):
        if run.start() < index < run.end():
            return run.end() if forward else run.start()
        if run.start() >= index:
            break
    return index


def words_present(terms: list[QueryTerm], text: str) -> list[str]:
    """The query words found in text (whole or by all parts): for "did you mean"."""
    lowered = (text or "").lower()
    latin = set(_LATIN_RUN.findall(lowered))
    latin |= {stem(run) for run in latin}
    found = []
    for term in terms:
        if _LATIN_RUN.fullmatch(term.word):
            present = term.word in latin or term.token in latin
        else:
            present = term.word in lowered or bool(
                term.parts and all(p in lowered for p in term.parts)
            )
        if present:
            found.append(term.word)
    return found
