import pytest
from django.core.cache import cache

from complaints.api.keys import issue_key


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_key(reference_data):
    """(ApiKey, raw key) with submit and read scopes."""
    return issue_key("12345 热线")


@pytest.fixture
def raw_key(api_key):
    return api_key[1]


@pytest.fixture
def post_case(client, raw_key):
    """POST requests.json with sensible defaults; keyword arguments override fields."""

    def post(fmt="json", headers=None, **fields):
        data = {
            "api_key": raw_key,
            "service_code": "trademark-infringement",
            "attribute[district]": "jiangan",
            "attribute[kind]": "complaint",
            "attribute[respondent_name]": "武汉某某贸易有限公司",
            "attribute[respondent_address]": "武汉市江岸区解放大道100号",
            "attribute[ip_right_number]": "12345678",
            "last_name": "张",
            "first_name": "三丰",
            "phone": "13812345678",
            "email": "zhang@example.cn",
            "description": "被投诉人在运动鞋上使用与我方注册商标近似的标志。",
        }
        data.update({k: v for k, v in fields.items() if v is not None})
        for key in [k for k, v in fields.items() if v is None]:
            data.pop(key, None)
        return client.post(f"/open311/v2/requests.{fmt}", data, headers=headers or {})

    return post
