import datetime as dt
import itertools

import pytest

from complaints.lifecycle import ALLOWED_TRANSITIONS, can_transition
from complaints.models import Bureau, CaseEvent, Outcome, Status
from complaints.services import event_texts, lifecycle
from complaints.services.lifecycle import TransitionNotAllowed
from tests.factories.complaints import UserFactory, file_complaint, resolve_case

with_cases = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def needs_cases(test):
    for mark in with_cases:
        test = mark(test)
    return test


ALLOWED = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}


def test_map_covers_every_status_and_final_states_are_final():
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)
    assert ALLOWED_TRANSITIONS[Status.NOT_ACCEPTED] == set()
    assert ALLOWED_TRANSITIONS[Status.WITHDRAWN] == set()


@pytest.mark.parametrize(("a", "b"), sorted(itertools.product(Status.values, repeat=2)))
def test_can_transition_matches_the_map(a, b):
    assert can_transition(a, b) == ((a, b) in ALLOWED)


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        (Status.SUBMITTED, Status.RESOLVED),
        (Status.SUBMITTED, Status.CLOSED),
        (Status.NOT_ACCEPTED, Status.ACCEPTED),
        (Status.WITHDRAWN, Status.IN_PROGRESS),
        (Status.CLOSED, Status.ACCEPTED),
    ],
)
@needs_cases
def test_forbidden_transitions_raise_and_record_nothing(from_status, to_status):
    case = file_complaint().complaint
    case.status = from_status
    case.save()
    events = CaseEvent.objects.count()
    with pytest.raises(TransitionNotAllowed):
        lifecycle.transition(case, to_status, actor=UserFactory())
    case.refresh_from_db()
    assert case.status == from_status
    assert CaseEvent.objects.count() == events


@needs_cases
def test_full_journey_moves_the_clock(frozen_today):
    staff = UserFactory()
    frozen_today(dt.date(2026, 9, 1))
    case = file_complaint().complaint
    assert case.step == "acceptance" and case.due_on == dt.date(2026, 9, 10)

    case = lifecycle.accept(case, actor=staff)
    assert case.status == Status.ACCEPTED and case.step == "handling"
    # 45 working days from 1 Sep 2026, across Mid-Autumn (25 Sep) and National Day
    # (1–7 Oct off; Sun 20 Sep and Sat 10 Oct are make-up working days).
    assert case.due_on == dt.date(2026, 11, 9)

    frozen_today(dt.date(2026, 9, 7))
    case = lifecycle.request_information(case, actor=staff, public_note="请补充商标注册证。")
    assert case.paused_since is not None
    frozen_today(dt.date(2026, 9, 10))
    case = lifecycle.supply_information(case, note="已上传注册证")
    assert case.status == Status.IN_PROGRESS and case.paused_since is None
    assert case.due_on == dt.date(2026, 11, 12)  # paused 3 working days (8, 9, 10 Sep)

    case = resolve_case(case, staff, Outcome.MEDIATED)
    assert case.status == Status.RESOLVED and not case.is_overdue and case.closed_at
    case = lifecycle.close(case, actor=staff)
    case = lifecycle.rate(case, score=5, comment="处理及时")
    assert case.satisfaction == 5
    actions = list(case.events.values_list("action", flat=True))
    assert actions == [
        "submitted",
        "accepted",
        "information_requested",
        "information_supplied",
        "mediation_agreed",
        "resolved",
        "closed",
        "rated",
    ]


@needs_cases
def test_transfer_keeps_history_and_restarts_the_clock_when_the_profile_says_so(frozen_today):
    staff = UserFactory()
    frozen_today(dt.date(2026, 9, 1))
    case = file_complaint().complaint
    frozen_today(dt.date(2026, 9, 4))
    target = Bureau.objects.get(code="wh-amr")
    case = lifecycle.transfer(case, to_bureau=target, actor=staff, reason="涉及网络销售")
    assert case.bureau == target
    assert case.due_on == dt.date(2026, 9, 15)  # acceptance clock restarted on 4 Sep
    transfer = case.events.get(action="transferred")
    assert transfer.from_bureau.code == "jiangan-amr" and transfer.to_bureau == target
    assert case.events.count() == 2


@needs_cases
def test_patent_dispute_extension_is_capped(frozen_today):
    staff = UserFactory()
    frozen_today(dt.date(2026, 3, 2))
    case = file_complaint(
        "patent-dispute", ip_right_type="patent", ip_right_number="ZL202310000001.X"
    ).complaint
    assert case.due_on == dt.date(2026, 3, 9)  # 5 working days
    case = lifecycle.accept(case, actor=staff)
    assert case.due_on == dt.date(2026, 6, 2)  # 3 months (2 Jun 2026 is a Tuesday)
    from complaints.services import clock

    clock.extend(case, 1)
    assert case.due_on == dt.date(2026, 7, 2)
    with pytest.raises(ValueError, match="exceeds"):
        clock.extend(case, 1)


