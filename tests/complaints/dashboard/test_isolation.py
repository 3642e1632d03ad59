"""A handler of bureau A never sees bureau B's cases: 404 in every view, absent from lists."""

import pytest
from django.urls import reverse

from complaints.models import Status
from complaints.services import lifecycle
from search import api as search_api
from tests.factories.complaints import UserFactory

pytestmark = pytest.mark.django_db


def test_detail_of_another_bureau_is_404(login, handler_a, case_a, case_b):
    client = login(handler_a)
    assert client.get(reverse("dashboard:case", args=[case_a.pk])).status_code == 200
    assert client.get(reverse("dashboard:case", args=[case_b.pk])).status_code == 404


@pytest.mark.parametrize("action", ["accept", "refuse", "assign", "transfer", "extend", "bogus"])
def test_actions_on_another_bureaus_case_are_404(login, handler_a, case_b, action):
    response = login(handler_a).post(reverse("dashboard:act", args=[case_b.pk, action]), {})
    assert response.status_code == 404
    case_b.refresh_from_db()
    assert case_b.status == Status.SUBMITTED


def test_queue_and_exports_list_only_own_bureau(login, handler_a, case_a, case_b):
    client = login(handler_a)
    page = client.get(reverse("dashboard:queue")).content.decode()
    assert case_a.tracking_number in page and case_b.tracking_number not in page
    csv_body = b"".join(client.get(reverse("dashboard:export_queue_csv")).streaming_content)
    assert case_a.tracking_number.encode() in csv_body
    assert case_b.tracking_number.encode() not in csv_body


def test_search_in_queue_is_restricted_to_own_bureau(login, handler_a, case_a, case_b):
    search_api.rebuild()  # index work runs on commit, which a test transaction never reaches
    client = login(handler_a)
    found = client.post(reverse("dashboard:search"), {"q": "运动鞋"}, follow=True)
    assert [case.pk for case in found.context["cases"]] == [case_a.pk]  # both mention 运动鞋
    other = client.post(reverse("dashboard:search"), {"q": case_b.tracking_number}, follow=True)
    assert list(other.context["cases"]) == []


def test_evidence_of_another_bureau_is_404(login, handler_a, case_b):
    url = reverse("dashboard:evidence", args=[case_b.pk, 1])
    assert login(handler_a).get(url).status_code == 404


def test_transferred_case_stays_readable_but_not_actionable(login, handler_a, bureau_b, case_a):
    lifecycle.transfer(case_a, to_bureau=bureau_b, actor=handler_a, reason="属专利纠纷")
    client = login(handler_a)
    response = client.get(reverse("dashboard:case", args=[case_a.pk]))
    assert response.status_code == 200
    assert "只能查看" in response.content.decode()
    assert response.context["actions"] == []
    post = client.post(reverse("dashboard:act", args=[case_a.pk, "accept"]), {})
    assert post.status_code == 404
    queue = client.get(reverse("dashboard:queue")).content.decode()
    assert case_a.tracking_number not in queue


def test_anonymous_goes_to_login_and_non_staff_is_refused(client, reference_data):
    response = client.get(reverse("dashboard:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:login"))
    client.force_login(UserFactory(username="citizen"))
    assert client.get(reverse("dashboard:queue")).status_code == 403


def test_demo_style_non_is_staff_user_can_log_in(client, handler_a):
    assert not handler_a.is_staff
    response = client.post(
        reverse("dashboard:login"), {"username": "handler_a", "password": "pw-for-tests"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:queue")
    assert client.get(reverse("dashboard:queue")).status_code == 200


def test_superuser_sees_every_bureau(login, case_a, case_b):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    page = login(admin).get(reverse("dashboard:queue")).content.decode()
    assert case_a.tracking_number in page and case_b.tracking_number in page
