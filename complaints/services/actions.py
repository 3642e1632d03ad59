"""Which actions a user may take on a case now: the one place that decides.

The staff case page, the bulk actions, the tracking page and the services themselves ask
`available_actions(case, actor)` / `require(case, actor, name)`; nobody re-decides. A rule has
two halves: the case's state (status, reopening window, extension cap…), which the lifecycle
services also enforce whoever calls them, and the actor's role (staff of the handling bureau,
supervisor, or the complainant authorised by tracking number and access code).

Errors carry a user-facing, translatable message (Chinese source): `str(error)` is what the
user reads, in the active language.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import permissions
from complaints.models import ClockStep, Complaint, Status

REOPEN_WINDOW_DAYS = 15
HANDLED = (Status.ACCEPTED, Status.IN_PROGRESS)
FINISHED = (Status.RESOLVED, Status.CLOSED)


class CaseError(Exception):
    """A refusal whose message is shown to the user as it is (translatable, no internals)."""

    def __init__(self, message, **params):
        self.message, self.params = message, params
        super().__init__(message)

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class ActionRefused(CaseError):
    """The action is not open to this user on this case now."""


class InvalidInput(CaseError, ValueError):
    """The action is open, but what was entered does not allow it."""


class Complainant:
    """The actor of the tracking page: whoever holds the tracking number and access code."""

    is_authenticated = False
    is_superuser = False

    def __repr__(self) -> str:
        return "COMPLAINANT"


COMPLAINANT = Complainant()


def reopen_until(case: Complaint) -> datetime.datetime | None:
    """The end of the window for asking to reopen a resolved or closed case."""
    if case.status not in FINISHED or case.closed_at is None:
        return None
    return case.closed_at + datetime.timedelta(days=REOPEN_WINDOW_DAYS)


def _reopen_open(case: Complaint) -> bool:
    closed_at = case.closed_at if reopen_until(case) is not None else None
    return closed_at is not None and (timezone.now() - closed_at).days <= REOPEN_WINDOW_DAYS


def _extension_left(case: Complaint) -> int:
    profile = case.category.clock_profile_for(case.kind)
    return max(profile.max_extension_months - case.extension_months, 0)


def _extendable(case: Complaint) -> bool:
    return (
        case.is_open
        and case.step == ClockStep.HANDLING
        and case.due_on is not None
        and _extension_left(case) > 0
    )


@dataclass(frozen=True)
class Rule:
    label: object  # lazy text
    when: Callable[[Complaint], bool]
    refusal: object  # lazy text: why the case's state does not allow it now
    supervisor: bool = False


NOT_NOW = _("当前状态下不能执行该操作。")

STAFF_RULES: dict[str, Rule] = {
    "accept": Rule(
        _("受理"), lambda c: c.status == Status.SUBMITTED, _("只有新提交的案件可以受理。")
    ),
    "refuse": Rule(
        _("不予受理"), lambda c: c.status == Status.SUBMITTED, _("只有新提交的案件可以不予受理。")
    ),
    "assign": Rule(
        _("分配承办人"),
        lambda c: c.is_open,
        _("只有未办结的案件可以分配承办人。"),
    ),
    "request_info": Rule(
        _("要求补充材料（暂停计时）"),
        lambda c: c.status in HANDLED,
        _("只有已受理或办理中的案件可以要求补充材料。"),
    ),
    "start": Rule(
        _("开始办理"),
        lambda c: c.status in (Status.ACCEPTED, Status.AWAITING_COMPLAINANT),
        _("只有已受理或待补充材料的案件可以开始办理。"),
    ),
    "mediation": Rule(
        _("记录调解结果"),
        lambda c: c.status in HANDLED,
        _("调解结果只能在受理后、办结前记录。"),
    ),
    "resolve": Rule(
        _("办结"),
        lambda c: c.status in (*HANDLED, Status.AWAITING_COMPLAINANT),
        _("只有已受理、办理中或待补充材料的案件可以办结。"),
    ),
    "close": Rule(
        _("结案"), lambda c: c.status == Status.RESOLVED, _("只有已办结的案件可以结案。")
    ),
    "reopen": Rule(
        _("重新办理（代投诉人申请）"),
        _reopen_open,
        _("申请重新办理的期限已过，或案件尚未办结。"),
    ),
    "transfer": Rule(
        _("移送其他部门"),
        lambda c: c.is_open,
        _("只有未办结的案件可以移送。"),
    ),
    "extend": Rule(
        _("批准延期"),
        _extendable,
        _("只有办理环节中、尚有可延期限的案件可以延期。"),
        supervisor=True,
    ),
    "attach": Rule(
        _("添加附件"),
        lambda c: c.purged_at is None,
        _("本案个人信息已按保存期限清除，不能再添加附件。"),
    ),
}

COMPLAINANT_RULES: dict[str, Rule] = {
    "supply": Rule(
        _("补充材料"),
        lambda c: c.status == Status.AWAITING_COMPLAINANT,
        _("办理部门没有要求补充材料。"),
    ),
    "add_evidence": Rule(
        _("补充证据"),
        lambda c: c.status in (Status.SUBMITTED, *HANDLED),
        _("只有办理中的案件可以补充证据。"),
    ),
    "rate": Rule(
        _("满意度评价"),
        lambda c: c.status in FINISHED and c.satisfaction is None,
        _("只有已办结且尚未评价的案件可以评价。"),
    ),
    "reopen": Rule(_("申请重新办理"), _reopen_open, _("申请重新办理的期限已过，或案件尚未办结。")),
    "withdraw": Rule(_("撤回"), lambda c: c.is_open, _("只有未办结的案件可以撤回。")),
}


# The respondent enterprise's actions (its answer), filled in by the respondents app, which also
# adds its staff and complainant rules to the dicts above (complaints never imports it). Its
# actor is a respondent login: `is_respondent_actor` true, `may_act_on(case)` the role half.
RESPONDENT_RULES: dict[str, Rule] = {}


def _is_respondent(actor) -> bool:
    return getattr(actor, "is_respondent_actor", False) is True


def rules_for(actor) -> dict[str, Rule]:
    if actor is COMPLAINANT:
        return COMPLAINANT_RULES
    return RESPONDENT_RULES if _is_respondent(actor) else STAFF_RULES


def state_allows(case: Complaint, name: str, actor=None) -> bool:
    """The case's state half of the rule (the role is not considered)."""
    rule = rules_for(actor).get(name)
    return rule is not None and rule.when(case)


