"""The CMS and complaints registrations: indexing follows publishing and case changes."""

import pytest
from django.core.cache import cache

from complaints.models import Complaint
from complaints.permissions import bureau_ids
from complaints.services import lifecycle
from search.api import search_case_ids, search_content
from search.models import IndexEntry, PendingIndexOperation
from search.registry import get_source
from tests.factories.complaints import UserFactory, file_complaint, staff_member


@pytest.fixture
def demo_pages(db, django_capture_on_commit_callbacks):
    from cms.demo import seed_pages

    with django_capture_on_commit_callbacks(execute=True):
        seed_pages()


@pytest.fixture
def reference_data(db):
    from complaints.demo import seed_reference_data

    cache.clear()
    seed_reference_data()


def test_published_pages_are_indexed_on_publish(demo_pages):
    assert IndexEntry.objects.filter(source="cms.pages").count() == get_source("cms.pages").count()
    hits = search_content("知识产权强市").hits
    assert any("强市" in hit.title for hit in hits)
    assert all(hit.url.startswith("/") for hit in hits)
    assert not PendingIndexOperation.objects.exists()


def test_page_text_carries_headings_but_not_block_settings(demo_pages):
    """A heading's level is layout: its choice label must not show up in results as text."""
    bodies = IndexEntry.objects.filter(source="cms.pages").values_list("body", flat=True)
    assert any("要点" in body for body in bodies)  # the demo's heading text is indexed
    assert not any("二级标题" in body or "三级标题" in body for body in bodies)


def test_unpublished_and_deleted_pages_leave_the_index(
    demo_pages, django_capture_on_commit_callbacks
):
    from cms.models import NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="zh-hans").first()
    key = get_source("cms.pages").key(news.pk)
    assert IndexEntry.objects.filter(key=key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert not IndexEntry.objects.filter(key=key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert IndexEntry.objects.filter(key=key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        news.delete()
    assert not IndexEntry.objects.filter(key=key).exists()


def test_cases_are_indexed_on_intake_and_change(reference_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = file_complaint(respondent_name="武汉光谷某芯片有限公司").complaint
    assert search_case_ids("光谷芯片", bureau_ids=[case.bureau_id]) == [case.pk]
    assert search_case_ids("光谷芯片", bureau_ids=[case.bureau_id + 1000]) == []
    assert search_case_ids("张三丰", bureau_ids=None) == []  # complainant data is not indexed
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.transition(case, "withdrawn", actor=None)
    assert search_case_ids("光谷芯片", bureau_ids=None, statuses=["withdrawn"]) == [case.pk]
    with django_capture_on_commit_callbacks(execute=True):
        Complaint.objects.filter(pk=case.pk).delete()
    assert search_case_ids("光谷芯片", bureau_ids=None) == []


def case_ids_for_staff(user, query: str) -> list[int]:
    """What the dashboard asks the search app for: the query inside the user's bureaus."""
    return search_case_ids(query, bureau_ids=bureau_ids(user))


def test_staff_search_uses_the_users_bureaus(reference_data, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import AnonymousUser

    from complaints.models import Bureau

    with django_capture_on_commit_callbacks(execute=True):
        case = file_complaint(respondent_name="武汉光谷某芯片有限公司").complaint
    other = Bureau.objects.exclude(pk=case.bureau_id).first()
    assert case_ids_for_staff(staff_member(case.bureau), "芯片") == [case.pk]
    assert case_ids_for_staff(staff_member(other), "芯片") == []
    assert case_ids_for_staff(UserFactory(), "芯片") == []
    assert case_ids_for_staff(UserFactory(is_superuser=True), "芯片") == [case.pk]
    assert case_ids_for_staff(AnonymousUser(), "芯片") == []
