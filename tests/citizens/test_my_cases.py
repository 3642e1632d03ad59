"""My cases: only the verified phone's cases, newest first, paged, in a constant number of
queries; opening one without its access code; resetting a lost access code."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizens import services
from complaints.models import AccessLog, CaseEvent, Complaint, Kind
from complaints.notifications.models import Notification
from complaints.services import access
from tests.factories.citizens import sign_in
from tests.factories.complaints import file_complaint

PHONE = "13812345678"
OTHER = "13900001111"


def listed(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [row.find("code").get_text() for row in page.select("[data-testid=case]")]


def backdate(case: Complaint, days: int) -> Complaint:
    Complaint.objects.filter(pk=case.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )
    return case


@pytest.fixture
def cases(reference_data):
    """Mine in three stored spellings, someone else's, and an anonymous report."""
    mine = [
        backdate(file_complaint(complainant_phone=PHONE).complaint, 30),
        backdate(file_complaint(complainant_phone="+86 138-1234-5678").complaint, 20),
        backdate(file_complaint(complainant_phone="138 1234 5678").complaint, 10),
    ]
    other = file_complaint(complainant_phone=OTHER).complaint
    anonymous = file_complaint(
        "counterfeit-goods", kind=Kind.REPORT, is_anonymous=True, complainant_phone=""
    ).complaint
    return {"mine": mine, "other": other, "anonymous": anonymous}


@pytest.mark.django_db
def test_lists_only_this_phones_cases_newest_first(client, cases):
    sign_in(client, PHONE)

    response = client.get("/account/")

    expected = [case.tracking_number for case in reversed(cases["mine"])]
    assert listed(response) == expected
    text = response.content.decode()
    assert cases["other"].tracking_number not in text
    assert cases["anonymous"].tracking_number not in text


@pytest.mark.django_db
def test_matching_only_after_verification(client, cases):
    """Asking for a code (without entering it) shows nothing."""
    client.post("/account/", {"phone": PHONE})
    response = client.get("/account/")
    assert listed(response) == [] and "citizens/sign_in.html" in [
        t.name for t in response.templates
    ]


@pytest.mark.django_db
def test_keyset_pages(client, cases, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 2)
    sign_in(client, PHONE)

    first = client.get("/account/")
    cursor = BeautifulSoup(first.content, "html.parser").find("a", string="更早的案件")["href"]
    second = client.get("/account/" + cursor)

    numbers = [case.tracking_number for case in reversed(cases["mine"])]
    assert listed(first) == numbers[:2]
    assert listed(second) == numbers[2:]
    assert "更早的案件" not in second.content.decode()
    # A malformed cursor is ignored, not an error.
    assert listed(client.get("/account/?after=nonsense")) == numbers[:2]


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_cases(client, reference_data):
    file_complaint(complainant_phone=PHONE)
    sign_in(client, PHONE)
    one = count_queries(client)

    for _ in range(6):
        file_complaint(complainant_phone=PHONE, district=None, is_online=True)
    seven = count_queries(client)

    assert len(listed(client.get("/account/"))) == 7
    assert one == seven


@pytest.mark.django_db
def test_opens_own_case_without_the_access_code(client, cases):
    sign_in(client, PHONE)
    case = cases["mine"][0]

    response = client.post(f"/account/cases/{case.pk}/open/")

    assert response["Location"] == "/complaints/track/case/"
    page = client.get("/complaints/track/case/")
    assert page.status_code == 200 and case.tracking_number in page.content.decode()
    assert AccessLog.objects.filter(complaint=case, action="account_open").count() == 1


@pytest.mark.django_db
def test_cannot_open_someone_elses_case(client, cases):
    sign_in(client, PHONE)

    response = client.post(f"/account/cases/{cases['other'].pk}/open/")

    assert response.status_code == 404
    assert client.get("/complaints/track/case/")["Location"] == "/complaints/track/"
    assert not AccessLog.objects.filter(action="account_open").exists()


@pytest.mark.django_db
def test_opening_needs_a_signed_in_citizen(client, cases):
    response = client.post(f"/account/cases/{cases['mine'][0].pk}/open/")
    assert response["Location"] == "/account/"
    assert client.get("/complaints/track/case/")["Location"] == "/complaints/track/"


@pytest.mark.django_db
def test_signing_out_ends_the_opened_case_too(client, cases):
    sign_in(client, PHONE)
    client.post(f"/account/cases/{cases['mine'][0].pk}/open/")
    client.post("/account/sign-out/")
    assert client.get("/complaints/track/case/")["Location"] == "/complaints/track/"


@pytest.mark.django_db
def test_reset_access_code(client, reference_data):
    filed = file_complaint(complainant_phone=PHONE)
    case, old = filed.complaint, filed.access_code
    notified = list(Notification.objects.filter(complaint=case).values_list("pk", flat=True))
    sign_in(client, PHONE)

    response = client.post(f"/account/cases/{case.pk}/reset-code/")

    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("max-age=0")
    new = BeautifulSoup(response.content, "html.parser").find(attrs={"data-testid": "access-code"})
    new = new.get_text()
    assert new != old
    assert access.verify(case.tracking_number, old) is None
    assert access.verify(case.tracking_number, new) == case
    event = CaseEvent.objects.get(complaint=case, action="access_code_reset")
    assert event in case.events.for_complainant()
    # Not a public note: the public latest note stays the bureau's, and nothing is sent.
    assert event not in case.events.public()
    assert not Notification.objects.filter(complaint=case).exclude(pk__in=notified).exists()
    assert AccessLog.objects.filter(complaint=case, action="account_code_reset").exists()
    # The new code opens the tracking page the usual way, and the event is shown there.
    lookup = client.post(
        "/complaints/track/", {"tracking_number": case.tracking_number, "access_code": new}
    )
    assert lookup["Location"] == "/complaints/track/case/"
    assert services.RESET_NOTE in client.get("/complaints/track/case/").content.decode()


@pytest.mark.django_db
def test_cannot_reset_someone_elses_code(client, reference_data):
    theirs = file_complaint(complainant_phone=OTHER)
    sign_in(client, PHONE)

    response = client.post(f"/account/cases/{theirs.complaint.pk}/reset-code/")

    assert response.status_code == 404
    assert access.verify(theirs.complaint.tracking_number, theirs.access_code) is not None
    assert not CaseEvent.objects.filter(action="access_code_reset").exists()


@pytest.mark.django_db
def test_reset_is_post_only(client, reference_data):
    case = file_complaint(complainant_phone=PHONE).complaint
    sign_in(client, PHONE)
    assert client.get(f"/account/cases/{case.pk}/reset-code/").status_code == 405
