"""The search engine is down: cases and pages still save, the index work is kept in the database
queue with its error and backoff, and the retry drains it once the engine is back, after which
everything is searchable. In-process (works on SQLite and PostgreSQL)."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from benchmarks.common import free_port
from cms import models as cms_models
from complaints.models import Complaint
from portal.health import check_search
from search.api import search_case_ids, search_content
from search.backends.database import DatabaseBackend
from search.models import IndexEntry, PendingIndexOperation
from tests.factories.cms import PolicyPageFactory, add_page
from tests.factories.complaints import file_complaint

pytestmark = pytest.mark.django_db

CASES = "complaints.cases"
PAGES = "cms.pages"


@pytest.fixture
def reference_data(db):
    from complaints.demo import seed_reference_data

    cache.clear()
    seed_reference_data()


@pytest.fixture
def policy_index(home_page):
    return add_page(home_page, cms_models.PolicyIndexPage(title="政策法规", slug="policies"))


def pending() -> dict[tuple[str, int], PendingIndexOperation]:
    return {(op.source, op.object_id): op for op in PendingIndexOperation.objects.all()}


def engine_down():
    """The embedded engine's writes fail as a lost connection would."""
    error = ConnectionError("search engine unreachable")
    return (
        mock.patch.object(DatabaseBackend, "index", side_effect=error),
        mock.patch.object(DatabaseBackend, "remove", side_effect=error),
    )


def test_outage_keeps_the_work_and_the_retry_drains_it(
    reference_data, policy_index, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = "database"
    gone = PolicyPageFactory(parent=policy_index, title="即将撤下的旧办法", slug="old")
    call_command("search_index", "--retry", "--all", stdout=StringIO())  # the site so far
    assert search_content("即将撤下的旧办法").total == 1
    down_index, down_remove = engine_down()
    with down_index, down_remove, django_capture_on_commit_callbacks(execute=True):
        case = file_complaint(respondent_name="汉阳某光电科技有限公司").complaint
        page = PolicyPageFactory(
            parent=policy_index, title="武汉市知识产权纠纷调解办法", slug="mediation"
        )
        page.save_revision().publish()  # a second change to the same page: one queued item
        gone.unpublish()
    # Everything the citizens and editors did is saved.
    assert Complaint.objects.filter(pk=case.pk).exists()
    page.refresh_from_db()
    assert page.live
    # The work is queued with its error and a backoff, once per object.
    queue = pending()
    assert set(queue) == {(CASES, case.pk), (PAGES, page.pk), (PAGES, gone.pk)}
    for operation in queue.values():
        assert operation.attempts >= 1 and "unreachable" in operation.last_error
        assert operation.next_attempt_at > timezone.now()
    assert search_content("纠纷调解办法").total == 0

    # The hourly retry while the engine is still down: kept, counted, backed off further.
    with down_index, down_remove, pytest.raises(CommandError):
        call_command("search_index", "--retry", "--all", stdout=StringIO())
    assert len(pending()) == 3
    assert pending()[(CASES, case.pk)].attempts >= 2

    # The engine is back: the scheduled retry (only work that is due) drains the queue.
    PendingIndexOperation.objects.update(next_attempt_at=timezone.now())
    out = StringIO()
    call_command("search_index", "--retry", stdout=out)
    assert "3 done, 0 still pending" in out.getvalue()
    assert not PendingIndexOperation.objects.exists()
    assert [hit.title for hit in search_content("纠纷调解办法").hits] == [page.title]
    assert search_content("即将撤下的旧办法").total == 0  # the unpublish was applied too
    assert search_case_ids("汉阳某光电科技", bureau_ids=None) == [case.pk]


def test_elasticsearch_unreachable(
    reference_data, policy_index, settings, django_capture_on_commit_callbacks
):
    """The production engine at a closed port: the real client's connection errors."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    with django_capture_on_commit_callbacks(execute=True):
        case = file_complaint(respondent_name="青山某贸易商行").complaint
        page = PolicyPageFactory(parent=policy_index, title="商标品牌培育办法", slug="brand")
    assert Complaint.objects.filter(pk=case.pk).exists() and page.live
    queue = pending()
    assert {(CASES, case.pk), (PAGES, page.pk)} <= set(queue)
    for key in ((CASES, case.pk), (PAGES, page.pk)):
        assert queue[key].attempts == 1 and "Connection" in queue[key].last_error
    assert check_search()[0] is False  # /healthz reports the engine down
    later = timezone.now() + datetime.timedelta(seconds=1)
    with pytest.raises(CommandError):
        call_command("search_index", "--retry", "--all", stdout=StringIO())
    assert set(pending()) == set(queue)
    assert all(op.next_attempt_at > later for op in pending().values())

    # However long the outage, nothing is lost: the same queue, applied to a working engine.
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None
    IndexEntry.objects.all().delete()
    call_command("search_index", "--retry", "--all", stdout=StringIO())
    assert not PendingIndexOperation.objects.exists()
    assert search_content("商标品牌培育办法").total == 1
    assert search_case_ids("青山某贸易商行", bureau_ids=None) == [case.pk]