@needs_cases
def test_withdraw_rate_and_reopen_window(frozen_today):
    staff = UserFactory()
    case = file_complaint().complaint
    with pytest.raises(TransitionNotAllowed):
        lifecycle.rate(case, score=4)
    withdrawn = lifecycle.withdraw(file_complaint().complaint, reason="已和解")
    assert withdrawn.status == Status.WITHDRAWN and withdrawn.closed_at
    frozen_today(dt.date(2026, 5, 6))
    case = lifecycle.accept(case, actor=staff)
    case = resolve_case(case, staff)
    case = lifecycle.close(case, actor=staff)
    frozen_today(dt.date(2026, 6, 30))
    with pytest.raises(TransitionNotAllowed, match="期限已过"):
        lifecycle.reopen(case, reason="不服")
    frozen_today(dt.date(2026, 5, 12))
    reopened = lifecycle.reopen(case, reason="对方仍在销售")
    assert reopened.status == Status.IN_PROGRESS and reopened.closed_at is None


@needs_cases
def test_resolve_needs_a_chosen_outcome_and_a_public_reply(frozen_today):
    frozen_today(dt.date(2026, 9, 1))
    staff = UserFactory()
    case = lifecycle.accept(file_complaint().complaint, actor=staff)
    with pytest.raises(ValueError, match="请选择办理结果"):
        lifecycle.resolve(case, actor=staff, outcome="", public_note="已办结。")
    with pytest.raises(ValueError, match="办理结果答复"):
        lifecycle.resolve(case, actor=staff, outcome=Outcome.NO_VIOLATION, public_note="  ")
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and not case.outcome
    assert not case.events.filter(action="resolved").exists()


@needs_cases
def test_a_mediation_outcome_needs_the_mediation_on_record(frozen_today):
    frozen_today(dt.date(2026, 9, 1))
    staff = UserFactory()
    case = lifecycle.accept(file_complaint().complaint, actor=staff)
    reply = "双方达成调解协议。"
    with pytest.raises(lifecycle.MediationNotRecorded):
        lifecycle.resolve(case, actor=staff, outcome=Outcome.MEDIATED, public_note=reply)
    with pytest.raises(lifecycle.MediationNotRecorded):
        lifecycle.resolve(case, actor=staff, outcome=Outcome.MEDIATION_FAILED, public_note=reply)
    lifecycle.record_mediation(case, actor=staff, agreed=False, internal_note="被投诉人未到场")
    with pytest.raises(lifecycle.MediationNotRecorded):  # a failed session is no agreement
        lifecycle.resolve(case, actor=staff, outcome=Outcome.MEDIATED, public_note=reply)
    lifecycle.record_mediation(case, actor=staff, agreed=True, internal_note="赔偿2万元")
    case = lifecycle.resolve(case, actor=staff, outcome=Outcome.MEDIATED, public_note=reply)
    assert case.outcome == Outcome.MEDIATED
    agreement = case.events.get(action="mediation_agreed")
    assert agreement.note_code == "mediation_agreed" and agreement.public_note == ""
    assert event_texts.public_text(agreement) == "调解达成协议。"  # the terms stay internal

    # Reopened on the complainant's request: the old agreement no longer counts.
    case = lifecycle.reopen(case, reason="对方未履行协议")
    with pytest.raises(lifecycle.MediationNotRecorded):
        lifecycle.resolve(case, actor=staff, outcome=Outcome.MEDIATED, public_note=reply)


@needs_cases
def test_transfer_reason_stays_internal():
    staff = UserFactory()
    case = file_complaint().complaint
    target = Bureau.objects.get(code="wh-amr")
    with pytest.raises(ValueError):
        lifecycle.transfer(case, to_bureau=target, actor=staff, reason=" ")
    case = lifecycle.transfer(
        case,
        to_bureau=target,
        actor=staff,
        reason="投诉人张三丰系重复投诉",
        public_note="请等待联系。",
    )
    event = case.events.get(action="transferred")
    assert (event.note_code, event.note_params) == ("transferred", {"bureau": "wh-amr"})
    assert event.public_note == "请等待联系。"  # staff's note, after the system's text
    assert event_texts.public_text(event) == f"已移送{target.name}办理。请等待联系。"
    assert event.internal_note == "移送理由：投诉人张三丰系重复投诉"
