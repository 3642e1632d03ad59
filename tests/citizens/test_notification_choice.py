"""The account's notification choice decides who is told about a case's progress."""

import datetime

import pytest
from django.test import TestCase

from citizens.models import Citizen
from complaints.notifications import services
from complaints.notifications.models import Notification
from complaints.services import lifecycle
from tests.complaints.conftest import frozen_today  # noqa: F401
from tests.factories.citizens import CitizenFactory
from tests.factories.complaints import file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):  # noqa: F811
    """Acceptance starts a clock in working days: stay inside a published holiday calendar."""
    frozen_today(datetime.date(2026, 3, 2))


def told_about_acceptance(django_user_model, **case_fields) -> set[tuple[str, str]]:
    """File a case, accept it with a public note; the (channel, address) pairs told of it."""
    case = file_complaint(**case_fields).complaint
    staff = django_user_model.objects.get_or_create(username="handler")[0]
    Notification.objects.all().delete()
    with TestCase.captureOnCommitCallbacks(execute=True):  # updates are queued after commit
        lifecycle.accept(case, actor=staff, public_note="已受理。")
    return set(Notification.objects.filter(purpose="update").values_list("channel", "recipient"))


FILED = {"complainant_phone": "138 1234 5678", "complainant_email": "filed@example.cn"}


def test_without_an_account_or_by_default_everyone_given_at_filing_is_told(django_user_model):
    both = {("sms", "138 1234 5678"), ("email", "filed@example.cn")}
    assert told_about_acceptance(django_user_model, **FILED) == both
    citizen = CitizenFactory(phone="13812345678")
    assert citizen.notify_by == Citizen.Notify.AS_FILED  # no default speaks for the citizen
    assert told_about_acceptance(django_user_model, **FILED) == both


def test_sms_only(django_user_model):
    CitizenFactory(phone="13812345678", notify_by=Citizen.Notify.SMS)
    assert told_about_acceptance(django_user_model, **FILED) == {("sms", "138 1234 5678")}


def test_email_only_prefers_the_accounts_address(django_user_model):
    citizen = CitizenFactory(phone="13812345678", notify_by=Citizen.Notify.EMAIL)
    assert told_about_acceptance(django_user_model, **FILED) == {("email", "filed@example.cn")}
    citizen.email = "account@example.cn"
    citizen.save()
    assert told_about_acceptance(django_user_model, **FILED) == {("email", "account@example.cn")}


def test_a_choice_that_would_tell_nobody_keeps_the_filing_contacts(django_user_model):
    CitizenFactory(phone="13812345678", notify_by=Citizen.Notify.EMAIL)
    told = told_about_acceptance(
        django_user_model, complainant_phone="13812345678", complainant_email=""
    )
    assert told == {("sms", "13812345678")}


def test_the_policy_is_registered_by_the_citizens_app():
    from citizens.services import notification_recipients

    assert notification_recipients in services.RECIPIENT_POLICIES
