"""Importing documents: files are read, extracted and saved in a worker; the window then opens the last one.

Extraction (PDF text, web-page boilerplate removal) is the slow part and needs no database; the
write is one short transaction per document (the full-text index of a 340-page report makes it
about a tenth of a second, so it runs in the worker too, like a merge). The progress dialog is
window-modal, so the user makes no other change meanwhile. A failure in one file never stops the
others: all problems are gathered into one message at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject

from testimonia.core.errors import Cancelled, ImportFailed, TestimoniaError
from testimonia.core.importers import SUPPORTED_SUFFIXES, Extracted, extract
from testimonia.core.offsets import OffsetMap
from testimonia.core.similar import NearDuplicate
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef, DocumentInfo

from .documents_panel import source_type
from .i18n import arg, format_count, translate
from .refresh import OpenDocument
from .session import Session
from .workers import Progress


class Importing(QObject):
    """This module's translation context. Texts with a count are translated through a class's tr():
    lupdate sees the count there, not in translate()."""


@dataclass
class ImportOutcome:
    imported: list[DocumentInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Imported documents whose text is near-identical to one already there (imported all the same).
    similar: list[tuple[DocumentInfo, list[NearDuplicate]]] = field(default_factory=list)
    cancelled: bool = False
    opened: OpenDocument | None = None  # the last imported document, ready to show


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


def save_results(store: Store, author: AuthorRef, results: Extraction) -> ImportOutcome:
    """Write each extracted document (any thread); the last one saved comes back ready to open."""
    outcome = ImportOutcome()
    last: Extracted | None = None
    for path, result in results:
        if isinstance(result, ImportFailed):
            outcome.problems.append(str(result))
            continue
        try:
            info = store.import_extracted(result, author, path=path)
            outcome.imported.append(info)
            last = result
            dups = store.near_duplicates(info.uuid)
            if dups:
                outcome.similar.append((info, dups))
        except TestimoniaError as exc:
            outcome.problems.append(str(exc))
    if outcome.imported and last is not None:
        # The stored text is the extracted text: no need to read 700k characters back.
        outcome.opened = OpenDocument(outcome.imported[-1], last.text, [], last.page_starts, OffsetMap(last.text))
    return outcome


def save_extracted(session: Session, results: Extraction) -> ImportOutcome:
    outcome = save_results(session.store, session.author, results)
    if outcome.imported:
        session.documents_changed.emit()
    return outcome


def import_job(store: Store, author: AuthorRef, paths: list[Path]
               ) -> Callable[[Progress, Callable[[], bool]], ImportOutcome]:
    """A worker job that extracts every file, then saves them (see extract_job, save_results)."""
    extract_all = extract_job(paths)

    def job(progress: Progress, cancelled: Callable[[], bool]) -> ImportOutcome:
        return save_results(store, author, extract_all(progress, cancelled))

    return job


def problems_message(problems: list[str], imported: int) -> str:
    head = Importing.tr("%Ln document(s) imported.", "", imported) + " " if imported else ""
    lead = Importing.tr("These %Ln file(s) could not be imported:", "", len(problems))
    return head + lead + "\n\n" + "\n".join(f"• {p}" for p in problems)


def similar_message(similar: list[tuple[DocumentInfo, list[NearDuplicate]]]) -> str:
    """Says which imported documents repeat a text already in the project, and that both are kept."""
    lines = []
    for doc, dups in similar:
        for dup in dups:
            lines.append(arg(translate("Importing", "“%1” (%2) is nearly the same text as “%3” (%4), "
                                                    "already in the project: %5% the same."),
                             doc.title, source_type(doc.kind), dup.title, source_type(dup.kind),
                             format_count(round(100 * max(dup.similarity, dup.contained)))))
    return ("\n".join(f"• {line}" for line in lines) + "\n\n"
            + translate("Importing", "Both were kept; remove one if you do not need it (Delete in the document list)."))


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
