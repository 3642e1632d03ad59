"""The web wizard files a case in the language the citizen read it in (issue 17): the receipt
and later messages go out in that language."""

import re

import pytest

from complaints.models import Complaint
from complaints.notifications.models import Notification

from .conftest import walk_to_review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def submit(client, prefix):
    page = client.get(f"{prefix}/complaints/new/review/")
    token = page.context["form"].initial["form_token"]
    data = {"consent": "on", "form_token": token, "nav": "submit"}
    return client.post(f"{prefix}/complaints/new/review/", data)


@pytest.mark.parametrize(("prefix", "language"), [("/en", "en"), ("", "zh-hans")])
def test_the_wizard_files_in_the_page_language(
    client, answers, prefix, language, django_capture_on_commit_callbacks
):
    walk_to_review(client, answers)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, prefix)
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.language == language
    receipt = Notification.objects.get(channel="sms", purpose="confirmation")
    assert case.tracking_number in receipt.body
    if language == "en":
        assert receipt.body.startswith("[Wuhan IP Public Service Portal] Your ")
        assert not CHINESE.search(receipt.subject)
    else:
        assert receipt.body.startswith("【武汉知识产权公共服务平台】您的")
