"""The case tallies behind the queue's facet counts stay equal to a live count, whatever
writes the cases (triggers on SQLite and PostgreSQL alike), and the facets read them."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from complaints.dashboard import counts
from complaints.models import OPEN_STATUSES, CaseTally, Complaint, District, Status
from complaints.services import tallies
from tests.factories.complaints import varied_queue

pytestmark = pytest.mark.django_db


def assert_tallies_match():
    assert tallies.differences() == []
    assert sum(tallies.stored_counts().values()) == Complaint.objects.count()


def test_every_write_path_keeps_the_tallies(supervisor_a, handler_a, case_b):
    assert_tallies_match()
    cases = varied_queue(supervisor_a, handler_a)  # intake, transitions, a transfer, update()
    assert len(tallies.stored_counts()) > 3
    assert_tallies_match()

    Complaint.objects.filter(pk=cases["new"].pk).update(
        status=Status.ACCEPTED, district=District.objects.exclude(code="jiangan").first()
    )
    assert_tallies_match()
    Complaint.objects.filter(pk=cases["report"].pk).update(district=None)
    assert_tallies_match()

    copies = []
    for index, case in enumerate(Complaint.objects.all()[:5]):
        case.pk = None
        case.tracking_number = f"T{index:019d}"
        case.idempotency_key = None
        copies.append(case)
    Complaint.objects.bulk_create(copies)
    assert_tallies_match()

    Complaint.objects.filter(pk__in=[c.pk for c in copies]).update(status=Status.CLOSED)
    Complaint.objects.filter(pk__in=[c.pk for c in copies[:2]]).delete()
    assert_tallies_match()

    assert_tallies_match()


def test_a_wrong_tally_is_reported_and_repaired(case_a, case_b):
    call_command("check_case_tallies")
    CaseTally.objects.filter(cases__gt=0).update(cases=F("cases") + 5)
    with pytest.raises(CommandError, match="tallied wrongly"):
        call_command("check_case_tallies")
    assert tallies.differences()
    call_command("check_case_tallies", "--repair")
    assert_tallies_match()


def live_facet(column: str, bureau_ids, condition: Q) -> dict:
    cases = Complaint.objects.filter(condition)
    if bureau_ids is not None:
        cases = cases.filter(bureau_id__in=bureau_ids)
    rows = cases.order_by().values_list(column).annotate(n=Count("id"))
    return dict(rows)


@pytest.mark.parametrize(
    "condition",
    [Q(), Q(status__in=OPEN_STATUSES), Q(status=Status.SUBMITTED), Q(source="open311")],
    ids=["all", "open", "submitted", "open311"],
)
def test_tally_facets_equal_a_group_by(supervisor_a, handler_a, bureau_a, case_b, condition):
    varied_queue(supervisor_a, handler_a)
    for column in counts.FACETS.values():
        for scope in (None, [bureau_a.pk]):
            assert tallies.facet(column, scope, condition) == live_facet(
                column, scope, condition
            ), (column, scope)


def test_facet_counts_read_tallies_unless_a_filter_is_not_tallied(
    supervisor_a, handler_a, settings
):
    settings.DASHBOARD_COUNTS_TTL = 0
    varied_queue(supervisor_a, handler_a)
    assert counts.tally_condition({"status": "open", "sort": None, "mine": False}) is not None
    assert counts.tally_condition({"status": "open", "mine": True}) is None
    assert counts.tally_condition({"overdue": True}) is None
    assert counts.tally_condition({"due_within": 0}) is None
    # The tallies answer the five facets; the overdue count is the one live statement.
    CaseTally.objects.filter(status=Status.SUBMITTED).update(cases=F("cases") + 100)
    facets = counts.facet_counts(supervisor_a, {"status": "", "q": ""})
    assert facets["status"][Status.SUBMITTED] >= 100
    facets = counts.facet_counts(supervisor_a, {"status": "", "mine": True})
    assert facets["status"].get(Status.SUBMITTED, 0) < 100
