"""normalise() with a map from offsets in the raw text to offsets in the normalised text.

Other tools count selection offsets in the text as they stored it (CRLF line ends, a BOM, maybe
decomposed Hangul or accents); our offsets count code points of the normalised text. The map
converts one into the other exactly wherever the two texts have a boundary in common.
"""

from __future__ import annotations

import unicodedata

from testimonia.core.textnorm import normalise

# Conjoining Hangul vowels and finals compose with the character before them even though their
# canonical combining class is 0, so a chunk must not start at one of them.
_JAMO_TAIL = (range(0x1161, 0x1176), range(0x11A8, 0x11C3), range(0xD7B0, 0xD7C7), range(0xD7CB, 0xD7FC))
_SLOW_LINE = 4000  # past this, a line whose NFC form differs is mapped proportionally


def normalise_mapped(raw: str) -> tuple[str, list[int]]:
    """(normalise(raw), m) where m[i] is where raw offset i (0..len(raw)) lands in the result."""
    lines_text, m1 = _newlines(raw)
    text, m2 = _nfc(lines_text)
    mapping = [m2[i] for i in m1]
    assert text == normalise(raw), "normalise() changed; update normalise_mapped to match"
    return text, mapping


def _newlines(raw: str) -> tuple[str, list[int]]:
    out: list[str] = []
    mapping: list[int] = []
    i, n = 0, len(raw)
    while i < n and raw[i] == "\ufeff":
        mapping.append(0)
        i += 1
    while i < n:
        ch = raw[i]
        mapping.append(len(out))
        if ch == "\r":
            out.append("\n")
            if i + 1 < n and raw[i + 1] == "\n":
                # A boundary between CR and LF falls after the single LF that replaces them.
                mapping.append(len(out))
                i += 1
        else:
            out.append(ch)
        i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def _is_start(ch: str) -> bool:
    return unicodedata.combining(ch) == 0 and not any(ord(ch) in r for r in _JAMO_TAIL)


def _nfc(s: str) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", s):
        return s, list(range(len(s) + 1))
    whole = unicodedata.normalize("NFC", s)
    mapping = _by_chunks(s, whole)
    if mapping is None:
        mapping = _by_lines(s)
    return whole, mapping


def _by_chunks(s: str, whole: str) -> list[int] | None:
    """Normalise runs that start at a starter one by one; valid when they add up to the whole."""
    mapping: list[int] = []
    parts: list[str] = []
    out_len = 0
    i, n = 0, len(s)
    while i < n:
        j = i + 1
        while j < n and not _is_start(s[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", s[i:j])
        parts.append(chunk)
        # Offsets inside a chunk that changed snap to the chunk's start: they split a character.
        same = chunk == s[i:j]
        for k in range(j - i):
            mapping.append(out_len + k if same else out_len)
        out_len += len(chunk)
        i = j
    mapping.append(out_len)
    return mapping if "".join(parts) == whole else None


def _by_lines(s: str) -> list[int]:
    # Nothing composes across a line feed, so lines can always be normalised on their own.
    mapping: list[int] = []
    out_len = 0
    for line in s.splitlines(keepends=True):
        norm = unicodedata.normalize("NFC", line)
        if norm == line:
            mapping.extend(out_len + k for k in range(len(line)))
        elif len(line) <= _SLOW_LINE:
            mapping.extend(out_len + len(unicodedata.normalize("NFC", line[:k])) for k in range(len(line)))
        else:
            mapping.extend(out_len + (k * len(norm)) // len(line) for k in range(len(line)))
        out_len += len(norm)
    mapping.append(out_len)
    return mapping
