"""Chinese text handling shared by both backends: segmentation, query terms, highlighting."""

import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
    ]
)
# Letters and digits only: underscores and punctuation split words in FTS5 and PostgreSQL alike.
_WORD = re.compile(r"[^\W_]+")

_HAN = re.compile(r"^[\u4e00-\u9fff]{3,}$")
MAX_SUBWORD_SOURCE = 12
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


def segment(text: str) -> str:
    """Search-mode segmentation, space-joined: what the index stores."""
    if not text:
        return ""
    return " ".join(_clean(_search_mode(text)))


def normalize_query(raw) -> str:
    """Collapse whitespace and cap the length; anything else is left for segmentation."""
    text = " ".join(str(raw or "").split())
    return text[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class QueryTerm:
    """One word of the query: matched whole, or by all of its search-mode parts."""

    word: str
    parts: tuple[str, ...] = ()


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
        parts = _split(word)
        terms.append(QueryTerm(word, parts))
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


def _pattern(words: list[str]):
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def highlight(text: str, words: list[str]) -> SafeString:
    """Escape every piece of text, then wrap matches in <mark>; never trusts the input."""
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece of text is escaped above)


def snippet(text: str, words: list[str], width: int = 140) -> SafeString:
    """A window of the text around the first match, highlighted."""
    text = " ".join((text or "").split())
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > width // 3:
        start = match.start() - width // 3
    window = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(escape(prefix) + highlight(window, words) + escape(suffix))  # noqa: S308 (every piece of text is escaped above)


def words_present(terms: list[QueryTerm], text: str) -> list[str]:
    """The query words found in text (whole or by all parts): for "did you mean"."""
    lowered = (text or "").lower()
    found = []
    for term in terms:
        if term.word in lowered or (term.parts and all(p in lowered for p in term.parts)):
            found.append(term.word)
    return found
