"""The active backend, chosen by settings.SEARCH_BACKEND ("database" or "elasticsearch")."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
_instances: dict[tuple, SearchBackend] = {}


def get_backend(name: str | None = None) -> SearchBackend:
    """One instance per backend and configuration (an ES client keeps its connection pool)."""
    name = name or settings.SEARCH_BACKEND
    cache_key = (name, settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    if cache_key not in _instances:
        _instances[cache_key] = import_string(BACKENDS[name])()
    return _instances[cache_key]
