"""Rate limiter, challenge and the submission limit."""

import re

import pytest

from complaints.services import challenge, ratelimit
from complaints.views import intake

from .conftest import walk_to_review


def test_fixed_window_limit_and_retry_after():
    for _ in range(3):
        assert ratelimit.hit("k", 3, 60, now=1200.0).allowed
    blocked = ratelimit.hit("k", 3, 60, now=1210.0)
    assert not blocked.allowed and blocked.retry_after == 50
    assert not ratelimit.peek("k", 3, 60, now=1210.0).allowed
    assert ratelimit.hit("k", 3, 60, now=1261.0).allowed  # next window


def test_keys_are_independent():
    assert ratelimit.hit("a", 1, 60, now=0.0).allowed
    assert ratelimit.hit("b", 1, 60, now=0.0).allowed
    assert not ratelimit.hit("a", 1, 60, now=0.0).allowed


def _answer(question):
    a, b = map(int, re.search(r"\((\d) \+ (\d) = \?\)", question).groups())
    return a + b


def test_challenge_right_wrong_tampered_and_replayed():
    issued = challenge.issue()
    answer = _answer(issued.question)
    assert not challenge.verify(issued.token, str(answer + 1))
    assert not challenge.verify(issued.token[:-2] + "xx", str(answer))
    assert challenge.verify(issued.token, str(answer))
    assert not challenge.verify(issued.token, str(answer))  # one use only


def test_challenge_accepts_chinese_numerals():
    issued = challenge.issue()
    answer = _answer(issued.question)
    chinese = "零一二三四五六七八九十"
    spoken = chinese[answer] if answer <= 10 else "十" + chinese[answer - 10]
    assert challenge.verify(issued.token, spoken)


@pytest.mark.django_db
def test_submission_rate_limit_returns_429(client, answers, monkeypatch):
    monkeypatch.setattr(intake, "SUBMIT_LIMIT", 0)
    walk_to_review(client, answers)
    token = client.get("/complaints/new/review/").context["form"].initial["form_token"]
    response = client.post("/complaints/new/review/", {"consent": "on", "form_token": token})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "提交过于频繁" in response.content.decode()
