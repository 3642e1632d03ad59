"""Reading the public database: filters from a query string, facet counts, monthly trends.

Every count runs in the database; a page costs the same number of queries whatever it shows.
Full-text search goes through search/'s interface (records.indexing registers the source): the
best `conf.search_limit()` matches are then filtered and counted like any other selection.
"""

import hashlib
import json
import re
from dataclasses import dataclass, fields, replace

from django.db.models import Count, F
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Channel, District, Kind, Outcome
from records import conf, indexing
from records.counts import cached as _cached
from records.labels import localized
from records.models import PublicRecord
from search.api import ContentFilters, search_content
from search.text import normalize_query

CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
USCC = re.compile(r"^[0-9A-Z]{18}$")
FACETS = ("channel", "category", "district", "kind", "outcome", "year")
FACET_TITLES = {
    "channel": _("热线"),
    "category": _("类别"),
    "district": _("行政区"),
    "kind": _("类型"),
    "outcome": _("办理结果"),
    "year": _("收到年份"),
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    channel: str = ""
    category: str = ""
    district: str = ""
    kind: str = ""
    outcome: str = ""
    year: int | None = None
    respondent: str = ""
    narrative: bool = False

    @classmethod
    def from_query(cls, params) -> "Filters":
        """Any input is accepted: a value that cannot be one of ours is ignored."""

        def code(name):
            value = str(params.get(name, "") or "")
            return value if CODE.match(value) else ""

        year = str(params.get("year", "") or "")
        respondent = str(params.get("respondent", "") or "").strip().upper()
        return cls(
            q=normalize_query(str(params.get("q", "") or "")),
            channel=code("channel"),
            category=code("category"),
            district=code("district"),
            kind=code("kind") if params.get("kind") in Kind.values else "",
            outcome=code("outcome") if params.get("outcome") in Outcome.values else "",
            year=int(year) if year.isdigit() and 1990 <= int(year) <= 2100 else None,
            respondent=respondent if USCC.match(respondent) else "",
            narrative=str(params.get("narrative", "")) in ("1", "yes", "true", "on"),
        )

    def as_params(self) -> dict:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["narrative"] = "1" if self.narrative else ""
        return {key: value for key, value in values.items() if value not in ("", None, False)}

    def without(self, name: str) -> "Filters":
        return replace(self, **{name: None if name == "year" else ""})

    @property
    def active(self) -> bool:
        return bool(self.as_params())


def matching_ids(query: str) -> list[int]:
    """Ids of the records best matching a full-text query (at most conf.search_limit())."""
    results = search_content(
        query,
        filters=ContentFilters(type=indexing.TYPE),
        page=1,
        page_size=conf.search_limit(),
    )
    prefix = indexing.SOURCE.name + ":"
    return [int(hit.key[len(prefix) :]) for hit in results.hits if hit.key.startswith(prefix)]


def _apply(queryset, filters: Filters, ids: list[int] | None, skip: str = ""):
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    if filters.channel and skip != "channel":
        queryset = queryset.filter(channel__code=filters.channel)
    if filters.category and skip != "category":
        queryset = queryset.filter(category__code=filters.category)
    if filters.district and skip != "district":
        queryset = queryset.filter(district__code=filters.district)
    if filters.kind and skip != "kind":
        queryset = queryset.filter(kind=filters.kind)
    if filters.outcome and skip != "outcome":
        queryset = queryset.filter(outcome=filters.outcome)
    if filters.year and skip != "year":
        queryset = queryset.filter(received_on__year=filters.year)
    if filters.respondent:
        queryset = queryset.filter(respondent_credit_code=filters.respondent)
    if filters.narrative:
        queryset = queryset.exclude(narrative="")
    return queryset


class Selection:
    """The public records a filter set selects; the full-text search runs at most once."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.ids = matching_ids(filters.q) if filters.q else None
        params = json.dumps(filters.as_params(), sort_keys=True, ensure_ascii=False)
        self._digest = hashlib.sha256(params.encode()).hexdigest()[:32]

    def count(self) -> int:
        return _cached(f"count:{self._digest}", lambda: self.records().count())

    def records(self, skip: str = ""):
        return _apply(PublicRecord.objects.public(), self.filters, self.ids, skip)

    def listing(self):
        return self.records().select_related("channel", "category", "district")

    def facets(self) -> list[dict]:
        """Each facet counted over the selection without its own filter (so the reader sees
        what choosing another value would give): one GROUP BY per facet, cached."""
        language = get_language() or ""
        return _cached(f"facets:{language}:{self._digest}", self._facets)

    def _facets(self) -> list[dict]:
        facets = []
        labels = _reference_labels()
        for name in FACETS:
            chosen = getattr(self.filters, name)
            rows = self._counts(name)
            values = []
            for value, count in rows:
                if value in (None, ""):
                    continue
                key, label = labels.get(name, {}).get(value, (str(value), str(value)))
                values.append(
                    {
                        "value": key,
                        "label": label,
                        "count": count,
                        "selected": key == str(chosen or ""),
                    }
                )
            if name == "year":
                values.sort(key=lambda item: item["value"], reverse=True)
            else:
                values.sort(key=lambda item: (-item["count"], item["label"]))
            facets.append({"name": name, "title": FACET_TITLES[name], "values": values})
        return facets

    def _counts(self, name: str):
        records = self.records(skip=name).order_by()
        if name == "year":
            # Grouped by the indexed month column, summed per year here (a few dozen rows):
            # twice as fast as grouping by a year computed from every row.
            months = records.values(key=F("received_month")).annotate(n=Count("id"))
            years: dict[int, int] = {}
            for month, count in months.values_list("key", "n"):
                years[month.year] = years.get(month.year, 0) + count
            return list(years.items())
        if name in ("channel", "category", "district"):
            grouped = records.values(key=F(f"{name}_id"))
        else:
            grouped = records.values(key=F(name))
        return grouped.annotate(n=Count("id")).values_list("key", "n")

    def monthly(self) -> list[tuple]:
        return _cached(f"monthly:{self._digest}", self._monthly)

    def _monthly(self) -> list[tuple]:
        rows = (
            self.records()
            .order_by()
            .values("received_month")
            .annotate(n=Count("id"))
            .values_list("received_month", "n")
        )
        return sorted(rows)


def _reference_labels() -> dict:
    """Facet value → (code in the URL, label); the reference tables by id (three tiny
    queries: tens of rows each)."""
    labels: dict = {
        "kind": {value: (value, str(label)) for value, label in Kind.choices},
        "outcome": {value: (value, str(label)) for value, label in Outcome.choices},
    }
    for name, model in (("channel", Channel), ("category", Category), ("district", District)):
        labels[name] = {obj.pk: (obj.code, _label(name, obj)) for obj in model.objects.all()}
    return labels


def _label(name, obj) -> str:
    return f"{obj.code} {localized(obj)}" if name == "channel" else localized(obj)
