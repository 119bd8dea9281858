"""Turn a document file into normalised text plus what is known about it.

extract() is the single entry point; every failure leaves it as ImportFailed (or Cancelled), so the
UI and CLI can show one clear line and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testimonia.core.errors import Cancelled, ImportFailed
from testimonia.core.importers import titles
from testimonia.core.textnorm import sha256_hex

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")
MAX_INPUT_BYTES = 200 * 1024 * 1024
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
    try:
        _kind_of(path)
        if not path.exists():
            raise ImportFailed(path, "the file does not exist")
        if path.is_dir():
            raise ImportFailed(path, "this is a folder, not a document")
        if not path.is_file():
            raise ImportFailed(path, "this is not a regular file (a device or pipe?)")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise ImportFailed(path, _too_large())
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFailed(path, f"cannot read the file: {exc.strerror or exc}") from None
    except (ImportFailed, Cancelled):
        raise
    except Exception as exc:
        raise _unexpected(path, exc) from exc
    return _extract(data, path, progress, cancelled)


def extract_bytes(
    data: bytes, name: str, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> Extracted:
    """Same as extract() for bytes already in memory; `name` gives the type by its suffix."""
    return _extract(data, Path(name), progress, cancelled)


def _extract(data: bytes, path: Path, progress: Progress | None, cancelled: IsCancelled | None) -> Extracted:
    is_cancelled = cancelled or (lambda: False)
    try:
        kind = _kind_of(path)
        if len(data) > MAX_INPUT_BYTES:
            raise ImportFailed(path, _too_large())
        if not data:
            raise ImportFailed(path, "the file is empty")
        if is_cancelled():
            raise Cancelled()
        raw = _run_format(kind, data, path, progress, is_cancelled)
        if is_cancelled():
            raise Cancelled()
        text = raw.text
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
            metadata={k: v for k, v in raw.metadata.items() if v},
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
        what = f"“{path.suffix}” files" if path.suffix else "files without an extension"
        raise ImportFailed(path, f"{what} cannot be imported; supported types: {supported}")
    return kind


def _title(found: str, text: str, kind: str, path: Path) -> str:
    return titles.choose(found, text, kind, path)  # junk metadata titles are ignored there


first_line = titles.first_line


def _too_large() -> str:
    return f"the file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB, the import limit"


def _unexpected(path: Path, exc: BaseException) -> ImportFailed:
    message = " ".join(str(exc).split())[:160] or "no details"
    return ImportFailed(path, f"the file could not be read ({type(exc).__name__}: {message})")


__all__ = [
    "MAX_INPUT_BYTES",
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "RawText",
    "extract",
    "extract_bytes",
]
