"""seed_demo's pages: the city plan as a real policy, the required content, idempotent."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Revision, Workflow

from cms import models
from cms.demo import seed_editorial_groups, seed_pages
from cms.demo.editorial import EDITORS, REVIEWERS, WORKFLOW_NAME
from cms.translation_status import TranslationState, source_pages, with_translation_state

pytestmark = pytest.mark.django_db

INDEX_SLUGS = ["policies", "guides", "top-ten", "white-papers", "news", "overseas", "directory"]


def test_seed_creates_the_demo_site_once_and_every_page_renders(client):
    seed_editorial_groups()
    seed_pages()
    counts = (Page.objects.count(), Revision.objects.count(), Group.objects.count())
    seed_editorial_groups()
    seed_pages()
    assert (Page.objects.count(), Revision.objects.count(), Group.objects.count()) == counts

    plan = models.PolicyPage.objects.get(
        document_number="武政〔2017〕30号", locale__language_code="zh-hans"
    )
    assert plan.live and plan.url == "/policies/wuhan-ip-city-plan-2017-2020/"
    headings = [block.value["text"] for block in plan.body if block.block_type == "heading"]
    assert {"一、总体目标", "二、重点任务", "三、保障措施"} <= set(headings)
    assert "(二)实施知识产权保护强化工程" in headings
    assert "12330" in str(plan.body) and "98%" in str(plan.body)

    zh = {"locale__language_code": "zh-hans"}
    assert models.PolicyPage.objects.filter(**zh).count() >= 9
    assert models.PolicyPage.objects.filter(**zh).values("level").distinct().count() == 4
    assert models.GuidePage.objects.filter(**zh).count() == 4
    assert models.TopTenCasePage.objects.filter(**zh).count() == 10
    assert models.WhitePaperPage.objects.filter(**zh).get().figures.count() >= 5
    assert models.NewsPage.objects.filter(**zh).count() == 6
    assert models.OverseasInfoPage.objects.filter(**zh).count() == 3
    assert models.HomePage.objects.filter(locale__language_code="en", live=True).exists()
    # English versions: the home page, the plan, the top-ten collection and its cases,
    # the white paper, two policies and two guides; each up to date with its original.
    en = {"locale__language_code": "en", "live": True}
    assert set(models.PolicyPage.objects.filter(**en).values_list("slug", flat=True)) == {
        "wuhan-ip-city-plan-2017-2020",
        "patent-law-2020",
        "trademark-law-2019",
    }
    assert models.TopTenCollectionPage.objects.filter(**en).count() == 1
    assert models.TopTenCasePage.objects.filter(**en).count() == 10
    assert models.WhitePaperPage.objects.filter(**en).count() == 1
    assert models.GuidePage.objects.filter(**en).count() == 2
    assert not models.TopTenCasePage.objects.filter(**en, title__regex=r"[\u4e00-\u9fff]")
    states = with_translation_state(source_pages()).filter(translation_id__isnull=False)
    assert set(states.values_list("state", flat=True)) == {TranslationState.CURRENT}

    assert Group.objects.filter(name__in=[EDITORS, REVIEWERS]).count() == 2
    assert Workflow.objects.get(name=WORKFLOW_NAME).workflow_pages.count() == 2

    for slug in INDEX_SLUGS:
        assert client.get(f"/{slug}/").status_code == 200
        english = client.get(f"/en/{slug}/")
        assert english.status_code == 200 and not english.context["untranslated"]
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url
