"""decode_bytes, normalise and sha256_hex: the first step of every import, on which offsets depend."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from testimonia.core.errors import ImportFailed
from testimonia.core.textnorm import decode_bytes, normalise, sha256_hex

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
P = Path("statement.txt")
SLOGAN = "탈북민 강제북송을 중단하라"


def test_fixture_article_decodes_from_every_supported_encoding() -> None:
    text = (ARTICLES / "border_returns.txt").read_text(encoding="utf-8")
    encoded = {
        "utf-8": text.encode("utf-8"),
        "utf-8 bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16 le bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16 be bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    }
    for name, data in encoded.items():
        assert normalise(decode_bytes(data, P)) == text, name


def test_cp949_korean_article_decodes() -> None:
    text = (ARTICLES / "border_returns_ko.txt").read_text(encoding="utf-8")
    data = text.encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # so the CP949 branch is what is being tested
    decoded = decode_bytes(data, P)
    assert decoded == text
    assert SLOGAN in decoded


def test_euc_kr_bytes_decode_as_cp949() -> None:
    assert decode_bytes(f"“{SLOGAN}” 500~600명".encode("euc-kr"), P) == f"“{SLOGAN}” 500~600명"


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(ImportFailed, match="binary"):
        decode_bytes(b"about 60 North Koreans\x00\x00\x01", P)


def test_control_heavy_bytes_are_refused_as_binary() -> None:
    data = bytes(range(1, 32)) * 40 + b"some text"
    with pytest.raises(ImportFailed, match="binary"):
        decode_bytes(data, P)


def test_bytes_neither_utf8_nor_cp949_are_refused_with_the_encodings_named() -> None:
    data = "Réfugiés “forcés”".encode()[:-1] + b"\xff\xfe\xfd"
    with pytest.raises(ImportFailed) as info:
        decode_bytes(b"abc " + data, P)
    assert "UTF-8" in str(info.value) and "CP949" in str(info.value)
    assert info.value.path == P


def test_normalise_line_endings_bom_and_nfc() -> None:
    nfd = unicodedata.normalize("NFD", f"{SLOGAN} café")
    assert nfd != unicodedata.normalize("NFC", nfd)
    raw = "\ufeffline one\r\nline two\rline three\n" + nfd
    assert normalise(raw) == f"line one\nline two\nline three\n{SLOGAN} café"


def test_normalise_keeps_everything_else() -> None:
    text = "  leading spaces, trailing spaces  \n\n\n\ttab\fform feed \u00a0nbsp 😀\n"
    assert normalise(text) == text
    assert normalise("mid\ufeffword") == "mid\ufeffword"  # only leading BOMs are BOMs
    assert normalise("\ufeff\ufeffdouble") == "double"


def test_sha256_hex_of_str_is_of_its_utf8_bytes() -> None:
    assert sha256_hex(SLOGAN) == hashlib.sha256(SLOGAN.encode("utf-8")).hexdigest()
    assert sha256_hex(b"abc") == hashlib.sha256(b"abc").hexdigest()


# Prose never holds C0 controls other than tab/newline/form feed/CR; decode_bytes treats them as binary.
_prose = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\f\ufeff"),
    max_size=200,
)


@given(_prose, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "cp949"]))
def test_decode_then_normalise_round_trips_to_nfc(text: str, encoding: str) -> None:
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    elif encoding == "cp949":
        try:
            data = text.encode("cp949")
        except UnicodeEncodeError:
            assume(False)
        # Some CP949 byte pairs are also valid UTF-8; such a file is UTF-8 by our rule, as intended.
        assume(not _is_utf8(data))
    else:
        data = text.encode(encoding)
    expected = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    assert normalise(decode_bytes(data, P)) == expected


@given(_prose)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
