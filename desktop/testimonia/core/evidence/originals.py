"""Imported files kept inside the project, so a reviewer can check every quoted span against the
original. A per-project setting (this file's `meta`, like its clock: each member decides what their
own file holds) with a size limit; on by default for files up to DEFAULT_LIMIT bytes. Kept bytes
are verified by SHA-256 when stored, when merged and by `testimonia check`."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ..errors import InvalidInput
from ..views import AuthorRef
from .base import RegisterBase

DEFAULT_LIMIT = 20 * 1024 * 1024
LIMIT_KEY = "originals_limit"
MAX_LIMIT = 200 * 1024 * 1024  # the importer's own limit


def limit_in(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LIMIT_KEY,)).fetchone()
    try:
        return max(0, int(row[0])) if row else DEFAULT_LIMIT
    except ValueError:
        return DEFAULT_LIMIT


def keep(conn: sqlite3.Connection, document: str, source_sha256: str, data: bytes | None, path: Path | None,
         hlc: int) -> bool:
    """Store the original of a document being imported, inside the import's transaction, when the
    setting allows; `data` is the file's bytes if the caller has them, else they are read from `path`
    and kept only if they are still the bytes that were imported."""
    limit = limit_in(conn)
    if limit <= 0:
        return False
    if data is None:
        if path is None:
            return False
        try:
            if not path.is_file() or path.stat().st_size > limit:
                return False
            data = path.read_bytes()
        except OSError:
            return False
    if len(data) > limit or hashlib.sha256(data).hexdigest() != source_sha256:
        return False
    conn.execute("INSERT OR IGNORE INTO document_original(document_uuid, sha256, size, data, hlc) "
                 "VALUES (?, ?, ?, ?, ?)", (document, source_sha256, len(data), data, hlc))
    return True


def mismatches(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(document UUID, what is wrong) for every kept original whose bytes are not the document's."""
    out = []
    for doc, sha, size, data, source_sha in conn.execute(
            "SELECT o.document_uuid, o.sha256, o.size, o.data, d.source_sha256 FROM document_original AS o "
            "LEFT JOIN document AS d ON d.uuid = o.document_uuid"):
        if source_sha is None:
            out.append((doc, "belongs to no document"))
        elif not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != sha or len(data) != size:
            out.append((doc, "its bytes no longer match their SHA-256"))
        elif sha != source_sha:
            out.append((doc, "is not the file the document was imported from"))
    return out


class OriginalOps(RegisterBase):
    def originals_limit(self) -> int:
        with self._read() as conn:
            return limit_in(conn)

    def set_originals_limit(self, limit: int, author: AuthorRef) -> int:
        """Keep originals up to `limit` bytes from now on (0: keep none). Kept ones stay."""
        if not 0 <= limit <= MAX_LIMIT:
            raise InvalidInput("the size limit for kept originals is 0 to {most:,} bytes", most=MAX_LIMIT)
        with self._write(author) as (conn, _hlc):
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (LIMIT_KEY, str(limit)))
        return limit

    def original(self, document: str) -> bytes | None:
        uuid = self.store.resolve_document(document)
        with self._read() as conn:
            row = conn.execute("SELECT data FROM document_original WHERE document_uuid = ?", (uuid,)).fetchone()
        return bytes(row[0]) if row else None

    def originals(self) -> dict[str, tuple[str, int]]:
        """{document UUID: (SHA-256, size)} of every kept original."""
        with self._read() as conn:
            rows = conn.execute("SELECT document_uuid, sha256, size FROM document_original").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}
