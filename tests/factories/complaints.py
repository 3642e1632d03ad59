"""Factories for the complaints app. `reference_data` loads the real Wuhan set once per test."""

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import (
    Bureau,
    Category,
    Channel,
    ClockProfile,
    District,
    Kind,
    Outcome,
    Role,
    StaffMembership,
)
from complaints.services import lifecycle
from complaints.services.intake import IntakeData, submit_complaint
from complaints.services.uploads import check_upload


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "测试"
    password = factory.django.Password("pw-for-tests")


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("code",)

    code = "12315"
    name = "市场监管投诉举报热线"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"测试区{n}")


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"bureau-{n}")
    name = factory.Sequence(lambda n: f"测试局{n}")
    level = Bureau.Level.CITY


class ClockProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClockProfile
        django_get_or_create = ("code",)

    code = "complaint"
    name = "投诉"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"类别{n}")
    channel = factory.SubFactory(ChannelFactory)
    clock_profile = factory.SubFactory(ClockProfileFactory)
    allowed_kinds = factory.LazyFunction(lambda: [Kind.COMPLAINT, Kind.REPORT])


def staff_member(bureau: Bureau, role: str = Role.HANDLER, **user_fields):
    """A user who works for `bureau` in `role`."""
    user = UserFactory(**user_fields)
    StaffMembership.objects.update_or_create(user=user, bureau=bureau, defaults={"role": role})
    return user


def intake_data(category: Category | str = "trademark-infringement", **overrides) -> IntakeData:
    """A complete, valid submission (needs reference data when `category` is a code)."""
    if isinstance(category, str):
        category = Category.objects.select_related("channel").get(code=category)
    values = {
        "kind": Kind.COMPLAINT,
        "category": category,
        "district": District.objects.filter(code="jiangan").first(),
        "complainant_name": "张三丰",
        "complainant_phone": "13812345678",
        "complainant_email": "zhang@example.cn",
        "complainant_id_type": "resident_id",
        "complainant_id_number": "11010519491231002X",
        "complainant_address": "武汉市江岸区沿江大道1号",
        "respondent_name": "武汉某某贸易有限公司",
        "respondent_credit_code": "91420100MA4KXXXX0X",
        "respondent_address": "武汉市江岸区解放大道100号",
        "ip_right_type": "trademark",
        "ip_right_number": "12345678",
        "facts": "被投诉人在运动鞋上使用与我方注册商标近似的标志。",
        "request": "请求责令停止侵权。",
    }
    values.update(overrides)
    return IntakeData(**values)


def file_complaint(category="trademark-infringement", files=(), **overrides):
    """File a case through the real intake service; returns SubmitResult."""
    return submit_complaint(intake_data(category, **overrides), files=files)


def received_file(name: str, data: bytes):
    """An upload as the intake forms receive it: checked, original kept, copy cleaned."""
    return check_upload(SimpleUploadedFile(name, data))


def resolve_case(case, actor, outcome: str = Outcome.NO_VIOLATION, public_note: str = ""):
    """Resolve as staff must: an outcome chosen, a reply written, a claimed mediation recorded."""
    if outcome in (Outcome.MEDIATED, Outcome.MEDIATION_FAILED):
        agreed = outcome == Outcome.MEDIATED
        case = lifecycle.record_mediation(case, actor=actor, agreed=agreed)
    reply = public_note or f"办理结果：{Outcome(outcome).label}"
    return lifecycle.resolve(case, actor=actor, outcome=outcome, public_note=reply)


def varied_queue(supervisor, handler) -> dict:
    """A small queue in 江岸区市场监督管理局 (the default case's bureau) with one case in each
    state the staff navigation counts, plus one transferred in from the patent bureau.

    `supervisor` acts; `handler` is assigned two cases. Returns {name: case}."""
    import datetime

    from django.utils import timezone

    from complaints.demo import seed_provisional_calendar
    from complaints.models import Bureau, Complaint, Source
    from complaints.services import workdays

    seed_provisional_calendar()  # deadlines from December on run into a year not yet published
    today = timezone.localdate()
    respondents = [
        "武汉光谷运动用品有限公司", "江岸区某某鞋业商行", "武汉长江数码科技有限公司",
        "汉口北某某服饰店", "武汉市某某文化传播有限公司", "某电商平台店铺“潮流鞋铺”",
        "武汉某某食品有限公司", "湖北某某酒业有限公司",
    ]  # fmt: skip
    cases = {}

    def new(name, **overrides):
        overrides.setdefault("respondent_name", respondents[len(cases) % len(respondents)])
        cases[name] = file_complaint(**overrides).complaint
        return cases[name]

    new("new")
    new("report", kind="report", complainant_name="", complainant_phone="", is_anonymous=True)
    Complaint.objects.filter(pk=cases["report"].pk).update(source=Source.OPEN311)
    lifecycle.assign(
        lifecycle.accept(new("mine"), actor=supervisor), handler=handler, actor=supervisor
    )
    lifecycle.request_information(
        lifecycle.accept(new("awaiting"), actor=supervisor),
        actor=supervisor,
        public_note="请补充商标注册证复印件。",
    )
    started = lifecycle.start_handling(
        lifecycle.accept(new("handling"), actor=supervisor), actor=supervisor
    )
    lifecycle.assign(started, handler=handler, actor=supervisor)
    overdue = new("overdue")
    Complaint.objects.filter(pk=overdue.pk).update(due_on=today - datetime.timedelta(days=6))
    soon = new("due_soon")
    Complaint.objects.filter(pk=soon.pk).update(due_on=workdays.add_working_days(today, 1))
    patent = file_complaint("patent-dispute", ip_right_type="patent").complaint
    cases["transferred"] = lifecycle.transfer(
        patent,
        to_bureau=Bureau.objects.get(code="jiangan-amr"),
        actor=None,
        reason="被投诉人在江岸区，属商标问题。",
    )
    resolve_case(
        lifecycle.start_handling(
            lifecycle.accept(new("resolved"), actor=supervisor), actor=supervisor
        ),
        supervisor,
    )
    for name, case in cases.items():
        case.refresh_from_db()
    return cases


def hotline_operator(**user_fields):
    """A user in the `hotline_operator` group (may record calls; works for no bureau)."""
    from complaints.services.phone_intake import ensure_operator_group

    user_fields.setdefault("username", "operator")
    user_fields.setdefault("first_name", "吴倩")
    user = UserFactory(**user_fields)
    user.groups.add(ensure_operator_group())
    return user


def valid_uscc(first17: str = "91420100MA4K3B2C1") -> str:
    """A 统一社会信用代码 with the right check character (91…: an enterprise; 92…: an
    individual business)."""
    from complaints.services.validators import uscc_check_char

    return first17 + uscc_check_char(first17)


def closed_case(*, closed_days_ago: int = 30, outcome: str = Outcome.NO_VIOLATION, **overrides):
    """A case filed, accepted, handled, resolved and closed through the lifecycle service, its
    closing moved `closed_days_ago` days back. Returns the case."""
    import datetime

    from django.utils import timezone

    from complaints.models import Complaint

    case = file_complaint(**overrides).complaint
    actor = staff_member(case.bureau, Role.SUPERVISOR)
    case = lifecycle.accept(case, actor=actor)
    case = lifecycle.start_handling(case, actor=actor)
    case = resolve_case(case, actor, outcome)
    case = lifecycle.close(case, actor=actor)
    closed_at = timezone.now() - datetime.timedelta(days=closed_days_ago)
    Complaint.objects.filter(pk=case.pk).update(closed_at=closed_at)
    case.refresh_from_db()
    return case
