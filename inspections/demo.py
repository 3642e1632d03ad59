"""Demo data for 双随机一公开: items, ~50 targets, inspectors, one completed and one pending draw.

Idempotent; called by seed_demo after the reference data and staff exist. Demo only.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from complaints.models import Bureau, District, Role, StaffMembership
from complaints.services.validators import uscc_check_char
from inspections.models import (
    ConflictOfInterest,
    Draw,
    InspectionItem,
    InspectionTarget,
    Inspector,
    Outcome,
    RiskLevel,
)
from inspections.services import draws, results

BUREAU = "wh-ipo"
ITEMS = [
    (
        "patent-marking",
        "专利标识标注行为检查",
        "产品、包装及宣传材料上的专利标识是否标明专利类别和专利号，是否存在假冒专利行为。",
        "《中华人民共和国专利法》第六十八条；《专利标识标注办法》第五条至第八条",
    ),
    (
        "patent-agency",
        "专利代理机构执业行为检查",
        "专利代理机构是否按规定办理执业许可、备案，是否存在无资质代理或不正当手段招揽业务。",
        "《专利代理条例》第二十五条、第二十七条",
    ),
    (
        "trademark-use",
        "注册商标使用行为检查",
        "是否存在自行改变注册商标、冒充注册商标或将未注册商标冒充注册商标使用的行为。",
        "《中华人民共和国商标法》第四十九条、第五十二条",
    ),
]
# Demo inspectors: staff of the IP office without a password (they cannot sign in).
INSPECTORS = [
    ("ipo_handler", None, "WHIPO-001"),
    ("ipo_supervisor", None, "WHIPO-002"),
    ("ipo_inspector3", "钱伟", "WHIPO-003"),
    ("ipo_inspector4", "吴芳", "WHIPO-004"),
    ("ipo_inspector5", "郑浩", "WHIPO-005"),
    ("ipo_inspector6", "冯雪", "WHIPO-006"),
]
PREFIXES = ["楚天", "江城", "光谷", "汉江", "东湖", "长江", "黄鹤", "晴川", "南湖", "汉正"]
TRADES = ["科技", "生物", "光电", "电子", "贸易", "服饰", "食品", "医疗器械", "软件", "新材料"]
USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"
COMPLETED_TITLE = "2026年第三季度专利标识标注抽查（示例）"
PENDING_TITLE = "2026年第四季度知识产权执法抽查（示例）"


def demo_uscc(rng: random.Random) -> str:
    body = "91420100" + "".join(rng.choice(USCC_BODY) for _ in range(9))
    return body + uscc_check_char(body)


@transaction.atomic
def seed(stdout=None) -> None:
    bureau = Bureau.objects.filter(code=BUREAU).first()
    if bureau is None:
        return
    items = [
        InspectionItem.objects.update_or_create(
            code=code,
            defaults={"bureau": bureau, "name": name, "content": content, "legal_basis": basis},
        )[0]
        for code, name, content, basis in ITEMS
    ]
    rng = random.Random(2017)  # noqa: S311 - reproducible demo data, not security
    districts = list(District.objects.all())
    risks = [RiskLevel.LOW] * 6 + [RiskLevel.MEDIUM] * 3 + [RiskLevel.HIGH]
    for n in range(50):
        uscc = demo_uscc(rng)
        name = f"武汉{PREFIXES[n % 10]}{TRADES[(n * 7) // 10 % 10]}有限公司"
        if n >= 10:
            name = name.replace(
                "有限公司", f"{['第二', '第三', '第四', '第五'][n // 10 - 1]}分公司"
            )
        InspectionTarget.objects.get_or_create(
            uscc=uscc,
            defaults={
                "name": name,
                "district": rng.choice(districts) if districts else None,
                "risk_level": rng.choice(risks),
            },
        )
    users = get_user_model()
    inspectors = []
    for username, full_name, code in INSPECTORS:
        user = users.objects.filter(username=username).first()
        if user is None:
            user = users.objects.create(username=username, first_name=full_name or username)
            user.set_unusable_password()
            user.save()
        membership, _ = StaffMembership.objects.get_or_create(
            user=user, bureau=bureau, defaults={"role": Role.HANDLER}
        )
        inspectors.append(
            Inspector.objects.get_or_create(membership=membership, defaults={"code": code})[0]
        )
    first_target = InspectionTarget.objects.order_by("uscc").first()
    ConflictOfInterest.objects.get_or_create(
        inspector=inspectors[2],
        target=first_target,
        defaults={"reason": "近亲属在该企业任职（示例）"},
    )
    admin = users.objects.filter(username="ipo_supervisor").first()
    if not Draw.objects.filter(title=COMPLETED_TITLE).exists():
        draw = Draw.objects.create(
            bureau=bureau, title=COMPLETED_TITLE, target_count=5, created_by=admin
        )
        draw.items.set(items[:1])
        draw = draws.run(draws.commit(draw, admin), admin)
        outcomes = [
            (Outcome.NO_PROBLEM, False, ""),
            (Outcome.RECTIFY, False, "部分产品专利标识未标明专利类别，已责令改正。"),
            (Outcome.NO_PROBLEM, False, ""),
            (Outcome.CASE_OPENED, True, "发现在产品上标注已失效专利号，涉嫌假冒专利，已立案调查。"),
            (Outcome.NO_ACTIVITY, False, ""),
        ]
        for inspection, (outcome, violation, note) in zip(
            draw.inspections.order_by("order"), outcomes, strict=True
        ):
            results.record_result(
                inspection,
                {
                    "inspected_on": datetime.date(2026, 9, 10 + inspection.order),
                    "checked_items": items[:1],
                    "outcome": outcome,
                    "violation_found": violation,
                    "public_note": note,
                    "internal_note": "示例内部备注：现场检查记录见执法档案。",
                },
                admin,
            )
    if not Draw.objects.filter(title=PENDING_TITLE).exists():
        draw = Draw.objects.create(
            bureau=bureau,
            title=PENDING_TITLE,
            target_count=8,
            risk_levels=[RiskLevel.MEDIUM, RiskLevel.HIGH],
            created_by=admin,
        )
        draw.items.set(items)
        draws.commit(draw, admin)
    if stdout:
        stdout.write(
            f"  inspections: {len(items)} items, {InspectionTarget.objects.count()} targets, "
            f"{len(inspectors)} inspectors, {Draw.objects.count()} draws"
        )
