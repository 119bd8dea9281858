"""The project file's API: the one way the CLI and the GUI read and change a project.

Each mutating method is one transaction. Annotation edits never update content in place: they
append a revision whose parent is the current winning head (see heads.py), so undo, team merge
and history all speak the same language.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import heads, labels, rawdb
from .batches import Batches
from .batches import NewAnnotation as NewAnnotation  # re-exported: the CLI, the UI and the tests import it from here
from .batches import NewDocument as NewDocument
from .batches import NewLabel as NewLabel
from .checkpoint import Checkpointer
from .documents import DocumentWrites
from .errors import DamagedFileError, InvalidInput, NotFound, TestimoniaError
from .hlc import Clock
from .ids import is_uuid, new_uuid
from .messages import Message
from .queries import Queries
from .received import ReceivedFile, open_received, upgraded_copy
from .validation import MAX_NOTE_CHARS as MAX_NOTE_CHARS  # re-exported, as the New* classes above
from .validation import MAX_SPAN_CHARS as MAX_SPAN_CHARS
from .validation import MAX_TITLE_CHARS as MAX_TITLE_CHARS
from .validation import _check_color, _checked, _refuse_nul, _title
from .views import AnnotationView, AuthorRef, Content, LabelInfo

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from .evidence import Register

READ_POOL_SIZE = 4  # idle read connections kept open (the GUI thread, a worker or two)


class Store(Queries, DocumentWrites, Batches):
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
