"""Embedded backend: jieba-segmented tokens in search_indexentry, matched with FTS5 on SQLite
and a GIN-indexed tsvector on PostgreSQL. All filters are part of the one SQL statement.

SQL is assembled from constant column names and fixed fragments; every value is a parameter
(hence the S608 exemptions)."""

from collections.abc import Iterable

from django.db import connection, transaction

from search.models import IndexEntry
from search.registry import CASE, CONTENT, ContentEntry, Entry
from search.text import QueryTerm, segment, snippet, term_words, words_present

from .base import (
    FACETS,
    CaseQuery,
    ContentHit,
    ContentQuery,
    ContentResults,
    FacetValue,
    SearchBackend,
)

BATCH = 500
FACET_COLUMNS = {"type": "content_type", "year": "year", "policy_level": "policy_level"}
FACET_LABELS = {"type": "type_label", "year": "year", "policy_level": "policy_level_label"}


class _Dialect:
    """How one vendor spells match, rank and the FROM clause."""

    def __init__(self, vendor: str):
        self.vendor = vendor

    def expression(
        self, terms: Iterable[QueryTerm], operator: str = "AND", *, grams: bool = False
    ) -> str:
        """Each term as its stored token, or all its parts, or (grams: the index keeps
        n-grams, as pages do) all its three-character sequences."""
        groups = []
        for term in terms:
            options = [self._quote(term.token)]
            alternatives = [term.parts, term.grams] if grams else [term.parts]
            for pieces in alternatives:
                if pieces:
                    inner = f" {self._and} ".join(self._quote(piece) for piece in pieces)
                    options.append(f"({inner})")
            groups.append("(" + f" {self._or} ".join(options) + ")")
        joiner = self._and if operator == "AND" else self._or
        return f" {joiner} ".join(groups)

    @property
    def _and(self):
        return "AND" if self.vendor == "sqlite" else "&"

    @property
    def _or(self):
        return "OR" if self.vendor == "sqlite" else "|"

    def _quote(self, word: str) -> str:
        # Words are letters and digits only (search.text), so quoting cannot be broken out of.
        return f'"{word}"' if self.vendor == "sqlite" else f"'{word}'"

    def from_match(self, expression: str) -> tuple[str, str, list]:
        if self.vendor == "sqlite":
            return (
                "search_indexentry e JOIN search_indexentry_fts "
                "ON search_indexentry_fts.rowid = e.id",
                "search_indexentry_fts MATCH %s",
                [expression],
            )
        return (
            "search_indexentry e",
            "e.search_vector @@ to_tsquery('simple', %s)",
            [expression],
        )

    def rank(self, expression: str) -> tuple[str, list]:
        """A score where higher is better."""
        if self.vendor == "sqlite":
            return "-bm25(search_indexentry_fts, 10.0, 1.0)", []
        return "ts_rank(e.search_vector, to_tsquery('simple', %s))", [expression]


