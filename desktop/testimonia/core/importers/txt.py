"""Plain text and Markdown: decode, normalise, keep every character (Markdown marks included)."""

from __future__ import annotations

from pathlib import Path

from testimonia.core.importers import RawText, check_length
from testimonia.core.textnorm import decode_bytes, normalise


def extract_txt(data: bytes, path: Path) -> RawText:
    text = decode_bytes(data, path)
    check_length(len(text), path)  # before normalising, which copies the text twice more
    return RawText(text=normalise(text))
