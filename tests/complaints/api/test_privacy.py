"""No personal data of complainants, reporters or respondents in any API response."""

import datetime as dt

import pytest

from complaints.services import lifecycle
from tests.factories.complaints import UserFactory, file_complaint

from .helpers import as_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

PERSONAL = {
    "complainant_name": "欧阳娜娜",
    "complainant_phone": "13712345678",
    "complainant_email": "ouyang@example.cn",
    "complainant_id_number": "420102199001011234",
    "complainant_address": "武汉市江岸区胜利街88号",
    "respondent_name": "武汉秘密鞋业有限公司",
    "respondent_credit_code": "91420100MA4K123456",
    "respondent_address": "武汉市江岸区中山大道999号",
    "respondent_shop_name": "秘密旗舰店",
    "respondent_url": "https://shop.example.cn/secret",
    "respondent_platform": "某宝",
    "ip_right_number": "87654321",
    "facts": "欧阳娜娜在中山大道999号发现被投诉人销售侵权鞋，联系电话13712345678。",
    "request": "请求没收侵权商品。",
}
# Fragments a leak would show even if a value were shortened or masked.
FRAGMENTS = [
    "欧阳",
    "1371",
    "5678",
    "ouyang",
    "4201021990",
    "胜利街",
    "秘密",
    "MA4K",
    "中山大道",
    "shop.example",
    "某宝",
    "87654321",
    "没收",
    "侵权鞋",
]


def _walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key)
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif value is not None:
        yield str(value)


def _assert_clean(texts):
    for text in texts:
        for fragment in FRAGMENTS:
            assert fragment not in text, f"personal data {fragment!r} leaked in {text!r}"


def test_no_personal_data_in_any_field(client, post_case, frozen_today):
    frozen_today(dt.date(2026, 3, 2))
    web_case = file_complaint(**PERSONAL).complaint
    anonymous = file_complaint(
        "counterfeit-goods", kind="report", is_anonymous=True, **PERSONAL
    ).complaint
    lifecycle.accept(web_case, actor=UserFactory(is_superuser=True), internal_note="欧阳娜娜来电")
    api_answer = post_case(
        first_name="娜娜",
        last_name="欧阳",
        phone="13712345678",
        email="ouyang@example.cn",
        description=PERSONAL["facts"],
        media_url="https://shop.example.cn/secret/photo.jpg",
        **{
            "attribute[respondent_name]": PERSONAL["respondent_name"],
            "attribute[respondent_address]": PERSONAL["respondent_address"],
            "attribute[respondent_credit_code]": PERSONAL["respondent_credit_code"],
            "attribute[respondent_url]": PERSONAL["respondent_url"],
            "attribute[respondent_shop_name]": PERSONAL["respondent_shop_name"],
            "attribute[ip_right_number]": PERSONAL["ip_right_number"],
            "attribute[request]": PERSONAL["request"],
        },
    )
    assert api_answer.status_code == 201
    _assert_clean(_walk(as_json(api_answer)))
    api_id = as_json(api_answer)[0]["service_request_id"]

    urls = ["/open311/v2/requests.json", "/open311/v2/requests.xml"]
    for number in (web_case.tracking_number, anonymous.tracking_number, api_id):
        urls += [f"/open311/v2/requests/{number}.json", f"/open311/v2/requests/{number}.xml"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        _assert_clean([response.content.decode()])
        if url.endswith(".json"):
            records = as_json(response)
            assert records
            for record in records:
                # Every field, one by one: only the district for the place, nothing free-text.
                assert record["address"] in {"江岸区", ""}
                assert record["description"].startswith(record["service_name"])
                assert record["lat"] is record["long"] is record["media_url"] is None
                _assert_clean(_walk(record))