def _where(conditions: dict) -> tuple[list[str], list]:
    sql: list[str] = []
    params: list = []
    for column, value in conditions.items():
        if isinstance(value, list | tuple):
            sql.append(f"e.{column} IN ({', '.join(['%s'] * len(value))})")
            params.extend(value)
        else:
            sql.append(f"e.{column} = %s")
            params.append(value)
    return sql, params


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def dialect(self) -> _Dialect:
        return _Dialect(connection.vendor)

    # Writing

    @staticmethod
    def _row(entry: Entry, source: str) -> IndexEntry:
        # Published pages keep every Chinese 2- and 3-gram, so any part of a title or heading
        # finds them; cases (a million rows) keep words only: staff search matches whole words.
        content = isinstance(entry, ContentEntry)
        common = {
            "kind": entry.kind,
            "key": entry.key,
            "source": source,
            "object_id": entry.object_id,
            "title": entry.title[:300],
            "title_tokens": segment(entry.title, grams=content),
            "body_tokens": segment(entry.body, grams=content),
        }
        if isinstance(entry, ContentEntry):
            return IndexEntry(
                **common,
                language=entry.language,
                url=entry.url,
                body=entry.body,
                content_type=entry.type,
                type_label=entry.type_label,
                year=entry.year,
                policy_level=entry.policy_level,
                policy_level_label=entry.policy_level_label,
                published_at=entry.published_at,
            )
        # A case keeps only what the staff search filters on; its words are in body_tokens.
        return IndexEntry(
            **common,
            content_type=entry.category,
            bureau_id=entry.bureau_id,
            status=entry.status,
            published_at=entry.submitted_at,
        )

    def index(self, entries: Iterable[Entry]) -> int:
        rows = [self._row(entry, entry.key.split(":", 1)[0]) for entry in entries]
        with transaction.atomic():
            IndexEntry.objects.filter(key__in=[row.key for row in rows]).delete()
            IndexEntry.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def remove(self, keys: Iterable[str]) -> None:
        IndexEntry.objects.filter(key__in=list(keys)).delete()

    def rebuild(self, kind: str, batches: Iterable[list[Entry]]) -> int:
        count = 0
        with transaction.atomic():
            IndexEntry.objects.filter(kind=kind).delete()
            for batch in batches:
                count += self.index(batch)
            if connection.vendor == "postgresql":
                # Fresh statistics, or the planner keeps the old row counts and, at a million
                # cases, bitmap-scans every match before sorting (1.1 s instead of 3 ms).
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")
        return count

    # Reading

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search_content(self, query: ContentQuery) -> ContentResults:
        results = ContentResults(query=query.text, page=query.page, page_size=query.page_size)
        if not query.terms:
            return results
        dialect = self.dialect
        expression = dialect.expression(query.terms, grams=True)
        base = {"kind": CONTENT}
        if query.language:
            base["language"] = query.language
        selected = {FACET_COLUMNS[name]: value for name, value in query.filters.active().items()}
        results.facets = self._facets(dialect, expression, base, query.filters)
        rows = self._ranked(dialect, expression, {**base, **selected}, query)
        results.total = self._count(dialect, expression, {**base, **selected})
        entries = IndexEntry.objects.in_bulk([row[0] for row in rows])
        words = term_words(list(query.terms))
        for entry_id, score in rows:
            entry = entries[entry_id]
            results.hits.append(
                ContentHit(
                    key=entry.key,
                    title=entry.title,
                    url=entry.url,
                    snippet=snippet(entry.body, words),
                    title_html=snippet(entry.title, words, width=300),
                    type=entry.content_type,
                    type_label=entry.type_label,
                    year=entry.year,
                    policy_level=entry.policy_level,
                    policy_level_label=entry.policy_level_label,
                    score=float(score or 0),
                )
            )
        if results.total == 0 and not selected:
            results.suggestion = self._suggestion(dialect, query, base)
        return results

    def _ranked(self, dialect, expression, conditions, query: ContentQuery) -> list[tuple]:
        from_sql, match_sql, match_params = dialect.from_match(expression)
        rank_sql, rank_params = dialect.rank(expression)
        where_sql, where_params = _where(conditions)
        offset = (query.page - 1) * query.page_size
        return self._fetch(
            f"SELECT e.id, {rank_sql} AS score FROM {from_sql} "  # noqa: S608
            f"WHERE {' AND '.join([match_sql, *where_sql])} "
            "ORDER BY score DESC, e.published_at DESC, e.id DESC LIMIT %s OFFSET %s",
            [*rank_params, *match_params, *where_params, query.page_size, offset],
        )

    def _count(self, dialect, expression, conditions) -> int:
        from_sql, match_sql, match_params = dialect.from_match(expression)
        where_sql, where_params = _where(conditions)
        sql = f"SELECT COUNT(*) FROM {from_sql} WHERE {' AND '.join([match_sql, *where_sql])}"  # noqa: S608
        return self._fetch(sql, [*match_params, *where_params])[0][0]

    def _facets(self, dialect, expression, base, filters) -> dict[str, list[FacetValue]]:
        from_sql, match_sql, match_params = dialect.from_match(expression)
        where_sql, where_params = _where(base)
        facets = {}
        for name in FACETS:
            column, label = FACET_COLUMNS[name], FACET_LABELS[name]
            rows = self._fetch(
                f"SELECT e.{column}, MAX(e.{label}), COUNT(*) FROM {from_sql} "  # noqa: S608
                f"WHERE {' AND '.join([match_sql, *where_sql])} AND e.{column} IS NOT NULL "
                f"AND e.{column} != %s GROUP BY e.{column}",
                [*match_params, *where_params, "" if name != "year" else 0],
            )
            chosen = str(filters.as_dict()[name] or "")
            values = [
                FacetValue(str(value), str(text or value), count, str(value) == chosen)
                for value, text, count in rows
            ]
            if name == "year":
                values.sort(key=lambda item: item.value, reverse=True)
            else:
                values.sort(key=lambda item: (-item.count, item.value))
            facets[name] = values
        return facets

    def _suggestion(self, dialect, query: ContentQuery, base) -> str:
        """The query words found together in the best page matching any of them."""
        if len(query.terms) < 2:
            return ""
        expression = dialect.expression(query.terms, operator="OR", grams=True)
        from_sql, match_sql, match_params = dialect.from_match(expression)
        rank_sql, rank_params = dialect.rank(expression)
        where_sql, where_params = _where(base)
        rows = self._fetch(
            f"SELECT e.title, e.body, {rank_sql} AS score FROM {from_sql} "  # noqa: S608
            f"WHERE {' AND '.join([match_sql, *where_sql])} ORDER BY score DESC LIMIT 1",
            [*rank_params, *match_params, *where_params],
        )
        if not rows:
            return ""
        found = words_present(list(query.terms), f"{rows[0][0]}\n{rows[0][1]}")
        return " ".join(found) if 0 < len(found) < len(query.terms) else ""

    def search_case_ids(self, query: CaseQuery) -> list[int]:
        if not query.terms or query.bureau_ids == []:
            return []
        dialect = self.dialect
        from_sql, match_sql, match_params = dialect.from_match(dialect.expression(query.terms))
        conditions: dict = {"kind": CASE}
        if query.bureau_ids is not None:
            conditions["bureau_id"] = list(query.bureau_ids)
        if query.filters.statuses:
            conditions["status"] = list(query.filters.statuses)
        if query.filters.category:
            conditions["content_type"] = query.filters.category
        where_sql, where_params = _where(conditions)
        rows = self._fetch(
            f"SELECT e.object_id FROM {from_sql} WHERE {' AND '.join([match_sql, *where_sql])} "  # noqa: S608
            "ORDER BY e.published_at DESC, e.object_id DESC LIMIT %s OFFSET %s",
            [*match_params, *where_params, query.limit, query.offset],
        )
        return [row[0] for row in rows]

    def health(self) -> tuple[bool, str]:
        try:
            IndexEntry.objects.exists()
        except Exception as exc:
            return False, f"database: {type(exc).__name__}"
        return True, f"database ({connection.vendor})"
