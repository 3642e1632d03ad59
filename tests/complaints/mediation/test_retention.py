"""Retention reaches the agreements: their documents and the identities they copied go too."""

import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.mediation.models import MediationAgreement
from complaints.models import Complaint, Status
from tests.factories.mediation import sealed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delete", [False, True])
def test_purge_removes_the_agreement_documents(reference_data, delete):
    agreement, _code, _handler = sealed()
    path = agreement.pdf.path
    assert os.path.exists(path)
    closed = timezone.now() - datetime.timedelta(days=4 * 365)
    Complaint.objects.filter(pk=agreement.complaint_id).update(
        status=Status.CLOSED, closed_at=closed
    )
    call_command("purge_expired_cases", "--apply", *(["--delete"] if delete else []))
    assert not os.path.exists(path)
    if delete:
        assert not MediationAgreement.objects.exists()
        return
    agreement.refresh_from_db()
    assert agreement.complainant_name == "" and agreement.complainant_id_number == ""
    assert "停止销售" not in agreement.terms and not agreement.pdf
    assert agreement.state == "sealed"  # the record of what happened stays
