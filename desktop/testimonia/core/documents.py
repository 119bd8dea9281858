"""Write side of the Store for documents: importing them, renaming, removing and restoring."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from . import fts, similar
from .errors import AlreadyImported, InvalidInput
from .ids import new_uuid
from .textnorm import normalise, sha256_hex
from .validation import _title
from .views import AuthorRef, DocumentInfo

if TYPE_CHECKING:
    from sqlmodel import Session

    from .importers import Extracted


class DocumentWrites:
    """Mixed into Store, which provides the transactions and the read side these build on."""

    if TYPE_CHECKING:  # provided by Store and Queries; declared only for readers and type checkers
        def _write(self) -> AbstractContextManager[tuple[Session, sqlite3.Connection]]: ...
        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _tick(self, conn: sqlite3.Connection) -> int: ...
        @staticmethod
        def _ensure_author(conn: sqlite3.Connection, author: AuthorRef, hlc: int) -> None: ...
        @staticmethod
        def _document_in(conn: sqlite3.Connection, ref: str) -> str: ...
        def document(self, uuid: str) -> DocumentInfo: ...
        def resolve_document(self, ref: str) -> str: ...

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
        dup = DocumentWrites._duplicate(conn, ex)
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
