"""Decoding and normalising document text, once, at import.

The normalised text is the reference every annotation offset points into, so normalise() must stay
minimal and stable: changing it would move offsets in documents imported by older versions.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

from testimonia.core.errors import ImportFailed
from testimonia.core.messages import Message

UNDECODABLE = Message("cannot tell the text encoding (tried UTF-8, UTF-16, CP949/EUC-KR)")
BINARY = Message("the file looks binary, not text (it contains NUL or control bytes)")

# C0 controls other than tab, newline, form feed and carriage return never occur in real prose;
# a CP949 "decode" of binary data produces plenty of them, so they tell text from binary.
_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\f\r") | {"\x7f"}
_MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode the bytes of a text file: BOM first, then UTF-8, then CP949 (a superset of EUC-KR)."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The "utf-16" codec reads the BOM to pick the byte order and drops it.
        text = _strict(data, "utf-16", path)
    else:
        if b"\x00" in data:
            # UTF-16 without a BOM is rare enough that NUL bytes almost always mean binary data.
            raise ImportFailed(path, BINARY)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp949", path)
    _reject_binary(text, path)
    return text


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFailed(path, UNDECODABLE) from None


def _reject_binary(text: str, path: Path) -> None:
    if "\x00" in text:
        raise ImportFailed(path, BINARY)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch in _CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise ImportFailed(path, BINARY)


def normalise(text: str) -> str:
    """Line endings to \\n and NFC; nothing else, because offsets into the result are stored forever."""
    # All leading BOMs, not one: a file saved with a BOM by two tools in turn has two, and stripping
    # only one would make normalise(normalise(t)) != normalise(t).
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
