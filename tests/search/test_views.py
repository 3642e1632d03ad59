"""The public search page: results, highlighting, facets, pagination, hostile input."""

import pytest
from django.urls import reverse

URL = "/search/"


@pytest.fixture
def db_indexed(settings, indexed):
    return indexed


pytestmark = pytest.mark.parametrize("search_backend", ["database"], indirect=True)


def test_reverse_and_empty_query(client, db_indexed):
    assert reverse("search:results") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert "请在页面上方的搜索框中输入关键词" in response.content.decode()


def test_results_are_highlighted_and_escaped(client, db_indexed, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"q": "质押融资"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>质押融资</mark>" in html
    assert 'value="质押融资"' in html  # the header search box shows the query
    assert 'href="/policy/pledge-financing/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_hostile_query_is_escaped_not_executed(client, db_indexed):
    response = client.get(URL, {"q": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "专利", "page": "abc"},
        {"q": "专利", "page": "-1"},
        {"q": "专利", "page": "99999999999999999999"},
        {"q": "专利", "year": "20x4"},
        {"q": "专利", "type": "../../etc"},
        {"q": "专利" * 500},
        {"q": "\x00\x01"},
        {"q": ["专利", "商标"]},
        {"q": '" OR 1=1 --'},
    ],
)
def test_no_500_on_any_input(client, db_indexed, params):
    assert client.get(URL, params).status_code == 200


def test_long_query_is_capped_with_a_notice(client, db_indexed):
    html = client.get(URL, {"q": "专利" * 100}).content.decode()
    assert "搜索词过长" in html


def test_facet_links_filter_and_toggle(client, db_indexed):
    html = client.get(URL, {"q": "专利"}).content.decode()
    assert 'href="?q=%E4%B8%93%E5%88%A9&amp;type=policy"' in html
    filtered = client.get(URL, {"q": "专利", "type": "policy"}).content.decode()
    assert 'aria-current="true"' in filtered
    assert "/news/" not in filtered.split('id="results-heading"')[1]
    assert "清除全部筛选" in filtered


def test_pagination_links(client, db_indexed):
    html = client.get(URL, {"q": "专利"}).content.decode()
    page2 = client.get(URL, {"q": "专利", "page": 2}).content.decode()
    assert 'rel="next"' in html and "page=2" in html
    assert 'rel="prev"' in page2 and 'start="11"' in page2


def test_did_you_mean(client, db_indexed):
    html = client.get(URL, {"q": "质押融资 火星"}).content.decode()
    assert "您是不是要找" in html
    assert 'href="?q=%E8%B4%A8%E6%8A%BC%E8%9E%8D%E8%B5%84"' in html


def test_english_page(client, db_indexed):
    response = client.get("/en/search/", {"q": "patent"})
    assert response.status_code == 200
    assert "How to file a <mark>patent</mark> infringement" in response.content.decode()
