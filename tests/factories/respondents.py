"""Respondent portal: valid credit codes, a case invited through the real service, a login
made by accepting the invitation."""

from complaints.services import lifecycle
from complaints.services.validators import uscc_check_char
from respondents import services
from tests.factories.complaints import file_complaint


def uscc(base17: str) -> str:
    """A credit code with its right check character (GB 32100-2015)."""
    return base17 + uscc_check_char(base17)


USCC_A = uscc("91420100MA4K12345")  # 武汉光谷运动用品有限公司
USCC_B = uscc("91420100MA4K67890")  # 武汉长江数码科技有限公司
NAME_A, NAME_B = "武汉光谷运动用品有限公司", "武汉长江数码科技有限公司"
PASSWORD = "Resp-ondent-pw-2026"


def invited_case(actor, *, credit_code=USCC_A, name=NAME_A, **overrides):
    """An accepted 投诉 against `name`, and the respondent invited by `actor`.

    Returns (case, code): the code as the SMS carries it."""
    case = file_complaint(
        respondent_name=name, respondent_credit_code=credit_code, **overrides
    ).complaint
    case = lifecycle.accept(case, actor=actor)
    invited = services.invite_case(
        case,
        actor,
        phone="13700000001",
        email="legal@example.cn",
        facts="被投诉人在运动鞋上使用与投诉人注册商标近似的标志。",
        request_text="请于期限内说明情况，并停止销售涉嫌侵权商品。",
    )
    return case, invited.code


def respondent_login(code, *, credit_code=USCC_A, name=NAME_A, username="resp_a"):
    """Accept an invitation as its recipient would: a login bound to the credit code."""
    invitation = services.find_invitation(code)
    assert invitation is not None
    return services.accept_invitation(
        invitation, uscc=credit_code, name=name, username=username, password=PASSWORD
    )
