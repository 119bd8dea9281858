"""What an export covers: the annotations and documents chosen by --doc and --kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testimonia.core import labels
from testimonia.core.messages import Message
from testimonia.core.queries import Queries
from testimonia.core.views import AnnotationView, DocumentInfo

Progress = Callable[[int, int], None]


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
class Selection:
    annotations: list[AnnotationView]
    documents: list[DocumentInfo]  # every document in scope, with or without annotations
    skipped: list[Message]
    store: Queries
    _texts: dict[str, str] = field(default_factory=dict)

    def text(self, doc_uuid: str) -> str:
        if doc_uuid not in self._texts:
            self._texts[doc_uuid] = self.store.document_text(doc_uuid)
        return self._texts[doc_uuid]

    def by_document(self) -> dict[str, list[AnnotationView]]:
        out: dict[str, list[AnnotationView]] = {d.uuid: [] for d in self.documents}
        for a in self.annotations:
            out.setdefault(a.document_uuid, []).append(a)
        return out


def select(store: Queries, *, document: str | None = None, kind: str | None = None,
           offsets_needed: bool = True, curated: bool = False) -> Selection:
    """Live annotations in scope, ordered by document and position; with `curated`, only the
    curated reading (core/agreement/curation.py), the annotators' own codings left out.

    Formats that carry offsets (W3C, REFI-QDA, brat) leave orphaned annotations out, because their
    offsets no longer point at their quote; the evidence table and report keep them, flagged.
    """
    doc_uuid = store.resolve_document(document) if document else None  # type: ignore[attr-defined]
    filters: dict[str, str] = {}
    if kind:
        if kind in (*labels.KINDS, labels.CUSTOM):
            filters["kind"] = kind
        else:
            filters["label"] = store.label(kind).uuid
    anns = store.annotations(document=doc_uuid, **filters)  # type: ignore[arg-type]
    if curated:
        anns = [a for a in anns if isinstance(a.fields.get(labels.CURATION_FIELD), str)]
    skipped: list[Message] = []
    if offsets_needed:
        orphans = [a for a in anns if a.orphaned]
        if orphans:
            skipped.append(Message("1 orphaned annotation left out: its quote is no longer found in the text "
                                   "(re-anchor or fix it first)") if len(orphans) == 1 else
                           Message("{count} orphaned annotations left out: their quote is no longer found in the "
                                   "text (re-anchor or fix them first)", count=len(orphans)))
        anns = [a for a in anns if not a.orphaned]
    # One document asked for by UUID is exported even when removed; the whole project never holds those.
    docs = [store.document(doc_uuid)] if doc_uuid else store.documents()  # type: ignore[attr-defined]
    return Selection(anns, docs, skipped, store)


def kind_name(a: AnnotationView) -> str:
    """A built-in kind's name, or a custom label's own name."""
    return a.label if a.kind == labels.CUSTOM else a.kind
