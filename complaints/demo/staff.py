"""Demo staff accounts (documented in the README; demo only, never in production)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from complaints.models import Bureau, Role, StaffMembership

# Documented demo accounts only; seed_demo is never run in production.
DEMO_PASSWORD = "demo-2026"  # noqa: S105
DEMO_STAFF = [
    # username, full name, bureau codes, role
    ("ipo_handler", "王敏", ["wh-ipo"], Role.HANDLER),
    ("ipo_supervisor", "李强", ["wh-ipo"], Role.SUPERVISOR),
    ("amr_handler", "陈静", ["wh-amr"], Role.HANDLER),
    ("jiangan_handler", "刘洋", ["jiangan-amr"], Role.HANDLER),
    ("jiangan_supervisor", "赵磊", ["jiangan-amr"], Role.SUPERVISOR),
    ("copyright_handler", "孙丽", ["wh-copyright", "wuchang-culture"], Role.HANDLER),
    ("copyright_supervisor", "周涛", ["wh-copyright", "wuchang-culture"], Role.SUPERVISOR),
]


@transaction.atomic
def seed_staff(stdout=None) -> None:
    users = get_user_model()
    admin, created = users.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "管理员"}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for username, full_name, bureau_codes, role in DEMO_STAFF:
        user, created = users.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": False,
                "email": f"{username}@example.cn",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for bureau in Bureau.objects.filter(code__in=bureau_codes):
            StaffMembership.objects.update_or_create(
                user=user, bureau=bureau, defaults={"role": role}
            )
    if stdout:
        stdout.write(f"  staff: admin + {len(DEMO_STAFF)} demo users, password {DEMO_PASSWORD}")
