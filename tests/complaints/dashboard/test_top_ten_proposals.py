"""Top-ten proposals: supervisors propose closed cases from the case page; editors read them."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from complaints.models import TopTenProposal
from complaints.services import lifecycle, topten
from tests.factories.complaints import UserFactory, file_complaint, resolve_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(frozen_today, bureau_a, handler_a):
    # A day whose 45-working-day handling limit stays inside the package's official calendar.
    frozen_today(datetime.date(2026, 6, 1))
    case = file_complaint().complaint
    assert case.bureau_id == bureau_a.pk
    case = lifecycle.accept(case, actor=handler_a)
    case = lifecycle.start_handling(case, actor=handler_a)
    case = resolve_case(case, handler_a)
    return lifecycle.close(case, actor=handler_a)


def _propose(client, case, reason="跨平台售假，典型性强。"):
    return client.post(reverse("dashboard:propose_top_ten", args=[case.pk]), {"reason": reason})


def test_supervisor_proposes_a_closed_case_for_next_year(login, supervisor_a, closed_case):
    client = login(supervisor_a)
    page = client.get(reverse("dashboard:case", args=[closed_case.pk])).content.decode()
    assert 'id="top-ten-reason"' in page
    assert _propose(client, closed_case).status_code == 302
    proposal = TopTenProposal.objects.get()
    assert proposal.year == timezone.localdate().year + 1
    assert proposal.proposed_by == supervisor_a and proposal.case == closed_case
    page = client.get(reverse("dashboard:case", args=[closed_case.pk])).content.decode()
    assert 'id="top-ten-reason"' not in page and "跨平台售假，典型性强。" in page


def test_one_proposal_per_case_and_year(login, supervisor_a, closed_case):
    client = login(supervisor_a)
    _propose(client, closed_case)
    _propose(client, closed_case, reason="再次推荐")
    assert TopTenProposal.objects.count() == 1
    with pytest.raises(topten.ProposalNotAllowed):
        topten.propose(closed_case, actor=supervisor_a, reason="again")


def test_handlers_open_cases_empty_reasons_and_other_bureaus_are_refused(
    login, handler_a, supervisor_a, closed_case, case_b
):
    page = login(handler_a).get(reverse("dashboard:case", args=[closed_case.pk])).content
    assert b"top-ten-reason" not in page
    _propose(login(handler_a), closed_case)
    _propose(login(supervisor_a), closed_case, reason="  ")
    assert not TopTenProposal.objects.exists()
    assert _propose(login(supervisor_a), case_b).status_code == 404
    assert login(supervisor_a).get(reverse("dashboard:case", args=[case_b.pk])).status_code == 404
    # Even a superuser cannot propose a case that is not closed.
    with pytest.raises(topten.ProposalNotAllowed):
        topten.propose(case_b, actor=UserFactory(is_superuser=True), reason="未结案")


def test_editors_with_view_permission_see_proposals_in_wagtail(client, supervisor_a, closed_case):
    topten.propose(closed_case, actor=supervisor_a, reason="典型意义突出")
    editors = Group.objects.create(name="编辑")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    editor = UserFactory(username="ed")
    editor.groups.add(editors)
    client.force_login(editor)
    index = reverse("top_ten_proposals:index")
    assert client.get(index).status_code in (302, 403)
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="complaints", codename="view_toptenproposal")
    )
    page = client.get(index).content.decode()
    assert closed_case.tracking_number in page and "典型意义突出" in page
    assert closed_case.complainant_name not in page  # no personal data for editors
    proposal = TopTenProposal.objects.get()
    assert reverse("top_ten_proposals:inspect", args=[proposal.pk]) in page
    inspect = client.get(reverse("top_ten_proposals:inspect", args=[proposal.pk]))
    assert inspect.status_code == 200 and "典型意义突出" in inspect.content.decode()
    assert client.get(reverse("top_ten_proposals:edit", args=[proposal.pk])).status_code in (
        302,
        403,
    )
