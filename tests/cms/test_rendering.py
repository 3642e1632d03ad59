"""Pages render, listings list and filter, bilingual fallback, SEO tags, sitemap and feeds."""

from datetime import date

import pytest
from wagtail.models import Locale

from cms import models
from tests.factories.cms import NewsPageFactory, PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_policy_listing_filters_by_level_year_issuer_topic_and_validity(client, policy_index):
    national = PolicyPageFactory(
        parent=policy_index,
        title="国家专利法",
        level="national",
        issuer="全国人大常委会",
        issue_date=date(2020, 10, 17),
    )
    national.tags.add("专利")
    national.save_revision().publish()
    PolicyPageFactory(parent=policy_index, title="市级资助办法", issue_date=date(2022, 6, 1))
    PolicyPageFactory(
        parent=policy_index, title="旧办法", validity="repealed", issue_date=date(2014, 3, 1)
    )

    def titles(query):
        response = client.get(f"/policies/{query}")
        assert response.status_code == 200
        return {page.title for page in response.context["policies"]}

    assert titles("") == {"国家专利法", "市级资助办法", "旧办法"}
    assert titles("?level=national") == {"国家专利法"}
    assert titles("?year=2022") == {"市级资助办法"}
    assert titles("?issuer=全国人大常委会") == {"国家专利法"}
    assert titles(f"?topic={national.tags.get().slug}") == {"国家专利法"}
    assert titles("?validity=repealed") == {"旧办法"}
    assert titles("?level=bogus") == {"国家专利法", "市级资助办法", "旧办法"}


def test_policy_listing_is_paginated(client, policy_index, django_assert_max_num_queries):
    for number in range(12):
        PolicyPageFactory(parent=policy_index, issue_date=date(2020, 1, number + 1))
    with django_assert_max_num_queries(40):
        first = client.get("/policies/")
    assert len(first.context["policies"]) == 10
    second = client.get("/policies/?page=2&level=municipal")
    assert len(second.context["policies"]) == 2
    assert 'href="?level=municipal&amp;page=1"' in second.content.decode()


def test_policy_page_shows_metadata_breadcrumbs_canonical_og_and_print_css(client, policy_index):
    page = PolicyPageFactory(
        parent=policy_index,
        title="强市方案",
        document_number="武政〔2017〕30号",
        summary="到2020年建成知识产权强市。",
    )
    html = client.get(page.url).content.decode()
    assert "武政〔2017〕30号" in html
    assert 'aria-label="面包屑导航"' in html and 'href="/policies/"' in html
    assert f'<link rel="canonical" href="http://localhost{page.url}">' in html
    assert '<meta property="og:title" content="强市方案">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "cms/cms.css" in html


