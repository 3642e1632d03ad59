"""Top-ten case proposals: who may propose which case, for which year."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import permissions
from complaints.models import Complaint, Status, TopTenProposal


class ProposalNotAllowed(ValueError):
    pass


def proposal_year(today=None) -> int:
    """Proposals are for next year's top ten (published early in the year)."""
    return (today or timezone.localdate()).year + 1


def can_propose(user, case: Complaint) -> bool:
    """A supervisor of the case's bureau (or a superuser), for a closed case."""
    return case.status == Status.CLOSED and permissions.is_supervisor(user, case.bureau_id)


def existing_proposal(case: Complaint, year: int | None = None) -> TopTenProposal | None:
    year = year or proposal_year()
    return TopTenProposal.objects.filter(case=case, year=year).select_related("proposed_by").first()


def propose(case: Complaint, *, actor, reason: str) -> TopTenProposal:
    if not can_propose(actor, case):
        raise ProposalNotAllowed(_("只有本部门负责人可以推荐已结案的案件。"))
    reason = (reason or "").strip()
    if not reason:
        raise ProposalNotAllowed(_("请填写推荐理由。"))
    year = proposal_year()
    try:
        with transaction.atomic():
            return TopTenProposal.objects.create(
                case=case, year=year, reason=reason, proposed_by=actor
            )
    except IntegrityError as exc:
        raise ProposalNotAllowed(
            _("本案已被推荐参加%(year)s年度十大案件评选。") % {"year": year}
        ) from exc
