"""Step 2 of a merge, for documents: every incoming document's fields, checked without its text
(checks.check_texts reads the texts the merge needs, once the plan says which).

A document's row begins with its text, so every column after it (metadata, timestamp, removal)
is reached only by walking the text's pages: 375 M characters at 30,000 documents, most of a
second of a 10 %-new merge. Yet nearly every document of a teammate's file is one we hold with
every field equal. Such a document is recognised through the two indexes that together hold every
field but the text (schema.DOCUMENT_LIST_INDEX, DOCUMENT_LWW_INDEX), on both sides, and its row is
never read. Every other document is read from its row, by UUID as every later step reads it, and
checked; its row and both index entries must agree (same row, same values), and the three
document indexes (UUID, list, LWW) must list the same UUIDs, so whichever way a later statement
reaches a document, it reads what was checked. quick_check does not compare an index with its
table, so an altered file's index could lie; then it can only make a row look equal to ours, and
nothing reads that row. A file without the LWW index has every row read, through the UUID index
as the copy reads it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import schema
from ..ids import is_uuid
from ..messages import Message
from ..store import MAX_TITLE_CHARS
from .checks import (
    _KIND_RE,
    _SHA_RE,
    MAX_METADATA_JSON,
    MAX_SOURCE_NAME,
    MAX_TEXT_CHARS,
    STUB,
    IncomingDocument,
    _hlc_ok,
    _json_ok,
    _pages_ok,
    _show,
    _text_ok,
)
from .refusal import refuse

_FIELDS = ("uuid", "title", "kind", "source_name", "source_sha256", "text_sha256", "page_starts", "metadata_json",
           "created_hlc", "imported_by", "hlc", "removed")
_LIST_FIELDS = ("title", "kind", "source_name", "source_sha256", "text_sha256", "page_starts", "created_hlc",
                "imported_by")
_LWW_FIELDS = ("title", "metadata_json", "hlc", "removed")

# Which incoming documents equal ours in every field, read from the indexes alone on both sides,
# with our values (the same); one row per entry of the file's list index (one twice: a damaged index).
_OURS = ", ".join(f"mw.{c}" if c in ("uuid", *_LWW_FIELDS) else f"ml.{c}" for c in _FIELDS)
_SAME = f"""
SELECT l.uuid, w.uuid IS NOT NULL AND ml.uuid IS NOT NULL AND mw.uuid IS NOT NULL
  AND {' AND '.join(f'w.{c} IS mw.{c}' for c in _LWW_FIELDS)}
  AND {' AND '.join(f'l.{c} IS ml.{c}' for c in _LIST_FIELDS)} AND l.title IS w.title AND l.removed IS w.removed,
  {_OURS}
FROM incoming.document AS l INDEXED BY ix_document_list
LEFT JOIN incoming.document AS w INDEXED BY ix_document_lww ON w.uuid = l.uuid
LEFT JOIN main.document AS ml INDEXED BY ix_document_list
  ON ml.removed = l.removed AND ml.title = l.title COLLATE NOCASE AND ml.uuid = l.uuid
LEFT JOIN main.document AS mw INDEXED BY ix_document_lww ON mw.uuid = l.uuid
"""

# The other documents' rows, found by UUID, with whether both index entries are the row's.
_ROWS = f"""
SELECT {', '.join('i.' + c for c in _FIELDS)}, typeof(i.text),
  i.rowid IS w.rowid AND i.rowid IS l.rowid AND {' AND '.join(f'i.{c} IS w.{c}' for c in _LWW_FIELDS)}
  AND {' AND '.join(f'i.{c} IS l.{c}' for c in _LIST_FIELDS)}
FROM temp.m_doc_rows AS c
JOIN incoming.document AS i INDEXED BY sqlite_autoindex_document_1 ON i.uuid = c.uuid
LEFT JOIN incoming.document AS w INDEXED BY ix_document_lww ON w.uuid = c.uuid
LEFT JOIN incoming.document AS l INDEXED BY ix_document_list
  ON l.removed = i.removed AND l.title = i.title COLLATE NOCASE AND l.uuid = c.uuid
ORDER BY c.uuid
"""

# A file without the LWW index: every row read, through the UUID index as the copy reads it (so
# a row found under another UUID than its own is the row checked), compared with ours through our
# two indexes, so a row equal to ours needs no check.
_TABLE = f"""
SELECT {', '.join('i.' + c for c in _FIELDS)}, typeof(i.text),
  l.uuid IS NOT NULL AND w.uuid IS NOT NULL AND typeof(i.text) = 'text'
  AND {' AND '.join(f'i.{c} IS l.{c}' for c in _LIST_FIELDS)} AND i.removed IS l.removed
  AND {' AND '.join(f'i.{c} IS w.{c}' for c in _LWW_FIELDS)}
FROM incoming.document AS i INDEXED BY sqlite_autoindex_document_1
LEFT JOIN main.document AS l INDEXED BY ix_document_list
  ON l.removed = i.removed AND l.title = i.title COLLATE NOCASE AND l.uuid = i.uuid
