"""The demo hotline operator (README's demo accounts; demo only, never in production)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from complaints.services.phone_intake import ensure_operator_group

from .staff import DEMO_PASSWORD

OPERATOR_USERNAME = "hotline_operator"


@transaction.atomic
def seed(stdout=None) -> None:
    """The `hotline_operator` group (permission to record calls) and its demo member, who
    works for no bureau: the operator records calls and does not see the case queue."""
    group = ensure_operator_group()
    user, created = get_user_model().objects.get_or_create(
        username=OPERATOR_USERNAME,
        defaults={"first_name": "吴倩", "is_staff": False, "email": "hotline@example.cn"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(group)
    if stdout:
        stdout.write(f"  hotline operator: {OPERATOR_USERNAME}, password {DEMO_PASSWORD}")
