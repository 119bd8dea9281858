"""Turn a document file into normalised text plus what is known about it.

extract() is the single entry point; every failure leaves it as ImportFailed (or Cancelled), so the
UI and CLI can show one clear line and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testimonia.core import files
from testimonia.core.errors import Cancelled, ImportFailed
from testimonia.core.importers import titles
from testimonia.core.textnorm import sha256_hex

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")
# Limits (docs/USER_GUIDE.md, "Limits"): the file's size, checked before it is read, and the
# text's length, checked while it is extracted. PDF and Word files carry pictures, so they may be
# large; plain text and web pages are all text, and every byte costs time and memory.
MAX_INPUT_BYTES = 200 * 1024 * 1024
MAX_FILE_BYTES = {"txt": 64 * 1024 * 1024, "html": 32 * 1024 * 1024, "pdf": MAX_INPUT_BYTES, "docx": MAX_INPUT_BYTES}
# About twenty 1,000-page reports; a 340-page report holds about a million characters.
MAX_TEXT_CHARS = 20_000_000
TITLE_MAX_CHARS = titles.TITLE_MAX_CHARS

_KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    kind: str
    source_name: str
    source_sha256: str
    text_sha256: str
    page_starts: list[int] | None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class RawText:
    """What a format module returns; the shared fields are filled in here, once."""

    text: str
    title: str = ""
    page_starts: list[int] | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def extract(path: Path, progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Extracted:
    path = Path(path)
    return _extract(read_source(path), path, progress, cancelled)


def read_source(path: Path) -> bytes:
    """The bytes of a document file: its type known by suffix, a regular file (never a pipe or a
    device, which would be read forever), within its size limit (checked before reading)."""
    path = Path(path)
    try:
        kind = _kind_of(path)
        return files.read_bytes(path, limit=MAX_FILE_BYTES[kind], error=ImportFailed)
    except ImportFailed:
        raise
    except MemoryError:
        raise ImportFailed(path, "not enough memory to read this document") from None
    except Exception as exc:
        raise _unexpected(path, exc) from exc


def extract_bytes(
    data: bytes, name: str | Path, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> Extracted:
    """Same as extract() for bytes already in memory (read_source); `name` gives the type by its
    suffix and names the file in messages."""
    return _extract(data, Path(name), progress, cancelled)


def _extract(data: bytes, path: Path, progress: Progress | None, cancelled: IsCancelled | None) -> Extracted:
    is_cancelled = cancelled or (lambda: False)
    try:
        kind = _kind_of(path)
        if len(data) > MAX_FILE_BYTES[kind]:
            raise ImportFailed(path, files.too_large(MAX_FILE_BYTES[kind]))
        if not data:
            raise ImportFailed(path, "the file is empty")
        if is_cancelled():
            raise Cancelled()
        raw = _run_format(kind, data, path, progress, is_cancelled)
        if is_cancelled():
            raise Cancelled()
        text = raw.text
        check_length(len(text), path)
        if not text.strip():
            raise ImportFailed(path, "no text found in the document")
        if progress is not None and kind != "pdf":
            progress(1, 1)
        return Extracted(
            text=text,
            title=_title(raw.title, text, kind, path),
            kind=kind,
            source_name=path.name,
            source_sha256=sha256_hex(data),
            text_sha256=sha256_hex(text),
            page_starts=raw.page_starts,
            # Metadata comes from the file as it is; NUL never gets stored (SQLite's text functions stop at one).
            metadata={k: v.replace("\x00", "") for k, v in raw.metadata.items() if v and v.replace("\x00", "")},
        )
    except (ImportFailed, Cancelled):
        raise
    except MemoryError:
        raise ImportFailed(path, "not enough memory to read this document") from None
    except Exception as exc:
        raise _unexpected(path, exc) from exc


def _run_format(kind: str, data: bytes, path: Path, progress: Progress | None, cancelled: IsCancelled) -> RawText:
    # Format modules are imported on demand: trafilatura and python-docx take a while to load, and PDF
    # worker processes must not pay for them.
    if kind == "txt":
        from testimonia.core.importers import txt

        return txt.extract_txt(data, path)
    if kind == "html":
        from testimonia.core.importers import html

        return html.extract_html(data, path)
    if kind == "pdf":
        from testimonia.core.importers import pdf

        return pdf.extract_pdf(data, path, progress, cancelled)
    from testimonia.core.importers import docx

    return docx.extract_docx(data, path)


def _kind_of(path: Path) -> str:
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        if path.suffix:
            raise ImportFailed(path, "“{suffix}” files cannot be imported; supported types: {supported}",
                               suffix=path.suffix, supported=supported)
        raise ImportFailed(path, "files without an extension cannot be imported; supported types: {supported}",
                           supported=supported)
    return kind


def _title(found: str, text: str, kind: str, path: Path) -> str:
    return titles.choose(found, text, kind, path)  # junk metadata titles are ignored there


first_line = titles.first_line


def check_length(chars: int, path: Path) -> None:
    """Refuse a text longer than MAX_TEXT_CHARS; format modules call it as soon as they know."""
    if chars > MAX_TEXT_CHARS:
        raise too_long(path, MAX_TEXT_CHARS)


def too_long(path: Path, limit: int) -> ImportFailed:
    return ImportFailed(path, "the document holds more than {limit:,} characters of text, the import limit; "
                              "split it into smaller files", limit=limit)


def _unexpected(path: Path, exc: BaseException) -> ImportFailed:
    detail = " ".join(str(exc).split())[:160]
    if not detail:
        return ImportFailed(path, "the file could not be read ({kind})", kind=type(exc).__name__)
    return ImportFailed(path, "the file could not be read ({kind}: {detail})", kind=type(exc).__name__,
                        detail=detail)


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_TEXT_CHARS",
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "RawText",
    "extract",
    "extract_bytes",
    "read_source",
]
