"""What every backend takes and returns; views and apps only ever see these shapes."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from search.registry import Entry
from search.text import QueryTerm

FACETS = ("type", "year", "policy_level")
PAGE_SIZE = 10
MAX_PAGE = 100


@dataclass(frozen=True)
class ContentFilters:
    """Selected facet values; empty means no restriction."""

    type: str = ""
    year: int | None = None
    policy_level: str = ""

    def active(self) -> dict:
        return {name: value for name, value in self.as_dict().items() if value}

    def as_dict(self) -> dict:
        return {"type": self.type, "year": self.year, "policy_level": self.policy_level}


@dataclass(frozen=True)
class CaseFilters:
    """Restrictions the staff queue combines with the text query."""

    statuses: tuple[str, ...] = ()
    category: str = ""


@dataclass(frozen=True)
class CaseQuery:
    """A staff case search: every term must match, inside bureau_ids (None: every bureau, for
    superusers; an empty list finds nothing), newest first."""

    terms: tuple[QueryTerm, ...]
    bureau_ids: list[int] | None
    filters: CaseFilters = field(default_factory=CaseFilters)
    limit: int = 200
    offset: int = 0


@dataclass
class ContentHit:
    key: str
    title: str
    url: str
    snippet: SafeString
    title_html: SafeString
    type: str
    type_label: str
    year: int | None
    policy_level: str
    policy_level_label: str
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    link: str = ""  # filled in by the view: the URL that toggles this value


@dataclass
class ContentResults:
    query: str
    hits: list[ContentHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = PAGE_SIZE
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.page_size)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.hits else 0


@dataclass(frozen=True)
class ContentQuery:
    text: str
    terms: tuple[QueryTerm, ...]
    filters: ContentFilters
    page: int
    page_size: int
    language: str | None


class SearchBackend:
    """Interface shared by the database and Elasticsearch backends."""

    name = ""

    def index(self, entries: Iterable[Entry]) -> int:
        raise NotImplementedError

    def remove(self, keys: Iterable[str]) -> None:
        raise NotImplementedError

    def rebuild(self, kind: str, batches: Iterable[list[Entry]]) -> int:
        """Replace everything of this kind with the entries, swapping in one step."""
        raise NotImplementedError

    def search_content(self, query: ContentQuery) -> ContentResults:
        raise NotImplementedError

    def search_case_ids(self, query: CaseQuery) -> list[int]:
        raise NotImplementedError

    def health(self) -> tuple[bool, str]:
        raise NotImplementedError
