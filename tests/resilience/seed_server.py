"""Prepare a database for the resilience tests' servers: migrate, reference data, a home page
and a policy page, a staff member with a signed-in session, an Open311 key. Run as
`python -m tests.resilience.seed_server` with DATABASE_URL set; prints JSON on the last line."""

import json
import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.resilience.server_settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from cms import models as cms_models
    from cms.demo import ensure_home_page
    from complaints.api.keys import issue_key
    from complaints.demo import seed_reference_data
    from complaints.models import Bureau, Category, District
    from tests.factories.cms import PolicyPageFactory, add_page
    from tests.factories.complaints import staff_member

    call_command("migrate", interactive=False, verbosity=0)
    seed_reference_data()
    # Legal deadlines run into next year, whose holiday notice the calendar package may lack:
    # enter it as an operator would (New Year's Day), so next year counts as known.
    import datetime

    from complaints.models import WorkingDayOverride

    next_year = datetime.date.today().year + 1
    WorkingDayOverride.objects.get_or_create(
        date=datetime.date(next_year, 1, 1), defaults={"is_working_day": False, "note": "元旦"}
    )
    home = ensure_home_page()
    index = add_page(home, cms_models.PolicyIndexPage(title="政策法规", slug="policies"))
    policy = PolicyPageFactory(parent=index, title="武汉市知识产权保护条例", slug="ip-rules")
    staff = staff_member(Bureau.objects.get(code="jiangan-amr"), username="handler")
    session = SessionStore()
    session[SESSION_KEY] = str(staff.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = staff.get_session_auth_hash()
    session.create()
    _api_key, raw_key = issue_key("resilience tests", rate_limit_per_minute=100_000)
    info = {
        "api_key": raw_key,
        "staff_session": session.session_key,
        "policy_url": policy.url,
        "category": Category.objects.get(code="trademark-infringement").pk,
        "district": District.objects.get(code="jiangan").pk,
    }
    print(json.dumps(info))


if __name__ == "__main__":
    main()
