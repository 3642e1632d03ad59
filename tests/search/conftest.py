import os
import uuid

import pytest

from search import registry
from search.backends import get_backend
from tests.factories.search import FixtureCaseSource, FixturePageSource, case_entry

CASES = [
    case_entry(
        1,
        10,
        "被投诉人在电商平台销售假冒注册商标的运动鞋",
        respondent_name="武汉某鞋业有限公司",
        respondent_credit_code="91420100MA4K000001",
        status="submitted",
        category="trademark",
    ),
    case_entry(
        2,
        10,
        "某公司未经许可实施我方发明专利，请求行政裁决",
        respondent_name="武汉光谷某科技有限公司",
        status="in_progress",
        category="patent-dispute",
    ),
    case_entry(
        3,
        20,
        "被投诉人生产销售的产品侵犯我方发明专利权",
        respondent_name="汉阳某机械厂",
        status="submitted",
        category="patent-dispute",
    ),
    case_entry(
        4,
        30,
        "网店销售盗版图书，侵犯著作权",
        respondent_shop_name="某某书店旗舰店",
        status="accepted",
        category="copyright",
    ),
    case_entry(
        5,
        20,
        "产品包装标注已失效的专利号，属于假冒专利",
        respondent_name="江岸某电器商行",
        ip_right_number="ZL201810000001.X",
        status="resolved",
        category="passing-off",
    ),
]


@pytest.fixture
def page_source():
    source = registry.register(FixturePageSource())
    yield source
    registry.unregister(source.name)


@pytest.fixture
def case_source():
    source = registry.register(FixtureCaseSource(CASES))
    yield source
    registry.unregister(source.name)


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    """Each backend in turn; Elasticsearch only against a live cluster (ELASTICSEARCH_URL)."""
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip("ELASTICSEARCH_URL is not set: no live cluster for the ES contract run")
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_INDEX_PREFIX = f"ipportal-test-{uuid.uuid4().hex[:8]}"
        settings.SEARCH_INDEX_REPLICAS = 0
    settings.SEARCH_BACKEND = request.param
    backend = get_backend()
    yield backend
    if request.param == "elasticsearch":
        backend.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*")


@pytest.fixture
def indexed(db, search_backend, page_source, case_source):
    """Every fixture page and case in the backend's index."""
    backend = search_backend
    backend.rebuild("content", [[page_source.entry(p) for p in page_source.all()]])
    backend.rebuild("case", [case_source.all()])
    return page_source
