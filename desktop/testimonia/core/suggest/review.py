"""The researcher's verdicts on suggestions, kept in this project file only (the local table
`suggestion_review`, core/schema.py), and accepting a suggestion as an annotation.

Accepting writes the annotation exactly as `Store.add_annotation` does, in the same transaction as
its verdict row. The annotation's first revision carries a note naming the rule and score
(`provenance_note`), so where it came from travels with it to teammates; the verdict row does not.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .. import labels
from ..errors import InvalidInput
from ..schema import ensure_local_table, has_table
from ..views import AnnotationView, AuthorRef
from .model import Suggestion

if TYPE_CHECKING:
    from ..store import Store

TABLE = "suggestion_review"
ACCEPTED = "accepted"
REJECTED = "rejected"
_NOTE = re.compile(r"^Suggested by rule ([\w.-]+) \(score (\d(?:\.\d+)?)\)")


def provenance_note(s: Suggestion) -> str:
    return f"Suggested by rule {s.rule} (score {s.score:.2f})"  # not a message: stored, and read back (_NOTE)


def provenance(note: str) -> tuple[str, float] | None:
    """(rule, score) when an annotation's note says it was accepted from a suggestion."""
    m = _NOTE.match(note or "")
    return (m.group(1), float(m.group(2))) if m else None


@dataclass(frozen=True)
class Verdicts:
    """What this file remembers: reviewed places (never suggested again) and counts per rule."""

    places: frozenset[tuple[str, str, int, int]]  # (document, label, start, end)
    counts: dict[str, tuple[int, int]]  # rule -> (accepted, rejected)


def verdicts(store: Store) -> Verdicts:
    with store._read() as conn:
        if not has_table(conn, TABLE):
            return Verdicts(frozenset(), {})
        places = frozenset(conn.execute(
            f"SELECT document_uuid, label_uuid, span_start, span_end FROM {TABLE}").fetchall())
        counts: dict[str, tuple[int, int]] = {}
        for rule, accepted, rejected in conn.execute(
                f"SELECT rule, sum(verdict = 'accepted'), sum(verdict = 'rejected') FROM {TABLE} GROUP BY rule"):
            counts[rule] = (int(accepted), int(rejected))
    return Verdicts(places, counts)


def label_for(store: Store, s: Suggestion) -> str:
    if s.label_uuid:
        return s.label_uuid
    if s.kind in labels.BY_KIND:
        return labels.BY_KIND[s.kind].uuid
    return store.label(s.kind).uuid


def _record(conn: sqlite3.Connection, s: Suggestion, label: str, verdict: str, annotation: str | None,
            author: AuthorRef, hlc: int) -> None:
    ensure_local_table(conn, TABLE)
    conn.execute(
        f"INSERT INTO {TABLE} (document_uuid, label_uuid, span_start, span_end, exact, rule, verdict, "
        "annotation_uuid, author_uuid, at_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (document_uuid, label_uuid, span_start, span_end) DO UPDATE SET "
        "verdict = excluded.verdict, rule = excluded.rule, "
        "annotation_uuid = excluded.annotation_uuid, author_uuid = excluded.author_uuid, at_hlc = excluded.at_hlc",
        (s.document, label, s.start, s.end, s.exact, s.rule, verdict, annotation, author.uuid, hlc),
    )


def accept(store: Store, suggestions: Sequence[Suggestion], author: AuthorRef,
           fields: dict[str, object] | None = None, note: str = "") -> list[AnnotationView]:
    """Create one annotation per suggestion (its fields, or `fields` as edited) in one transaction."""
    if not suggestions:
        return []
    from ..store import NewAnnotation

    texts: dict[str, str] = {}
    batch: list[NewAnnotation] = []
    chosen = [(s, label_for(store, s)) for s in suggestions]
    for s, label in chosen:
        if not s.document:
            raise InvalidInput("a suggestion needs its document to be accepted")
        # A document's text never changes, so it is read once per document, before the write: the
        # per-annotation path read a long report's text three times for each accept.
        if s.document not in texts:
            texts[s.document] = store.document_text(s.document)
        if texts[s.document][s.start:s.end] != s.exact:
            raise InvalidInput("the suggestion {exact!r} no longer matches the text of document {document}",
                               exact=s.exact, document=s.document)
        batch.append(NewAnnotation(document=s.document, label=label, start=s.start, end=s.end, author=author,
                                   fields=dict(fields if fields is not None else s.fields),
                                   note=provenance_note(s) + (("\n" + note) if note else "")))
    with store.write_connection() as conn:
        store._ensure_author(conn, author, store._tick(conn))
        created = store._insert_annotations(conn, batch, author)
        hlc = store._tick(conn)
        for (s, label), uid in zip(chosen, created, strict=True):
            _record(conn, s, label, ACCEPTED, uid, author, hlc)
    return [store.annotation(uid) for uid in created]


def reject(store: Store, suggestions: Sequence[Suggestion], author: AuthorRef) -> None:
    """Remember the suggestions as rejected: they are not suggested again in this file."""
    record(store, suggestions, REJECTED, author)


def record(store: Store, suggestions: Sequence[Suggestion], verdict: Literal["accepted", "rejected"],
           author: AuthorRef, annotations: Sequence[str | None] | None = None) -> None:
    """Write verdicts without touching annotations: a rejection, or an acceptance again (the GUI's
    redo of an accept whose undo forgot it); `annotations` gives each accepted one's annotation."""
    if not suggestions:
        return
    uuids = list(annotations) if annotations is not None else [None] * len(suggestions)
    chosen = [(s, label_for(store, s), uid) for s, uid in zip(suggestions, uuids, strict=True)]
    with store.write_connection() as conn:
        hlc = store._tick(conn)
        for s, label, uid in chosen:
            _record(conn, s, label, verdict, uid, author, hlc)


def forget(store: Store, suggestions: Sequence[Suggestion]) -> None:
    """Undo a rejection: the suggestions may come back (the GUI's undo of Reject)."""
    chosen = [(s, label_for(store, s)) for s in suggestions]
    with store.write_connection() as conn:
        if not has_table(conn, TABLE):
            return
        conn.executemany(f"DELETE FROM {TABLE} WHERE document_uuid = ? AND label_uuid = ? AND span_start = ? "
                         "AND span_end = ?", [(s.document, label, s.start, s.end) for s, label in chosen])


def reviewed(store: Store) -> list[dict[str, object]]:
    """Every remembered verdict, oldest first (for a review screen and tests)."""
    with store._read() as conn:
        if not has_table(conn, TABLE):
            return []
        rows = conn.execute(f"SELECT document_uuid, label_uuid, span_start, span_end, exact, rule, verdict, "
                            f"annotation_uuid FROM {TABLE} ORDER BY id").fetchall()
    keys = ("document", "label_uuid", "start", "end", "exact", "rule", "verdict", "annotation")
    return [dict(zip(keys, row, strict=True)) for row in rows]
