"""Synthetic complaints spread over two years, created in bulk (a million in minutes).

Demo data, not security: the standard PRNG is seeded for reproducible sets.
"""
# ruff: noqa: S311

import datetime
import random
import time
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from complaints.models import (
    Bureau,
    CaseEvent,
    Category,
    ClockStep,
    Complaint,
    District,
    Kind,
    Outcome,
    Source,
    Status,
)
from complaints.services import access, clock, routing

BATCH = 5000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"]
COMPANIES = ["汉正街", "光谷", "楚天", "江城", "黄鹤", "长江", "东湖", "晴川", "武商", "汉口"]
SUFFIXES = ["贸易有限公司", "科技有限公司", "电子商行", "服饰店", "文化传媒有限公司", "食品厂"]
PLATFORMS = ["淘宝", "京东", "拼多多", "抖音", "快手"]
FACT_TEMPLATES = {
    "patent": "被投诉人未经许可，制造并销售落入我方专利（{no}）保护范围的{thing}，请求停止侵权。",
    "trademark": "被投诉人在{thing}上使用与我方注册商标（{no}）近似的标志，容易导致消费者混淆。",
    "copyright": "被投诉人未经许可在其网站传播我方享有著作权的{thing}，已造成严重经济损失。",
    "other": "被投诉人涉嫌{thing}相关的知识产权违法行为，请依法查处。",
}
THINGS = [
    "保温杯",
    "电动牙刷",
    "运动鞋",
    "手机壳",
    "儿童玩具",
    "LED灯具",
    "网络小说",
    "教学视频",
    "工业软件",
    "热干面调料",
    "蔡甸莲藕",
    "武昌鱼制品",
]
IP_TYPE = {"12330": "patent", "12315": "trademark", "12390": "copyright"}


def _status_for(age_days: int, rng: random.Random) -> str:
    if age_days < 10:
        return rng.choice([Status.SUBMITTED, Status.SUBMITTED, Status.ACCEPTED])
    if age_days < 60:
        return rng.choice(
            [
                Status.ACCEPTED,
                Status.IN_PROGRESS,
                Status.AWAITING_COMPLAINANT,
                Status.RESOLVED,
                Status.CLOSED,
            ]
        )
    return rng.choices(
        [Status.CLOSED, Status.RESOLVED, Status.NOT_ACCEPTED, Status.WITHDRAWN],
        weights=[80, 8, 8, 4],
    )[0]


def seed_complaints(count: int, seed: int, stdout=None) -> int:
    """Top the synthetic set up to `count` cases (idempotent: existing demo cases count)."""
    existing = Complaint.objects.filter(idempotency_key__startswith="demo-").count()
    missing = max(count - existing, 0)
    if not missing:
        if stdout:
            stdout.write(f"  {existing} demo complaints already present")
        return 0
    rng = random.Random(seed + existing)
    categories = list(
        Category.objects.filter(is_active=True).select_related(
            "channel", "clock_profile", "report_clock_profile"
        )
    )
    districts = list(District.objects.all())
    route_cache: dict = {}

    @lru_cache(maxsize=4096)
    def due(start: datetime.date, limit: int, unit: str) -> datetime.date:
        return clock.compute_due(start, limit, unit)

    today = timezone.localdate()
    started, created = time.perf_counter(), 0
    code_hash = access.hash_access_code("DEMO")  # synthetic cases: nobody needs their codes
    used_numbers = set()
    while created < missing:
        size = min(BATCH, missing - created)
        cases = [
            _make_case(
                existing + created + i,
                rng,
                categories,
                districts,
                route_cache,
                today,
                due,
                code_hash,
                used_numbers,
            )
            for i in range(size)
        ]
        with transaction.atomic():
            Complaint.objects.bulk_create(cases, batch_size=1000)
            CaseEvent.objects.bulk_create(
                [event for case in cases for event in _history(case)], batch_size=1000
            )
        created += size
        if stdout:
            rate = created / max(time.perf_counter() - started, 1e-6)
            stdout.write(f"  {created}/{missing} complaints ({rate:,.0f}/s)")
    return created


