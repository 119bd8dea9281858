"""Number expressions in English and Korean, and their values.

Hand-written: the words are a closed set (one … ninety, hundred, thousand, million; 십, 백, 천, 만,
수백 …), and a general number-parsing library would also read "one" in "one woman" or "second".
"""

from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
WORD_NUMBER = (
    rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS})|a)"
    r"(?:\s+(?:hundred|thousand|million|dozen))?"
)
DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
EN_NUMBER = rf"(?:(?:{DIGIT_NUMBER})(?:\s+(?:million|thousand))?|{WORD_NUMBER})"


def en_value(expr: str) -> float | None:
    """The value of one English number expression: "2,000", "1.5 million", "twenty-five", "a dozen"."""
    s = expr.strip().lower().replace("–", "-")
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(million|thousand))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return value
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", s):
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word in ("thousand", "million"):
                total += current
                current = 0
        else:
            return None
    total += current
    return float(total) if total else None


_KO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_KO_NATIVE = {
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
    "열한": 11, "열두": 12, "열세": 13, "열네": 14, "열다섯": 15, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50,
}
_KO_SCALE = {"십": 10, "백": 100, "천": 1000, "만": 10_000}
KO_VAGUE = ("수십만", "수십", "수백", "수천", "수만")
KO_NUMBER = (
    r"(?:수십만|수십|수백|수천|수만|"
    r"\d{1,3}(?:,\d{3})+|\d+(?:\s?만(?:\s?\d+\s?천)?|\s?천)?|"
    r"(?:[일이삼사오육칠팔구]?(?:천|백|십))+|열다섯|열[한두세네]|스무|서른|마흔|쉰|다섯|여섯|일곱|여덟|아홉|한|두|세|네|열)"
)


def ko_value(expr: str) -> float | None:
    """"2천" → 2000, "1만 2천" → 12000, "백" → 100, "다섯" → 5; the vague 수백 … → None."""
    s = expr.replace(" ", "").replace(",", "")
    if s in KO_VAGUE:
        return None
    if s in _KO_NATIVE:
        return float(_KO_NATIVE[s])
    m = re.fullmatch(r"(\d+)(?:만(?:(\d+)천)?|(천))?", s)
    if m:
        base = int(m.group(1))
        if m.group(3):
            return float(base * 1000)
        if "만" in s:
            return float(base * 10_000 + (int(m.group(2)) * 1000 if m.group(2) else 0))
        return float(base)
    total = 0
    digit = 0
    for ch in s:
        if ch in _KO_DIGITS:
            digit = _KO_DIGITS[ch]
        elif ch in _KO_SCALE:
            total += (digit or 1) * _KO_SCALE[ch]
            digit = 0
        else:
            return None
    total += digit
    return float(total) if total else None


def number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
