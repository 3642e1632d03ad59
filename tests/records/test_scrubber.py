"""The scrubber on the labelled corpus: every identifier must go; recall per kind printed."""

import json
from pathlib import Path

import pytest

from records import scrubber
from records.evaluation import evaluate, survives

CORPUS = json.loads(Path(__file__).with_name("scrubber_corpus.json").read_text(encoding="utf-8"))


def test_corpus_is_large_and_covers_every_kind():
    assert len(CORPUS) >= 60
    kinds = {item["kind"] for text in CORPUS for item in text["identifiers"]}
    assert {"name", "phone", "id_number", "address", "email", "bank_card", "plate"} <= kinds
    for text in CORPUS:  # a label that is not in its text would test nothing
        for item in text["identifiers"]:
            assert item["value"] in text["text"], item


def test_no_identifier_of_the_corpus_survives(capsys):
    report = evaluate(CORPUS)
    with capsys.disabled():
        print(f"\nscrubber recall on {report.texts} texts, {report.total} identifiers:")
        for kind, (found, total) in sorted(report.by_kind.items()):
            print(f"  {kind:<10} {found}/{total} = {found / total:.3f}")
    assert report.failures == []
    assert report.recall == 1.0


def test_evaluation_notices_a_surviving_identifier():
    # The check itself must be able to fail: a phone left with its separators changed counts.
    phone = {"kind": "phone", "value": "138-1234-5678"}
    assert survives(phone, "电话 138 1234 5678")
    assert not survives(phone, "电话 [电话]")
    report = evaluate([{"text": "无", "identifiers": [{"kind": "name", "value": "无"}]}])
    assert report.failures and report.recall == 0


@pytest.mark.parametrize(
    "kept",
    [
        "专利号ZL202010123456.2",
        "商标注册号12345678",
        "2020SR0123456",
        "2025年3月15日",
        "“华为”耳机",
        "东湖高新区",
    ],
)
def test_right_numbers_dates_and_brands_are_kept(kept):
    assert kept in scrubber.scrub(f"投诉材料中提到{kept}，请核查。")


def test_empty_text():
    assert scrubber.scrub("") == ""
