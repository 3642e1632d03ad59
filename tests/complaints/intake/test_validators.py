import pytest

from complaints.services import validators as v


@pytest.mark.parametrize("value", ["11010519491231002X", "110105194912310021"[:-1] + "X"])
def test_resident_id_accepts_valid_checksum(value):
    assert v.is_valid_resident_id(value)


@pytest.mark.parametrize(
    "value", ["110105194912310021", "11010519491331002X", "1101051949123100", "ABCDEFGHIJKLMNOPQR"]
)
def test_resident_id_rejects_bad_checksum_date_or_shape(value):
    assert not v.is_valid_resident_id(value)


def test_uscc_checksum():
    assert v.is_valid_uscc("91350100M000100Y43")  # a published example code
    assert v.is_valid_uscc("91420100MA4KL1234M")
    assert not v.is_valid_uscc("91420100MA4KL1234N")
    assert not v.is_valid_uscc("91420100MA4KXXXX0X")  # letters outside the GB 32100 set
    assert not v.is_valid_uscc("914201")


def test_patent_numbers():
    digits = "202010123456"
    good = f"ZL{digits}.{v.patent_check_char(digits)}"
    assert v.is_valid_patent_number(good)
    assert v.is_valid_patent_number(good.removeprefix("ZL"))
    wrong = "0" if v.patent_check_char(digits) != "0" else "1"
    assert not v.is_valid_patent_number(f"ZL{digits}.{wrong}")
    assert v.is_valid_patent_number("CN112345678A")
    assert not v.is_valid_patent_number("12345")


def test_trademark_and_copyright_numbers():
    assert v.is_valid_trademark_number("12345678")
    assert v.is_valid_trademark_number("第12345678号")
    assert not v.is_valid_trademark_number("ABC123")
    assert v.is_valid_copyright_number("国作登字-2020-F-00012345")
    assert v.is_valid_copyright_number("2020SR0123456")
    assert v.is_valid_copyright_number("软著登字第1234567号")
    assert not v.is_valid_copyright_number("2020-123")


def test_phones():
    assert v.is_valid_phone("138 1234 5678")
    assert v.is_valid_phone("027-85772330")
    assert not v.is_valid_phone("12345")
