"""Who may do what: the handling bureau's staff only; the complainant only with the tracking
grant; each party for itself; versions; public notes without terms or names."""

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from complaints.dashboard.forms import TransferForm
from complaints.mediation import services
from complaints.mediation.models import MediationAgreement, Party
from complaints.models import Bureau
from complaints.services import event_texts, routing
from complaints.services.actions import COMPLAINANT, ActionRefused, InvalidInput
from tests.factories.mediation import (
    TERMS,
    confirmed_by_both,
    drafted,
    handled_case,
    other_bureau_handler,
    respondent_user,
    sealed,
)

pytestmark = pytest.mark.django_db


def test_another_bureaus_staff_can_neither_draft_nor_seal(client, reference_data):
    case, _code, _handler = handled_case()
    outsider = other_bureau_handler()
    with pytest.raises(ActionRefused):
        services.draft_agreement(case, TERMS, outsider)
    client.force_login(outsider)
    assert (
        client.post(reverse("mediation:draft", args=[case.pk]), {"terms": TERMS}).status_code == 404
    )
    assert not MediationAgreement.objects.filter(complaint=case).exists()

    agreement, _code, _handler = confirmed_by_both()
    other = agreement.complaint
    with pytest.raises(ActionRefused):
        services.seal(agreement, outsider)
    assert services.available_steps(other, outsider) == []
    for name in ("seal", "download"):
        method = client.post if name == "seal" else client.get
        assert method(reverse(f"mediation:{name}", args=[other.pk])).status_code == 404
    agreement.refresh_from_db()
    assert agreement.state == "pending"
    sealed_one, _code, _handler = sealed()
    assert (
        client.get(reverse("mediation:packet", args=[sealed_one.complaint.pk])).status_code == 404
    )


def test_a_citizen_without_the_grant_cannot_confirm(client, reference_data):
    agreement, _code, _handler = drafted()
    response = client.post(reverse("mediation:citizen_confirm"))
    assert response.status_code == 302 and response["Location"].endswith("/complaints/track/")
    assert client.get(reverse("mediation:citizen_download")).status_code == 302
    # A grant for another case does not reach this agreement.
    mine, code, _handler = handled_case()
    client.post(
        reverse("complaints:track"), {"tracking_number": mine.tracking_number, "access_code": code}
    )
    assert client.post(reverse("mediation:citizen_confirm")).status_code == 404
    assert client.get(reverse("mediation:citizen_download")).status_code == 404
    agreement.refresh_from_db()
    assert agreement.complainant_confirmed_at is None


def test_each_party_confirms_for_itself(reference_data):
    agreement, _code, handler = drafted()
    with pytest.raises(ActionRefused):  # the tracking page cannot confirm for the respondent
        services.confirm(agreement, Party.RESPONDENT, COMPLAINANT)
    with pytest.raises(ActionRefused):  # a respondent user cannot confirm for the complainant
        services.confirm(agreement, Party.COMPLAINANT, respondent_user())
    with pytest.raises(ActionRefused):  # sealing waits for both
        services.seal(agreement, handler)
    services.respondent_confirm(agreement, respondent_user())
    with pytest.raises(ActionRefused):  # once
        services.respondent_confirm(agreement, respondent_user())
    with pytest.raises(InvalidInput):  # in person needs a reason
        services.confirm(agreement, Party.COMPLAINANT, handler, in_person=True, reason=" ")
    services.confirm(
        agreement,
        Party.COMPLAINANT,
        handler,
        in_person=True,
        reason="12月3日在局调解室当面签字确认",
    )
    agreement.refresh_from_db()
    assert agreement.complainant_confirmed_by == handler
    assert "seal" in services.available_steps(agreement.complaint, handler)


