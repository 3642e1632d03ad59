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


# What a complainant types on their tracking page: personal data, reasons, their rating.
SUPPLIED = "补充：联系人欧阳娜娜，电话13712345678，身份证420102199001011234"
WITHDRAWN = "撤回原因：欧阳娜娜已与对方私下和解"
REOPENED = "对方仍在胜利街销售，申请重办"
RATING_COMMENT = "承办人态度差"


def _assert_not_public(client, number, words):
    urls = [
        f"/open311/v2/requests/{number}.json",
        f"/open311/v2/requests/{number}.xml",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert number in body, url
        for word in words:
            assert word not in body, f"{word!r} is public in {url}"


def test_complainant_words_never_reach_open311_but_reach_the_complainant(client, frozen_today):
    frozen_today(dt.date(2026, 3, 2))
    staff = UserFactory(is_superuser=True)
    filed = file_complaint()
    case, number = filed.complaint, filed.complaint.tracking_number
    case = lifecycle.accept(case, actor=staff)
    case = lifecycle.request_information(case, actor=staff, public_note="请补充身份证明。")
    case = lifecycle.supply_information(case, note=SUPPLIED)
    _assert_not_public(client, number, [SUPPLIED, "欧阳", "13712345678", "420102"])
    case = lifecycle.resolve(
        case, actor=staff, outcome="no_violation", public_note="经调查未发现违法行为。"
    )
    case = lifecycle.close(case, actor=staff)
    case = lifecycle.rate(case, score=2, comment=RATING_COMMENT)
    _assert_not_public(client, number, ["满意度", "2/5", RATING_COMMENT])
    case = lifecycle.reopen(case, reason=REOPENED)
    _assert_not_public(client, number, [REOPENED, "胜利街"])

    withdrawn = file_complaint()
    lifecycle.withdraw(withdrawn.complaint, reason=WITHDRAWN)
    _assert_not_public(client, withdrawn.complaint.tracking_number, [WITHDRAWN, "欧阳"])

    # The complainant still sees their own words on their tracking page.
    for result, words in (
        (filed, [SUPPLIED, "2/5", RATING_COMMENT, REOPENED]),
        (withdrawn, [WITHDRAWN]),
    ):
        client.post(
            "/complaints/track/",
            {
                "tracking_number": result.complaint.tracking_number,
                "access_code": result.access_code,
            },
        )
        page = client.get("/complaints/track/case/").content.decode()
        for word in words:
            assert word in page
