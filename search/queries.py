"""Elasticsearch query building: one class per search, one filter_* method per restriction.

Matching mirrors the database backend: every query word must occur (as a phrase, so the cjk
bigrams of 知识产权 must be adjacent), scored by BM25 with the title weighted up. Each word is
looked for in the Chinese field, its English subfield (stemmed: "patents" finds "patent") and,
on pages, its bigram subfield (强市 inside the dictionary word 知识产权强市); the best field
scores (multi_match best_fields), so a word matched in two subfields is not counted twice.
"""

from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

from search.backends.base import FACETS, CaseQuery, ContentQuery
from search.documents import CaseDocument, ContentDocument, alias_name
from search.registry import CASE, CONTENT
from search.text import QueryTerm

CONTENT_FIELDS = [
    "title^3",
    "title.english^3",
    "title.grams^3",
    "body",
    "body.english",
    "body.grams",
]
CASE_FIELDS = [
    "respondent_name^3",
    "respondent_shop_name^2",
    "identifiers^3",
    "facts",
    "facts.english",
    "request",
    "request.english",
]
FACET_FIELDS = {"type": "type", "year": "year", "policy_level": "policy_level"}
FACET_LABEL_FIELDS = {"type": "type_label", "policy_level": "policy_level_label"}


def word_clauses(terms: tuple[QueryTerm, ...], fields: list[str]) -> list[Query]:
    return [Q("multi_match", query=term.word, fields=fields, type="phrase") for term in terms]


class ContentSearch:
    def __init__(self, query: ContentQuery, using=None):
        self.query = query
        self.using = using

    def base(self) -> Search:
        return Search(using=self.using or "default", index=alias_name(CONTENT)).doc_type(
            ContentDocument
        )

    def text_query(self, operator: str = "and") -> Query:
        clauses = word_clauses(self.query.terms, CONTENT_FIELDS)
        if operator == "and":
            return Q("bool", must=clauses)
        return Q("bool", should=clauses, minimum_should_match=1)

    def filter_language(self, search: Search) -> Search:
        if self.query.language:
            return search.filter("term", language=self.query.language)
        return search

    def facet_filters(self) -> list[Query]:
        """Selected facets restrict hits (post_filter), never the facet counts themselves."""
        return [
            clause
            for clause in (self.filter_type(), self.filter_year(), self.filter_policy_level())
            if clause
        ]

    def filter_type(self) -> Query | None:
        value = self.query.filters.type
        return Q("term", type=value) if value else None

    def filter_year(self) -> Query | None:
        value = self.query.filters.year
        return Q("term", year=value) if value else None

    def filter_policy_level(self) -> Query | None:
        value = self.query.filters.policy_level
        return Q("term", policy_level=value) if value else None

    def aggregate(self, search: Search) -> Search:
        for name in FACETS:
            terms = A("terms", field=FACET_FIELDS[name], size=50)
            if name in FACET_LABEL_FIELDS:
                terms.bucket("label", "terms", field=FACET_LABEL_FIELDS[name], size=1)
            search.aggs.bucket(name, terms)
        return search

    def build(self) -> Search:
        search = self.filter_language(self.base().query(self.text_query()))
        search = self.aggregate(search)
        filters = self.facet_filters()
        if filters:
            search = search.post_filter(Q("bool", filter=filters))
        start = (self.query.page - 1) * self.query.page_size
        search = search.sort("_score", {"published_at": {"order": "desc"}})
        return search[start : start + self.query.page_size]

    def build_suggestion(self) -> Search:
        """The best page matching any word: for "did you mean"."""
        search = self.filter_language(self.base().query(self.text_query("or")))
        return search.source(["title", "body"])[:1]


class CaseSearch:
    def __init__(self, query: CaseQuery, using=None):
        self.terms = query.terms
        self.bureau_ids = query.bureau_ids
        self.filters = query.filters
        self.limit = query.limit
        self.offset = query.offset
        self.using = using

    def filter_bureaus(self) -> Query | None:
        # None means every bureau (superuser); the restriction is part of the query itself.
        return None if self.bureau_ids is None else Q("terms", bureau_id=self.bureau_ids)

    def filter_statuses(self) -> Query | None:
        return Q("terms", status=list(self.filters.statuses)) if self.filters.statuses else None

    def filter_category(self) -> Query | None:
        return Q("term", category=self.filters.category) if self.filters.category else None

    def build(self) -> Search:
        filters = [
            clause
            for clause in (self.filter_bureaus(), self.filter_statuses(), self.filter_category())
            if clause
        ]
        query = Q("bool", must=word_clauses(self.terms, CASE_FIELDS), filter=filters)
        search = (
            Search(using=self.using or "default", index=alias_name(CASE))
            .doc_type(CaseDocument)
            .query(query)
            .sort({"submitted_at": {"order": "desc"}}, {"case_id": {"order": "desc"}})
            .source(["case_id"])
            .extra(track_total_hits=False)
        )
        return search[self.offset : self.offset + self.limit]
