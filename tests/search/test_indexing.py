"""Index work after commit, failure recording with backoff, retry and rebuild."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from search import indexing
from search.api import index_object, remove_object, search_content
from search.backends.database import DatabaseBackend
from search.models import IndexEntry, PendingIndexOperation

pytestmark = pytest.mark.django_db


def test_work_is_recorded_then_applied_after_commit(
    page_source, django_capture_on_commit_callbacks
):
    page = page_source.by_slug("city-plan")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        index_object(page_source.name, page.id)
        assert PendingIndexOperation.objects.filter(object_id=page.id).exists()
        assert not IndexEntry.objects.exists()
    for callback in callbacks:
        callback()
    assert IndexEntry.objects.get().key == page_source.key(page.id)
    assert not PendingIndexOperation.objects.exists()


def test_the_objects_state_decides_index_or_remove(page_source, django_capture_on_commit_callbacks):
    page = page_source.by_slug("city-plan")
    with django_capture_on_commit_callbacks(execute=True):
        index_object(page_source.name, page.id)
    page.live = False
    with django_capture_on_commit_callbacks(execute=True):
        index_object(page_source.name, page.id)  # unpublished: the source returns no entry
    assert not IndexEntry.objects.exists()
    page.live = True
    with django_capture_on_commit_callbacks(execute=True):
        index_object(page_source.name, page.id)
        remove_object(page_source.name, page.id)  # still live after commit: stays indexed
    assert IndexEntry.objects.count() == 1


def test_engine_down_keeps_the_work_with_backoff_then_retry_clears_it(
    page_source, django_capture_on_commit_callbacks
):
    page = page_source.by_slug("city-plan")
    with (
        mock.patch.object(DatabaseBackend, "index", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        index_object(page_source.name, page.id)
    pending = PendingIndexOperation.objects.get()
    assert pending.attempts == 1 and "down" in pending.last_error
    assert pending.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)
    with mock.patch.object(DatabaseBackend, "index", side_effect=ConnectionError("down")):
        assert indexing.retry_pending(include_not_due=True) == (0, 1)
    pending.refresh_from_db()
    assert pending.attempts == 2
    assert pending.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert indexing.retry_pending() == (0, 0)  # not due yet
    out = StringIO()
    call_command("search_index", "--retry", "--all", stdout=out)
    assert "1 done" in out.getvalue()
    assert not PendingIndexOperation.objects.exists()
    assert search_content("知识产权强市").total == 1


def test_retry_command_fails_loudly_when_work_fails_again(page_source):
    PendingIndexOperation.objects.create(
        source=page_source.name, object_id=1, action="index", next_attempt_at=timezone.now()
    )
    with (
        mock.patch.object(DatabaseBackend, "index", side_effect=ConnectionError("down")),
        pytest.raises(CommandError, match="1 index operations failed"),
    ):
        call_command("search_index", "--retry", stdout=StringIO())


def test_rebuild_command_reports_progress_and_rate(page_source, case_source):
    PendingIndexOperation.objects.create(
        source=page_source.name,
        object_id=3,
        action="index",
        next_attempt_at=timezone.now(),
        requested_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    IndexEntry.objects.create(
        kind="content", key="test.pages:999", source="test.pages", object_id=999, title="stale"
    )
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    output = out.getvalue()
    pages = page_source.count()
    assert f"content: {pages} documents" in output and "documents/s" in output
    assert "case: 5 documents" in output
    assert "[" in output and f"{pages}/{pages}" in output
    assert not IndexEntry.objects.filter(key="test.pages:999").exists()
    assert not PendingIndexOperation.objects.exists()
    assert IndexEntry.objects.count() == pages + 5


def test_rebuild_refreshes_the_planner_statistics_on_postgresql(page_source, case_source):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's (pg_class.reltuples)")
    call_command("search_index", "--rebuild", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [IndexEntry._meta.db_table]
        )
        assert cursor.fetchone()[0] == IndexEntry.objects.count() == page_source.count() + 5


def test_status_command(page_source):
    out = StringIO()
    call_command("search_index", "--status", stdout=out)
    assert "database" in out.getvalue() and "pending operations: 0" in out.getvalue()


def test_migration_queues_entries_stored_in_the_old_format(page_source, settings):
    """0005: old-format pages (and cases with English words) become pending work that the
    ordinary retry re-indexes; Chinese-only cases are left alone."""
    import importlib

    from django.apps import apps
    from django.db import connection

    settings.SEARCH_BACKEND = "database"
    migration = importlib.import_module("search.migrations.0005_reindex_stems_and_ngrams")
    page = page_source.by_slug("city-plan")
    old = {"source": page_source.name, "title": "x"}
    IndexEntry.objects.create(
        kind="content",
        key=page_source.key(page.id),
        object_id=page.id,
        **old,
        title_tokens="知识产权强市 创建",
    )
    IndexEntry.objects.create(
        kind="case",
        key="test.cases:1",
        object_id=1,
        source="test.cases",
        title="x",
        body_tokens="patents 专利",
    )
    IndexEntry.objects.create(
        kind="case",
        key="test.cases:2",
        object_id=2,
        source="test.cases",
        title="x",
        title_tokens="ip 2026 000002",
        body_tokens="专利",
    )
    migration.queue(apps, mock.Mock(connection=connection))
    migration.queue(apps, mock.Mock(connection=connection))  # twice: nothing is doubled
    queued = set(PendingIndexOperation.objects.values_list("source", "object_id"))
    assert queued == {(page_source.name, page.id), ("test.cases", 1)}
    indexing.retry_pending(include_not_due=True)
    assert "强市" in IndexEntry.objects.get(kind="content").title_tokens.split()
