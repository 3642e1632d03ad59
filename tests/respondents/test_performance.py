"""Answer rate, answers on time and median answer time per enterprise, from the stored
timestamps, on the supervisors' performance page."""

import datetime

import pytest
from django.utils import timezone

from respondents import services
from respondents.models import RespondentCase
from tests.factories.respondents import NAME_B, USCC_A, USCC_B, invited_case, respondent_login

pytestmark = pytest.mark.django_db


def answered(case, respondent, *, hours: float, late=False):
    opened = RespondentCase.objects.get(complaint=case)
    services.answer(case, respondent, {"position": "accept", "statement": "已整改"})
    answer = case.respondent_answer
    answer.answered_at = opened.invited_at + datetime.timedelta(hours=hours)
    if late:
        answer.due_on = timezone.localtime(answer.answered_at).date() - datetime.timedelta(days=1)
    answer.save()


def test_figures_per_enterprise_from_stored_timestamps(calendar, supervisor_a, login):
    first, code = invited_case(supervisor_a)
    resp_a = respondent_login(code)
    cases_a = [first]
    for _ in range(2):
        case, more = invited_case(supervisor_a)
        services.accept_signed_in(services.find_invitation(more), resp_a)
        cases_a.append(case)
    answered(cases_a[0], resp_a, hours=10)
    answered(cases_a[1], resp_a, hours=30, late=True)
    _case_b, code_b = invited_case(supervisor_a, credit_code=USCC_B, name=NAME_B)
    respondent_login(code_b, credit_code=USCC_B, name=NAME_B, username="resp_b")

    figures = {row.uscc: row for row in services.enterprise_figures()}
    a, b = figures[USCC_A], figures[USCC_B]
    assert (a.invited, a.answered, a.on_time, a.median_hours) == (3, 2, 1, 20.0)
    assert a.answer_rate == pytest.approx(2 / 3)
    assert (b.invited, b.answered, b.median_hours, b.answer_rate) == (1, 0, None, 0.0)

    page = login(supervisor_a).get("/dashboard/performance/").content.decode()
    assert 'id="respondent-figures"' in page
    assert USCC_A in page and "67%" in page and "20.0" in page