LEFT JOIN main.document AS w INDEXED BY ix_document_lww ON w.uuid = i.uuid
ORDER BY i.uuid
"""


def check_documents(conn: sqlite3.Connection, path: Path, stubs: frozenset[str] | set[str] = frozenset()
                    ) -> list[IncomingDocument]:
    """Every incoming document, in UUID order, checked (a document equal to ours is as valid as
    ours), and the file's aliases. `stubs`: in a changes-only file, the documents carried without
    their text (exchange.py). Each document's length is STUB until check_texts."""
    schema.ensure_document_lww_index(conn)
    if schema.has_index(conn, "ix_document_lww", "incoming") and schema.has_index(conn, "ix_document_list", "incoming"):
        rows = _through_indexes(conn, path)
    else:
        rows = conn.execute(_TABLE).fetchall()
    out = [_checked(path, row, stubs) for row in rows]
    known = {d.uuid for d in out}
    for alias, target in conn.execute("SELECT alias_uuid, document_uuid FROM incoming.document_alias"):
        if not is_uuid(alias) or target not in known:
            raise refuse(path, "document alias {uuid}: not a UUID, or names no document of the file",
                         uuid=_show(alias))
    return out


def _through_indexes(conn: sqlite3.Connection, path: Path) -> list[tuple[object, ...]]:
    # Every statement reaching a document by UUID goes through one of the three indexes: a UUID
    # that one of them lacks would be a document this check never saw but another step finds.
    for a, b in (("sqlite_autoindex_document_1", "ix_document_list"), ("ix_document_list", "ix_document_lww")):
        row = conn.execute(
            f"SELECT * FROM (SELECT uuid FROM incoming.document INDEXED BY {a} EXCEPT "
            f"SELECT uuid FROM incoming.document INDEXED BY {b}) UNION ALL "
            f"SELECT * FROM (SELECT uuid FROM incoming.document INDEXED BY {b} EXCEPT "
            f"SELECT uuid FROM incoming.document INDEXED BY {a}) LIMIT 1").fetchone()
        if row is not None:
            raise _damaged(path, row[0])
    seen: set[object] = set()
    rows: list[tuple[object, ...]] = []
    others: list[object] = []
    for uid, equal, *ours in conn.execute(_SAME):
        if uid in seen:
            raise _damaged(path, uid)
        seen.add(uid)
        if equal:
            rows.append((*ours, "text", True))  # as valid as ours: no check
        else:
            others.append(uid)
    if _fill(conn, "m_doc_rows", others):
        found = conn.execute(_ROWS).fetchall()
        if len(found) != len(others):
            missing = sorted(set(others) - {r[0] for r in found}, key=str)
            raise _damaged(path, missing[0] if missing else others[0])
        for row in found:
            if not row[-1]:
                raise _damaged(path, row[0])
        rows += [(*r[:-1], False) for r in found]
    rows.sort(key=lambda r: str(r[0]))
    return rows


def _fill(conn: sqlite3.Connection, table: str, uuids: list[object] | set[object]) -> bool:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(uuid PRIMARY KEY) WITHOUT ROWID")
    conn.execute(f"DELETE FROM temp.{table}")
    conn.executemany(f"INSERT INTO temp.{table} VALUES (?)", [(u,) for u in uuids])
    return bool(uuids)


def _damaged(path: Path, uid: object) -> Exception:
    return refuse(path, "document {uuid}: its indexes do not agree with its row (a damaged or altered file)",
                  uuid=_show(uid))


def _checked(path: Path, row: tuple[object, ...], stubs: frozenset[str] | set[str]) -> IncomingDocument:
    """The document of one row; unless it equals ours, its fields checked first."""
    (uid, title, kind, source_name, source_sha, text_sha, pages, meta, created, by, hlc, removed, text_type,
     same) = row
    if not same:
        if not is_uuid(uid):
            raise refuse(path, "document {uuid}: not a UUID", uuid=_show(uid))
        where = Message("document {uuid}", uuid=uid)
        if text_type != "text":
            raise refuse(path, "{where}: the text is missing or longer than {limit:,} characters", where=where,
                         limit=MAX_TEXT_CHARS)
        if not _text_ok(title, MAX_TITLE_CHARS) or not isinstance(kind, str) or not _KIND_RE.match(kind):
            raise refuse(path, "{where}: the title or kind is not valid", where=where)
        if not _text_ok(source_name, MAX_SOURCE_NAME) or not is_uuid(by):
            raise refuse(path, "{where}: the source name or importer is not valid", where=where)
        if not all(isinstance(s, str) and _SHA_RE.match(s) for s in (source_sha, text_sha)):
            raise refuse(path, "{where}: a SHA-256 is not 64 hexadecimal digits", where=where)
        if not (_hlc_ok(created) and _hlc_ok(hlc)):
            raise refuse(path, "{where}: a timestamp is out of range", where=where)
        if removed not in (0, 1):
            raise refuse(path, "{where}: its removed flag is not 0 or 1", where=where)
        if not _json_ok(meta, dict, MAX_METADATA_JSON):
            raise refuse(path, "{where}: the metadata is not a JSON object of sane size", where=where)
        if pages is not None and not _pages_ok(pages, MAX_TEXT_CHARS):  # the text's length: check_texts
            raise refuse(path, "{where}: the page starts are not increasing offsets inside the text", where=where)
    return IncomingDocument(uid, title, kind, source_name, source_sha, text_sha, STUB, pages, meta,  # type: ignore[arg-type]
                            created, by, hlc, removed, stub=uid in stubs)
