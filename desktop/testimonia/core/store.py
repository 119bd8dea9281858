"""The project file's API: the one way the CLI and the GUI read and change a project.

Each mutating method is one transaction. Annotation edits never update content in place: they
append a revision whose parent is the current winning head (see heads.py), so undo, team merge
and history all speak the same language.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import TYPE_CHECKING

from . import fts, heads, labels, rawdb, similar
from .checkpoint import Checkpointer
from .errors import AlreadyImported, DamagedFileError, InvalidInput, NotFound, TestimoniaError
from .hlc import Clock, pack
from .ids import is_uuid, new_uuid
from .messages import Message
from .queries import Queries
from .received import ReceivedFile, open_received, upgraded_copy
from .textnorm import normalise, sha256_hex
from .views import AnnotationView, AuthorRef, Content, DocumentInfo, LabelInfo

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from .evidence import Register
    from .importers import Extracted

MAX_NOTE_CHARS = 100_000
MAX_TITLE_CHARS = 500
MAX_SPAN_CHARS = 200_000
READ_POOL_SIZE = 4  # idle read connections kept open (the GUI thread, a worker or two)


class Store(Queries):
    """Reads go through a small pool of plain sqlite3 connections; writes through an SQLAlchemy
    engine and the SQLModel tables, both imported and built on the first write. Importing them
    costs about 300 ms, half the app's start, and opening a project and reading it need neither.
    """

    def __init__(self, path: Path, *, upgraded_from: int | None = None, backup: Path | None = None,
                 received: ReceivedFile | None = None) -> None:
        self._setup(Path(path), upgraded_from, backup, received)
        with self._read() as conn:
            row = conn.execute("SELECT uuid, title FROM project").fetchone()
        if row is None:
            raise TestimoniaError("{path}: the project file has no project record", path=self.path)
        self.uuid: str = row[0]

    def _setup(self, path: Path, upgraded_from: int | None, backup: Path | None,
               received: ReceivedFile | None = None) -> None:
        self.path = path
        self.upgraded_from = upgraded_from
        self.backup = backup
        # Read-only stores read through `received` (core/received.py) and never write.
        self.received = received
        self.notes: list[str] = list(received.notes) if received else []
        self.recovered = False  # a waiting -wal was written into the main file on opening
        self._engine: Engine | None = None
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._checkpointer = Checkpointer(path)
        self._trace: Callable[[str], None] | None = None

    @property
    def evidence(self) -> Register:
        """The evidence register (core/evidence/): entities, incidents, links, sources, memos."""
        from .evidence import Register

        return Register(self)

    @property
    def readonly(self) -> bool:
        return self.received is not None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine the write transactions run on, built on first use."""
        with self._lock:
            if self._engine is None:
                from . import db

                self._engine = db.make_engine(self.path)
            return self._engine

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, title: str, author: AuthorRef) -> Store:
        from . import db

        path = Path(path)
        db.create_file(path)
        try:
            from .models import Label, Project

            store = cls.__new__(cls)
            store._setup(path, None, None)
            with store._write() as (s, conn):
                hlc = store._tick(conn)
                store.uuid = new_uuid()
                s.add(Project(uuid=store.uuid, title=_title(title or path.stem), created_hlc=hlc, title_hlc=hlc))
                for b in labels.BUILTINS:
                    # hlc 0: built-ins are the same everywhere until someone renames or recolours one.
                    s.add(Label(uuid=b.uuid, name=b.name, kind=b.kind, color=b.color, shortcut=b.shortcut, hlc=0))
                store._ensure_author(conn, author, hlc)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return store

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Store:
        """Open a project to work in, or with `readonly` any project file (a teammate's, one on a
        stick) to read it without writing to it or beside it (core/received.py)."""
        path = Path(path)
        if readonly:
            return cls._open_readonly(path)
        wal_before = _wal_state(path)
        version = rawdb.inspect_file(path, full=False)  # our own file: the cheap checks (rawdb.inspect_file)
        rawdb.ensure_wal(path)
        if version < rawdb.SCHEMA_VERSION:
            backup = rawdb.upgrade(path, version)
            store = cls(path, upgraded_from=version, backup=backup)
        else:
            store = cls(path)
        if wal_before is not None:
            store._recover(wal_before)
        return store

    @classmethod
    def _open_readonly(cls, path: Path) -> Store:
        received = open_received(path)
        try:
            version = rawdb.inspect_file(path, received.uri)
            if version < rawdb.SCHEMA_VERSION:
                received = upgraded_copy(received, version)
            return cls(path, received=received)
        except BaseException:
            received.close()
            raise

    def _recover(self, main_before: tuple[int, int]) -> None:
        """A -wal was waiting beside the project when it was opened (a session that was killed, or
        the app still open elsewhere): put it into the main file now and say so if it held news."""
        self._checkpointer.checkpoint_now()
        if main_before != _main_state(self.path):
            self.recovered = True
            # Notes are read as text by the CLI and the merge report: rendered now, in the user's language.
            self.notes.append(str(Message("{name}: changes that were waiting in {name}-wal (from a session that did "
                                          "not close, or one still open) are now in the project file",
                                          name=self.path.name)))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            engine, self._engine = self._engine, None
        for conn in idle:
            conn.close()
        if engine is not None:
            engine.dispose()
        if not self.readonly:
            self._checkpointer.close()
        if self.received is not None:
            self.received.close()

    def committed(self) -> None:
        """A write transaction on this project just committed (also from merge's own connection):
        the main file will hold it within moments (core/checkpoint.py)."""
        self._checkpointer.committed()

    def wait_written(self, timeout: float = 5.0) -> bool:
        """Block until the main file alone holds every commit so far; False on timeout."""
        return self._checkpointer.wait(timeout)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[tuple[Session, sqlite3.Connection]]:
        if self.readonly:
            raise InvalidInput("{path}: opened read-only; nothing was changed", path=self.path)
        from sqlmodel import Session

        with Session(self.engine) as s, s.begin():
            conn = s.connection().connection.driver_connection
            conn.set_trace_callback(self._trace)  # type: ignore[union-attr]
            yield s, conn  # type: ignore[misc]
        self.committed()

    def _connect_read(self) -> sqlite3.Connection:
        if self.received is not None:
            return rawdb.connect_uri(self.received.uri)
        return rawdb.connect_raw(self.path)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self._connect_read()
        conn.set_trace_callback(self._trace)
        try:
            conn.execute("BEGIN")  # one consistent snapshot for multi-statement reads
            try:
                yield conn
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc):
                    raise
                # sqlite3 decodes every text it reads: a file holding other bytes is damaged or altered.
                raise DamagedFileError(self.path, "it holds text that is not valid UTF-8 (the file is damaged or "
                                                  "was altered); `testimonia check` lists where") from None
            except sqlite3.DatabaseError as exc:
                if "malformed" not in str(exc):
                    raise
                # Opening one's own project skips the full quick_check; SQLite checks each page it reads.
                raise DamagedFileError(self.path, "the project file is damaged ({detail}); `testimonia check` "
                                                  "says where", detail=exc) from None
            finally:
                conn.execute("ROLLBACK")
        finally:
            self._release(conn)

    def set_trace(self, callback: Callable[[str], None] | None) -> None:
        """Hand every SQL statement this store runs from now on to `callback` (None: stop), for
        tests that assert what an action reads (sqlite3's set_trace_callback)."""
        self._trace = callback

    def vacuum_into(self, target: Path) -> None:
        """A compact, consistent copy of the project at `target` (which must not exist)."""
        conn = self._connect_read()
        try:
            conn.execute("VACUUM INTO ?", (str(target),))  # its own read transaction: one snapshot
        finally:
            conn.close()

    def _release(self, conn: sqlite3.Connection) -> None:
        """Back to the pool if it is clean and there is room; else closed."""
        with self._lock:
            if not self._closed and not conn.in_transaction and len(self._idle) < READ_POOL_SIZE:
                self._idle.append(conn)
                return
        conn.close()

    @contextmanager
    def write_connection(self) -> Iterator[sqlite3.Connection]:
        """A raw connection inside one write transaction, for bulk paths and tests."""
        with self._write() as (_s, conn):
            yield conn

    def _tick(self, conn: sqlite3.Connection) -> int:
        clock = self._clock(conn)
        value = clock.tick()
        self._save_clock(conn, clock)
        return value

    @staticmethod
    def _clock(conn: sqlite3.Connection) -> Clock:
        """The file's clock, for a batch that ticks many times and saves it once (_save_clock)."""
        row = conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        return Clock(int(row[0]) if row else 0)

    @staticmethod
    def _save_clock(conn: sqlite3.Connection, clock: Clock) -> None:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc', ?)", (str(clock.last),))

    @staticmethod
    def observe_hlc(conn: sqlite3.Connection, remote: int) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET "
            "value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
            (str(remote),),
        )

    @staticmethod
    def _ensure_author(conn: sqlite3.Connection, author: AuthorRef, hlc: int) -> None:
        if not is_uuid(author.uuid) or not author.name.strip():
            raise InvalidInput("the author needs a name (use --author NAME or set TESTIMONIA_AUTHOR)")
        _refuse_nul(author.name, Message("the author's name"))
        conn.execute(
            "INSERT INTO author(uuid, name, hlc) VALUES (?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
            "name = excluded.name, hlc = excluded.hlc WHERE excluded.name != author.name",
            (author.uuid, author.name.strip()[:200], hlc),
        )

    # -- project -------------------------------------------------------------------------------
    def set_title(self, title: str, author: AuthorRef) -> None:
        with self._write() as (_s, conn):
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            conn.execute("UPDATE project SET title = ?, title_hlc = ?", (_title(title), hlc))

    # -- labels --------------------------------------------------------------------------------
    def add_label(self, name: str, color: str, author: AuthorRef, shortcut: str = "") -> LabelInfo:
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("a label needs a name of 1 to 100 characters")
        _refuse_nul(name + shortcut, Message("the label's name or key"))
        self._refuse_label_clash(name, shortcut, None)
        _check_color(color)
        from .models import Label

        with self._write() as (s, conn):
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            uid = new_uuid()
            s.add(Label(uuid=uid, name=name, kind=labels.CUSTOM, color=color, shortcut=shortcut[:20], hlc=hlc))
        return self.label(uid)

    def update_label(self, uuid: str, author: AuthorRef, *, name: str | None = None,
                     color: str | None = None, shortcut: str | None = None,
                     deleted: bool | None = None) -> LabelInfo:
        current = self.label(uuid)
        if deleted and current.builtin:
            raise InvalidInput("the built-in labels cannot be removed")
        if color is not None:
            _check_color(color)
        new_name = (name.strip() or current.name) if name is not None else current.name
        new_shortcut = shortcut[:20] if shortcut is not None else current.shortcut
        _refuse_nul(new_name + new_shortcut, Message("the label's name or key"))
        new_deleted = deleted if deleted is not None else current.deleted
        if not new_deleted:  # also when a removal is undone: the name or key may be taken since
            self._refuse_label_clash(new_name, new_shortcut, uuid)
        with self._write() as (_s, conn):
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            conn.execute(
                "UPDATE label SET name = ?, color = ?, shortcut = ?, deleted = ?, hlc = ? WHERE uuid = ?",
                (new_name, color or current.color, new_shortcut, int(new_deleted), hlc, uuid),
            )
        return self.label(uuid)

    def _refuse_label_clash(self, name: str, shortcut: str, own_uuid: str | None) -> None:
        """Labels in use need distinct names and keys, or marking by name or key becomes ambiguous."""
        for lb in self.labels():
            if lb.uuid == own_uuid:
                continue
            if lb.name.casefold() == name.casefold():
                raise InvalidInput("a label named “{name}” already exists", name=name)
            if shortcut and lb.shortcut.casefold() == shortcut.casefold():
                raise InvalidInput("the key {shortcut!r} already marks “{name}”", shortcut=shortcut, name=lb.name)

    # -- documents -----------------------------------------------------------------------------
    def import_file(self, path: Path | str, author: AuthorRef,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> DocumentInfo:
        path = Path(path)
        from .importers import extract_bytes, read_source

        data = read_source(path)  # a regular file within its size limit, read once
        self._refuse_duplicate(path, sha256_hex(data))  # cheap check by bytes before extracting
        extracted = extract_bytes(data, path, progress=progress, cancelled=cancelled)
        return self.import_extracted(extracted, author, path=path, original=data)

    def import_text(self, title: str, text: str, author: AuthorRef, source_name: str = "clipboard") -> DocumentInfo:
        # Clipboard text may carry NULs; SQLite's length() and substr() stop at one, so they never get stored.
        text = normalise(text.replace("\x00", "\ufffd"))
        if not text.strip():
            raise InvalidInput("there is no text to import")
        from .importers import Extracted

        ex = Extracted(
            text=text, title=_title(title or text.strip().splitlines()[0]), kind="paste",
            source_name=source_name, source_sha256=sha256_hex(text), text_sha256=sha256_hex(text),
            page_starts=None, metadata={},
        )
        return self.import_extracted(ex, author, path=Path(source_name))

    def import_extracted(self, ex: Extracted, author: AuthorRef, path: Path | None = None,
                         original: bytes | None = None) -> DocumentInfo:
        """Store an extracted document. The imported file is kept inside the project when the
        project's setting allows (core/evidence/originals.py): `original` is its bytes, else they
        are read again from `path` and kept only if they are still the bytes extracted."""
        where = path or Path(ex.source_name)
        if "\x00" in ex.text:
            raise InvalidInput("{path}: the text contains NUL characters; it looks like a binary file", path=where)
        sketch = similar.sketch(ex.text, ex.text_sha256)  # before the transaction: it reads the whole text
        with self._write() as (s, conn):
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            dup = self._duplicate(conn, ex)
            if dup is not None and dup[2]:
                # Importing a removed document again brings it back, with its annotations.
                uid = dup[0]
                conn.execute("UPDATE document SET removed = 0, hlc = ? WHERE uuid = ?", (hlc, uid))
            else:
                uid = new_uuid()
                self._insert_document(s, conn, uid, ex, author, hlc, where, sketch)
                if ex.kind != "paste":
                    from .evidence import originals

                    originals.keep(conn, uid, ex.source_sha256, original, path, hlc)
        return self.document(uid)

    @staticmethod
    def _insert_document(s: Session, conn: sqlite3.Connection, uid: str, ex: Extracted, author: AuthorRef,
                         hlc: int, where: Path, sketch: similar.Sketch | None = None) -> None:
        """The document row, its full-text row and its sketch; refuses a file or text the project
        already holds."""
        dup = Store._duplicate(conn, ex)
        if dup:
            raise AlreadyImported(where, dup[0], dup[1], removed=bool(dup[2]))
        from .models import Document

        s.add(Document(
            uuid=uid, title=_title(ex.title), kind=ex.kind, source_name=ex.source_name,
            source_sha256=ex.source_sha256, text_sha256=ex.text_sha256, text=ex.text,
            page_starts=json.dumps(ex.page_starts) if ex.page_starts is not None else None,
            metadata_json=json.dumps(ex.metadata, ensure_ascii=False, sort_keys=True),
            created_hlc=hlc, imported_by=author.uuid, hlc=hlc,
        ))
        fts.add(conn, uid, _title(ex.title), ex.text)
        similar.store(conn, sketch or similar.sketch(ex.text, ex.text_sha256))

    def near_duplicates(self, uuid: str) -> list[similar.NearDuplicate]:
        """Other documents whose text is near-identical to this one's (core/similar.py): the same
        article imported from another file type. Texts that came without a sketch (a merge, an
        upgraded file) are sketched first, for a bounded time per call."""
        uuid = self.resolve_document(uuid)
        with self._read() as conn:
            todo = similar.unsketched(conn)
        if todo:
            with self._write() as (_s, conn):
                similar.backfill(conn, todo)
        with self._read() as conn:
            return similar.near_duplicates(conn, uuid)

    @staticmethod
    def _duplicate(conn: sqlite3.Connection, ex: Extracted) -> tuple[str, str, int] | None:
        """(uuid, title, removed) of a document with this file or this text, one still listed first."""
        return conn.execute("SELECT uuid, title, removed FROM document WHERE source_sha256 = ? OR text_sha256 = ? "
                            "ORDER BY removed", (ex.source_sha256, ex.text_sha256)).fetchone()

    def _refuse_duplicate(self, path: Path, digest: str) -> None:
        with self._read() as conn:
            # A removed copy does not count: importing the file again restores it (import_extracted).
            dup = conn.execute("SELECT uuid, title FROM document WHERE source_sha256 = ? AND NOT removed",
                               (digest,)).fetchone()
        if dup:
            raise AlreadyImported(path, dup[0], dup[1])

    def set_document_title(self, uuid: str, title: str, author: AuthorRef) -> DocumentInfo:
        with self._write() as (_s, conn):
            uuid = self._document_in(conn, uuid)
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            old = conn.execute("SELECT title FROM document WHERE uuid = ?", (uuid,)).fetchone()[0]
            conn.execute("UPDATE document SET title = ?, hlc = ? WHERE uuid = ?", (_title(title), hlc, uuid))
            fts.retitle(conn, uuid, old, _title(title))
        return self.document(uuid)

    def remove_document(self, uuid: str, author: AuthorRef) -> DocumentInfo:
        """Take a document out of the project's lists, exports and search. It is kept, annotations
        and all: a merge must not bring it back, and restore_document (or undo) can."""
        return self._set_removed(uuid, True, author)

    def restore_document(self, uuid: str, author: AuthorRef) -> DocumentInfo:
        return self._set_removed(uuid, False, author)

    def _set_removed(self, uuid: str, removed: bool, author: AuthorRef) -> DocumentInfo:
        with self._write() as (_s, conn):
            uuid = self._document_in(conn, uuid)
            # Last writer wins, like the title: the flag travels with the document's timestamp.
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            conn.execute("UPDATE document SET removed = ?, hlc = ? WHERE uuid = ?", (int(removed), hlc, uuid))
        return self.document(uuid)

    # -- annotations ---------------------------------------------------------------------------
    def add_annotation(self, document: str, label: str, start: int, end: int, author: AuthorRef, *,
                       fields: dict[str, object] | None = None, note: str = "", deleted: bool = False
                       ) -> AnnotationView:
        """`deleted` writes the first revision as a tombstone: a record that travels and is listed
        with --deleted only (a curator's rejection, core/agreement/curation.py)."""
        lab = self.label(label)
        content = Content(lab.uuid, start, end, dict(fields or {}), note)
        from .models import Annotation

        with self._write() as (s, conn):
            # Resolved in the transaction that writes: a merge may have renamed the document to a
            # smaller UUID since the caller looked it up (the old one is an alias from then on).
            doc = self._document_in(conn, document)
            content = self._validated(conn, doc, content)
            if deleted:
                content = Content(content.label_uuid, content.start, content.end, content.fields, content.note, True)
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            uid, rev = new_uuid(), new_uuid()
            s.add(Annotation(uuid=uid, document_uuid=doc, created_hlc=hlc, creator_uuid=author.uuid,
                             head_uuid=rev, heads=1))
            self._add_revision(s, conn, uid, rev, doc, content, author, hlc, parents=[])
        return self.annotation(uid)

    def edit_annotation(self, uuid: str, author: AuthorRef, *, label: str | None = None,
                        start: int | None = None, end: int | None = None,
                        fields: dict[str, object] | None = None, replace_fields: bool = False,
                        note: str | None = None) -> AnnotationView:
        cur = self.annotation(uuid)
        if cur.deleted and not cur.conflict:
            raise InvalidInput("annotation {uuid} is deleted", uuid=uuid)
        new_fields = dict(fields or {}) if replace_fields else {**cur.fields, **(fields or {})}
        content = Content(
            self.label(label).uuid if label else cur.label_uuid,
            cur.start if start is None else start,
            cur.end if end is None else end,
            new_fields,
            cur.note if note is None else note,
        )
        return self.set_content(uuid, content, author)

    def delete_annotation(self, uuid: str, author: AuthorRef) -> AnnotationView:
        cur = self.annotation(uuid)
        if cur.deleted and not cur.conflict:
            raise InvalidInput("annotation {uuid} is already deleted", uuid=uuid)
        content = Content(cur.label_uuid, cur.start, cur.end, cur.fields, cur.note, deleted=True)
        return self.set_content(uuid, content, author)

    def set_content(self, uuid: str, content: Content, author: AuthorRef, *,
                    resolve: bool = False) -> AnnotationView:
        """Append a revision. Its parent is the winning head; with `resolve`, every head."""
        with self._write() as (s, conn):
            row = conn.execute(
                "SELECT document_uuid, head_uuid FROM annotation WHERE uuid = ?", (uuid,)
            ).fetchone()
            if row is None:
                raise NotFound("no annotation {uuid} in this project", uuid=uuid)
            doc, head = row
            if resolve:
                parents = [r[0] for r in conn.execute(
                    "SELECT uuid FROM revision WHERE annotation_uuid = ? AND is_head", (uuid,))]
            else:
                parents = [head]
            if not content.deleted:
                content = self._validated(conn, doc, content)
            hlc = self._tick(conn)
            self._ensure_author(conn, author, hlc)
            self._add_revision(s, conn, uuid, new_uuid(), doc, content, author, hlc, parents)
        return self.annotation(uuid)

    def resolve(self, uuid: str, author: AuthorRef, *, take: str | None = None,
                content: Content | None = None) -> AnnotationView:
        """Write a revision whose parents are all heads: the conflict is settled everywhere it travels."""
        if (take is None) == (content is None):
            raise InvalidInput("resolve needs either a revision to take or new values")
        if take is not None:
            rev = next((r for r in self.revisions(uuid) if r.uuid == take), None)
            if rev is None:
                raise NotFound("annotation {uuid} has no revision {take}", uuid=uuid, take=take)
            content = Content(rev.label_uuid, rev.start, rev.end, rev.fields, rev.note, rev.deleted)
        assert content is not None
        return self.set_content(uuid, content, author, resolve=True)

    @staticmethod
    def _document_in(conn: sqlite3.Connection, ref: str) -> str:
        """The document `ref` names (its UUID or an alias), looked up in the caller's transaction."""
        row = conn.execute("SELECT uuid FROM document WHERE uuid = ? UNION ALL SELECT document_uuid "
                           "FROM document_alias WHERE alias_uuid = ? LIMIT 1", (ref, ref)).fetchone()
        if row is None:
            raise NotFound("no document {ref} in this project", ref=ref)
        return row[0]

    def _validated(self, conn: sqlite3.Connection, doc: str, c: Content, length: int | None = None) -> Content:
        if length is None:
            row = conn.execute("SELECT length(text) FROM document WHERE uuid = ?", (doc,)).fetchone()
            if row is None:
                raise NotFound("no document {ref} in this project", ref=doc)
            length = row[0]
        lab = conn.execute("SELECT kind FROM label WHERE uuid = ?", (c.label_uuid,)).fetchone()
        return _checked(c, length, lab[0] if lab else None)

    def _add_revision(self, s: Session, conn: sqlite3.Connection, annotation: str, rev: str, doc: str,
                      c: Content, author: AuthorRef, hlc: int, parents: list[str]) -> None:
        text = conn.execute("SELECT text FROM document WHERE uuid = ?", (doc,)).fetchone()[0]
        from .anchoring import quote_context
        from .models import Revision

        exact, prefix, suffix = quote_context(text, c.start, c.end)

        s.add(Revision(
            uuid=rev, annotation_uuid=annotation, parents=json.dumps(sorted(parents)),
            author_uuid=author.uuid, hlc=hlc, label_uuid=c.label_uuid, span_start=c.start,
            span_end=c.end, exact=exact, prefix=prefix, suffix=suffix,
            fields=json.dumps(c.fields, ensure_ascii=False, sort_keys=True), note=c.note,
            deleted=c.deleted, is_head=True,
        ))
        s.flush()
        heads.refresh_one(conn, annotation)

    # -- batches -----------------------------------------------------------------------------
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


def _checked(c: Content, length: int, kind: str | None) -> Content:
    """`c` with its fields validated for the label's kind (None: no such label), or InvalidInput."""
    if not (isinstance(c.start, int) and isinstance(c.end, int)):
        raise InvalidInput("start and end must be whole numbers")
    if c.start < 0 or c.end > length:
        raise InvalidInput("offsets {start}..{end} are outside the text (0..{length})", start=c.start, end=c.end,
                           length=length)
    if c.start >= c.end:
        raise InvalidInput("start ({start}) must be less than end ({end})", start=c.start, end=c.end)
    if c.end - c.start > MAX_SPAN_CHARS:
        raise InvalidInput("a span of {length} characters is longer than {limit}", length=c.end - c.start,
                           limit=MAX_SPAN_CHARS)
    if len(c.note) > MAX_NOTE_CHARS:
        raise InvalidInput("the note is longer than {limit} characters", limit=MAX_NOTE_CHARS)
    _refuse_nul(c.note, Message("the note"))
    if kind is None:
        raise NotFound("no label {uuid}", uuid=c.label_uuid)
    fields = labels.validate_fields(kind, c.fields)
    return Content(c.label_uuid, c.start, c.end, fields, c.note, c.deleted)


def _wal_state(path: Path) -> tuple[int, int] | None:
    """The main file's (size, mtime) when a non-empty -wal waits beside it, else None."""
    try:
        if path.with_name(path.name + "-wal").stat().st_size == 0:
            return None
        return _main_state(path)
    except OSError:
        return None


def _main_state(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _title(title: str) -> str:
    _refuse_nul(title, Message("the title"))
    title = " ".join(title.split())
    return title[:MAX_TITLE_CHARS] or "Untitled"


def _refuse_nul(value: str, what: Message) -> None:
    # SQLite's length() and substr() stop at NUL, so the design never stores one (merge refuses them too).
    if "\x00" in value:
        raise InvalidInput("{what} contains a NUL character", what=what)


def _check_color(color: str) -> None:
    if not (len(color) == 7 and color[0] == "#" and all(ch in "0123456789abcdefABCDEF" for ch in color[1:])):
        raise InvalidInput("colour {color!r} is not of the form #RRGGBB", color=color)
