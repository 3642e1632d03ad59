"""The English site: English pages where they exist, and plainly "Chinese only" where not."""

import json
from pathlib import Path

import pytest

from cms.demo.pages import ensure_translation
from tests.factories.cms import PolicyPageFactory

NOTICE = "仅有中文版：此页面尚无英文版本，以下为中文原文。"
BADGE = "仅中文"
TABLE = Path(__file__).resolve().parents[2] / "locale/en/json/translation_workflow.json"


def test_the_english_wording_says_available_in_chinese_only():
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert table[NOTICE].startswith("Available in Chinese only")
    assert table[BADGE] == "Chinese only"


@pytest.mark.django_db
def test_untranslated_page_carries_the_notice(client, home_page, policy_index):
    ensure_translation(home_page, "Home")
    page = PolicyPageFactory(parent=policy_index, title="仅有中文的政策")
    html = client.get(f"/en{page.url}").content.decode()
    assert 'class="alert alert-warning untranslated-notice" role="note"' in html
    assert "untranslated-notice" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_listing_marks_chinese_only_entries(client, home_page, policy_index):
    ensure_translation(home_page, "Home")
    ensure_translation(policy_index, "Policies")
    translated = PolicyPageFactory(parent=policy_index, title="已翻译的政策")
    ensure_translation(translated, "A translated policy")
    PolicyPageFactory(parent=policy_index, title="未翻译的政策")
    html = client.get("/en/policies/").content.decode()
    untranslated_entry = html[html.index("未翻译的政策") :][:300]
    translated_entry = html[html.index("A translated policy") :][:300]
    assert 'class="badge text-bg-light border fw-normal chinese-only"' in untranslated_entry
    assert "chinese-only" not in translated_entry
    # The Chinese title is marked as Chinese for screen readers; the badge is in English.
    assert 'lang="zh-Hans">未翻译的政策</a>' in html


@pytest.mark.django_db
def test_chinese_site_shows_no_badge(client, policy_index):
    PolicyPageFactory(parent=policy_index, title="政策")
    assert "chinese-only" not in client.get("/policies/").content.decode()
