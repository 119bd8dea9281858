"""PDF: the text layer page by page, with the offset where each page starts."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

from testimonia.core.errors import ImportFailed
from testimonia.core.importers import MAX_TEXT_CHARS, RawText, pdf_parallel, too_long
from testimonia.core.messages import Message

_log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
# Below this many pages, starting worker processes (about half a second each) costs more than it saves.
PARALLEL_MIN_PAGES = 40
# A page of prose has hundreds of letters; a scan has none, or only a page number or a Bates stamp
# ("HRW-000123"). So a PDF in which no page has this many letters (str.isalpha: Latin, Hangul, ...)
# has no usable text layer. Counting letters, not characters, keeps a one-line Korean statement
# (about a dozen syllables) importable. Mixed files (typed report, scanned annex) are imported.
MIN_LETTERS_ON_SOME_PAGE = 10

ENCRYPTED = Message("the PDF is encrypted; remove the password and import again")
SCANNED = Message("no text layer: the PDF looks scanned; run OCR first")
DAMAGED = Message("the PDF is damaged or incomplete (truncated download?); get a fresh copy and import again")


def _over_limit(what: Message, exc: BaseException) -> Message:
    return Message("{what} passes a safety limit ({detail}); real documents stay far below it, so the file is "
                   "malformed or built to exhaust memory", what=what, detail=_detail(exc))

# Placeholders that PDF producers write when the author set nothing (reportlab: "untitled",
# "anonymous", "unspecified"; Word: "Microsoft Word - file.docx").
_PLACEHOLDER = re.compile(
    r"^\(?(untitled.*|anonymous|unspecified|unknown|title|document\d*|microsoft word - .*)\)?$", re.IGNORECASE
)


def extract_pdf(
    data: bytes,
    path: Path,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool],
) -> RawText:
    reader = _open(data, path)
    total = _page_count(reader, path)
    report = progress or (lambda done, total: None)
    try:
        texts = _page_texts(data, reader, total, report, cancelled)
    except pdf_parallel.TooMuchText:
        raise too_long(path, MAX_TEXT_CHARS) from None
    except pdf_parallel.PageFailed as exc:
        raise ImportFailed(path, "page {page} cannot be read ({detail})", page=exc.page_index + 1,
                           detail=exc.detail[:160]) from None

    if max(sum(ch.isalpha() for ch in text) for text in texts) < MIN_LETTERS_ON_SOME_PAGE:
        raise ImportFailed(path, SCANNED)
    page_starts: list[int] = []
    offset = 0
    for text in texts:
        page_starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    metadata = _metadata(reader)
    metadata["pages"] = str(total)
    return RawText(
        text=PAGE_SEPARATOR.join(texts),
        title=metadata.pop("title", ""),
        page_starts=page_starts,
        metadata=metadata,
    )


def _page_texts(
    data: bytes,
    reader: PdfReader,
    total: int,
    report: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[str]:
    if total < PARALLEL_MIN_PAGES or pdf_parallel.usable_cpus() < 2:
        return pdf_parallel.extract_serial(reader, report, cancelled, MAX_TEXT_CHARS)
    reported = 0

    def monotonic(done: int, total: int) -> None:
        nonlocal reported
        if done > reported:
            reported = done
            report(done, total)

    report(0, total)
    try:
        return pdf_parallel.extract_parallel(data, total, monotonic, cancelled, max_chars=MAX_TEXT_CHARS)
    except BrokenProcessPool:
        # Workers could not start or died (a packaging fault, memory): slower, but the import works.
        _log.warning("PDF worker processes failed; extracting %d pages in this process", total, exc_info=True)
        return pdf_parallel.extract_serial(reader, monotonic, cancelled, MAX_TEXT_CHARS)


def _open(data: bytes, path: Path) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise ImportFailed(path, "this is not a PDF file (it has no PDF header)")
    # pypdf would rebuild a file cut short and quietly return only the pages it found; for evidence
    # a silently shortened document is worse than a refusal.
    if b"%%EOF" not in data[-4096:]:
        raise ImportFailed(path, DAMAGED)
    try:
        reader = pdf_parallel.open_reader(data)
    except DependencyError:
        raise ImportFailed(path, "the PDF uses AES encryption, which this version cannot open") from None
    except LimitReachedError as exc:
        raise ImportFailed(path, _over_limit(Message("the PDF's structure"), exc)) from None
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        raise ImportFailed(path, DAMAGED) from None
    return reader


def _page_count(reader: PdfReader, path: Path) -> int:
    try:
        total = len(reader.pages)
        # Each page object has one place in the page tree; a tree naming one page thousands of
        # times makes a small file read as thousands of pages (90,000 took two minutes).
        seen = {_page_id(page) for page in reader.pages}
    except FileNotDecryptedError:
        raise ImportFailed(path, ENCRYPTED) from None
    except LimitReachedError as exc:
        raise ImportFailed(path, _over_limit(Message("the PDF's list of pages"), exc)) from None
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        raise ImportFailed(path, DAMAGED) from None
    if total == 0:
        raise ImportFailed(path, "the PDF has no pages")
    if len(seen) < total:
        raise ImportFailed(path, "the PDF's list of pages is malformed: it names {total} pages but only {seen} "
                                 "different ones (one page listed again and again)", total=total, seen=len(seen))
    return total


def _page_id(page: object) -> object:
    ref = getattr(page, "indirect_reference", None)
    return (ref.idnum, ref.generation) if ref is not None else id(page)


def _detail(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _metadata(reader: PdfReader) -> dict[str, str]:
    # The document information dictionary is often broken in ways that do not matter for the text.
    try:
        info = reader.metadata
        if info is None:
            return {}
        found = {"title": info.title or "", "author": info.author or "", "subject": info.subject or ""}
    except Exception:
        return {}
    try:
        created = info.creation_date
        if created is not None:
            found["date"] = created.isoformat()
    except Exception:
        pass
    cleaned = {key: " ".join(str(value).split()) for key, value in found.items()}
    return {key: value for key, value in cleaned.items() if value and not _PLACEHOLDER.match(value)}
