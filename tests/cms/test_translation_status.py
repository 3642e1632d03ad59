"""Translation status: missing, outdated, up to date; the report; the editor's notice."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from cms.demo.editorial import seed_editorial
from cms.demo.pages import ensure_translation
from cms.models import TranslationSync
from cms.translation_status import TranslationState, source_pages, with_translation_state
from tests.factories.cms import PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_home(home_page):
    return ensure_translation(home_page, "Home")


@pytest.fixture
def english_index(policy_index, english_home):
    return ensure_translation(policy_index, "Policies")


def _state(page):
    return with_translation_state(source_pages()).get(pk=page.pk).state


def _republish(page, title):
    page.title = title
    page.save_revision().publish()
    page.refresh_from_db()


def test_page_without_english_version_is_missing(english_index):
    policy = PolicyPageFactory(parent=english_index.source_page())
    assert _state(policy) == TranslationState.MISSING


def test_english_draft_is_still_missing(english_index):
    policy = PolicyPageFactory(parent=english_index.source_page())
    draft = policy.copy_for_translation(Locale.objects.get(language_code="en"))
    assert not draft.live
    # Created by the Translate action's copy: the source revision is recorded at once.
    assert TranslationSync.objects.get(translation=draft).source_revision_id == (
        policy.live_revision_id
    )
    assert _state(policy) == TranslationState.MISSING


def test_published_translation_is_up_to_date_then_outdated_then_up_to_date(english_index):
    policy = PolicyPageFactory(parent=english_index.source_page())
    english = ensure_translation(policy, "A policy")
    assert _state(policy) == TranslationState.CURRENT
    made_from = policy.live_revision_id

    _republish(policy, "修订后的政策")
    assert _state(policy) == TranslationState.OUTDATED
    assert TranslationSync.objects.get(translation=english).source_revision_id == made_from

    english.save_revision().publish()
    assert _state(policy) == TranslationState.CURRENT


def test_translation_without_a_record_compares_publication_times(english_index):
    policy = PolicyPageFactory(parent=english_index.source_page())
    ensure_translation(policy, "A policy")
    TranslationSync.objects.all().delete()
    assert _state(policy) == TranslationState.CURRENT
    _republish(policy, "修订后的政策")
    assert _state(policy) == TranslationState.OUTDATED


@pytest.fixture
def editor(home_page, english_home):
    seed_editorial([home_page, english_home])
    return get_user_model().objects.get(username="editor")


def test_report_lists_states_and_filters(client, editor, english_index):
    source_index = english_index.source_page()
    missing = PolicyPageFactory(parent=source_index, title="未翻译的政策")
    outdated = PolicyPageFactory(parent=source_index, title="已过时的政策")
    ensure_translation(outdated, "Outdated policy")
    _republish(outdated, "已过时的政策")
    client.force_login(editor)
    url = reverse("cms_translation_status")

    page = client.get(url).content.decode()
    assert "未翻译的政策" in page and "已过时的政策" in page
    assert reverse("simple_translation:submit_page_translation", args=[missing.pk]) in page
    synced = TranslationSync.objects.get(translation__translation_key=outdated.translation_key)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[outdated.pk, synced.source_revision_id, "live"],
    )
    assert compare in page

    only_outdated = client.get(url, {"state": "outdated"}).content.decode()
    assert "已过时的政策" in only_outdated
    assert "未翻译的政策" not in only_outdated
    only_missing = client.get(url, {"state": "missing"}).content.decode()
    assert "未翻译的政策" in only_missing
    assert "已过时的政策" not in only_missing


def test_report_query_count_does_not_grow_with_pages(client, editor, english_index):
    source_index = english_index.source_page()
    client.force_login(editor)
    url = reverse("cms_translation_status")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    PolicyPageFactory(parent=source_index)
    before = count()
    for number in range(4):
        policy = PolicyPageFactory(parent=source_index)
        if number % 2:
            ensure_translation(policy, f"Policy {number}")
    assert count() == before


def test_report_is_in_the_reports_menu_for_editors(client, editor):
    client.force_login(editor)
    assert (
        reverse("cms_translation_status")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_editing_an_outdated_translation_shows_a_notice(client, editor, english_index):
    policy = PolicyPageFactory(parent=english_index.source_page())
    english = ensure_translation(policy, "A policy")
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert "中文原文在本译文之后有新的发布版本" not in client.get(edit).content.decode()
    _republish(policy, "修订后的政策")
    page = client.get(edit).content.decode()
    assert "中文原文在本译文之后有新的发布版本" in page
    assert (
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[policy.pk, english.translation_sync.source_revision_id, "live"],
        )
        in page
    )
