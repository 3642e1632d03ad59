"""What gets indexed: apps register sources that turn their objects into entries.

search/ defines the entry shapes; cms/indexing.py and complaints/indexing.py register sources,
so this app never imports them.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

CONTENT = "content"
CASE = "case"
KINDS = (CONTENT, CASE)


@dataclass(frozen=True)
class ContentEntry:
    """A published page as the public search sees it."""

    key: str
    object_id: int
    title: str
    url: str
    body: str
    type: str
    type_label: str = ""
    year: int | None = None
    policy_level: str = ""
    policy_level_label: str = ""
    language: str = "zh-hans"
    published_at: datetime.datetime | None = None
    kind: str = field(default=CONTENT, init=False)


@dataclass(frozen=True)
class CaseEntry:
    """A case as the staff search sees it; no complainant data."""

    key: str
    object_id: int
    bureau_id: int | None
    tracking_number: str
    facts: str
    request: str = ""
    respondent_name: str = ""
    respondent_credit_code: str = ""
    respondent_shop_name: str = ""
    ip_right_number: str = ""
    status: str = ""
    category: str = ""
    submitted_at: datetime.datetime | None = None
    kind: str = field(default=CASE, init=False)

    @property
    def title(self) -> str:
        return f"{self.tracking_number} {self.respondent_name}".strip()

    @property
    def body(self) -> str:
        return "\n".join(
            part
            for part in (
                self.respondent_name,
                self.respondent_shop_name,
                self.respondent_credit_code,
                self.ip_right_number,
                self.facts,
                self.request,
            )
            if part
        )


Entry = ContentEntry | CaseEntry


class Source:
    """Base for a registered source. Subclasses set name and kind and implement the methods."""

    name: str = ""
    kind: str = CONTENT

    def entry(self, obj) -> Entry | None:
        """The entry for obj, or None when obj must not be searchable (unpublished…)."""
        raise NotImplementedError

    def get(self, object_id: int):
        """The object with this id, or None when it no longer exists."""
        raise NotImplementedError

    def all(self) -> Iterable:
        """Every object that may be indexed, for a rebuild (iterate in chunks)."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def key(self, object_id: int) -> str:
        return f"{self.name}:{object_id}"


_sources: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.kind not in KINDS:
        raise ValueError(f"unknown kind {source.kind!r}")
    if not source.name:
        raise ValueError("a source needs a name")
    _sources[source.name] = source
    return source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def get_source(name: str) -> Source:
    return _sources[name]


def sources(kind: str | None = None) -> list[Source]:
    return [s for s in _sources.values() if kind is None or s.kind == kind]
