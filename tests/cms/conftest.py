import pytest
from django.utils import translation

from cms import models
from tests.factories.cms import add_page


@pytest.fixture(autouse=True)
def chinese_by_default():
    # A request to /en/… leaves English active in the thread; each test starts in Chinese.
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def policy_index(home_page):
    return add_page(home_page, models.PolicyIndexPage(title="政策法规", slug="policies"))


@pytest.fixture
def news_index(home_page):
    return add_page(home_page, models.NewsIndexPage(title="新闻动态", slug="news"))


@pytest.fixture
def top_ten_collection(home_page):
    index = add_page(home_page, models.TopTenIndexPage(title="十大案件", slug="top-ten"))
    return add_page(
        index, models.TopTenCollectionPage(title="2025年十大案件", slug="2025", year=2025)
    )


@pytest.fixture
def seeded_site(db):
    from cms.demo import seed_editorial_groups, seed_pages

    seed_editorial_groups()
    seed_pages()
