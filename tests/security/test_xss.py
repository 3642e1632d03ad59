"""Script in every text field is shown as text: staff case page and queue, the citizen's
tracking page, the wizard's review page and the Open311 XML."""

import pytest

from complaints.models import Role
from complaints.services import lifecycle
from tests.complaints.intake.conftest import walk_to_review
from tests.factories.complaints import file_complaint, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

ATTRIBUTE_BREAKER = "\"'><img src=x onerror=alert(1)>"
RAW_MARKERS = ("<img src=x onerror", 'href="javascript:')


# Every free-text field a citizen fills in, each with its own payload (18 characters: it fits
# the shortest column, the credit code).
TEXT_FIELDS = [
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_id_number",
    "complainant_address",
    "agent_name",
    "respondent_name",
    "respondent_credit_code",
    "respondent_address",
    "respondent_shop_name",
    "respondent_url",
    "respondent_platform",
    "ip_right_number",
    "facts",
    "request",
]
LABELS = "abcdefghijklmnopqrstuvwxyz"
PAYLOADS = {name: f"<script>{LABELS[i]}</script>" for i, name in enumerate(TEXT_FIELDS)}


def assert_escaped(html: str, payloads) -> None:
    for payload in payloads:
        assert payload not in html, f"raw payload {payload!r} in the page"
    for marker in RAW_MARKERS:
        assert marker not in html, f"raw {marker!r} in the page"


def hostile_case():
    fields = dict(PAYLOADS)
    for long_field in ("facts", "request", "respondent_name", "respondent_address"):
        fields[long_field] += ATTRIBUTE_BREAKER
    fields["respondent_url"] = "javascript:alert(1)"
    return file_complaint(is_agent_filing=True, **fields)


def test_every_field_is_escaped_on_the_staff_case_page(login, handler_a):
    case = hostile_case().complaint
    html = login(handler_a).get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert_escaped(html, PAYLOADS.values())
    for name, payload in PAYLOADS.items():
        if name != "respondent_url":
            assert payload.replace("<", "&lt;").replace(">", "&gt;") in html, name
    assert "javascript:alert(1)" in html  # shown as text, never as a link


def test_every_field_is_escaped_in_the_queue(login, handler_a):
    hostile_case()
    response = login(handler_a).get("/dashboard/")
    assert response.status_code == 200
    assert_escaped(response.content.decode(), PAYLOADS.values())
    assert "&lt;script&gt;" in response.content.decode()  # the respondent, as text


def test_notes_and_reasons_are_escaped_for_staff_and_citizen(
    client, tracked, bureau_a, login, handler_a
):
    staff = staff_member(bureau_a, Role.SUPERVISOR, username="xss-supervisor")
    case = lifecycle.accept(
        tracked.complaint,
        actor=staff,
        public_note="<script>pub</script>" + ATTRIBUTE_BREAKER,
        internal_note="<script>int</script>",
    )
    staff.first_name = "<script>nm</script>"
    staff.save()
    lifecycle.start_handling(case, actor=staff, public_note="开始办理")
    response = client.post(
        "/complaints/track/case/withdraw/",
        {"reason": "<script>why</script>" + ATTRIBUTE_BREAKER, "confirm": "on"},
    )
    assert response.status_code == 302
    citizen = client.get("/complaints/track/case/").content.decode()
    assert_escaped(citizen, ["<script>pub</script>", "<script>why</script>"])
    assert "&lt;script&gt;pub&lt;/script&gt;" in citizen
    assert "&lt;script&gt;why&lt;/script&gt;" in citizen
    assert "int</script>" not in citizen and "&lt;script&gt;int" not in citizen  # internal
    staff_page = login(handler_a).get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert_escaped(
        staff_page, ["<script>pub</script>", "<script>int</script>", "<script>why</script>"]
    )
    assert "<script>nm</script>" not in staff_page


def test_wizard_review_page_escapes_what_was_typed(client, answers):
    answers["who"]["complainant_name"] = "<script>w1</script>"
    answers["who"]["complainant_address"] = ATTRIBUTE_BREAKER
    answers["respondent"]["respondent_name"] = "<script>w2</script>"
    answers["details"]["facts"] = "<script>w3</script>" + ATTRIBUTE_BREAKER
    answers["details"]["request"] = "<script>w4</script>"
    html = walk_to_review(client, answers).content.decode()
    assert_escaped(html, [f"<script>w{i}</script>" for i in range(1, 5)])
    assert "&lt;script&gt;w3&lt;/script&gt;" in html
    # Going back shows the typed value inside an input: still escaped.
    back = client.get("/complaints/new/who/").content.decode()
    assert_escaped(back, ["<script>w1</script>"])


def test_open311_xml_escapes_public_notes(client, filed, raw_key):
    staff = staff_member(filed.complaint.bureau, username="xml-handler")
    lifecycle.accept(filed.complaint, actor=staff, public_note="<script>xml</script>&")
    number = filed.complaint.tracking_number
    response = client.get(f"/open311/v2/requests/{number}.xml", {"api_key": raw_key})
    assert response.status_code == 200
    assert b"<script>" not in response.content
    assert b"&lt;script&gt;xml&lt;/script&gt;&amp;" in response.content
