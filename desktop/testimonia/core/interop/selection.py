"""What an export covers: the annotations and documents chosen by --doc and --kind, read as the
file is written.

An export holds one read snapshot (core/snapshot.py) open while it writes, and takes the
annotations from it one at a time: the counts it needs first (the W3C collection's total, the
progress bar's end, the table's field columns) are asked of SQL, never by building the list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from testimonia.core import labels
from testimonia.core.messages import Message
from testimonia.core.queries import Queries
from testimonia.core.snapshot import AnnotationFilter, ScopeCounts, Snapshot
from testimonia.core.views import AnnotationView, DocumentRef

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 200  # annotations between two progress calls


@dataclass
class ExportResult:
    format: str
    path: Path
    annotations: int
    documents: int
    skipped: list[Message] = field(default_factory=list)  # what was left out, and why

    def to_json(self) -> dict[str, object]:
        return {"format": self.format, "path": str(self.path), "annotations": self.annotations,
                "documents": self.documents, "skipped": [str(m) for m in self.skipped]}


@dataclass
class Scope:
    """The annotations in scope, streamed from one snapshot, and what is known of them up front."""

    snap: Snapshot
    filter: AnnotationFilter
    counts: ScopeCounts
    skipped: list[Message]

    @property
    def total(self) -> int:
        return self.counts.annotations

    def annotations(self) -> Iterator[AnnotationView]:
        """In list order (document, then position)."""
        return self.snap.annotations(self.filter)

    def documents(self) -> list[DocumentRef]:
        """Every document in scope, with or without annotations."""
        return self.snap.documents(self.filter)

    def document(self, uuid: str) -> DocumentRef:
        return self.snap.document(self.filter, uuid)

    def by_document(self) -> Iterator[tuple[DocumentRef, Iterator[AnnotationView]]]:
        """Each document and its annotations as they are read (take them before the next document)."""
        return self.snap.by_document(self.filter)

    def text(self, document: str) -> str:
        return self.snap.text(document)

    def field_keys(self) -> set[str]:
        return self.snap.field_keys(self.filter)

    def kind_counts(self) -> dict[str, int]:
        return self.snap.kind_counts(self.filter)


@dataclass
class FilteredScope(Scope):
    """A scope narrowed to the annotations an evidence filter keeps (core/evidence/case.py)."""

    allowed: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(1 for _a in self.annotations())

    def annotations(self) -> Iterator[AnnotationView]:
        return (a for a in super().annotations() if a.uuid in self.allowed)

    def by_document(self) -> Iterator[tuple[DocumentRef, Iterator[AnnotationView]]]:
        for doc, items in super().by_document():
            yield doc, (a for a in items if a.uuid in self.allowed)

    def kind_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for a in self.annotations():
            counts[a.kind] = counts.get(a.kind, 0) + 1
        return counts


class Ticker:
    """Calls `progress(done, total)` every PROGRESS_EVERY steps and at the end."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.every = progress, total, PROGRESS_EVERY
        self.done = 0

    def __call__(self, steps: int = 1) -> None:
        before = self.done
        self.done += steps
        if self.progress and (self.done // self.every != before // self.every or self.done == self.total):
            self.progress(self.done, self.total)


def select(store: Queries, snap: Snapshot, *, document: str | None = None, kind: str | None = None,
           offsets_needed: bool = True, curated: bool = False) -> Scope:
    """Live annotations in scope, ordered by document and position; with `curated`, only the
    curated reading (core/agreement/curation.py), the annotators' own codings left out.

    Formats that carry offsets (W3C, REFI-QDA, brat) leave orphaned annotations out, because their
    offsets no longer point at their quote; the evidence table and report keep them, flagged.
    One document asked for by UUID is exported even when removed; the whole project never holds those.
    """
    filters: dict[str, str] = {}
    if kind:
        filters["kind" if kind in (*labels.KINDS, labels.CUSTOM) else "label"] = kind
    flt = store.annotation_filter(document=document, anchored_only=offsets_needed, curated=curated,
                                  **filters)  # type: ignore[arg-type]
    counts = snap.count(flt)
    skipped: list[Message] = []
    n = counts.orphans_left_out
    if n:
        skipped.append(Message("1 orphaned annotation left out: its quote is no longer found in the text "
                               "(re-anchor or fix it first)") if n == 1 else
                       Message("{count} orphaned annotations left out: their quote is no longer found in the "
                               "text (re-anchor or fix them first)", count=n))
    return Scope(snap, flt, counts, skipped)


def kind_name(a: AnnotationView) -> str:
    """A built-in kind's name, or a custom label's own name."""
    return a.label if a.kind == labels.CUSTOM else a.kind
