"""CSV export for the national credit platform (columns documented in docs/credit-export.md).

Column names are fixed Chinese headers whatever the page language: the receiving platform maps
them by name. UTF-8 with a byte-order mark (Excel opens it correctly), dates YYYY-MM-DD, fines
in 万元 with six decimals, one row per record, streamed in chunks (memory does not grow with
the number of rows).
"""

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.utils import translation

from complaints.dashboard.views.exports import safe_cell

from .models import CreditRecord, RecordKind, RecordStatus

BOM = "\ufeff"
SUBJECT_CATEGORY = "法人及非法人组织"
CHUNK = 2000

# (header, value) — the order is the contract with the platform; append new columns at the end.
COLUMNS: list[tuple[str, Callable[[CreditRecord], str]]] = [
    ("行政相对人名称", lambda r: r.enterprise_name),
    ("行政相对人类别", lambda r: SUBJECT_CATEGORY),
    ("统一社会信用代码", lambda r: r.uscc),
    ("决定书文号", lambda r: r.decision_number),
    ("记录类型", lambda r: _zh_label(RecordKind, r.kind)),
    ("违法事实", lambda r: r.facts),
    ("处罚依据", lambda r: r.legal_basis),
    ("处罚内容", lambda r: r.penalty),
    ("罚款金额（万元）", lambda r: _wan(r.fine_amount)),
    ("决定日期", lambda r: r.decision_date.isoformat()),
    ("公示起始日", lambda r: r.published_on.isoformat()),
    ("公示截止日", lambda r: r.publication_ends_on.isoformat()),
    ("决定机关", lambda r: r.bureau.name),
    ("公示期限依据", lambda r: r.rule.legal_basis),
    ("记录编号", lambda r: str(r.pk)),
]
# Only in the staff archive export (--all): records that left public view say why.
ARCHIVE_COLUMNS: list[tuple[str, Callable[[CreditRecord], str]]] = [
    ("记录状态", lambda r: _zh_label(RecordStatus, r.status())),
    ("信用修复日期", lambda r: r.repaired_on.isoformat() if r.repaired_on else ""),
]


@functools.lru_cache(maxsize=64)
def _zh_label(choices, value) -> str:
    """The Chinese label whatever language is active (the platform expects Chinese)."""
    with translation.override("zh-hans"):
        return str(choices(value).label)


def _wan(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount / Decimal(10000):.6f}"


def columns(archive: bool = False):
    return COLUMNS + (ARCHIVE_COLUMNS if archive else [])


def header(archive: bool = False) -> list[str]:
    return [name for name, _value in columns(archive)]


def rows(records: Iterable[CreditRecord], archive: bool = False) -> Iterator[list[str]]:
    cols = columns(archive)
    for record in records:
        yield [safe_cell(value(record)) for _name, value in cols]


EXPORT_FIELDS = (
    "enterprise_name",
    "uscc",
    "kind",
    "facts",
    "legal_basis",
    "penalty",
    "fine_amount",
    "decision_number",
    "decision_date",
    "published_on",
    "publication_ends_on",
    "repaired_on",
    "bureau__name",
    "rule__legal_basis",
)


def queryset_for_export(qs):
    # Only the columns exported: building the related objects is most of an export's time.
    return (
        qs.select_related("bureau", "rule").only(*EXPORT_FIELDS).order_by("-decision_date", "-id")
    )


class _Echo:
    def write(self, value):
        return value


def stream_csv(qs, archive: bool = False, progress=None) -> Iterator[str]:
    """CSV text pieces: BOM + header, then one line per record, reading CHUNK rows at a time."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header(archive))
    done = 0
    for row in rows(queryset_for_export(qs).iterator(chunk_size=CHUNK), archive):
        yield writer.writerow(row)
        done += 1
        if progress and done % CHUNK == 0:
            progress(done)
    if progress and (done == 0 or done % CHUNK):
        progress(done)
