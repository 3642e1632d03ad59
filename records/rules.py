"""Publication rules: what of a closed case the public record may show.

The respondent is named only when the case shows it is an organisation, never a natural person:
- the complainant did not call it an individual (`respondent_type` is not "individual"), and
- the case holds a valid 统一社会信用代码 (the project's validator), and
- that code is not an individual business's (个体工商户: registration department 9, kind 2),
  whose registered name is often the owner's own name.
Everything else (no code, an invalid code, an individual, a self-media account) is shown as an
unnamed respondent. The name published is the one on the case, beside its code, so readers can
check it against the national enterprise credit system.
"""

from complaints.models import ClockStep, RespondentType
from complaints.services import validators

INDIVIDUAL_BUSINESS_PREFIX = "92"


def public_respondent(respondent_type: str, name: str, credit_code: str) -> tuple[str, str]:
    """(name, code) the public may see, or ("", "")."""
    code = validators.normalize(credit_code or "")
    if respondent_type == RespondentType.INDIVIDUAL or not name.strip():
        return "", ""
    if not validators.is_valid_uscc(code) or code.startswith(INDIVIDUAL_BUSINESS_PREFIX):
        return "", ""
    return name.strip()[:200], code


def clock_facts(steps: list[tuple[str, int]], ever_breached: bool) -> dict:
    """From the recorded clock steps [(step, late working days)] and the case's ever_breached
    flag: whether acceptance and handling kept their limits (None: the case had no such step)."""
    facts = {}
    for field, step in (
        ("acceptance_on_time", ClockStep.ACCEPTANCE),
        ("handling_on_time", ClockStep.HANDLING),
    ):
        lates = [late for name, late in steps if name == step]
        facts[field] = None if not lates else not any(lates)
    facts["all_limits_met"] = not ever_breached and all(late == 0 for _name, late in steps)
    return facts
