"""Production backend: Elasticsearch through elasticsearch.dsl documents and search classes."""

from collections.abc import Iterable
from contextlib import suppress

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk

from search.documents import DOCUMENTS, alias_name, build_index
from search.queries import CaseSearch, ContentSearch
from search.registry import KINDS, Entry, get_source
from search.text import snippet, term_words, words_present

from .base import (
    FACETS,
    CaseQuery,
    ContentHit,
    ContentQuery,
    ContentResults,
    FacetValue,
    SearchBackend,
)


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None):
        self.client = client or Elasticsearch(
            settings.ELASTICSEARCH_URL, request_timeout=5, retry_on_timeout=True, max_retries=2
        )

    # Writing

    def ensure_index(self, kind: str) -> None:
        """First use: create an index behind the alias (a rebuild replaces it later)."""
        alias = alias_name(kind)
        if not self.client.indices.exists_alias(name=alias):
            index = build_index(kind, using=self.client)
            index.create()
            self.client.indices.put_alias(index=index._name, name=alias)

    def _actions(self, entries: Iterable[Entry], index: str):
        for entry in entries:
            document = DOCUMENTS[entry.kind].from_entry(entry)
            yield {**document.to_dict(include_meta=True), "_index": index}

    def index(self, entries: Iterable[Entry]) -> int:
        entries = list(entries)
        count = 0
        for kind in KINDS:
            of_kind = [entry for entry in entries if entry.kind == kind]
            if of_kind:
                self.ensure_index(kind)
                count += bulk(self.client, self._actions(of_kind, alias_name(kind)))[0]
        return count

    def remove(self, keys: Iterable[str]) -> None:
        for key in keys:
            kind = get_source(key.split(":", 1)[0]).kind
            # Already gone, or never indexed: the wanted state either way.
            with suppress(NotFoundError):
                self.client.delete(index=alias_name(kind), id=key)

    def rebuild(self, kind: str, batches: Iterable[list[Entry]]) -> int:
        """Fill a fresh index, then point the alias at it in one atomic alias update."""
        alias = alias_name(kind)
        index = build_index(kind, using=self.client)
        index.create()
        count = 0
        try:
            for batch in batches:
                count += bulk(self.client, self._actions(batch, index._name))[0]
            self.client.indices.refresh(index=index._name)
        except Exception:
            self.client.indices.delete(index=index._name, ignore_unavailable=True)
            raise
        old = []
        if self.client.indices.exists_alias(name=alias):
            old = list(self.client.indices.get_alias(name=alias))
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": index._name, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return count

    # Reading

    def search_content(self, query: ContentQuery) -> ContentResults:
        results = ContentResults(query=query.text, page=query.page, page_size=query.page_size)
        if not query.terms:
            return results
        searcher = ContentSearch(query, using=self.client)
        try:
            response = searcher.build().execute()
        except NotFoundError:
            return results  # no index yet
        # elasticsearch.dsl types Response.hits as list[Hit]; it is an AttrList carrying .total.
        results.total = response.hits.total.value  # type: ignore[attr-defined]
        words = term_words(list(query.terms))
        for hit in response:
            results.hits.append(
                ContentHit(
                    key=hit.meta.id,
                    title=hit.title,
                    url=hit.url,
                    snippet=snippet(getattr(hit, "body", ""), words),
                    title_html=snippet(hit.title, words, width=300),
                    type=hit.type,
                    type_label=getattr(hit, "type_label", ""),
                    year=getattr(hit, "year", None),
                    policy_level=getattr(hit, "policy_level", "") or "",
                    policy_level_label=getattr(hit, "policy_level_label", ""),
                    score=hit.meta.score or 0.0,
                )
            )
        results.facets = self._facets(response, query)
        if results.total == 0 and not query.filters.active() and len(query.terms) > 1:
            best = searcher.build_suggestion().execute()
            if best.hits:
                top = best.hits[0]
                found = words_present(list(query.terms), f"{top.title}\n{top.body}")
                if 0 < len(found) < len(query.terms):
                    results.suggestion = " ".join(found)
        return results

    @staticmethod
    def _facets(response, query: ContentQuery) -> dict[str, list[FacetValue]]:
        facets = {}
        chosen = query.filters.as_dict()
        for name in FACETS:
            values = []
            for bucket in getattr(response.aggregations, name).buckets:
                value = str(bucket.key)
                labels = getattr(bucket, "label", None)
                label = labels.buckets[0].key if labels and labels.buckets else value
                values.append(
                    FacetValue(value, label or value, bucket.doc_count, value == str(chosen[name]))
                )
            if name == "year":
                values.sort(key=lambda item: item.value, reverse=True)
            facets[name] = values
        return facets

    def search_case_ids(self, query: CaseQuery) -> list[int]:
        if not query.terms or query.bureau_ids == [] or query.limit == 0:
            return []
        search = CaseSearch(query, using=self.client).build()
        try:
            return [hit.case_id for hit in search.execute()]
        except NotFoundError:
            return []

    def health(self) -> tuple[bool, str]:
        try:
            # Transport options in the API call itself are deprecated (and untyped) in the 8.x
            # client: options() carries them.
            health = self.client.options(request_timeout=2).cluster.health()
        except Exception as exc:
            return False, f"elasticsearch: {type(exc).__name__}"
        status = health.get("status", "unknown")
        return status in ("green", "yellow"), f"elasticsearch {health.get('cluster_name')} {status}"
