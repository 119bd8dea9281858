"""Plain text and Markdown: decode, normalise, keep every character (Markdown marks included)."""

from __future__ import annotations

from pathlib import Path

from testimonia.core.importers import RawText
from testimonia.core.textnorm import decode_bytes, normalise


def extract_txt(data: bytes, path: Path) -> RawText:
    return RawText(text=normalise(decode_bytes(data, path)))
