"""The Django admin lists the respondent portal's rows and never shows an invitation's hash."""

import pytest
from django.test import Client

from tests.factories.complaints import UserFactory
from tests.factories.respondents import invited_case, respondent_login

pytestmark = pytest.mark.django_db


def test_admin_lists_every_respondent_model(calendar, supervisor_a):
    case, code = invited_case(supervisor_a)
    respondent_login(code)
    from respondents.models import Invitation

    invitation = Invitation.objects.get(complaint=case)
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    for name in (
        "enterprise",
        "respondentuser",
        "invitation",
        "respondentcase",
        "respondentanswer",
    ):
        assert client.get(f"/django-admin/respondents/{name}/").status_code == 200, name
    detail = client.get(f"/django-admin/respondents/invitation/{invitation.pk}/change/")
    assert detail.status_code == 200
    assert invitation.token_hash not in detail.content.decode()
