"""Importing documents: files are read and extracted in a worker, then written from the GUI thread.

Extraction (PDF text, web-page boilerplate removal) is the slow part and needs no database; the
write is one short transaction per document. Keeping every write on the GUI thread means the
project file has a single writer, as the design asks, and a failure in one file never stops the
others: all problems are gathered into one message at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testimonia.core.errors import Cancelled, ImportFailed, TestimoniaError
from testimonia.core.importers import SUPPORTED_SUFFIXES, Extracted, extract
from testimonia.core.views import DocumentInfo

from .i18n import arg, format_count, translate
from .session import Session
from .workers import Progress


@dataclass
class ImportOutcome:
    imported: list[DocumentInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False


def file_filter() -> str:
    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    return arg(translate("Importing", "Documents (%1);;All files (*)"), patterns)


Extraction = list[tuple[Path, Extracted | ImportFailed]]


def extract_job(paths: list[Path]) -> Callable[[Progress, Callable[[], bool]], Extraction]:
    """A worker job extracting each file; failures are kept per file, not raised."""

    def job(progress: Progress, cancelled: Callable[[], bool]) -> Extraction:
        out: Extraction = []
        steps = 1000  # per file, so a long PDF moves the bar smoothly inside its own share
        total = len(paths) * steps
        for i, path in enumerate(paths):
            if cancelled():
                raise Cancelled()
            label = arg(translate("Importing", "Reading %1 (%2 of %3)"), path.name, format_count(i + 1),
                        format_count(len(paths)))
            progress(i * steps, total, label)

            def sub(done: int, of: int, i: int = i, label: str = label) -> None:
                progress(i * steps + (done * steps // of if of else 0), total, label)

            try:
                out.append((path, extract(path, progress=sub, cancelled=cancelled)))
            except ImportFailed as exc:
                out.append((path, exc))
        progress(total, total, translate("Importing", "Saving"))
        return out

    return job


def save_extracted(session: Session, results: Extraction) -> ImportOutcome:
    outcome = ImportOutcome()
    for path, result in results:
        if isinstance(result, ImportFailed):
            outcome.problems.append(str(result))
            continue
        try:
            outcome.imported.append(session.store.import_extracted(result, session.author, path=path))
        except TestimoniaError as exc:
            outcome.problems.append(str(exc))
    if outcome.imported:
        session.documents_changed.emit()
    return outcome


def problems_message(problems: list[str], imported: int) -> str:
    head = ""
    if imported:
        head = (translate("Importing", "1 document imported.") if imported == 1
                else arg(translate("Importing", "%1 documents imported."), format_count(imported))) + " "
    lead = (translate("Importing", "This file could not be imported:") if len(problems) == 1
            else arg(translate("Importing", "These %1 files could not be imported:"), format_count(len(problems))))
    return head + lead + "\n\n" + "\n".join(f"• {p}" for p in problems)


def local_paths(urls: list[object]) -> list[Path]:
    """Dropped URLs that are local files (folders are expanded one level, documents only)."""
    out: list[Path] = []
    for url in urls:
        local = getattr(url, "toLocalFile", lambda: "")()
        if not local:
            continue
        p = Path(local)
        if p.is_dir():
            out += sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(p)
    return out
