"""Editorial groups, their permissions and the review workflow (demo users documented in README)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "编辑 Editors"
REVIEWERS = "审核 Reviewers"
WORKFLOW_NAME = "内容审核 Content review"
TASK_NAME = "审核员审批 Reviewer approval"
DEMO_PASSWORD = "demo-2026"  # noqa: S105 - demo accounts only, documented in README
DEMO_USERS = [("editor", "张编辑", EDITORS), ("reviewer", "李审核", REVIEWERS)]

PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    REVIEWERS: ["add", "change", "publish", "lock", "unlock"],
}
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "document", ["add", "change", "choose"]),
    ("wagtailimages", "image", ["add", "change", "choose"]),
]


def _grant(group, homes):
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        # simple_translation's "Translate" action: the English version starts as a copy.
        Permission.objects.get(
            content_type__app_label="simple_translation", codename="submit_translation"
        ),
    )
    for permission_type in PAGE_PERMISSIONS[group.name]:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        for home in homes:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    root_collection = Collection.get_first_root_node()
    for app_label, model, actions in COLLECTION_PERMISSIONS:
        for action in actions:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


@transaction.atomic
def seed_editorial(homes, stdout=None) -> Workflow:
    """Groups 编辑/审核, demo users, and a workflow whose review task is for reviewers."""
    groups = {}
    for name in (EDITORS, REVIEWERS):
        groups[name], _ = Group.objects.get_or_create(name=name)
        _grant(groups[name], homes)
    users = get_user_model()
    for username, full_name, group_name in DEMO_USERS:
        user, created = users.objects.get_or_create(
            username=username, defaults={"first_name": full_name, "email": f"{username}@example.cn"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(groups[group_name])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([groups[REVIEWERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    if stdout:
        stdout.write(f"  groups {EDITORS} / {REVIEWERS}, users editor / reviewer, workflow ready")
    return workflow
