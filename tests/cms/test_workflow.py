"""Editorial workflow (editor submits, reviewer approves or rejects) and scheduled publishing."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from cms import models
from cms.demo.editorial import EDITORS, REVIEWERS, WORKFLOW_NAME, seed_editorial
from tests.factories.cms import PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial(home_page):
    seed_editorial([home_page])
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="reviewer")


def _draft(policy_index, editor):
    page = models.PolicyPage(
        title="待审核政策",
        slug="draft-policy",
        issuer="武汉市人民政府",
        issue_date=date(2026, 1, 1),
        level="municipal",
        live=False,
    )
    policy_index.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_groups_have_the_right_page_permissions(editorial, policy_index):
    editor, reviewer = editorial
    assert editor.groups.filter(name=EDITORS).exists()
    assert reviewer.groups.filter(name=REVIEWERS).exists()
    page = _draft(policy_index, editor)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(reviewer).can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")


def test_submit_then_approve_goes_live(editorial, policy_index):
    editor, reviewer = editorial
    page = _draft(policy_index, editor)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    state = workflow.start(page, editor)
    page.refresh_from_db()
    assert not page.live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in [action[0] for action in task.get_actions(page, reviewer)]
    assert task.get_actions(page, editor) == []
    task.on_action(task_state, reviewer, "approve", comment="同意发布")
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_reject_keeps_the_page_a_draft_with_the_comment(editorial, policy_index):
    editor, reviewer = editorial
    page = _draft(policy_index, editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="请补充文号")
    page.refresh_from_db()
    state.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.comment == "请补充文号"


def test_scheduled_publishing_and_expiry(policy_index):
    page = models.PolicyPage(
        title="定时发布",
        slug="scheduled",
        issuer="武汉市人民政府",
        issue_date=date(2026, 1, 1),
        level="municipal",
        live=False,
    )
    policy_index.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "must not go live before go_live_at"

    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert not Revision.objects.filter(pk=revision.pk, approved_go_live_at__isnull=False).exists()

    models.PolicyPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert page.expired


def test_revisions_can_be_rolled_back(policy_index):
    page = PolicyPageFactory(parent=policy_index, title="第一版")
    first = page.latest_revision
    page.title = "第二版"
    page.save_revision().publish()
    first.as_object().save_revision().publish()
    page.refresh_from_db()
    assert page.title == "第一版"
    assert page.revisions.count() == 3
