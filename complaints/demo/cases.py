"""Synthetic complaints spread over two years, created in bulk (a million in minutes).

Rows are built as plain column dicts (no model instances). On PostgreSQL they are streamed
with COPY, with ids reserved from the sequences so the events can point at their cases and the
finished clock steps at both; on other databases they go through bulk_create. Demo data, not
security: the standard PRNG is seeded for reproducible sets, and every synthetic case shares the
access code DEMO_ACCESS_CODE.
"""
# ruff: noqa: S311

import datetime
import json
import random
import time
from functools import lru_cache

from django.db import connection, models, transaction
from django.utils import timezone

from complaints.models import (
    CaseEvent,
    Category,
    ClockRecord,
    ClockStep,
    Complaint,
    District,
    Kind,
    Outcome,
    RefusalReason,
    Source,
    Status,
)
from complaints.services import access, clock, event_texts, routing
from complaints.services.lifecycle import MEDIATION_AGREED, MEDIATION_NOTES, WITHDRAWN_NOTE

BATCH = 10_000
# Synthetic cases only: real cases get a random code each (services.intake).
DEMO_ACCESS_CODE = "DEMO"
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
OUTCOMES = [str(value) for value in Outcome.values]
OUTCOME_LABELS = {str(value): str(Outcome(value).label) for value in Outcome.values}
OPEN_WITH_HANDLING = (Status.ACCEPTED, Status.IN_PROGRESS, Status.AWAITING_COMPLAINANT)


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