def test_decline_then_redraft_supersedes(client, reference_data):
    agreement, code, handler = drafted()
    case = agreement.complaint
    client.post(
        reverse("complaints:track"), {"tracking_number": case.tracking_number, "access_code": code}
    )
    client.post(reverse("mediation:citizen_decline"), {"reason": "赔偿金额太低，不能接受"})
    agreement.refresh_from_db()
    assert agreement.state == "declined" and agreement.declined_by == Party.COMPLAINANT
    event = case.events.get(action="mediation_declined")
    assert "赔偿金额太低" in event.complainant_note and "赔偿金额太低" not in event.public_note
    assert event.public_note == ""  # their own action: no message back to them
    page = client.get(reverse("complaints:track_case")).content.decode()
    assert "赔偿金额太低" in page  # shown to them as their own words
    with pytest.raises(ActionRefused):
        services.respondent_confirm(agreement, respondent_user())

    second = services.draft_agreement(case, TERMS.replace("伍万元", "陆万元"), handler)
    assert second.version == 2
    third = services.draft_agreement(case, TERMS.replace("伍万元", "柒万元"), handler)
    second.refresh_from_db()
    assert second.state == "superseded" and third.version == 3
    with pytest.raises(ActionRefused):
        services.respondent_confirm(second, respondent_user())
    page = client.get(reverse("complaints:track_case")).content.decode()
    assert "柒万元" in page and "陆万元" not in page


def test_public_notes_carry_no_terms_or_names(reference_data):
    agreement, _code, _handler = sealed()
    case = agreement.complaint
    codes = list(case.events.values_list("note_code", flat=True))
    assert event_texts.MEDIATION_DRAFTED in codes
    assert event_texts.MEDIATION_CONFIRMED_RESPONDENT in codes
    with translation.override("zh-hans"):
        notes = [event_texts.public_text(event) for event in case.events.all()]
    assert "办理部门已拟定调解协议，请双方当事人查看并确认。" in notes
    # The complainant's own confirmation is theirs to see, not news to send them.
    own = case.events.get(action="mediation_confirmed", actor_label="投诉人")
    assert not event_texts.has_public_text(own) and "确认" in own.complainant_note
    for note in notes:
        for secret in (
            "伍万元",
            "停止销售",
            "张三丰",
            "武汉某某贸易有限公司",
            "91420100MA4KXXXX0X",
        ):
            assert secret not in note


def test_a_staff_step_not_open_is_a_404_not_a_crash(rf, reference_data):
    case, _code, handler = handled_case()
    request = rf.get("/")
    request.user = handler
    from complaints.mediation.views import _staff_step

    with pytest.raises(Http404):
        _staff_step(request, case.pk, "seal")


def test_court_and_arbitration_are_transfer_targets_not_routing_targets(reference_data):
    court = Bureau.objects.get(code="wh-court")
    arbitration = Bureau.objects.get(code="wh-arbitration")
    assert court.name == "武汉市中级人民法院" and arbitration.name == "武汉仲裁委员会"
    assert not court.channels.exists() and not arbitration.channels.exists()
    case, _code, _handler = handled_case()
    targets = TransferForm(case=case).fields["to_bureau"].queryset
    assert court in targets and arbitration in targets
    assert services.court() == court
    assert routing  # routing asks rules and the channel's city bureau: neither names the court
    from complaints.models import RoutingRule

    assert not RoutingRule.objects.filter(bureau__in=[court, arbitration]).exists()


def test_a_transfer_after_the_draft_needs_a_new_draft(reference_data):
    from complaints.services import lifecycle
    from tests.factories.complaints import staff_member

    agreement, _code, handler = confirmed_by_both()
    target = Bureau.objects.get(code="wh-amr")
    case = lifecycle.transfer(
        agreement.complaint, to_bureau=target, actor=handler, reason="属市级管辖"
    )
    new_handler = staff_member(target)
    steps = services.available_steps(case, new_handler)
    assert "seal" not in steps and "draft" in steps
    with pytest.raises(ActionRefused):
        services.seal(agreement, new_handler)


def test_the_admin_shows_state_and_hashes_not_identities(admin_client, reference_data):
    agreement, _code, _handler = drafted()
    listing = admin_client.get("/django-admin/mediation/mediationagreement/")
    assert listing.status_code == 200
    page = admin_client.get(f"/django-admin/mediation/mediationagreement/{agreement.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert agreement.pdf_sha256 in text
    assert "张三丰" not in text and "11010519491231002X" not in text and "停止销售" not in text
