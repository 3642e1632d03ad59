"""Factories for credit records: example publication rules and records with valid USCCs."""

import datetime

import factory
from django.utils import timezone

from complaints.services.validators import uscc_check_char
from credit.models import CreditRecord, PublicationRule, RecordKind

from .complaints import BureauFactory


def make_uscc(n: int) -> str:
    """A valid 统一社会信用代码 (GB 32100-2015 check character) for sequence number n."""
    first17 = f"914201{n:011d}"
    return first17 + uscc_check_char(first17)


class PublicationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationRule
        django_get_or_create = ("code",)

    code = "penalty"
    name = "其他行政处罚"
    period_months = 36
    legal_basis = "《市场监督管理行政处罚信息公示规定》第十四条"


class CreditRecordFactory(factory.django.DjangoModelFactory):
    """A record published ten days ago under a 36-month rule: public today."""

    class Meta:
        model = CreditRecord

    enterprise_name = factory.Sequence(lambda n: f"武汉测试{n}贸易有限公司")
    uscc = factory.Sequence(make_uscc)
    kind = RecordKind.PENALTY
    facts = "销售侵犯注册商标专用权的商品。"
    legal_basis = "《中华人民共和国商标法》第六十条"
    decision_number = factory.Sequence(lambda n: f"武市监罚〔2026〕{n}号")
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(20))
    published_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(10))
    bureau = factory.SubFactory(BureauFactory)
    penalty = "责令停止侵权，罚款5万元"
    rule = factory.SubFactory(PublicationRuleFactory)
