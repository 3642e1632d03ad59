"""Checks of Chinese identifiers: ID card and credit code (python-stdnum's checksums), IP right
numbers (no library has these rules), phones.

The function names here are the project's entry points: forms, the API and other apps call them.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as InvalidNumber

# GB 32100-2015: 31 symbols (no I, O, S, V, Z). The first symbol (registration authority) may be
# a letter, e.g. N for rural collective organisations: stdnum.cn.uscc.validate() wants 8 leading
# digits and would refuse those real codes, so the shape is checked here and the checksum there.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_PATTERN = re.compile(r"^[1-9ANY][0-9A-HJ-NP-RTUWXY]{17}$")


def normalize(value: str) -> str:
    return re.sub(r"[\s\-－]", "", value or "").upper()


def resident_id_check_digit(first17: str) -> str:
    # stdnum's calc_check_digit takes the whole number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def is_valid_resident_id(value: str) -> bool:
    """居民身份证 (GB 11643-1999): 17 digits, a birth date from 1900 to today, ISO 7064 MOD 11-2
    check digit. The address code is not looked up (stdnum.cn.ric.validate does, in a table of
    counties that may lag behind re-drawn districts): a real citizen is never turned away."""
    value = normalize(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:
        birth = ric.get_birth_date(value)
    except InvalidNumber:
        return False
    if not datetime.date(1900, 1, 1) <= birth <= datetime.date.today():
        return False
    return ric.calc_check_digit(value) == value[17]


def uscc_check_char(first17: str) -> str:
    return uscc.calc_check_digit(first17)


def is_valid_uscc(value: str) -> bool:
    """统一社会信用代码 (GB 32100-2015): 18 symbols, the last a MOD 31 check character."""
    value = normalize(value)
    if not _USCC_PATTERN.fullmatch(value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def patent_check_char(digits: str) -> str:
    """CNIPA application numbers: weights 2…9 repeating, sum mod 11, 10 written as X."""
    weights = (2, 3, 4, 5, 6, 7, 8, 9)
    total = sum(int(d) * weights[i % 8] for i, d in enumerate(digits))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


_PATENT_APPLICATION = re.compile(r"^(?:ZL)?(\d{12}|\d{8})\.?([\dX])$")
_PATENT_PUBLICATION = re.compile(r"^CN\d{6,9}[ABCUSY]\d?$")


def is_valid_patent_number(value: str) -> bool:
    """An application/patent number (ZL202010123456.2, with check digit) or CN publication."""
    value = normalize(value).replace("。", ".")
    if _PATENT_PUBLICATION.fullmatch(value):
        return True
    match = _PATENT_APPLICATION.fullmatch(value)
    if match is None:
        return False
    return patent_check_char(match.group(1)) == match.group(2)


def is_valid_trademark_number(value: str) -> bool:
    """A registration number as printed on the certificate: up to 9 digits (第12345678号)."""
    value = normalize(value).removeprefix("第").removesuffix("号")
    return bool(re.fullmatch(r"[1-9]\d{0,8}", value))


_COPYRIGHT_PATTERNS = (
    re.compile(r"^国作登字-?\d{4}-?[A-Z]-?\d{8}$"),  # works registration
    re.compile(r"^\d{4}SR\d{6,7}$"),  # software registration number
    re.compile(r"^软著登字第\d{6,8}号$"),  # software certificate number
)


def is_valid_copyright_number(value: str) -> bool:
    value = normalize(value)
    return any(pattern.fullmatch(value) for pattern in _COPYRIGHT_PATTERNS)


_PHONE_PATTERNS = (
    re.compile(r"^(?:\+?86)?1[3-9]\d{9}$"),  # mobile
    re.compile(r"^0\d{2,3}\d{7,8}(?:\d{1,6})?$"),  # landline with area code (and extension)
)


def is_valid_phone(value: str) -> bool:
    value = re.sub(r"[\s\-()（）]", "", value or "")
    return any(pattern.fullmatch(value) for pattern in _PHONE_PATTERNS)


def validate_resident_id(value: str) -> None:
    if not is_valid_resident_id(value):
        raise ValidationError(
            _("身份证号码不正确，请核对（18位，最后一位可能是X）。"), "resident_id"
        )


def validate_uscc(value: str) -> None:
    if not is_valid_uscc(value):
        raise ValidationError(_("统一社会信用代码不正确，请核对18位代码。"), "uscc")


def validate_phone(value: str) -> None:
    if not is_valid_phone(value):
        raise ValidationError(_("请填写有效的手机号码或带区号的固定电话。"), "phone")


IP_NUMBER_CHECKS = {
    "patent": (is_valid_patent_number, _("专利号格式不正确，例如 ZL202010123456.2。")),
    "trademark": (is_valid_trademark_number, _("商标注册号应为数字，例如 12345678。")),
    "copyright": (
        is_valid_copyright_number,
        _("著作权登记号格式不正确，例如 国作登字-2020-F-00012345 或 2020SR0123456。"),
    ),
}


def validate_ip_right_number(right_type: str, value: str) -> None:
    check = IP_NUMBER_CHECKS.get(right_type)
    if check and not check[0](value):
        raise ValidationError(check[1], "ip_right_number")
