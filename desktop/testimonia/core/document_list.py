"""The documents list a page at a time, read from the documents index (schema.DOCUMENT_LIST_INDEX).

A window on a 30,000-document project shows some thirty rows; these reads cost what those rows
cost. The list's order (title without case, then UUID) is the index's, so a page is a walk along
it and never touches a text; annotation counts are asked for the page's documents only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .messages import Message
from .stored import damaged, json_value
from .views import DocumentInfo

_FROM = (
    "FROM document AS d INDEXED BY ix_document_list LEFT JOIN author AS au ON au.uuid = d.imported_by "
    "WHERE d.removed = 0"
)
_COLUMNS = (
    "d.uuid, d.title, d.kind, d.source_name, d.source_sha256, d.text_sha256, d.page_starts, d.created_hlc, "
    "coalesce(au.name, d.imported_by)"
)
_ORDER = " ORDER BY d.title COLLATE NOCASE, d.uuid"
_FOLD = "tm_casefold"


def _fold(value: object) -> str:
    return value.casefold() if isinstance(value, str) else ""


def _prepare(conn: sqlite3.Connection, needle: str) -> tuple[str, list[object]]:
    """The filter's SQL condition: the title holds `needle`, without case in every script
    (SQLite's own lower() folds ASCII only)."""
    if not needle:
        return "", []
    conn.create_function(_FOLD, 1, _fold, deterministic=True)
    return f" AND instr({_FOLD}(d.title), ?)", [needle.casefold()]


def count(conn: sqlite3.Connection, needle: str = "") -> int:
    """Documents in the list (not removed) whose title holds `needle`."""
    cond, params = _prepare(conn, needle)
    return conn.execute(f"SELECT count(*) {_FROM}{cond}", params).fetchone()[0]


def page(conn: sqlite3.Connection, path: Path, offset: int, limit: int, needle: str = "", *,
         counts: bool = True) -> list[DocumentInfo]:
    """Rows offset..offset+limit of the list, with their annotation counts unless `counts` is
    false (the app reads those apart, off its GUI thread: they cost what the page's annotations
    cost); `length` is not read (-1)."""
    cond, params = _prepare(conn, needle)
    rows = conn.execute(f"SELECT {_COLUMNS} {_FROM}{cond}{_ORDER} LIMIT ? OFFSET ?",
                        [*params, limit, offset]).fetchall()
    counted = document_counts(conn, [r[0] for r in rows]) if counts else {}
    out = []
    for row in rows:
        if type(row[7]) is not int:
            raise damaged(path, Message("document {uuid}", uuid=row[0]))
        pages = json_value(row[6], list, path, Message("document {uuid}", uuid=row[0])) if row[6] else None
        out.append(DocumentInfo(uuid=row[0], title=row[1], kind=row[2], source_name=row[3], source_sha256=row[4],
                                text_sha256=row[5], length=-1, pages=len(pages) if pages else None,
                                created_hlc=row[7], imported_by=row[8], counts=counted.get(row[0], {})))
    return out


def position(conn: sqlite3.Connection, uuid: str, needle: str = "") -> int:
    """The row of document `uuid` in the list, or -1 when it is not in it (removed, filtered out)."""
    cond, params = _prepare(conn, needle)
    found = conn.execute(f"SELECT d.title {_FROM} AND d.uuid = ?{cond}", [uuid, *params]).fetchone()
    if found is None:
        return -1
    before = "(d.title COLLATE NOCASE < ? OR (d.title COLLATE NOCASE = ? AND d.uuid < ?))"
    params = [found[0], found[0], uuid, *params]
    return conn.execute(f"SELECT count(*) {_FROM} AND {before}{cond}", params).fetchone()[0]


# Each annotation's winning head, for counting: through the head-state index (schema.HEAD_INDEXES),
# which holds what a count reads, so no revision row (quote, context, note) is read.
HEAD_STATE = "JOIN revision AS r INDEXED BY ix_head_state ON r.uuid = a.head_uuid AND r.is_head"


def document_counts(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Current annotations of these documents by kind ("custom" for one's own labels), as the
    documents list counts them: a deletion that conflicts with an edit still counts."""
    counts: dict[str, dict[str, int]] = {}
    for doc, kind, n in conn.execute(
        "SELECT a.document_uuid, coalesce(l.kind, 'custom'), count(*) FROM json_each(?) AS p "
        f"CROSS JOIN annotation AS a ON a.document_uuid = p.value {HEAD_STATE} "
        "LEFT JOIN label AS l ON l.uuid = r.label_uuid WHERE NOT r.deleted OR a.heads > 1 GROUP BY 1, 2",
        (json.dumps(list(uuids)),),
    ):
        counts.setdefault(doc, {})[kind] = n
    return counts


def live_totals(conn: sqlite3.Connection, uuid: str) -> tuple[int, int]:
    """(annotations, conflicts) of one document as the project's totals count them (Queries.stats)."""
    return conn.execute(
        f"SELECT count(*), coalesce(sum(a.heads > 1), 0) FROM annotation AS a {HEAD_STATE} "
        "WHERE a.document_uuid = ? AND (NOT r.deleted OR a.heads > 1)", (uuid,)).fetchone()
