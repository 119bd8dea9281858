"""PDF page text, in this process or spread over worker processes.

pypdf is pure Python and spends its time in the interpreter, so threads would not help; page ranges
go to processes instead. Everything a worker runs is a module-level function of this module, which
imports only pypdf and the text helpers, so a spawned (or frozen) worker starts quickly.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from pypdf import PdfReader

from testimonia.core.errors import Cancelled
from testimonia.core.textnorm import normalise

CHUNK_PAGES = 25
_POLL_SECONDS = 0.1

_worker_reader: PdfReader | None = None


class TooMuchText(Exception):
    """The pages read so far hold more text than the caller's budget."""


class PageFailed(Exception):
    """A page whose text pypdf could not extract; args stay plain so it crosses process boundaries."""

    def __init__(self, page_index: int, detail: str) -> None:
        super().__init__(page_index, detail)
        self.page_index = page_index
        self.detail = detail


def open_reader(data: bytes) -> PdfReader:
    # Lenient parsing: real-world PDFs are often slightly off-spec and still perfectly readable.
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")  # owner-password-only files open with the empty user password
    return reader


def page_text(reader: PdfReader, index: int) -> str:
    try:
        return normalise(reader.pages[index].extract_text() or "")
    except Exception as exc:
        raise PageFailed(index, f"{type(exc).__name__}: {exc}") from None


def extract_serial(reader: PdfReader, progress: Callable[[int, int], None], cancelled: Callable[[], bool],
                   max_chars: int | None = None) -> list[str]:
    total = len(reader.pages)
    texts: list[str] = []
    chars = 0
    for index in range(total):
        if cancelled():
            raise Cancelled()
        texts.append(page_text(reader, index))
        chars += len(texts[-1])
        if max_chars is not None and chars > max_chars:
            raise TooMuchText()
        progress(index + 1, total)
    return texts


def usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))  # honours container and taskset limits
    return os.cpu_count() or 1


def _init_worker(source: str) -> None:
    # Each worker reads and parses the file once, then serves many chunks. The bytes come from a
    # private copy, not through initargs: those travel in the spawn pipe, and CPython blocks forever
    # writing a large payload to a child that died while starting (e.g. a frozen build without
    # freeze_support), instead of reporting a broken pool.
    global _worker_reader
    from testimonia.core import logs

    logs.setup()  # pypdf's warnings go to the log file, as in the parent, never to the terminal
    _worker_reader = open_reader(Path(source).read_bytes())


def extract_range(start: int, stop: int) -> list[str]:
    assert _worker_reader is not None, "worker used without _init_worker"
    return [page_text(_worker_reader, index) for index in range(start, stop)]


def extract_parallel(
    data: bytes,
    total: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    workers: int | None = None,
    max_chars: int | None = None,
) -> list[str]:
    """Page texts in order; progress and cancellation are handled here, in the calling thread.

    Raises BrokenProcessPool when worker processes cannot run; the caller may then go serial;
    TooMuchText once the pages read hold more than `max_chars` characters.
    """
    # A copy of exactly the bytes that were hashed: the user's file may change while we read it.
    with tempfile.TemporaryDirectory(prefix="testimonia-pdf-", ignore_cleanup_errors=True) as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        return _run_pool(str(source), total, progress, cancelled, workers, max_chars)


def _run_pool(
    source: str,
    total: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    workers: int | None,
    max_chars: int | None = None,
) -> list[str]:
    chunks = [(start, min(start + CHUNK_PAGES, total)) for start in range(0, total, CHUNK_PAGES)]
    pool = ProcessPoolExecutor(
        max_workers=min(workers or usable_cpus(), len(chunks)),
        mp_context=multiprocessing.get_context("spawn"),  # fork is unsafe once Qt threads exist
        initializer=_init_worker,
        initargs=(source,),
    )
    finished = False
    try:
        pending: dict[Future[list[str]], tuple[int, int]] = {
            pool.submit(extract_range, start, stop): (start, stop) for start, stop in chunks
        }
        by_start: dict[int, list[str]] = {}
        done_pages = 0
        chars = 0
        progress(0, total)
        while pending:
            if cancelled():
                raise Cancelled()
            done, _ = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                start, stop = pending.pop(future)
                by_start[start] = future.result()
                chars += sum(map(len, by_start[start]))
                if max_chars is not None and chars > max_chars:
                    raise TooMuchText()
                done_pages += stop - start
                progress(done_pages, total)
        finished = True
        return [text for start, _ in chunks for text in by_start[start]]
    finally:
        # On cancel or failure do not wait: queued chunks are dropped, running ones end on their own.
        pool.shutdown(wait=finished, cancel_futures=True)
