"""Code point <-> UTF-16 conversion, checked against Python's own UTF-16 encoder as the oracle."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.core.offsets import OffsetMap, cp_to_utf16, utf16_to_cp


def oracle_u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def assert_consistent(text: str) -> None:
    m = OffsetMap(text)
    assert m.utf16_length() == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == oracle_u16(text, cp)
        assert m.to_codepoint(u16) == cp
    # Every UTF-16 position maps to the character that contains it (start of a surrogate pair).
    for u16 in range(m.utf16_length() + 1):
        cp = m.to_codepoint(u16)
        assert oracle_u16(text, cp) <= u16
        assert cp == len(text) or u16 < oracle_u16(text, cp + 1)


SKIN_TONE_THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽: two code points, four UTF-16 units
KOREAN_FLAG = "\U0001f1f0\U0001f1f7"  # 🇰🇷: regional indicators, both outside the BMP
MATH_X = "\U0001d54f"  # 𝕏

TEXTS = {
    "ascii": "Border guards detained 12 defectors near Tumen.",
    "emoji": f"Activists posted {SKIN_TONE_THUMB} and {KOREAN_FLAG} after the vote; the hashtag {MATH_X}.",
    "leading_emoji": f"{KOREAN_FLAG}{KOREAN_FLAG} Seoul urges Beijing to halt repatriations",
    "hangul": "탈북민 강제송환을 중단하라는 성명이 발표되었다.",
    "jamo": "\u1110\u1161\u11af\u1107\u116e\u11a8 refugees",  # conjoining jamo for 탈북
    "nfd_nfc": "re\u0301fugie\u0301 / r\u00e9fugi\u00e9",
    "crlf_origin": "Line one: “We were sent back.”\r\nLine two \U0001f622.\r\n".replace("\r\n", "\n"),
    "only_astral": MATH_X * 5,
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_boundary_round_trips(name: str) -> None:
    assert_consistent(TEXTS[name])


def test_known_positions_around_emoji() -> None:
    text = f"a{SKIN_TONE_THUMB}b"
    m = OffsetMap(text)
    assert [m.to_utf16(cp) for cp in range(4)] == [0, 1, 3, 5]
    assert m.utf16_length() == 6
    assert m.to_codepoint(5) == 3  # 'b' is index 3 in Python, position 5 in Qt
    assert m.codepoint_length() == 4


def test_inside_surrogate_pair_rounds_down() -> None:
    text = f"x{MATH_X}y"
    m = OffsetMap(text)
    assert m.to_codepoint(1) == 1
    assert m.to_codepoint(2) == 1  # between the surrogates of 𝕏
    assert m.to_codepoint(3) == 2
    assert m.to_codepoint(4) == 3


def test_nfd_and_nfc_differ_in_code_points_not_in_surrogates() -> None:
    nfd = "re\u0301fugie\u0301"
    nfc = unicodedata.normalize("NFC", nfd)
    assert len(nfd) == len(nfc) + 2
    # Combining marks are in the BMP: one code point is one UTF-16 unit in both forms.
    assert OffsetMap(nfd).utf16_length() == len(nfd)
    assert OffsetMap(nfc).utf16_length() == len(nfc)


def test_hangul_syllables_and_jamo_are_single_units() -> None:
    syllables = "탈북"
    jamo = unicodedata.normalize("NFD", syllables)
    assert len(jamo) == 6  # ᄐ ᅡ ᆯ ᄇ ᅮ ᆨ
    assert OffsetMap(syllables).to_utf16(2) == 2
    assert OffsetMap(jamo).to_utf16(6) == 6


def test_newline_counts_once_after_crlf_normalisation() -> None:
    text = "first\r\nsecond \U0001f1f0\U0001f1f7\r\nthird".replace("\r\n", "\n")
    m = OffsetMap(text)
    third = text.index("third")
    assert m.to_utf16(third) == third + 2  # only the flag's two regional indicators add units
    assert m.to_codepoint(m.to_utf16(third)) == third


@pytest.mark.parametrize("bad", [-1, 5, 100])
def test_out_of_range_code_point_raises(bad: int) -> None:
    m = OffsetMap(f"ab{MATH_X}c")  # 4 code points
    with pytest.raises(ValueError):
        m.to_utf16(bad)


@pytest.mark.parametrize("bad", [-1, 6, 100])
def test_out_of_range_utf16_raises(bad: int) -> None:
    m = OffsetMap(f"ab{MATH_X}c")  # 5 UTF-16 units
    with pytest.raises(ValueError):
        m.to_codepoint(bad)


def test_wrappers_agree_with_map() -> None:
    text = TEXTS["emoji"]
    m = OffsetMap(text)
    for cp in (0, 10, len(text)):
        assert cp_to_utf16(text, cp) == m.to_utf16(cp)
        assert utf16_to_cp(text, m.to_utf16(cp)) == cp
    with pytest.raises(ValueError):
        cp_to_utf16(text, len(text) + 1)
    with pytest.raises(ValueError):
        utf16_to_cp(text, -1)


def test_large_text_conversions_are_fast() -> None:
    import time

    text = ("Defectors repatriated 탈북민 " + SKIN_TONE_THUMB + "\n") * 8000
    m = OffsetMap(text)
    t0 = time.perf_counter()
    for cp in range(0, len(text), 7):
        m.to_codepoint(m.to_utf16(cp))
    # ~40k round trips; bisect keeps this far below the budget even on a slow CI machine.
    assert time.perf_counter() - t0 < 1.0


# Surrogates cannot appear in a valid str we store; everything else, weighted toward astral.
unicode_text = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)),
        st.sampled_from(["\n", "e\u0301", "\u1100\u1161", SKIN_TONE_THUMB, KOREAN_FLAG]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(unicode_text)
def test_property_matches_utf16_encoder(text: str) -> None:
    assert_consistent(text)
