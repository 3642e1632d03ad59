"""Guessing tracking numbers or access codes: limited, locked out, and never informative."""

import re

import pytest

from complaints.models import AccessLog
from complaints.services import access
from complaints.views import track
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
        for _ in range(track.IP_LIMIT + 5)
    ]
    assert statuses[: track.IP_LIMIT] == [200] * track.IP_LIMIT
    assert set(statuses[track.IP_LIMIT :]) == {429}
    # Once cut off, even the right number and code from that address are refused.
    blocked = look_up(client, filed.complaint.tracking_number, filed.access_code)
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert "complaints_track" not in client.session


def test_brute_forcing_one_code_locks_the_number_for_every_address(client, filed):
    number = filed.complaint.tracking_number
    for i in range(track.NUMBER_FAILURES):
        guess = look_up(client, number, f"GUESS-{i:05d}", REMOTE_ADDR=f"10.9.0.{i}")
        assert guess.status_code == 200
    for address in ("10.9.1.1", "10.9.1.2"):
        locked = look_up(client, number, filed.access_code, REMOTE_ADDR=address)
        assert locked.status_code == 429, address
        assert "complaints_track" not in client.session
    assert AccessLog.objects.filter(complaint=filed.complaint, action="track_locked").count() == 2


def test_lock_out_looks_the_same_for_unknown_numbers(client, filed):
    """A lock-out that only known numbers could reach would itself reveal which exist."""
    known, unknown = filed.complaint.tracking_number, "IP-2026-ZZZZZZ"
    for number in (known, unknown):
        for i in range(track.NUMBER_FAILURES):
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


def test_tracking_number_or_code_variants_do_not_bypass_the_lock(client, filed):
    number = filed.complaint.tracking_number
    for i in range(track.NUMBER_FAILURES):
        look_up(client, number, f"GUESS-{i}", REMOTE_ADDR=f"10.7.0.{i}")
    for variant in (number.lower(), f"  {number} ", number.replace("-", "- ")):
        response = look_up(client, variant, filed.access_code, REMOTE_ADDR="10.7.1.1")
        assert response.status_code in (200, 429), variant
        assert "complaints_track" not in client.session, variant
