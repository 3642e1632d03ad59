"""English pages go through the same review as Chinese ones."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms.demo.editorial import WORKFLOW_NAME, seed_editorial
from cms.demo.pages import ensure_translation
from tests.factories.cms import PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial(home_page):
    seed_editorial([home_page])
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="reviewer")


def test_translated_tree_gets_the_originals_workflow_and_editors(editorial, home_page):
    # Only the Chinese home has them; translating it shares them with the English tree
    # (otherwise English pages would go to the tree root's default "Moderators approval").
    editor, reviewer = editorial
    english_home = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    assert english_home.get_workflow().name == WORKFLOW_NAME
    assert english_home.permissions_for_user(editor).can_edit()
    assert not english_home.permissions_for_user(editor).can_publish()
    assert english_home.permissions_for_user(reviewer).can_publish()


def test_english_page_submitted_by_an_editor_waits_for_review(
    client, editorial, home_page, policy_index
):
    editor, reviewer = editorial
    ensure_translation(home_page, "Home")
    ensure_translation(policy_index, "Policies")
    policy = PolicyPageFactory(parent=policy_index)
    english = policy.copy_for_translation(Locale.objects.get(language_code="en"))
    assert english.get_workflow().name == WORKFLOW_NAME

    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data = data.dict()
    data["title"] = "An English policy"
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Body.</p>"))])}))
    data["action-submit"] = "Submit"
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    english.refresh_from_db()
    assert not english.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(english.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve", comment="OK")
    english.refresh_from_db()
    assert english.live
    assert english.title == "An English policy"
