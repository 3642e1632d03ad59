import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The published formulas, written out once here to check the library calls against them.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@given(st.text("0123456789", min_size=17, max_size=17))
@settings(max_examples=200, deadline=None, database=None)
def test_resident_id_check_digit_is_gb_11643s(first17):
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    assert v.resident_id_check_digit(first17) == "10X98765432"[total % 11]


@given(st.text(v._USCC_ALPHABET, min_size=17, max_size=17))
@settings(max_examples=200, deadline=None, database=None)
def test_uscc_check_char_is_gb_32100s(first17):
    alphabet = v._USCC_ALPHABET
    total = sum(alphabet.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    assert v.uscc_check_char(first17) == alphabet[(31 - total % 31) % 31]


def test_uscc_of_a_rural_collective_starting_with_a_letter_is_accepted():
    first17 = "N2420102MA4KL1234"
    assert v.is_valid_uscc(first17 + v.uscc_check_char(first17))
