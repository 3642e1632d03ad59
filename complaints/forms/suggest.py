"""Suggesting a category from the citizen's own words (keywords, then description overlap)."""

from dataclasses import dataclass

from complaints.models import Category


@dataclass(frozen=True)
class Suggestion:
    category: Category
    score: int
    matched: tuple[str, ...]


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text.lower() if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def suggest_categories(text: str, categories=None, limit: int = 3) -> list[Suggestion]:
    """Best matches first; keyword hits weigh most, shared character pairs break ties."""
    text = (text or "").strip()
    if not text:
        return []
    lowered = text.lower()
    pairs = _bigrams(text)
    if categories is None:
        categories = Category.objects.filter(is_active=True).select_related("channel")
    ranked = []
    for category in categories:
        matched = tuple(word for word in category.keyword_list() if word.lower() in lowered)
        english = tuple(
            word for word in category.name_en.lower().split() if len(word) > 3 and word in lowered
        )
        overlap = len(pairs & _bigrams(category.name + category.description))
        score = 10 * sum(len(word) for word in matched) + 5 * len(english) + overlap
        if matched or english or overlap >= 2:
            ranked.append(Suggestion(category, score, matched + english))
    ranked.sort(key=lambda s: (-s.score, s.category.sort_order))
    return ranked[:limit]