def _make_case(n, rng, categories, districts, route_cache, today, due, code_hash, used_numbers):
    category = rng.choice(categories)
    kind = rng.choice(category.allowed_kinds)
    district = rng.choice(districts)
    is_online = category.code in ("ecommerce-infringement", "online-piracy") or rng.random() < 0.08
    key = (category.pk, district.pk, is_online)
    if key not in route_cache:
        route_cache[key] = routing.route(category, district, is_online=is_online).bureau
    bureau: Bureau = route_cache[key]
    age = int(rng.random() ** 1.3 * 730)
    submitted = timezone.now() - datetime.timedelta(days=age, minutes=rng.randint(0, 1440))
    status = _status_for(age, rng)
    anonymous = kind == Kind.REPORT and rng.random() < 0.3
    number = access.new_tracking_number(timezone.localtime(submitted).year)
    while number in used_numbers:
        number = access.new_tracking_number(timezone.localtime(submitted).year)
    used_numbers.add(number)
    ip_type = IP_TYPE[category.channel.code]
    company = rng.choice(COMPANIES) + rng.choice(SUFFIXES)
    case = Complaint(
        tracking_number=number,
        access_code_hash=code_hash,
        idempotency_key=f"demo-{n}",
        source=Source.OPEN311 if rng.random() < 0.1 else Source.WEB,
        kind=kind,
        channel=category.channel,
        category=category,
        bureau=bureau,
        district=district,
        is_online=is_online,
        is_anonymous=anonymous,
        complainant_name="" if anonymous else rng.choice(SURNAMES) + rng.choice(GIVEN),
        complainant_phone=""
        if anonymous
        else f"1{rng.choice('3578')}{rng.randint(0, 10**9 - 1):09d}",
        respondent_name=company,
        respondent_credit_code=f"91420100{rng.randint(0, 10**9):09d}X",
        respondent_platform=rng.choice(PLATFORMS) if is_online else "",
        respondent_shop_name=f"{company}旗舰店" if is_online else "",
        ip_right_type=ip_type,
        ip_right_number=f"ZL2023{rng.randint(10**7, 10**8 - 1)}.X",
        facts=FACT_TEMPLATES[ip_type].format(no="ZL2023…", thing=rng.choice(THINGS)),
        request="请求依法处理。",
        status=status,
        submitted_at=submitted,
    )
    _fill_clock(case, status, submitted, today, due, rng)
    return case


def _fill_clock(case, status, submitted, today, due, rng):
    profile = case.category.clock_profile_for(case.kind)
    received = timezone.localdate(submitted)
    if status == Status.SUBMITTED:
        case.step, case.step_started_on = ClockStep.ACCEPTANCE, received
        case.due_on = due(received, profile.acceptance_limit, profile.acceptance_unit)
        case.is_overdue = case.due_on < today
        return
    accepted = received + datetime.timedelta(days=rng.randint(1, 6))
    case.accepted_at = submitted + (accepted - received)
    handling_due = due(accepted, profile.handling_limit, profile.handling_unit)
    if status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.AWAITING_COMPLAINANT):
        case.step, case.step_started_on, case.due_on = ClockStep.HANDLING, accepted, handling_due
        case.is_overdue = handling_due < today
        if status == Status.AWAITING_COMPLAINANT:
            case.paused_since = timezone.now() - datetime.timedelta(days=rng.randint(1, 5))
        return
    case.step, case.due_on = ClockStep.NONE, handling_due
    if status == Status.NOT_ACCEPTED:
        case.accepted_at, case.refusal_reason = None, "out_of_remit"
    span = max((handling_due - accepted).days, 1)
    # About 2% of cases close late: the city's target is 98% on time.
    late = rng.random() < 0.02
    closed_on = (
        handling_due + datetime.timedelta(days=rng.randint(1, 20))
        if late
        else (accepted + datetime.timedelta(days=rng.randint(1, span)))
    )
    if case.accepted_at:
        case.closed_at = case.accepted_at + (closed_on - accepted)
    else:
        case.closed_at = submitted + datetime.timedelta(days=3)
    case.closed_at = min(case.closed_at, timezone.now())
    case.is_overdue = late
    if status in (Status.RESOLVED, Status.CLOSED):
        case.outcome = rng.choice(Outcome.values)
        if rng.random() < 0.4:
            case.satisfaction = rng.choices([5, 4, 3, 2, 1], weights=[55, 25, 10, 6, 4])[0]
            case.rated_at = case.closed_at


FINAL_EVENTS = {
    Status.NOT_ACCEPTED: ("not_accepted", "不予受理：不属于本部门职责范围"),
    Status.WITHDRAWN: ("withdrawn", "投诉人撤回：双方已自行和解"),
    Status.RESOLVED: ("resolved", "办理结果：{outcome}"),
    Status.CLOSED: ("closed", "办理结果：{outcome}。本案已结案。"),
}


def _history(case: Complaint) -> list[CaseEvent]:
    """The timeline a case in this state would have: filed, accepted, decided."""
    events = [
        CaseEvent(
            complaint=case,
            created_at=case.submitted_at,
            actor_label="公众",
            action="submitted",
            to_status=Status.SUBMITTED,
            to_bureau=case.bureau,
            public_note=f"已收到，由{case.bureau.name}办理。",
        )
    ]
    if case.accepted_at:
        events.append(
            CaseEvent(
                complaint=case,
                created_at=case.accepted_at,
                actor_label=case.bureau.name,
                action="accepted",
                from_status=Status.SUBMITTED,
                to_status=Status.ACCEPTED,
                public_note="您的投诉举报已受理。",
            )
        )
    if case.status in FINAL_EVENTS and case.closed_at:
        action, note = FINAL_EVENTS[case.status]
        outcome = Outcome(case.outcome).label if case.outcome else ""
        events.append(
            CaseEvent(
                complaint=case,
                created_at=case.closed_at,
                actor_label=case.bureau.name,
                action=action,
                from_status=Status.ACCEPTED if case.accepted_at else Status.SUBMITTED,
                to_status=case.status,
                public_note=note.format(outcome=outcome),
            )
        )
    return events
