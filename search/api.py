"""The one search interface the other apps and views use; none of them knows the backend."""

from collections.abc import Iterable

from django.conf import settings

from search import indexing, tasks
from search.backends import get_backend
from search.backends.base import (
    MAX_PAGE,
    PAGE_SIZE,
    CaseFilters,
    CaseQuery,
    ContentFilters,
    ContentQuery,
    ContentResults,
)
from search.models import PendingIndexOperation
from search.registry import KINDS
from search.text import normalize_query, query_terms

__all__ = [
    "CaseFilters",
    "ContentFilters",
    "ContentResults",
    "backend_health",
    "index_object",
    "rebuild",
    "remove_object",
    "retry_pending",
    "search_case_ids",
    "search_content",
]


def search_content(
    query: str,
    *,
    filters: ContentFilters | None = None,
    page: int = 1,
    language: str | None = None,
    page_size: int = PAGE_SIZE,
) -> ContentResults:
    """Published content matching query, ranked, with facets. Pages in `language` first; when
    that language has no match, the default language's pages (content is Chinese-first)."""
    text = normalize_query(query)
    page = min(max(int(page), 1), MAX_PAGE)
    request = ContentQuery(
        text=text,
        terms=tuple(query_terms(text)) if text else (),
        filters=filters or ContentFilters(),
        page=page,
        page_size=page_size,
        language=language,
    )
    backend = get_backend()
    results = backend.search_content(request)
    if results.total == 0 and language and language != settings.LANGUAGE_CODE and request.terms:
        fallback = backend.search_content(
            ContentQuery(**{**request.__dict__, "language": settings.LANGUAGE_CODE})
        )
        if fallback.total:
            return fallback
    return results


def search_case_ids(
    query: str,
    *,
    bureau_ids: Iterable[int] | None,
    statuses: Iterable[str] = (),
    category: str = "",
    limit: int = 200,
    offset: int = 0,
) -> list[int]:
    """Ids of cases matching query, newest first, restricted to bureau_ids inside the query
    (None = every bureau, for superusers; an empty list finds nothing)."""
    text = normalize_query(query)
    if not text:
        return []
    return get_backend().search_case_ids(
        CaseQuery(
            terms=tuple(query_terms(text)),
            bureau_ids=None if bureau_ids is None else [int(b) for b in bureau_ids],
            filters=CaseFilters(statuses=tuple(statuses), category=category),
            limit=max(0, int(limit)),
            offset=max(0, int(offset)),
        )
    )


def index_object(source_name: str, object_id: int) -> None:
    """(Re)index one object after the current transaction commits; removes it if the source
    says it is no longer searchable."""
    tasks.schedule(source_name, object_id, PendingIndexOperation.Action.INDEX)


def remove_object(source_name: str, object_id: int) -> None:
    """Remove one object from the index after the current transaction commits."""
    tasks.schedule(source_name, object_id, PendingIndexOperation.Action.REMOVE)


def rebuild(kinds: Iterable[str] = KINDS, progress=None) -> dict:
    """Rebuild indexes from the database; progress(kind, done, total) is called as it goes."""
    return indexing.rebuild(kinds, progress)


def retry_pending(*, include_not_due: bool = False) -> tuple[int, int]:
    return tasks.retry_pending(include_not_due=include_not_due)


def backend_health() -> tuple[bool, str]:
    return get_backend().health()
