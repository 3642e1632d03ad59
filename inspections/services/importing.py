"""Import inspection targets from CSV: every row is checked first; any error imports nothing.

Columns (header row required; Chinese or English names):
  企业名称 / name, 统一社会信用代码 / uscc, 所在区 / district (name or code, optional),
  地址 / address (optional), 风险等级 / risk_level (低/中/高 or low/medium/high, default low).
A row whose code is already in the pool updates that target (name, district, address, risk).
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import District
from complaints.services.validators import is_valid_uscc, normalize
from inspections.models import InspectionTarget, RiskLevel

BATCH = 1000
MAX_REPORTED_ERRORS = 200
COLUMNS = {
    "name": ("企业名称", "name"),
    "uscc": ("统一社会信用代码", "uscc", "credit_code"),
    "district": ("所在区", "district"),
    "address": ("地址", "address"),
    "risk_level": ("风险等级", "risk_level", "risk"),
}
RISK_WORDS = {
    "低": RiskLevel.LOW,
    "低风险": RiskLevel.LOW,
    "中": RiskLevel.MEDIUM,
    "中风险": RiskLevel.MEDIUM,
    "高": RiskLevel.HIGH,
    "高风险": RiskLevel.HIGH,
    **{level.value: level for level in RiskLevel},
}


@dataclass
class RowError:
    line: int  # line number in the file (the header is line 1)
    message: str

    def __str__(self):
        return _("第 %(line)s 行：%(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(line, message))


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Excel saves it on Chinese Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, title in enumerate(header):
        title = title.strip().lower()
        for column, names in COLUMNS.items():
            if title in names:
                found[column] = index
    return found


def _district_lookup() -> dict[str, int]:
    lookup = {}
    for pk, code, name, name_en in District.objects.values_list("pk", "code", "name", "name_en"):
        for word in (code, name, name_en):
            if word:
                lookup[word.strip().lower()] = pk
    return lookup


def parse(text: str, report: ImportReport) -> list[dict]:
    """Check every row; returns the clean rows (meaningful only when report.ok)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = _header_map(header or [])
    missing = [COLUMNS[c][0] for c in ("name", "uscc") if c not in columns]
    if missing:
        report.add_error(1, _("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)})
        return []
    districts = _district_lookup()
    seen: dict[str, int] = {}
    clean = []

    def cell(row, column):
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    for line, row in enumerate(reader, start=2):
        if not any(value.strip() for value in row):
            continue
        report.rows += 1
        name, uscc = cell(row, "name"), normalize(cell(row, "uscc"))
        district_text, risk_text = cell(row, "district"), cell(row, "risk_level")
        problems = []
        if not name:
            problems.append(_("企业名称为空"))
        elif len(name) > 200:
            problems.append(_("企业名称超过200字"))
        if not is_valid_uscc(uscc):
            problems.append(
                _("统一社会信用代码“%(code)s”不正确（18位，末位为校验码）")
                % {"code": cell(row, "uscc")[:30]}
            )
        elif uscc in seen:
            problems.append(_("统一社会信用代码与第 %(line)s 行重复") % {"line": seen[uscc]})
        district_id = None
        if district_text:
            district_id = districts.get(district_text.lower())
            if district_id is None:
                problems.append(_("所在区“%(name)s”不存在") % {"name": district_text[:30]})
        risk = RISK_WORDS.get(risk_text.lower() or "low")
        if risk is None:
            problems.append(
                _("风险等级“%(value)s”应为 低、中、高 之一") % {"value": risk_text[:20]}
            )
        if problems:
            report.add_error(line, "；".join(problems))
            continue
        seen[uscc] = line
        clean.append(
            {
                "name": name,
                "uscc": uscc,
                "district_id": district_id,
                "address": cell(row, "address")[:200],
                "risk_level": risk,
            }
        )
    if report.rows == 0 and report.ok:
        report.add_error(2, _("文件中没有数据行"))
    return clean


def import_targets(data: bytes, progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Check the whole file, then (only if every row is valid) create or update the targets."""
    report = ImportReport()
    try:
        text = decode(data)
    except UnicodeDecodeError:
        report.add_error(1, _("无法识别文件编码，请保存为 UTF-8 或 GB18030 编码的 CSV"))
        return report
    rows = parse(text, report)
    if not report.ok:
        return report
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            existing = InspectionTarget.objects.in_bulk(
                [row["uscc"] for row in batch], field_name="uscc"
            )
            new, changed, unchanged = [], [], 0
            for row in batch:
                target = existing.get(row["uscc"])
                if target is None:
                    new.append(InspectionTarget(**row))
                    continue
                row = {**row, "is_active": True}
                if all(getattr(target, name) == value for name, value in row.items()):
                    unchanged += 1  # re-importing the same list writes nothing
                    continue
                for name, value in row.items():
                    setattr(target, name, value)
                target.updated_at = timezone.now()
                changed.append(target)
            InspectionTarget.objects.bulk_create(new)
            InspectionTarget.objects.bulk_update(
                changed, ["name", "district_id", "address", "risk_level", "is_active", "updated_at"]
            )
            report.created += len(new)
            report.updated += len(changed)
            report.unchanged += unchanged
            if progress:
                progress(start + len(batch), len(rows))
    return report
