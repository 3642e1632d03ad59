"""Guessing tracking numbers or access codes: limited, locked out, and never informative."""

import re

import pytest

from complaints.models import AccessLog
from complaints.services import access
from tests.complaints.intake.test_tracking import look_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

_VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(r'nonce="[^"]+"'),
    re.compile(r'value="IP-[^"]*"'),  # the number typed, echoed back into the form
]


def page_shape(response) -> str:
    html = response.content.decode()
    for pattern in _VOLATILE:
        html = pattern.sub("", html)
    return html


def test_unknown_number_and_wrong_code_get_the_same_page(client, filed):
    wrong = look_up(client, filed.complaint.tracking_number, "AAAAA-BBBBB-CCCCC")
    unknown = look_up(client, "IP-2026-ZZZZZZ", "AAAAA-BBBBB-CCCCC")
    assert wrong.status_code == unknown.status_code == 200
    assert page_shape(wrong) == page_shape(unknown)
    assert set(wrong.headers) == set(unknown.headers)
    assert client.get("/complaints/track/case/").status_code == 302


def test_enumerating_numbers_from_one_address_is_cut_off(client, filed):
    statuses = [
        look_up(client, access.new_tracking_number(), "AAAAA-BBBBB").status_code
        for _ in range(access.ADDRESS_FAILURES + 5)
    ]
    assert statuses[: access.ADDRESS_FAILURES] == [200] * access.ADDRESS_FAILURES
    assert set(statuses[access.ADDRESS_FAILURES :]) == {429}
    # Once cut off, even the right number and code from that address are refused.
    blocked = look_up(client, filed.complaint.tracking_number, filed.access_code)
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert "complaints_track" not in client.session


def test_wrong_codes_from_other_addresses_never_lock_the_owner_out(client, filed):
    """Tracking numbers are public (Open311 lists them): anyone may try codes against one."""
    number = filed.complaint.tracking_number
    for i in range(10):
        guess = look_up(client, number, f"GUESS-{i:05d}", REMOTE_ADDR=f"10.9.0.{i}")
        assert guess.status_code == 200
    owner = look_up(client, number, filed.access_code, REMOTE_ADDR="10.9.1.1")
    assert owner.status_code == 302
    assert client.session["complaints_track"]["id"] == filed.complaint.pk


def test_past_the_numbers_ceiling_wrong_guesses_are_refused_and_the_owner_still_gets_in(
    client, filed, monkeypatch
):
    monkeypatch.setattr(access, "NUMBER_FAILURES", 5)  # a low ceiling keeps the test short
    number = filed.complaint.tracking_number
    for i in range(5):
        look_up(client, number, f"GUESS-{i:05d}", REMOTE_ADDR=f"10.9.0.{i}")
    for address in ("10.9.2.1", "10.9.2.2"):
        refused = look_up(client, number, "GUESS-X", REMOTE_ADDR=address)
        assert refused.status_code == 429, address
        assert "complaints_track" not in client.session
    assert AccessLog.objects.filter(complaint=filed.complaint, action="track_locked").count() == 2
    owner = look_up(client, number, filed.access_code, REMOTE_ADDR="10.9.1.1")
    assert owner.status_code == 302


def test_the_ceiling_looks_the_same_for_unknown_numbers(client, filed, monkeypatch):
    """A refusal that only known numbers could reach would itself reveal which exist."""
    monkeypatch.setattr(access, "NUMBER_FAILURES", 5)
    known, unknown = filed.complaint.tracking_number, "IP-2026-ZZZZZZ"
    for number in (known, unknown):
        for i in range(5):
            look_up(client, number, f"GUESS-{i}", REMOTE_ADDR=f"10.8.{len(number)}.{i}")
    a = look_up(client, known, "GUESS-X", REMOTE_ADDR="10.8.9.1")
    b = look_up(client, unknown, "GUESS-X", REMOTE_ADDR="10.8.9.2")
    assert a.status_code == b.status_code == 429
    assert page_shape(a) == page_shape(b)


def test_access_codes_are_long_enough_not_to_be_guessed():
    codes = {access.normalize_code(access.new_access_code()) for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == access.ACCESS_CODE_LENGTH for code in codes)
    assert access.ACCESS_CODE_LENGTH * 4.95 >= 128  # log2(31) ≈ 4.95 bits per symbol


def test_tracking_number_variants_count_towards_the_same_ceiling(client, filed, monkeypatch):
    monkeypatch.setattr(access, "NUMBER_FAILURES", 5)
    number = filed.complaint.tracking_number
    for i in range(5):
        look_up(client, number, f"GUESS-{i}", REMOTE_ADDR=f"10.7.0.{i}")
    for variant in (number.lower(), f"  {number} ", number.replace("-", "- ")):
        response = look_up(client, variant, "GUESS-X", REMOTE_ADDR="10.7.1.1")
        assert response.status_code == 429, variant
        assert "complaints_track" not in client.session, variant
