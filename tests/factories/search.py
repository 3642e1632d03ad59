"""Search fixtures: a registered in-memory source of pages, and case entries."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from search.registry import CASE, CONTENT, CaseEntry, ContentEntry, Source
from tests.search.corpus import ENGLISH, LEVEL_LABELS, PAGES


@dataclass
class FixturePage:
    id: int
    slug: str
    data: tuple
    live: bool = True


class FixturePageSource(Source):
    """Pages held in memory, shaped like the CMS's, so search is testable on its own."""

    name = "test.pages"
    kind = CONTENT

    def __init__(self, pages=PAGES):
        self.objects = {
            index: FixturePage(index, slug, data)
            for index, (slug, data) in enumerate(pages.items(), start=1)
        }

    def by_slug(self, slug: str) -> FixturePage:
        return next(page for page in self.objects.values() if page.slug == slug)

    def entry(self, obj):
        if not obj.live:
            return None
        type_, type_label, year, level, title, body = obj.data
        return ContentEntry(
            key=self.key(obj.id),
            object_id=obj.id,
            title=title,
            url=f"/{type_}/{obj.slug}/",
            body=body,
            type=type_,
            type_label=type_label,
            year=year,
            policy_level=level,
            policy_level_label=LEVEL_LABELS.get(level, ""),
            language="en" if obj.slug in ENGLISH else "zh-hans",
            published_at=timezone.make_aware(datetime.datetime(year, 6, 1)),
        )

    def get(self, object_id):
        return self.objects.get(object_id)

    def all(self):
        return list(self.objects.values())

    def count(self):
        return len(self.objects)


def case_entry(case_id: int, bureau_id: int, facts: str, **fields) -> CaseEntry:
    return CaseEntry(
        key=f"test.cases:{case_id}",
        object_id=case_id,
        bureau_id=bureau_id,
        tracking_number=fields.pop("tracking_number", f"IP-2026-{case_id:06d}"),
        facts=facts,
        submitted_at=fields.pop("submitted_at", timezone.now() - datetime.timedelta(days=case_id)),
        **fields,
    )


class FixtureCaseSource(Source):
    name = "test.cases"
    kind = CASE

    def __init__(self, entries=()):
        self.entries = {entry.object_id: entry for entry in entries}

    def entry(self, obj):
        return obj

    def get(self, object_id):
        return self.entries.get(object_id)

    def all(self):
        return list(self.entries.values())

    def count(self):
        return len(self.entries)
