"""Step 6 of a merge: the report. What a merge did, or would do: the same value for the preview
and for the real merge."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from ..hlc import to_iso
from ..messages import Message

if TYPE_CHECKING:
    from .plan import DocPlan

# Matching rules, strongest first (see plan.py).
NEW = "new"
BY_UUID = "uuid"
BY_ALIAS = "alias"
BY_TEXT = "text"
BY_SOURCE = "source"


@dataclass(frozen=True)
class DocumentOutcome:
    incoming_uuid: str
    uuid: str  # the document's UUID in this project after the merge
    title: str
    matched_by: str  # new | uuid | alias | text | source
    reanchored: bool  # the incoming copy's text differs from ours: its annotations were re-anchored


@dataclass(frozen=True)
class Orphan:
    """An incoming revision that could not be anchored onto our copy of its document: kept, flagged."""

    annotation_uuid: str
    revision_uuid: str
    document_uuid: str
    exact: str


@dataclass(frozen=True)
class AnnotationChange:
    """One annotation the merge adds, changes, deletes, puts in conflict or settles, as it reads after."""

    annotation_uuid: str
    change: str  # conflict | changed | deleted | resolved | new (changes.CHANGES)
    document_uuid: str
    document_title: str
    label_uuid: str
    label: str
    start: int
    end: int
    exact: str
    note: str


@dataclass
class MergeReport:
    source_file: str
    source_project_uuid: str
    source_title: str
    dry_run: bool
    documents: list[DocumentOutcome] = field(default_factory=list)
    revisions_new: int = 0
    revisions_known: int = 0
    annotations_new: int = 0  # visible new annotations (a creation and deletion both unseen counts for nothing)
    annotations_changed: int = 0  # annotations we held whose current version changed (not to a deletion)
    annotations_deleted: int = 0  # annotations we held, visible before, deleted now
    conflicts_created: int = 0  # annotations in conflict now that were not before (or did not exist)
    conflicts_resolved: int = 0  # annotations in conflict before that are not any more
    conflicts: list[str] = field(default_factory=list)  # annotation UUIDs of the conflicts created
    orphans: list[Orphan] = field(default_factory=list)
    # The first of the annotations it touches visibly (most important change first), and how many.
    changes: list[AnnotationChange] = field(default_factory=list)
    changes_total: int = 0
    labels_new: int = 0
    labels_updated: int = 0
    authors_new: int = 0
    project_title_changed: bool = False
    # Set when this very file (same bytes) was merged before: nothing was read or written.
    already_merged_hlc: int | None = None
    # How the file was read, when that needs saying (a -wal beside it read from a private copy, …).
    notes: list[str] = field(default_factory=list)
    # Kinds merged by the generic copy (kinds.py): table → {"new": rows added, "updated": rows replaced}.
    records: dict[str, dict[str, int]] = field(default_factory=dict)
    # The rowids the rows it inserted got, table → (first, last), for "annotation" and "revision":
    # the team server's pull marks them as the server's (server/pull.py) without looking each up.
    inserted: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def documents_new(self) -> int:
        return sum(d.matched_by == NEW for d in self.documents)

    @property
    def documents_matched(self) -> int:
        return sum(d.matched_by != NEW for d in self.documents)

    @property
    def documents_reanchored(self) -> int:
        return sum(d.reanchored for d in self.documents)

    @property
    def changes_anything(self) -> bool:
        c = self.counts()
        return any(v for k, v in c.items() if k not in ("documents_matched", "documents_reanchored", "revisions_known"))

    def counts(self) -> dict[str, int]:
        """The numbers only: what the merge log keeps and what a summary line shows."""
        return {
            "documents_new": self.documents_new,
            "documents_matched": self.documents_matched,
            "documents_reanchored": self.documents_reanchored,
            "revisions_new": self.revisions_new,
            "revisions_known": self.revisions_known,
            "annotations_new": self.annotations_new,
            "annotations_changed": self.annotations_changed,
            "annotations_deleted": self.annotations_deleted,
            "conflicts_created": self.conflicts_created,
            "conflicts_resolved": self.conflicts_resolved,
            "orphans": len(self.orphans),
            "labels_new": self.labels_new,
            "labels_updated": self.labels_updated,
            "authors_new": self.authors_new,
            "project_title_changed": int(self.project_title_changed),
            **{f"{table}_{what}": n for table, done in sorted(self.records.items()) for what, n in done.items()},
        }

    def to_json(self) -> dict[str, object]:
        return {
            "source_file": self.source_file,
            "source_project": self.source_project_uuid,
            "source_title": self.source_title,
            "dry_run": self.dry_run,
            "already_merged": to_iso(self.already_merged_hlc) if self.already_merged_hlc is not None else None,
            "counts": self.counts(),
            "documents": [_flat(d) for d in self.documents],
            "conflicts": list(self.conflicts),
            "orphans": [_flat(o) for o in self.orphans],
            "annotations": [_flat(c) for c in self.changes],
            "annotations_total": self.changes_total,
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        if self.already_merged_hlc is not None:
            return str(Message("{file}: already merged on {when}; nothing new", file=self.source_file,
                               when=to_iso(self.already_merged_hlc)))
        c = self.counts()
        counts = {"documents": c["documents_new"], "matched": c["documents_matched"],
                  "reanchored": c["documents_reanchored"], "annotations": c["annotations_new"],
                  "changed": c["annotations_changed"], "deleted": c["annotations_deleted"],
                  "conflicts": c["conflicts_created"], "orphans": c["orphans"]}
        if self.dry_run:
            return str(Message("{file}: would add documents: {documents} ({matched} matched, {reanchored} "
                               "re-anchored); annotations: {annotations} new, {changed} changed, {deleted} deleted; "
                               "new conflicts: {conflicts}; orphans: {orphans}", file=self.source_file, **counts))
        return str(Message("{file}: added documents: {documents} ({matched} matched, {reanchored} re-anchored); "
                           "annotations: {annotations} new, {changed} changed, {deleted} deleted; new conflicts: "
                           "{conflicts}; orphans: {orphans}", file=self.source_file, **counts))


def document_outcomes(conn: sqlite3.Connection, plans: list[DocPlan], report: MergeReport) -> None:
    """What became of each incoming document, under its title here after the merge."""
    titles = dict(conn.execute("SELECT uuid, title FROM main.document").fetchall())
    report.documents = [
        DocumentOutcome(p.incoming.uuid, p.canonical, titles.get(p.canonical, p.incoming.title), p.matched_by,
                        p.reanchor)
        for p in plans
    ]


def _flat(record: DocumentOutcome | Orphan | AnnotationChange) -> dict[str, object]:
    """asdict() for these flat records, without its deep copies: ten times faster on the 30,000
    document outcomes of a large merge."""
    return {f.name: getattr(record, f.name) for f in _FIELDS[type(record)]}


_FIELDS = {cls: fields(cls) for cls in (DocumentOutcome, Orphan, AnnotationChange)}

