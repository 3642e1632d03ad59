"""The intake form keeps its promises: a chosen file survives a failed step, every step marks
what it requires, and every example it shows passes its own validator."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.forms import intake
from complaints.models import Category, Complaint
from complaints.services import validators

from .conftest import pdf_bytes, walk_to_review

STEPS = ["what", "who", "respondent", "details"]


def submit(client):
    token = client.get("/complaints/new/review/").context["form"].initial["form_token"]
    data = {"consent": "on", "form_token": token, "nav": "submit"}
    return client.post("/complaints/new/review/", data)


@pytest.mark.django_db
def test_evidence_chosen_on_a_failed_step_is_kept_and_filed(client, answers):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    failing = {**answers["details"], "facts": "太短"}  # below the minimum length
    upload = SimpleUploadedFile("合同.pdf", pdf_bytes("contract"), "application/pdf")
    response = client.post("/complaints/new/details/", {**failing, "evidence": upload})

    assert response.status_code == 200 and response.context["form"].errors
    page = BeautifulSoup(response.content, "html.parser")
    assert "已保留：合同.pdf" in page.get_text()
    assert page.find("button", attrs={"name": "nav", "value": "remove-evidence-0"})

    # Corrected without choosing the file again: it is attached on submit.
    walk_to_review(client, answers, steps=("details",))
    assert submit(client).status_code == 302
    complaint = Complaint.objects.get()
    assert [e.original_name for e in complaint.evidence.all()] == ["合同.pdf"]


@pytest.mark.django_db
def test_power_of_attorney_chosen_on_a_failed_step_is_kept(client, answers):
    walk_to_review(client, answers, steps=("what",))
    failing = {**answers["who"], "complainant_phone": "123", "is_agent_filing": "on"}
    failing["agent_name"] = "李律师"
    upload = SimpleUploadedFile("委托书.pdf", pdf_bytes("poa"), "application/pdf")
    response = client.post("/complaints/new/who/", {**failing, "power_of_attorney": upload})

    assert "complainant_phone" in response.context["form"].errors
    assert "已保留：委托书.pdf" in BeautifulSoup(response.content, "html.parser").get_text()
    fixed = {**failing, "complainant_phone": "13812345678"}
    assert client.post("/complaints/new/who/", fixed).status_code == 302  # no second upload


def assert_marked_required(html: str, name: str, step: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    wrapper = page.find(id=f"div_id_{name}") or page.find(id=f"id_{name}").find_parent("div")
    marker = wrapper.find(class_="asteriskField")
    assert marker is not None and marker.get_text() == "*", (step, name)
    hidden = wrapper.find(class_="visually-hidden", string=re.compile("必填"))
    assert hidden is not None, (step, name)
    for element in page.find_all(attrs={"name": name}):
        assert element.has_attr("required") or element.get("aria-required") == "true", (
            step,
            name,
        )


@pytest.mark.django_db
def test_every_field_a_step_requires_is_marked(client, answers):
    """What a step refuses when left empty is exactly what it marks as required beforehand."""
    for step in STEPS:
        refused = client.post(f"/complaints/new/{step}/", {"nav": "next"})
        demanded = {name for name in refused.context["form"].errors if name != "__all__"}
        assert demanded, step
        page = client.get(f"/complaints/new/{step}/")
        for name in demanded:
            assert_marked_required(page.content.decode(), name, step)
        walk_to_review(client, answers, steps=(step,))
    review = client.get("/complaints/new/review/")
    form = review.context["form"]
    refused = intake.FORMS["review"](data={"form_token": "x"}, context=form.context)
    demanded = {name for name in refused.errors if name != "__all__"}
    assert demanded == {"consent"}
    assert_marked_required(review.content.decode(), "consent", "review")


@pytest.mark.django_db
def test_the_ip_right_fields_are_marked_when_the_category_needs_them(client, answers):
    patent = Category.objects.filter(requires_ip_right_number=True).first()
    answers["what"]["category"] = str(patent.pk)
    answers["what"]["kind"] = patent.allowed_kinds[0]
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    html = client.get("/complaints/new/details/").content.decode()
    for name in ("ip_right_type", "ip_right_number"):
        assert_marked_required(html, name, "details")


EXAMPLE = re.compile(r"例如[：:\s]*([^。]+)")


def examples_in(text) -> list[str]:
    """The example values a text shows: what follows 例如, split on 、 and 或."""
    match = EXAMPLE.search(str(text or ""))
    if not match:
        return []
    return [part.strip() for part in re.split(r"、|\s或\s", match.group(1)) if part.strip()]


def shown_examples():
    """(where, example, check) for every example in the intake forms' help texts and
    placeholders and in the IP number error messages."""
    found = []
    for step, form_class in intake.STEPS:
        for name, field in form_class.base_fields.items():
            shown = [field.help_text, field.widget.attrs.get("placeholder")]
            for example in (e for text in shown for e in examples_in(text)):
                found.append((f"{step}.{name}", example, field))
    for right_type, (check, message) in validators.IP_NUMBER_CHECKS.items():
        for example in examples_in(message):
            found.append((f"IP_NUMBER_CHECKS[{right_type}]", example, check))
    return found


def test_examples_are_collected():
    where = {place for place, _example, _check in shown_examples()}
    assert {"details.ip_right_number", "IP_NUMBER_CHECKS[patent]"} <= where
    examples = [example for _where, example, _check in shown_examples()]
    assert "12345678" in examples and "2020SR0123456" in examples


@pytest.mark.parametrize(
    ("where", "example", "check"),
    shown_examples(),
    ids=[f"{where}:{example}" for where, example, _check in shown_examples()],
)
def test_every_example_shown_passes_its_validator(where, example, check):
    if where == "details.ip_right_number":
        # One field for three kinds of number: the example must be valid for one of them.
        assert any(valid(example) for valid, _msg in validators.IP_NUMBER_CHECKS.values())
    elif callable(check) and not hasattr(check, "clean"):
        assert check(example), (where, example)
    else:
        check.clean(example)


def test_patent_check_digit_follows_the_cnipa_rule():
    # Weights 2…9 repeating over the 12 digits, sum mod 11, 10 written as X.
    digits = "202010123456"
    total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)))
    assert validators.patent_check_char(digits) == str(total % 11) == "2"
    assert validators.is_valid_patent_number("ZL202010123456.2")
    assert not validators.is_valid_patent_number("ZL202010123456.7")
