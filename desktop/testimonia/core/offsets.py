"""The one conversion between our offsets (code points) and Qt's positions (UTF-16 code units).

Stored offsets are Unicode code points (Python ``str`` indices). QTextCursor and QTextDocument count
UTF-16 code units, so every character outside the Basic Multilingual Plane (emoji, 𝕏, rare Hanja)
takes two positions there and one here. Every crossing of the UI boundary goes through this module
so the two counts can never be mixed up ad hoc.

The QTextDocument must hold exactly the stored text (set with ``setPlainText``, nothing added or
trimmed). A "\\n" then becomes a block separator that QTextDocument also counts as one position,
so newlines need no special-casing here. If the document text ever differs from the stored text
(say, a trailing newline added for display), these conversions silently go wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import index

__all__ = ["OffsetMap", "cp_to_utf16", "utf16_to_cp"]

# A regex scan runs in C: about 1 ms on a 700k-character report, where a Python loop took 20 ms
# and dominated opening a document in the reader.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts positions in one text in O(log n), after one O(n) pass over it."""

    __slots__ = ("_astral_cp", "_astral_u16", "_cp_length", "_u16_length")

    def __init__(self, text: str) -> None:
        # Only non-BMP characters make the two counts differ, and they are rare in real documents,
        # so a list of their positions is small and bisect over it keeps both directions cheap.
        astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_cp: list[int] = astral_cp
        # The k-th non-BMP character has k earlier ones, each adding one extra UTF-16 unit.
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(astral_cp)]
        self._cp_length = len(text)
        self._u16_length = len(text) + len(astral_cp)

    def utf16_length(self) -> int:
        return self._u16_length

    def codepoint_length(self) -> int:
        return self._cp_length

    def to_utf16(self, cp: int) -> int:
        cp = index(cp)
        if cp < 0 or cp > self._cp_length:
            raise ValueError(f"code point offset {cp} outside 0..{self._cp_length}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        u16 = index(u16)
        if u16 < 0 or u16 > self._u16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self._u16_length}")
        before = bisect_left(self._astral_u16, u16)  # non-BMP characters starting before u16
        if before and self._astral_u16[before - 1] + 1 == u16:
            # Qt can report a position between the two halves of a surrogate pair (e.g. from a
            # mouse hit-test); slicing there would split the character, so snap to its start.
            return self._astral_cp[before - 1]
        return u16 - before


def cp_to_utf16(text: str, cp: int) -> int:
    """One-off conversion; build an OffsetMap instead when converting many positions."""
    return OffsetMap(text).to_utf16(cp)


def utf16_to_cp(text: str, u16: int) -> int:
    """One-off conversion; build an OffsetMap instead when converting many positions."""
    return OffsetMap(text).to_codepoint(u16)
