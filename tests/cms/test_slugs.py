"""Chinese titles get readable pinyin slugs: in code, in the admin, unique among siblings."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms import models
from cms.demo.editorial import seed_editorial
from cms.slugs import needs_pinyin, pinyin_slug
from tests.factories.cms import NewsPageFactory

PLAN = "武汉市知识产权强市创建工作方案"


def test_chinese_title_becomes_word_grouped_pinyin():
    assert pinyin_slug(PLAN) == "wuhanshi-zhishichanquan-qiangshi-chuangjian-gongzuo-fangan"


def test_digits_and_latin_words_are_kept():
    assert pinyin_slug("中华人民共和国专利法（2020年修正）") == (
        "zhonghuarenmingongheguo-zhuanlifa-2020-nian-xiuzheng"
    )
    assert pinyin_slug("PCT国际专利申请") == "pct-guoji-zhuanlishenqing"


def test_long_titles_are_cut_at_a_word_boundary():
    slug = pinyin_slug("《武汉市推进国家知识产权强市创建工作方案》政策解读")
    assert len(slug) <= 60
    assert slug == "wuhanshi-tuijin-guojia-zhishichanquan-qiangshi-chuangjian"


@pytest.mark.parametrize(
    ("slug", "title", "expected"),
    [
        ("", "新闻", True),
        ("新闻", "新闻", True),
        ("%E6%96%B0", "新闻", True),
        ("2020", "专利法（2020年修正）", True),  # what ASCII-only slugify keeps of the title
        ("-2026", "新闻 2026", True),  # and what the admin's JavaScript keeps
        ("patent-law-2020", "专利法（2020年修正）", False),
        ("annual-report", "Annual report", False),
    ],
)
def test_which_slugs_are_replaced(slug, title, expected):
    assert needs_pinyin(slug, title) is expected


@pytest.mark.django_db
def test_page_made_in_code_without_slug_gets_pinyin_unique_among_siblings(news_index):
    first = NewsPageFactory(parent=news_index, title=PLAN, slug="")
    second = NewsPageFactory(parent=news_index, title=PLAN, slug="")
    third = NewsPageFactory(parent=news_index, title=PLAN, slug="")
    assert first.slug == "wuhanshi-zhishichanquan-qiangshi-chuangjian-gongzuo-fangan"
    assert second.slug == f"{first.slug}-2"
    assert third.slug == f"{first.slug}-3"
    assert "%" not in first.url


@pytest.mark.django_db
def test_unicode_slug_in_code_is_replaced(news_index):
    page = NewsPageFactory(parent=news_index, title="知识产权新闻", slug="知识产权新闻")
    assert page.slug == "zhishichanquan-xinwen"


@pytest.mark.django_db
def test_hand_chosen_ascii_slug_stays(news_index):
    page = NewsPageFactory(parent=news_index, title="2025年新闻", slug="2025")
    assert page.slug == "2025"


@pytest.mark.django_db
def test_admin_add_view_fills_pinyin_when_the_slug_is_left_empty(client, home_page, news_index):
    seed_editorial([home_page])
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)
    NewsPageFactory(parent=news_index, title="旧", slug="zhishichanquan-xinwen")
    url = reverse("wagtailadmin_pages:add", args=("cms", "newspage", news_index.id))
    form = client.get(url).content.decode()
    # The slug input slugifies to ASCII only (a boolean attribute, absent when false).
    assert 'data-controller="w-slug"' in form
    assert "data-w-slug-allow-unicode-value" not in form
    data = nested_form_data(
        {
            "title": "知识产权新闻",
            "slug": "",  # the admin's ASCII-only slug prefill leaves nothing of a Chinese title
            "date": "2026-05-01",
            "kind": models.NewsPage.Kind.NEWS,
            "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
            "tags": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = news_index.get_children().get(title="知识产权新闻")
    assert page.slug == "zhishichanquan-xinwen-2"


@pytest.mark.django_db
def test_admin_add_view_refuses_a_second_page_with_the_same_title_and_no_slug(
    client, home_page, news_index
):
    # Guards against a duplicate from a save racing the admin's autosave: the slug is kept
    # and Wagtail reports it in use; a different title would get "-2".
    seed_editorial([home_page])
    client.force_login(get_user_model().objects.get(username="editor"))
    NewsPageFactory(parent=news_index, title="知识产权新闻", slug="zhishichanquan-xinwen")
    url = reverse("wagtailadmin_pages:add", args=("cms", "newspage", news_index.id))
    data = nested_form_data(
        {
            "title": "知识产权新闻",
            "slug": "",
            "date": "2026-05-01",
            "kind": models.NewsPage.Kind.NEWS,
            "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
            "tags": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "zhishichanquan-xinwen" in response.content.decode()
    assert news_index.get_children().filter(title="知识产权新闻").count() == 1


@pytest.mark.django_db(transaction=True)
def test_command_rewrites_unicode_slugs_and_old_urls_redirect(client, news_index):
    from io import StringIO
    from urllib.parse import quote

    from django.core.management import call_command

    page = NewsPageFactory(parent=news_index, title="知识产权新闻", slug="placeholder")
    models.NewsPage.objects.filter(pk=page.pk).update(
        slug="知识产权新闻", url_path=f"{news_index.url_path}知识产权新闻/"
    )
    old_url = f"/news/{quote('知识产权新闻')}/"
    assert client.get(old_url).status_code == 200

    out = StringIO()
    call_command("pinyin_slugs", stdout=out)
    page.refresh_from_db()
    assert page.slug == "zhishichanquan-xinwen"
    assert "1 page(s) changed" in out.getvalue()
    assert client.get("/news/zhishichanquan-xinwen/").status_code == 200
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/news/zhishichanquan-xinwen/")
