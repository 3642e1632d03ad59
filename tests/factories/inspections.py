"""Factories for the inspections app (双随机一公开)."""

import itertools

import factory

from complaints.models import Role, StaffMembership
from complaints.services.validators import uscc_check_char
from inspections.models import (
    ConflictOfInterest,
    Draw,
    InspectionItem,
    InspectionTarget,
    Inspector,
    RiskLevel,
)
from inspections.services import draws
from tests.factories.complaints import BureauFactory, UserFactory

_USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_serial = itertools.count(1)


def make_uscc(n: int | None = None) -> str:
    """A valid 统一社会信用代码, distinct for every n."""
    n = next(_serial) if n is None else n
    digits = ""
    for _ in range(9):
        n, r = divmod(n, 31)
        digits = _USCC_BODY[r] + digits
    body = "91420100" + digits
    return body + uscc_check_char(body)


class InspectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionItem

    bureau = factory.SubFactory(BureauFactory)
    code = factory.Sequence(lambda n: f"item-{n}")
    name = factory.Sequence(lambda n: f"抽查事项{n}")
    content = "检查专利标识标注是否规范。"
    legal_basis = "《专利法》第六十八条"


class InspectionTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTarget

    name = factory.Sequence(lambda n: f"武汉测试企业{n}有限公司")
    uscc = factory.LazyFunction(make_uscc)
    risk_level = RiskLevel.LOW


class InspectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspector

    class Params:
        bureau = factory.SubFactory(BureauFactory)
        role = Role.HANDLER

    membership = factory.LazyAttribute(
        lambda o: StaffMembership.objects.create(user=UserFactory(), bureau=o.bureau, role=o.role)
    )
    code = factory.Sequence(lambda n: f"INS-{n:04d}")


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    inspector = factory.SubFactory(InspectorFactory)
    target = factory.SubFactory(InspectionTargetFactory)
    reason = "近亲属在该企业任职"


class DrawFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draw
        skip_postgeneration_save = True

    bureau = factory.SubFactory(BureauFactory)
    title = factory.Sequence(lambda n: f"测试抽查任务{n}")
    target_count = 3

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if create:
            self.items.set(extracted or [InspectionItemFactory(bureau=self.bureau)])


def inspection_setup(bureau, *, targets: int = 10, inspectors: int = 4, **draw_fields):
    """A bureau with `inspectors` inspectors, `targets` targets in the pool and a draft draw."""
    pool_inspectors = [InspectorFactory(bureau=bureau) for _ in range(inspectors)]
    pool_targets = InspectionTargetFactory.create_batch(targets)
    draw = DrawFactory(bureau=bureau, **draw_fields)
    return draw, pool_targets, pool_inspectors


def drawn(draw, actor=None):
    """Commit and run `draw` through the real services."""
    return draws.run(draws.commit(draw, actor), actor)
