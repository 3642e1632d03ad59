"""Reply templates: ready-made public notes per category and action, with placeholders.

Placeholders are replaced by plain text from a fixed list; anything else in braces stays as
written (no format(), no attribute access), and the result is escaped wherever it is shown.
"""

import re

from django.db.models import Q

from complaints.models import Complaint, ResponseTemplate

PLACEHOLDERS = {
    "受理编号": "tracking_number",
    "tracking_number": "tracking_number",
    "办理期限": "deadline",
    "deadline": "deadline",
    "办理部门": "bureau",
    "bureau": "bureau",
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(map(re.escape, PLACEHOLDERS)) + r")\}")


def values_for(case: Complaint) -> dict[str, str]:
    return {
        "tracking_number": case.tracking_number,
        "deadline": f"{case.due_on:%Y-%m-%d}" if case.due_on else "",
        "bureau": case.bureau.name if case.bureau_id else "",
    }


def render(text: str, case: Complaint | None) -> str:
    """`text` with its placeholders filled from `case` (left as written without a case)."""
    if case is None:
        return text
    values = values_for(case)
    return _PLACEHOLDER.sub(lambda match: values[PLACEHOLDERS[match.group(1)]], text)


def templates_for(action: str, category_ids=None):
    """Active templates of `action`, for any category or one of `category_ids` (None: all)."""
    scope = Q(category__isnull=True)
    if category_ids is None:
        scope |= Q(category__isnull=False)
    elif category_ids:
        scope |= Q(category_id__in=list(category_ids))
    return (
        ResponseTemplate.objects.filter(scope, is_active=True, action=action)
        .select_related("category")
        .order_by("category_id", "title")
    )


def templates_for_case(case: Complaint, actions) -> list[ResponseTemplate]:
    """Active templates of any of `actions` that apply to the case's category: one query."""
    return list(
        ResponseTemplate.objects.filter(
            Q(category__isnull=True) | Q(category_id=case.category_id),
            is_active=True,
            action__in=list(actions),
        ).only("pk", "text")
    )
