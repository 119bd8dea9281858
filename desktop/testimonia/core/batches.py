"""Write side of the Store for batches: many documents, labels and annotations in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import TYPE_CHECKING

from . import heads, labels, similar
from .errors import InvalidInput
from .hlc import Clock, pack
from .ids import is_uuid, new_uuid
from .validation import _check_color, _checked
from .views import AuthorRef, Content

if TYPE_CHECKING:
    from sqlmodel import Session

    from .importers import Extracted


class Batches:
    """Mixed into Store, which provides the transactions, the clock and document insertion."""

    if TYPE_CHECKING:  # provided by Store and DocumentWrites; declared only for readers and type checkers
        def _write(self) -> AbstractContextManager[tuple[Session, sqlite3.Connection]]: ...
        def _tick(self, conn: sqlite3.Connection) -> int: ...
        @staticmethod
        def _clock(conn: sqlite3.Connection) -> Clock: ...
        @staticmethod
        def _save_clock(conn: sqlite3.Connection, clock: Clock) -> None: ...
        @staticmethod
        def _ensure_author(conn: sqlite3.Connection, author: AuthorRef, hlc: int) -> None: ...
        @staticmethod
        def _document_in(conn: sqlite3.Connection, ref: str) -> str: ...
        @staticmethod
        def _insert_document(s: Session, conn: sqlite3.Connection, uid: str, ex: Extracted, author: AuthorRef,
                             hlc: int, where: Path, sketch: similar.Sketch | None = None) -> None: ...

    def add_batch(self, author: AuthorRef, *, documents: Sequence[NewDocument] = (),
                  labels_: Sequence[NewLabel] = (), annotations: Sequence[NewAnnotation] = ()
                  ) -> tuple[list[str], list[str]]:
        """Documents, then labels, then annotations from an exchange file (REFI-QDA, W3C) in one
        transaction: all or nothing. Returns (document UUIDs, annotation UUIDs)."""
        doc_ids: list[str] = []
        from .models import Label

        with self._write() as (s, conn):
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            for nd in documents:
                ex = nd.extracted
                uid = nd.uuid or new_uuid()
                taken = conn.execute("SELECT 1 FROM document WHERE uuid = ? UNION ALL SELECT 1 FROM document_alias "
                                     "WHERE alias_uuid = ?", (uid, uid)).fetchone()
                if taken or not is_uuid(uid):
                    # The caller picked this UUID and its annotations refer to it: refuse, never swap.
                    raise InvalidInput("document UUID {uuid!r} is not a UUID or already in use", uuid=uid)
                self._insert_document(s, conn, uid, ex, author, hlc, Path(ex.source_name))
                doc_ids.append(uid)
            for nl in labels_:
                name = nl.name.strip()
                if not name or len(name) > 100 or "\x00" in name:
                    raise InvalidInput("label name {name!r}: a label needs a name of 1 to 100 characters "
                                       "(and no NUL character)", name=nl.name)
                _check_color(nl.color)
                if conn.execute("SELECT 1 FROM label WHERE uuid = ? OR lower(name) = lower(?)",
                                (nl.uuid, name)).fetchone():
                    raise InvalidInput("a label named “{name}” (or with UUID {uuid}) already exists", name=name,
                                       uuid=nl.uuid)
                s.add(Label(uuid=nl.uuid, name=name, kind=labels.CUSTOM, color=nl.color, hlc=hlc))
            s.flush()
            ann_ids = self._insert_annotations(conn, annotations, author)
        return doc_ids, ann_ids


    def _insert_annotations(self, conn: sqlite3.Connection, annotations: Sequence[NewAnnotation],
                            author: AuthorRef) -> list[str]:
        """New annotations with their first revisions as two bulk INSERTs (caller's transaction).

        Each is checked as add_annotation checks one; it has no parents, so it is its own single
        head and no head needs recomputing. The ORM took 1 ms a row here (a 3,000-annotation W3C
        import spent 3 of its 5 s in it); plain executemany is about the cost of SQLite itself.
        """
        from .anchoring import quote_context

        kinds: dict[str, str] = dict(conn.execute("SELECT uuid, kind FROM label").fetchall())
        texts: dict[str, str] = {}
        clock = self._clock(conn)
        known_authors = {(author.uuid, author.name.strip()[:200])}
        ann_rows: list[tuple[object, ...]] = []
        rev_rows: list[tuple[object, ...]] = []
        here: dict[str, str] = {}  # the caller's document UUID → its UUID now (a merge may rename)
        for na in annotations:
            # One read of each text per batch, not two per annotation: a long report with
            # thousands of codings would otherwise copy its text thousands of times.
            if na.document not in here:
                here[na.document] = self._document_in(conn, na.document)
                texts[here[na.document]] = conn.execute("SELECT text FROM document WHERE uuid = ?",
                                                        (here[na.document],)).fetchone()[0]
            doc = here[na.document]
            text = texts[doc]
            content = _checked(Content(na.label, na.start, na.end, dict(na.fields), na.note), len(text),
                               kinds.get(na.label))
            hlc = clock.tick()
            if (na.author.uuid, na.author.name.strip()[:200]) not in known_authors:
                self._ensure_author(conn, na.author, hlc)
                known_authors.add((na.author.uuid, na.author.name.strip()[:200]))
            # Never later than now: a sender's clock running ahead must not outrank local edits.
            created = min(pack(na.created_ms, 0), hlc) if na.created_ms and na.created_ms > 0 else hlc
            uid, rev = new_uuid(), new_uuid()
            exact, prefix, suffix = quote_context(text, content.start, content.end)
            ann_rows.append((uid, doc, created, na.author.uuid, rev, 1))
            rev_rows.append((rev, uid, "[]", na.author.uuid, hlc, content.label_uuid, content.start, content.end,
                             exact, prefix, suffix, json.dumps(content.fields, ensure_ascii=False, sort_keys=True),
                             content.note, 0, 1, 0))
        conn.executemany("INSERT INTO annotation(uuid, document_uuid, created_hlc, creator_uuid, head_uuid, heads) "
                         "VALUES (?, ?, ?, ?, ?, ?)", ann_rows)
        conn.executemany(_INSERT_REVISION, rev_rows)
        self._save_clock(conn, clock)
        return [row[0] for row in ann_rows]  # type: ignore[misc]

    def set_deleted_many(self, uuids: Sequence[str], deleted: bool, author: AuthorRef) -> list[str]:
        """Delete (or bring back) many annotations in one transaction: one revision each, whose
        parent is the winning head and whose content is the head's with `deleted` set. Undo and
        redo of a whole import use it. Returns the annotations that changed."""
        with self._write() as (_s, conn):
            clock = self._clock(conn)
            self._ensure_author(conn, author, clock.tick())
            heads_now = conn.execute(
                "SELECT a.uuid, r.uuid, r.label_uuid, r.span_start, r.span_end, r.exact, r.prefix, r.suffix, "
                "r.fields, r.note, r.orphaned FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
                "WHERE a.uuid IN (SELECT value FROM json_each(?)) AND r.deleted != ? ORDER BY a.uuid",
                (json.dumps(list(uuids)), int(deleted)),
            ).fetchall()
            rows = [(new_uuid(), ann, json.dumps([head]), author.uuid, clock.tick(), label, start, end, exact,
                     prefix, suffix, fields, note, int(deleted), 1, orphaned)
                    for ann, head, label, start, end, exact, prefix, suffix, fields, note, orphaned in heads_now]
            conn.executemany(_INSERT_REVISION, rows)
            changed = [r[1] for r in rows]
            if changed:
                heads.refresh(conn, "SELECT value FROM json_each(?)", (json.dumps(changed),))
            self._save_clock(conn, clock)
        return changed  # type: ignore[return-value]


_INSERT_REVISION = (
    "INSERT INTO revision(uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, span_end, "
    "exact, prefix, suffix, fields, note, deleted, is_head, orphaned) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class NewDocument:
    """A document arriving in a batch; `uuid` (checked unused by the caller) keeps the sender's identity."""

    extracted: Extracted
    uuid: str | None = None


@dataclass(frozen=True)
class NewLabel:
    uuid: str
    name: str
    color: str


@dataclass(frozen=True)
class NewAnnotation:
    """An annotation arriving in a batch, credited to its own author (a coder in another tool)."""

    document: str  # UUID of a document in the project or earlier in the same batch
    label: str  # UUID of a label in the project or in the same batch
    start: int
    end: int
    author: AuthorRef
    fields: dict[str, object] = dc_field(default_factory=dict)
    note: str = ""
    created_ms: int | None = None  # when the sender says it was made (wall clock, ms)

