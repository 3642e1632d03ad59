"""Page factories: each builds a published page under a given parent (Wagtail's tree API)."""

from datetime import date

import factory

from cms import models


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class PolicyPageFactory(factory.Factory):
    class Meta:
        model = models.PolicyPage

    title = factory.Sequence(lambda n: f"测试政策{n}")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    issuer = "武汉市人民政府"
    issue_date = date(2020, 1, 1)
    level = models.PolicyLevel.MUNICIPAL
    validity = models.Validity.IN_FORCE
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>加强知识产权保护。</p>"}]
    )

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return add_page(parent, model_class(**kwargs))


class TopTenCaseFactory(factory.Factory):
    class Meta:
        model = models.TopTenCasePage

    title = factory.Sequence(lambda n: f"测试案件{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    rank = factory.Sequence(lambda n: n % 10 + 1)
    case_type = models.CaseType.PATENT
    authority = "武汉市中级人民法院"
    case_summary = "<p>案情。</p>"
    significance = "<p>意义。</p>"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return add_page(parent, model_class(**kwargs))


class NewsPageFactory(factory.Factory):
    class Meta:
        model = models.NewsPage

    title = factory.Sequence(lambda n: f"新闻{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = date(2026, 5, 1)
    kind = models.NewsPage.Kind.NEWS
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>正文。</p>"}])

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return add_page(parent, model_class(**kwargs))
