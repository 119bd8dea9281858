"""Key sequences for actions: each sequence once, so every shortcut has exactly one owner.

Qt reports "Ambiguous shortcut overload" and runs nothing when two active shortcuts share a key
sequence, even when both belong to one action. A standard key expands to a different list on
each platform (Redo is Ctrl+Shift+Z first under X11 and Ctrl+Y first elsewhere), so an explicit
key next to a standard one can repeat it on one platform only: every list goes through here.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence

Key = QKeySequence | QKeySequence.StandardKey | str


def portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def sequences(keys: Iterable[Key], taken: set[str] | None = None) -> list[QKeySequence]:
    """Every binding of each key (a standard key gives all of the platform's), first one first,
    without repeats and without those in `taken` (portable text), which grows by what is returned."""
    seen = taken if taken is not None else set()
    out: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            expanded = QKeySequence.keyBindings(key)
        else:
            expanded = [key if isinstance(key, QKeySequence) else QKeySequence(key)]
        for seq in expanded:
            text = portable(seq)
            if text and text not in seen:
                seen.add(text)
                out.append(seq)
    return out


def with_shift(key: str) -> list[str]:
    """A one-letter key and its capital: typed with Shift held, "S" arrives as Shift+S, not S."""
    return [key, f"Shift+{key}"] if len(key) == 1 and key.isalpha() else [key]
