"""What the window shows of a project, read in one go off the GUI thread.

After a 200k-revision merge, re-reading the totals and the open document's spans took over a
second; done on the GUI thread, the window froze for as long. A worker reads them into a Snapshot
and the window only applies it (MainWindow.refresh_all); the documents list then reads the rows it
shows (ui/documents_panel.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from testimonia.core.errors import TestimoniaError
from testimonia.core.offsets import OffsetMap
from testimonia.core.store import Store
from testimonia.core.views import DocumentInfo, LabelInfo

from .annotations_model import Row


@dataclass(frozen=True)
class OpenDocument:
    """One document as the reader and the table need it."""

    info: DocumentInfo
    text: str | None  # None: the text the reader already holds (same SHA-256)
    rows: list[Row]
    pages: list[int] | None
    offsets: OffsetMap | None = None  # of `text`, built in the worker too


@dataclass(frozen=True)
class Snapshot:
    labels: list[LabelInfo]  # deleted ones included, names as stored
    authors: dict[str, str]
    stats: dict[str, int]
    requested: str | None  # the document that was open when the snapshot was asked for
    document: OpenDocument | None
    error: str = ""  # why the requested document could not be read


def read_document(store: Store, uuid: str, documents: list[DocumentInfo] | None = None,
                  have_sha256: str | None = None) -> OpenDocument:
    uuid = store.resolve_document(uuid)  # a merge may have given our document the other file's UUID
    info = next((d for d in documents or () if d.uuid == uuid), None) or store.document(uuid)
    text = None if have_sha256 is not None and info.text_sha256 == have_sha256 else store.document_text(uuid)
    rows = list(map(Row._make, store.span_rows(uuid)))
    return OpenDocument(info, text, rows, store.page_starts(uuid), OffsetMap(text) if text is not None else None)


def read_snapshot(store: Store, document: str | None, have_sha256: str | None = None) -> Snapshot:
    """Everything the window shows; runs in a worker. `have_sha256`: the text the reader holds."""
    opened, error = None, ""
    if document:
        try:
            opened = read_document(store, document, None, have_sha256)
        except TestimoniaError as exc:
            error = str(exc)
    # The documents list is not read here: it reads the rows it shows when the window applies this.
    return Snapshot(store.labels(include_deleted=True), store.authors(), store.stats(), document, opened, error)
