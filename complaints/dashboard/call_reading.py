"""Reading a tracking number and an access code aloud: short groups, and for every character
a word that cannot be misheard: the ICAO spelling alphabet for letters; digits as numbers (1
as 幺 in Chinese, as on the telephone; codes hold no 0 or 1, see services/access.ALPHABET)."""

from django.utils.translation import get_language

LETTER_WORDS = {
    "A": "Alfa", "B": "Bravo", "C": "Charlie", "D": "Delta", "E": "Echo", "F": "Foxtrot",
    "G": "Golf", "H": "Hotel", "I": "India", "J": "Juliett", "K": "Kilo", "L": "Lima",
    "M": "Mike", "N": "November", "O": "Oscar", "P": "Papa", "Q": "Quebec", "R": "Romeo",
    "S": "Sierra", "T": "Tango", "U": "Uniform", "V": "Victor", "W": "Whiskey", "X": "X-ray",
    "Y": "Yankee", "Z": "Zulu",
}  # fmt: skip
DIGITS_ZH = dict(zip("0123456789", "零幺二三四五六七八九", strict=True))
_EN_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
DIGITS_EN = dict(zip("0123456789", _EN_DIGITS, strict=True))


def reading(char: str) -> str:
    if char.isdigit():
        english = (get_language() or "").startswith("en")
        return (DIGITS_EN if english else DIGITS_ZH)[char]
    return LETTER_WORDS.get(char.upper(), char)


def groups(value: str, size: int = 5) -> list[list[tuple[str, str]]]:
    """'IP-2026-K7MP3Q' → [[I,P], [2,0,2,6], [K,7,M], [P,3,Q]]: the code's own dashes split
    it, and any part longer than `size` is cut in halves of at most `size`, so no group is
    longer than a listener can hold."""
    result = []
    for part in filter(None, value.split("-")):
        while len(part) > size:
            cut = (len(part) + 1) // 2 if len(part) <= 2 * size else size
            result.append(part[:cut])
            part = part[cut:]
        result.append(part)
    return [[(char, reading(char)) for char in group] for group in result]
