"""居民身份证 and 统一社会信用代码 with a wrong check character are refused by the wizard."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.services import validators
from tests.complaints.intake.conftest import walk_to_review

VALID_ID = "11010519491231002X"
VALID_USCC = "91420100MA4KL1234M"


def wrong_check(value: str, alphabet: str) -> list[str]:
    return [value[:17] + c for c in alphabet if c != value[17]]


BAD_IDS = wrong_check(VALID_ID, "0123456789X")
BAD_USCCS = wrong_check(VALID_USCC, validators._USCC_ALPHABET)


def test_the_fixtures_own_numbers_are_valid():
    assert validators.is_valid_resident_id(VALID_ID)
    assert validators.is_valid_uscc(VALID_USCC)


@given(st.text("0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
@settings(max_examples=50, deadline=None, database=None)
def test_only_the_computed_check_digit_is_accepted(first17, last):
    valid = validators.is_valid_resident_id(first17 + last)
    if valid:
        assert last == validators.resident_id_check_digit(first17)


@given(st.text(validators._USCC_ALPHABET, min_size=17, max_size=17), st.data())
@settings(max_examples=50, deadline=None, database=None)
def test_uscc_with_any_other_check_character_is_refused(first17, data):
    right = validators.uscc_check_char(first17)
    wrong = data.draw(st.sampled_from(validators._USCC_ALPHABET).filter(lambda c: c != right))
    assert not validators.is_valid_uscc(first17 + wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("number", [*BAD_IDS[:4], "11010519491231002", "110105194913310021"])
def test_wizard_refuses_a_resident_id_with_a_bad_check_digit(
    client, answers, nothing_stored, number
):
    walk_to_review(client, answers, steps=("what",))
    data = dict(answers["who"], complainant_id_type="resident_id", complainant_id_number=number)
    response = client.post("/complaints/new/who/", data)
    assert response.status_code == 200
    assert "身份证号码不正确" in str(response.context["form"].errors["complainant_id_number"])
    assert client.get("/complaints/new/respondent/").status_code == 302  # cannot skip ahead
    nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize("code", [*BAD_USCCS[:4], "91420100MA4KL1234I", "9142010OMA4KL1234M"])
def test_wizard_refuses_a_credit_code_with_a_bad_check_character(
    client, answers, nothing_stored, code
):
    walk_to_review(client, answers, steps=("what",))
    as_complainant = dict(answers["who"], complainant_id_type="uscc", complainant_id_number=code)
    response = client.post("/complaints/new/who/", as_complainant)
    assert "统一社会信用代码不正确" in str(response.context["form"].errors)
    walk_to_review(client, answers, steps=("who",))
    response = client.post(
        "/complaints/new/respondent/", dict(answers["respondent"], respondent_credit_code=code)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("respondent_credit_code")
    nothing_stored()


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(first17=st.text("0123456789", min_size=17, max_size=17), last=st.sampled_from("0123X"))
def test_wizard_accepts_a_resident_id_only_with_the_right_check_digit(
    client, answers, first17, last
):
    walk_to_review(client, answers, steps=("what",))
    number = first17 + last
    data = dict(answers["who"], complainant_id_type="resident_id", complainant_id_number=number)
    response = client.post("/complaints/new/who/", data)
    assert (response.status_code == 302) == validators.is_valid_resident_id(number)
