"""Results entry: the draw completes, the 违法 flag is checked and announced by a signal."""

import datetime

import pytest

from inspections.forms import ResultForm
from inspections.models import DrawStatus, Outcome
from inspections.services import results
from inspections.signals import violation_found
from tests.factories.inspections import drawn

pytestmark = pytest.mark.django_db


def entry(draw, **overrides):
    return {
        "inspected_on": datetime.date(2026, 11, 2),
        "checked_items": list(draw.items.all()),
        "outcome": Outcome.NO_PROBLEM,
        "violation_found": False,
        "public_note": "",
        "internal_note": "内部：现场负责人配合。",
        **overrides,
    }


def test_the_draw_completes_when_every_result_is_in(setup, supervisor, handler):
    draw = drawn(setup[0], supervisor)
    inspections = list(draw.inspections.order_by("order"))
    for inspection in inspections[:-1]:
        results.record_result(inspection, entry(draw), handler)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAWN
    results.record_result(inspections[-1], entry(draw), handler)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMPLETED


def test_violation_signal_is_sent_once_with_the_result(setup, supervisor, handler):
    draw = drawn(setup[0], supervisor)
    inspection = draw.inspections.first()
    received = []

    def receiver(sender, result, actor, **kwargs):
        received.append((result.pk, result.violation_found, actor))

    violation_found.connect(receiver)
    try:
        results.record_result(inspection, entry(draw), handler)
        assert received == []
        data = entry(draw, outcome=Outcome.CASE_OPENED, violation_found=True)
        result = results.record_result(inspection, data, handler)
        results.record_result(inspection, data, handler)  # a correction does not send it again
    finally:
        violation_found.disconnect(receiver)
    assert received == [(result.pk, True, handler)]


@pytest.mark.parametrize(
    ("outcome", "violation", "valid"),
    [
        (Outcome.CASE_OPENED, False, False),
        (Outcome.CASE_OPENED, True, True),
        (Outcome.NO_PROBLEM, True, False),
        (Outcome.RECTIFY, True, True),
        (Outcome.RECTIFY, False, True),
    ],
)
def test_outcome_and_violation_flag_must_agree(setup, outcome, violation, valid):
    draw = setup[0]
    items = draw.items.all()
    data = {
        "inspected_on": "2026-11-02",
        "checked_items": [items[0].pk],
        "outcome": outcome,
        "violation_found": "on" if violation else "",
    }
    assert ResultForm(data, items=items).is_valid() is valid
