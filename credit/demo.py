"""Demo credit data: example publication rules, a few records (current, ended, repaired), the
editors' permission to read top-ten proposals, and one proposal. Idempotent; demo only."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from cms.demo.editorial import EDITORS, REVIEWERS
from complaints.models import Bureau, Complaint, Status, TopTenProposal
from complaints.services.workdays import add_months

from . import services
from .models import CreditRecord, PublicationRule, RecordKind

# Example values (is_example=True): an administrator checks them against the rules in force.
RULES = [
    (
        "minor-penalty",
        "仅通报批评或较低数额罚款的行政处罚",
        3,
        "《市场监督管理行政处罚信息公示规定》第十四条（示例：公示满3个月停止公示）",
    ),
    (
        "penalty",
        "其他行政处罚",
        36,
        "《市场监督管理行政处罚信息公示规定》第十四条（示例：公示满3年停止公示）",
    ),
    (
        "serious",
        "故意侵权、重复侵权及严重违法失信名单",
        36,
        "《市场监督管理严重违法失信名单管理办法》（示例：公示3年）；"
        "武政〔2017〕30号“依法将故意侵权行为纳入社会信用评价体系”",
    ),
]

# enterprise, USCC, kind, rule, bureau, months ago decided, penalty, fine (元), state
RECORDS = [
    (
        "武汉某某鞋业有限公司",
        "91420102MA4KXR8P13",
        RecordKind.PENALTY,
        "penalty",
        "jiangan-amr",
        4,
        "责令停止侵权，没收侵权商品，罚款人民币5万元",
        Decimal("50000"),
        "current",
    ),
    (
        "武汉某某电子科技有限公司",
        "91420106MA4L0G2Y39",
        RecordKind.WILFUL,
        "serious",
        "wh-ipo",
        10,
        "认定为故意侵犯专利权，责令停止侵权，罚款人民币20万元",
        Decimal("200000"),
        "current",
    ),
    (
        "武汉某某文化传媒有限公司",
        "91420111MA49C6HN72",
        RecordKind.REPEATED,
        "serious",
        "wh-copyright",
        14,
        "认定为重复侵犯著作权，责令停止侵权，罚款人民币8万元",
        Decimal("80000"),
        "repaired",
    ),
    (
        "武汉某某商贸有限公司",
        "91420100MA4K3PWD52",
        RecordKind.PENALTY,
        "minor-penalty",
        "wh-amr",
        8,
        "责令改正，罚款人民币3000元",
        Decimal("3000"),
        "ended",
    ),
]


@transaction.atomic
def seed(stdout=None) -> None:
    rules = {}
    for order, (code, name, months, basis) in enumerate(RULES):
        rules[code], _ = PublicationRule.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "period_months": months,
                "legal_basis": basis,
                "is_example": True,
                "sort_order": order,
            },
        )
    admin = get_user_model().objects.filter(username="admin").first()
    today = timezone.localdate()
    created = 0
    for number, row in enumerate(RECORDS, start=1):
        name, uscc, kind, rule, bureau_code, months_ago, penalty, fine, state = row
        bureau = Bureau.objects.filter(code=bureau_code).first()
        if bureau is None:
            continue
        decision_number = f"武示例罚〔{today.year}〕{number:03d}号"
        if CreditRecord.objects.filter(bureau=bureau, uscc=uscc).exists():
            continue
        decided = add_months(today, -months_ago)
        case = Complaint.objects.filter(bureau=bureau, status=Status.CLOSED).order_by("id").first()
        record = services.create_record(
            actor=admin,
            cases=[case] if case else [],
            enterprise_name=name,
            uscc=uscc,
            kind=kind,
            facts="（演示数据）当事人在其经营的商品上使用与他人注册商标、专利或作品相同的标识或内容。",
            legal_basis="《中华人民共和国商标法》第六十条；《中华人民共和国专利法》第六十八条（示例）",
            decision_number=decision_number,
            decision_date=decided,
            bureau=bureau,
            penalty=penalty,
            fine_amount=fine,
            rule=rules[rule],
            published_on=decided + datetime.timedelta(days=7),
        )
        if state == "repaired":
            services.record_repair(
                record,
                applied_on=today - datetime.timedelta(days=20),
                grounds="（演示数据）已停止侵权、缴清罚款，并提交信用承诺书。",
                approve=True,
                decision="（演示数据）符合信用修复条件，准予修复，停止公示。",
                decided_on=today - datetime.timedelta(days=5),
                actor=admin,
            )
        created += 1
    _grant_editors_view()
    _demo_proposal()
    if stdout:
        stdout.write(f"  credit: {len(RULES)} example rules, {created} new records")


def _grant_editors_view() -> None:
    """Editors and reviewers read top-ten proposals in the Wagtail admin."""
    view = Permission.objects.get(
        content_type__app_label="complaints", codename="view_toptenproposal"
    )
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS]):
        group.permissions.add(view)


def _demo_proposal() -> None:
    supervisor = get_user_model().objects.filter(username="jiangan_supervisor").first()
    case = (
        Complaint.objects.filter(bureau__code="jiangan-amr", status=Status.CLOSED)
        .order_by("-closed_at", "-id")
        .first()
    )
    if supervisor is None or case is None:
        return
    TopTenProposal.objects.get_or_create(
        case=case,
        year=timezone.localdate().year + 1,
        defaults={
            "reason": "（演示数据）网络销售假冒注册商标商品，跨平台取证，典型性强。",
            "proposed_by": supervisor,
        },
    )
