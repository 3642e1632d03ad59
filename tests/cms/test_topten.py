"""Top-ten rules: at most ten cases, each rank used once, with a clear message."""

import json

import pytest
from django.core.exceptions import ValidationError

from cms import models
from cms.models.topten import TopTenCaseForm
from tests.factories.cms import TopTenCaseFactory

pytestmark = pytest.mark.django_db


def test_duplicate_rank_is_refused_with_a_message(top_ten_collection):
    TopTenCaseFactory(parent=top_ten_collection, rank=3, title="第一件")
    with pytest.raises(ValidationError) as error:
        TopTenCaseFactory(parent=top_ten_collection, rank=3)
    assert "第3名已被“第一件”占用" in str(error.value.message_dict["rank"])


def test_eleventh_case_is_refused(top_ten_collection):
    for rank in range(1, 11):
        TopTenCaseFactory(parent=top_ten_collection, rank=rank)
    with pytest.raises(ValidationError) as error:
        TopTenCaseFactory(parent=top_ten_collection, rank=10)
    assert "十大案件不能超过10个" in " ".join(error.value.message_dict["rank"])
    assert models.TopTenCasePage.objects.child_of(top_ten_collection).count() == 10


def test_rank_must_be_between_one_and_ten(top_ten_collection):
    with pytest.raises(ValidationError) as error:
        TopTenCaseFactory(parent=top_ten_collection, rank=11)
    assert "rank" in error.value.message_dict


def test_editing_a_case_keeps_its_own_rank(top_ten_collection):
    case = TopTenCaseFactory(parent=top_ten_collection, rank=1)
    case.title = "改名"
    case.save_revision().publish()
    case.refresh_from_db()
    assert case.title == "改名"


def _rich_text(text):
    block = {"key": "a", "text": text, "type": "unstyled", "depth": 0}
    block |= {"inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def _admin_form(parent, rank):
    form_class = models.TopTenCasePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, TopTenCaseForm)
    data = {
        "title": "新案件",
        "slug": f"new-case-{rank}",
        "rank": rank,
        "case_type": "patent",
        "authority": "武汉市中级人民法院",
        "case_number": "",
        "case_summary": _rich_text("案情"),
        "significance": _rich_text("意义"),
        "summary": "",
        "seo_title": "",
        "search_description": "",
    }
    page = models.TopTenCasePage(locale=parent.locale)
    return form_class(data, instance=page, parent_page=parent, for_user=None)


def test_admin_form_refuses_an_eleventh_case_before_saving(top_ten_collection):
    for rank in range(1, 11):
        TopTenCaseFactory(parent=top_ten_collection, rank=rank)
    form = _admin_form(top_ten_collection, 5)
    assert not form.is_valid()
    assert "十大案件不能超过10个" in " ".join(form.errors["rank"])


def test_admin_form_refuses_a_duplicate_rank(top_ten_collection):
    TopTenCaseFactory(parent=top_ten_collection, rank=2, title="已有案件")
    form = _admin_form(top_ten_collection, 2)
    assert not form.is_valid()
    assert "已有案件" in form.errors["rank"][0]
    assert _admin_form(top_ten_collection, 4).is_valid(), _admin_form(top_ten_collection, 4).errors