def require_state(case: Complaint, name: str, actor=None) -> None:
    """Raise ActionRefused when the case's state does not allow `name` now."""
    rule = rules_for(actor).get(name)
    if rule is None:
        raise ActionRefused(NOT_NOW)
    if not rule.when(case):
        raise ActionRefused(rule.refusal)


def _role_allows(case: Complaint, actor, rule: Rule) -> bool:
    if actor is COMPLAINANT:
        return True
    if _is_respondent(actor):
        return actor.may_act_on(case)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if not permissions.can_act(actor, case):
        return False
    return not rule.supervisor or permissions.is_supervisor(actor, case.bureau_id)


def available_actions(case: Complaint, actor) -> list[str]:
    """The actions `actor` (a staff user, COMPLAINANT or a respondent login) may take on
    `case` now, in page order.

    Staff of other bureaus (a bureau that transferred the case away included) get none."""
    return [
        name
        for name, rule in rules_for(actor).items()
        if _role_allows(case, actor, rule) and rule.when(case)
    ]


def require(case: Complaint, actor, name: str) -> None:
    """Raise ActionRefused unless `name` is among `available_actions(case, actor)`."""
    rule = rules_for(actor).get(name)
    if rule is None or not _role_allows(case, actor, rule):
        raise ActionRefused(_("您无权对本案执行该操作。"))
    if not rule.when(case):
        raise ActionRefused(rule.refusal)


def label(name: str, actor=None):
    return rules_for(actor)[name].label