class _Writer:
    """Where the rows go: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self):
        self.copy = connection.vendor == "postgresql"
        self.case_fields = list(Complaint._meta.concrete_fields)
        self.event_fields = list(CaseEvent._meta.concrete_fields)
        self.record_fields = [f for f in ClockRecord._meta.concrete_fields if not f.primary_key]
        # What Django would write for a field the row leaves out (computed once, not per row).
        self.case_defaults = {
            f.attname: f.get_default() for f in self.case_fields if not f.primary_key
        }
        self.event_defaults = {
            f.attname: f.get_default() for f in self.event_fields if not f.primary_key
        }
        self.record_defaults = {f.attname: f.get_default() for f in self.record_fields}

    def reserve_ids(self, model, count: int) -> list[int] | None:
        if not self.copy:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def write(self, cases: list[dict], events: list[dict], records: list[dict]) -> None:
        """Cases, then their events, then the finished steps pointing at both."""
        now = timezone.now()
        for case in cases:
            case["updated_at"] = now
        if self.copy:
            for event, pk in zip(events, self.reserve_ids(CaseEvent, len(events)), strict=True):
                event["id"] = pk
            self._copy(Complaint, self.case_fields, self.case_defaults, cases)
            self._copy(CaseEvent, self.event_fields, self.event_defaults, events)
            self._copy(ClockRecord, self.record_fields, self.record_defaults, _linked(records))
            return
        created = Complaint.objects.bulk_create([Complaint(**case) for case in cases])
        for case, obj in zip(cases, created, strict=True):
            case["id"] = obj.pk
        for event in events:
            event["complaint_id"] = event.pop("case")["id"]
        created = CaseEvent.objects.bulk_create(
            [CaseEvent(**event) for event in events], batch_size=1000
        )
        for event, obj in zip(events, created, strict=True):
            event["id"] = obj.pk
        ClockRecord.objects.bulk_create(
            [ClockRecord(**record) for record in _linked(records)], batch_size=1000
        )

    @staticmethod
    def _copy(model, fields, defaults, rows) -> None:
        columns = [f.column for f in fields]
        names = [f.attname for f in fields]
        table = connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
        ):
            for row in rows:
                values = [row[name] if name in row else defaults[name] for name in names]
                copy.write_row([_copy_value(f, v) for f, v in zip(fields, values, strict=True)])


def _copy_value(field, value):
    """COPY takes JSON as its text (psycopg adapts no dict by itself)."""
    return json.dumps(value) if isinstance(field, models.JSONField) else value


def _linked(records: list[dict]) -> list[dict]:
    """Finished-step rows with the ids their case and event got when written."""
    for record in records:
        record["complaint_id"] = record.pop("_case")["id"]
        record["event_id"] = record.pop("_event")["id"]
    return records


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

    writer = _Writer()
    context = {
        "rng": rng,
        "categories": categories,
        "districts": districts,
        "route_cache": route_cache,
        "today": timezone.localdate(),
        "now": timezone.now(),
        "due": due,
        "code_hash": access.hash_access_code(DEMO_ACCESS_CODE),
        # Numbers already in the table, so a top-up never collides with an earlier run.
        "used_numbers": set(Complaint.objects.values_list("tracking_number", flat=True)),
    }
    started, created = time.perf_counter(), 0
    every = max(BATCH, (missing // 20) // BATCH * BATCH)
    while created < missing:
        size = min(BATCH, missing - created)
        ids = writer.reserve_ids(Complaint, size)
        cases = [_make_case(existing + created + i, context) for i in range(size)]
        if ids is not None:
            for case, pk in zip(cases, ids, strict=True):
                case["id"] = pk
        events = [event for case in cases for event in _history(case)]
        records = [record for case in cases for record in case.pop("_records")]
        with transaction.atomic():
            writer.write(cases, events, records)
        created += size
        if stdout and (created % every == 0 or created == missing):
            elapsed = time.perf_counter() - started
            rate = created / max(elapsed, 1e-6)
            eta = (missing - created) / max(rate, 1e-6)
            stdout.write(
                f"  {created:,}/{missing:,} complaints, {len(events):,} events in the last batch "
                f"({rate:,.0f}/s, {elapsed:,.0f}s elapsed, about {eta:,.0f}s left)"
            )
    if connection.vendor == "postgresql":
        # Fresh planner statistics: the queue's plans depend on them.
        with connection.cursor() as cursor:
            tables = (Complaint, CaseEvent, ClockRecord)
            cursor.execute(f"ANALYZE {', '.join(model._meta.db_table for model in tables)}")
    return created


def _tracking_number(year: int, rng: random.Random, used: set) -> str:
    while True:
        number = (
            f"IP-{year}-{''.join(rng.choices(access.ALPHABET, k=access.TRACKING_RANDOM_LENGTH))}"
        )
        if number not in used:
            used.add(number)
            return number


def _make_case(n: int, ctx: dict) -> dict:
    rng = ctx["rng"]
    category = rng.choice(ctx["categories"])
    kind = rng.choice(category.allowed_kinds)
    district = rng.choice(ctx["districts"])
    is_online = category.code in ("ecommerce-infringement", "online-piracy") or rng.random() < 0.08
    key = (category.pk, district.pk, is_online)
    route_cache = ctx["route_cache"]
    if key not in route_cache:
        route_cache[key] = routing.route(category, district, is_online=is_online).bureau
    bureau = route_cache[key]
    age = int(rng.random() ** 1.3 * 730)
    submitted = ctx["now"] - datetime.timedelta(days=age, minutes=rng.randint(0, 1440))
    status = str(_status_for(age, rng))
    anonymous = kind == Kind.REPORT and rng.random() < 0.3
    number = _tracking_number(timezone.localtime(submitted).year, rng, ctx["used_numbers"])
    ip_type = IP_TYPE[category.channel.code]
    company = rng.choice(COMPANIES) + rng.choice(SUFFIXES)
    case = {
        "tracking_number": number,
        "access_code_hash": ctx["code_hash"],
        "idempotency_key": f"demo-{n}",
        "source": str(Source.OPEN311 if rng.random() < 0.1 else Source.WEB),
        "kind": str(kind),
        "channel_id": category.channel_id,
        "category_id": category.pk,
        "bureau_id": bureau.pk,
        "district_id": district.pk,
        "is_online": is_online,
        "is_anonymous": anonymous,
        "complainant_name": "" if anonymous else rng.choice(SURNAMES) + rng.choice(GIVEN),
        "complainant_phone": ""
        if anonymous
        else f"1{rng.choice('3578')}{rng.randint(0, 10**9 - 1):09d}",
        "respondent_name": company,
        "respondent_credit_code": f"91420100{rng.randint(0, 10**9):09d}X",
        "respondent_platform": rng.choice(PLATFORMS) if is_online else "",
        "respondent_shop_name": f"{company}旗舰店" if is_online else "",
        "ip_right_type": ip_type,
        "ip_right_number": f"ZL2023{rng.randint(10**7, 10**8 - 1)}.X",
        "facts": FACT_TEMPLATES[ip_type].format(no="ZL2023…", thing=rng.choice(THINGS)),
        "request": "请求依法处理。",
        "status": status,
        "submitted_at": submitted,
        # Not columns: what the events need.
        "_bureau_name": bureau.name,
        "_bureau_code": bureau.code,
    }
    _fill_clock(case, category.clock_profile_for(kind), ctx)
    return case


@lru_cache(maxsize=65536)
def _late(due_on: datetime.date, finished_on: datetime.date) -> int:
    return clock.late_working_days(due_on, finished_on)


def _finished_step(step, started_on, due_on, finished_on, ended_by: str) -> dict:
    """A finished clock step; `_history` links it to the event `ended_by` names."""
    return {
        "step": str(step),
        "started_on": started_on,
        "due_on": due_on,
        "finished_on": finished_on,
        "late_working_days": _late(due_on, finished_on),
        "ended_by": ended_by,
    }


def _fill_clock(case: dict, profile, ctx: dict) -> None:
    """The clock columns and finished steps (`_records`) of a case in its status, with the
    breach flags the lifecycle and sla_tick would have set."""
    rng, due, today, now = ctx["rng"], ctx["due"], ctx["today"], ctx["now"]
    status, submitted = case["status"], case["submitted_at"]
    received = timezone.localdate(submitted)
    acceptance_due = due(received, profile.acceptance_limit, profile.acceptance_unit)
    case["_records"] = []
    if status == Status.SUBMITTED:
        case["step"], case["step_started_on"] = str(ClockStep.ACCEPTANCE), received
        case["due_on"] = acceptance_due
        case["is_overdue"] = case["ever_breached"] = acceptance_due < today
        return
    if status == Status.NOT_ACCEPTED:
        refused_on = min(received + datetime.timedelta(days=3), today)
        case["step"], case["due_on"] = str(ClockStep.NONE), acceptance_due
        case["closed_at"] = min(submitted + (refused_on - received), now)
        case["refusal_reason"] = "out_of_remit"
        record = _finished_step(
            ClockStep.ACCEPTANCE, received, acceptance_due, refused_on, "not_accepted"
        )
        case["_records"].append(record)
        case["is_overdue"] = case["ever_breached"] = record["late_working_days"] > 0
        return
    # Accepted within a few days of filing (about 1% after the limit), but never later than
    # now: a case filed yesterday cannot show an acceptance dated next week.
    if rng.random() < 0.01:
        accepted = acceptance_due + datetime.timedelta(days=rng.randint(1, 5))
    else:
        accepted = received + datetime.timedelta(days=rng.randint(1, 6))
    accepted = min(accepted, today)
    case["accepted_at"] = min(submitted + (accepted - received), now)
    acceptance = _finished_step(
        ClockStep.ACCEPTANCE, received, acceptance_due, accepted, "accepted"
    )
    case["_records"].append(acceptance)
    handling_due = due(accepted, profile.handling_limit, profile.handling_unit)
    if status in OPEN_WITH_HANDLING:
        case["step"], case["step_started_on"] = str(ClockStep.HANDLING), accepted
        case["due_on"] = handling_due
        case["is_overdue"] = handling_due < today
        case["ever_breached"] = case["is_overdue"] or acceptance["late_working_days"] > 0
        if status == Status.AWAITING_COMPLAINANT:
            case["paused_since"] = now - datetime.timedelta(days=rng.randint(1, 5))
        return
    case["step"], case["due_on"] = str(ClockStep.NONE), handling_due
    span = max((handling_due - accepted).days, 1)
    # About 2% of cases close late: the city's target is 98% on time.
    late = rng.random() < 0.02
    closed_on = (
        handling_due + datetime.timedelta(days=rng.randint(1, 20))
        if late
        else (accepted + datetime.timedelta(days=rng.randint(1, span)))
    )
    case["closed_at"] = min(case["accepted_at"] + (closed_on - accepted), now)
    handling = _finished_step(
        ClockStep.HANDLING,
        accepted,
        handling_due,
        timezone.localdate(case["closed_at"]),
        FINAL_EVENTS[status][0],
    )
    case["_records"].append(handling)
    case["is_overdue"] = handling["late_working_days"] > 0
    case["ever_breached"] = case["is_overdue"] or acceptance["late_working_days"] > 0
    if status in (Status.RESOLVED, Status.CLOSED):
        case["outcome"] = rng.choice(OUTCOMES)
        if rng.random() < 0.4:
            case["satisfaction"] = rng.choices([5, 4, 3, 2, 1], weights=[55, 25, 10, 6, 4])[0]
            case["rated_at"] = case["closed_at"]


# What the complainant wrote, kept out of the public note (see CaseEvent).
COMPLAINANT_WORDS = {Status.WITHDRAWN: "双方已自行和解"}

# Each final event's system text (code + parameters) and staff's public note.
FINAL_EVENTS = {
    Status.NOT_ACCEPTED: ("not_accepted", event_texts.refused(RefusalReason.OUT_OF_REMIT), ""),
    Status.WITHDRAWN: ("withdrawn", WITHDRAWN_NOTE, ""),
    Status.RESOLVED: ("resolved", {}, "办理结果：{outcome}"),
    Status.CLOSED: ("closed", event_texts.note(event_texts.CLOSED), "办理结果：{outcome}。"),
}


def _history(case: dict) -> list[dict]:
    """The timeline a case in this state would have: filed, accepted, decided; each finished
    clock step in `case["_records"]` is linked to the event that ended it."""
    bureau_name = case.pop("_bureau_name")
    received = event_texts.note(event_texts.RECEIVED, bureau=case.pop("_bureau_code"))
    # `case` is the row itself: bulk_create sets its id later; COPY has it already.
    link = {"complaint_id": case["id"]} if "id" in case else {"case": case}
    events = [
        {
            **link,
            "created_at": case["submitted_at"],
            "actor_label": "公众",
            "action": "submitted",
            "to_status": str(Status.SUBMITTED),
            "to_bureau_id": case["bureau_id"],
            **received,
        }
    ]
    accepted_at = case.get("accepted_at")
    if accepted_at:
        events.append(
            {
                **link,
                "created_at": accepted_at,
                "actor_label": bureau_name,
                "action": "accepted",
                "from_status": str(Status.SUBMITTED),
                "to_status": str(Status.ACCEPTED),
                **event_texts.note(event_texts.ACCEPTED),
            }
        )
    status = case["status"]
    if status in FINAL_EVENTS and case.get("closed_at"):
        action, system_note, note = FINAL_EVENTS[status]
        outcome = OUTCOME_LABELS.get(case.get("outcome", ""), "")
        if case.get("outcome") == Outcome.MEDIATED:  # as the services demand: agreement first
            events.append(
                {
                    **link,
                    "created_at": case["closed_at"],
                    "actor_label": bureau_name,
                    "action": MEDIATION_AGREED,
                    "from_status": str(Status.ACCEPTED),
                    "to_status": str(Status.ACCEPTED),
                    **MEDIATION_NOTES[MEDIATION_AGREED],
                }
            )
        events.append(
            {
                **link,
                "created_at": case["closed_at"],
                "actor_label": bureau_name,
                "action": action,
                "from_status": str(Status.ACCEPTED if accepted_at else Status.SUBMITTED),
                "to_status": status,
                **system_note,
                "public_note": note.format(outcome=outcome),
                "complainant_note": COMPLAINANT_WORDS.get(status, ""),
            }
        )
    by_action = {event["action"]: event for event in events}
    for record in case["_records"]:
        record["_case"], record["_event"] = case, by_action[record["ended_by"]]
    return events
