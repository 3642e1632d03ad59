"""Database-backend specifics: the stored segmentation and the vendor's full-text index."""

import pytest
from django.db import connection

from search.api import search_content
from search.models import IndexEntry


@pytest.fixture
def db_indexed(settings, indexed):
    assert settings.SEARCH_BACKEND == "database"
    return indexed


@pytest.mark.parametrize("search_backend", ["database"], indirect=True)
def test_custom_dictionary_keeps_ip_terms_whole(db_indexed):
    entry = IndexEntry.objects.get(title__contains="双随机一公开的实施意见")
    assert "双随机一公开" in entry.title_tokens.split()
    entry = IndexEntry.objects.get(title="武汉市知识产权质押融资管理办法")
    assert {"知识产权", "质押融资", "知识", "产权"} <= set(entry.title_tokens.split())


@pytest.mark.parametrize("search_backend", ["database"], indirect=True)
def test_full_text_index_follows_updates_and_deletes(db_indexed):
    entry = IndexEntry.objects.get(title="湖北省专利条例")
    entry.title_tokens = "莲藕 条例"
    entry.body_tokens = ""
    entry.save()
    assert "湖北省专利条例" not in [hit.title for hit in search_content("专利", page_size=50).hits]
    assert [hit.title for hit in search_content("莲藕条例").hits] == ["湖北省专利条例"]
    entry.delete()
    assert search_content("莲藕条例").total == 0


@pytest.mark.parametrize("search_backend", ["database"], indirect=True)
def test_title_matches_rank_above_body_matches(db_indexed):
    hits = search_content("白皮书").hits
    assert all("白皮书" in hit.title for hit in hits[:2])


@pytest.mark.django_db
def test_vendor_index_exists():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_indexentry_fts'")
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname = 'search_indexentry_vector_gin'"
            )
        assert cursor.fetchone()
