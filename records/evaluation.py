"""Measuring the scrubber on a labelled corpus: an identifier is found when neither its text nor
(for numbers) its run of digits survives in the scrubbed text."""

import re
from dataclasses import dataclass, field

from records.scrubber import scrub

NUMERIC_KINDS = ("phone", "id_number", "bank_card")


@dataclass
class Report:
    texts: int = 0
    total: int = 0
    found: int = 0
    by_kind: dict = field(default_factory=dict)  # kind → [found, total]
    failures: list = field(default_factory=list)  # (text, scrubbed, [missed identifiers])
    outputs: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


def survives(identifier: dict, scrubbed: str) -> bool:
    value = identifier["value"]
    if value in scrubbed:
        return True
    digits = re.sub(r"\D", "", value)
    return (
        identifier["kind"] in NUMERIC_KINDS
        and len(digits) >= 7
        and digits in re.sub(r"\D", "", scrubbed)
    )


def evaluate(corpus: list[dict]) -> Report:
    report = Report()
    for item in corpus:
        out = scrub(item["text"])
        report.texts += 1
        report.outputs.append(out)
        missed = []
        for identifier in item["identifiers"]:
            counts = report.by_kind.setdefault(identifier["kind"], [0, 0])
            counts[1] += 1
            report.total += 1
            if survives(identifier, out):
                missed.append(identifier)
            else:
                counts[0] += 1
                report.found += 1
        if missed:
            report.failures.append((item["text"], out, missed))
    return report