def test_print_stylesheet_hides_navigation():
    from pathlib import Path

    css = Path("static/cms/cms.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".breadcrumbs-nav" in css


def test_repealed_policy_links_to_its_replacement(client, policy_index):
    new = PolicyPageFactory(parent=policy_index, title="新办法")
    old = PolicyPageFactory(parent=policy_index, title="旧办法", validity="repealed")
    old.replaced_by = new
    old.save_revision().publish()
    html = client.get(old.url).content.decode()
    assert "已废止" in html and f'href="{new.url}"' in html


def test_untranslated_english_page_falls_back_to_chinese_with_a_notice(client, policy_index):
    page = PolicyPageFactory(parent=policy_index, title="仅有中文")
    response = client.get(f"/en{page.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "仅有中文" in html
    assert "untranslated-notice" in html
    assert response.context["language_urls"]["zh-hans"] == page.url


def test_language_switch_goes_to_the_real_translation(client, home_page, policy_index):
    english = Locale.objects.get(language_code="en")
    home_en = home_page.copy_for_translation(english)
    home_en.save_revision().publish()
    index_en = policy_index.copy_for_translation(english)
    index_en.title = "Policies"
    index_en.save_revision().publish()
    response = client.get("/policies/")
    assert response.context["language_urls"]["en"] == "/en/policies/"
    english_response = client.get("/en/policies/")
    assert english_response.context["page"].title == "Policies"
    assert not english_response.context["untranslated"]
    assert english_response.context["language_urls"]["zh-hans"] == "/policies/"


def test_news_feeds_list_items(client, news_index):
    NewsPageFactory(parent=news_index, title="投诉平台上线", summary="在线投诉。")
    rss = client.get("/news/feed/rss.xml")
    assert rss.status_code == 200 and "投诉平台上线" in rss.content.decode()
    atom = client.get("/en/news/feed/atom.xml")
    assert atom.status_code == 200 and "<feed" in atom.content.decode()
    assert "投诉平台上线" in client.get("/news/").content.decode()


def test_sitemap_lists_published_pages(client, policy_index):
    page = PolicyPageFactory(parent=policy_index, title="入图政策")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"{page.url}</loc>" in xml
    assert "/policies/</loc>" in xml


def test_top_ten_collection_lists_cases_in_rank_order(client, top_ten_collection):
    from tests.factories.cms import TopTenCaseFactory

    TopTenCaseFactory(parent=top_ten_collection, rank=2, title="第二")
    TopTenCaseFactory(parent=top_ten_collection, rank=1, title="第一")
    response = client.get(top_ten_collection.url)
    assert [case.title for case in response.context["cases"]] == ["第一", "第二"]


def test_white_paper_shows_key_figures_table_and_chart_data(client, home_page):
    from tests.factories.cms import add_page

    index = add_page(home_page, models.WhitePaperIndexPage(title="白皮书", slug="white-papers"))
    paper = models.WhitePaperPage(title="2025年武汉知识产权发展状况", slug="2025", year=2025)
    paper.figures = [
        models.KeyFigure(
            label="发明专利授权量", value=200, previous_value=100, unit="件", in_chart=True
        )
    ]
    add_page(index, paper)
    html = client.get(paper.url).content.decode()
    assert "发明专利授权量" in html and "100.0%" in html
    assert 'id="figures-data"' in html


def test_fallback_page_breadcrumbs_link_to_english_sections(client, home_page, policy_index):
    english = Locale.objects.get(language_code="en")
    home_page.copy_for_translation(english).save_revision().publish()
    index_en = policy_index.copy_for_translation(english)
    index_en.title = "Policies"
    index_en.save_revision().publish()
    page = PolicyPageFactory(parent=policy_index, title="仅有中文")
    html = client.get(f"/en{page.url}").content.decode()
    assert '<a href="/en/policies/">Policies</a>' in html


def test_directory_lists_bureaus_from_the_complaints_contract(client, home_page, monkeypatch):
    from tests.factories.cms import add_page

    bureaus = [
        {
            "code": "wh-ipo",
            "name": "测试市级知识产权机构",
            "name_en": "Wuhan IP Office",
            "level": "city",
            "district": "",
            "district_en": "",
            "address": "武汉市江岸区",
            "phone": "027-12345678",
            "hotline": "12330",
            "channels": ["12330"],
        },
        {
            "code": "jiangan",
            "name": "江岸区市场监督管理局",
            "name_en": "Jiang'an AMR",
            "level": "district",
            "district": "江岸区",
            "district_en": "Jiang'an",
            "address": "江岸区某路1号",
            "phone": "027-87654321",
            "hotline": "12315",
            "channels": ["12315"],
        },
    ]
    # The page reads whatever source portal registered (complaints.public.bureau_directory).
    monkeypatch.setattr("cms.directory._source", [lambda: bureaus])
    add_page(home_page, models.DirectoryPage(title="服务机构名录", slug="directory"))
    html = client.get("/directory/").content.decode()
    assert "测试市级知识产权机构" in html and 'href="tel:027-87654321"' in html
    filtered = client.get("/directory/?channel=12315").content.decode()
    assert "江岸区市场监督管理局" in filtered and "测试市级知识产权机构" not in filtered
    assert "Wuhan IP Office" in client.get("/en/directory/").content.decode()


def test_long_policy_has_a_table_of_contents_linking_to_its_sections(client, policy_index):
    sections = ["一、总体目标", "二、重点任务", "三、保障措施"]
    body = []
    for text in sections:
        body += [
            {"type": "heading", "value": {"text": text, "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{text}的内容。</p>"},
        ]
    page = PolicyPageFactory(parent=policy_index, body=body)
    html = client.get(page.url).content.decode()
    for block in page.section_headings():
        assert f'<a href="#h-{block.id}">{block.value["text"]}</a>' in html
        assert f'id="h-{block.id}">{block.value["text"]}</h2>' in html
