"""Which annotations a merge adds, changes, deletes, puts in conflict or settles, with their text.

Read inside the merge's own transaction (heads.refresh_heads), after the new revisions are in and
the touched annotations' new heads are known (temp.m_touched), but before the annotation rows are
updated, so each row still says what the annotation was before. The preview rolls the transaction
back, so what it lists is what Apply does. Only the first `limit` are read with their text (a
200k-revision merge touches 100k annotations; the preview shows a screenful), with the total.
"""

from __future__ import annotations

import sqlite3

from .report import AnnotationChange

LISTED = 200
# Most important first: what needs the reader's attention before what merely arrives.
CHANGES = ("conflict", "changed", "deleted", "resolved", "new")

# The winner key of temp.m_touched (heads._KEY): zero-padded hlc, revision UUID, deletion flag.
_HEAD, _HEAD_DELETED = "substr(t.k, 21, 36)", "substr(t.k, 57) = '1'"

# The same classification as the report's counts (heads.refresh_heads), one change per annotation.
# Only the few listed rows are joined to their document: for a 200k-revision merge that join over
# every touched row was most of the cost.
_HELD = (
    f"SELECT t.uuid AS uuid, {_HEAD} AS head, CASE"
    " WHEN a.heads <= 1 AND t.heads > 1 THEN 0"
    " WHEN a.heads > 1 AND t.heads = 1 THEN 3"
    f" WHEN t.heads = 1 AND {_HEAD_DELETED} AND NOT (SELECT r.deleted FROM main.revision AS r"
    " WHERE r.uuid = a.head_uuid) THEN 2"
    f" WHEN a.head_uuid != {_HEAD} AND (t.heads > 1 OR NOT {_HEAD_DELETED}) THEN 1"
    " END AS prio FROM temp.m_touched AS t CROSS JOIN main.annotation AS a ON a.uuid = t.uuid WHERE t.existed"
)
_ARRIVING = (
    f"SELECT t.uuid AS uuid, {_HEAD} AS head, CASE WHEN t.heads > 1 THEN 0 WHEN NOT {_HEAD_DELETED} THEN 4 END"
    " AS prio FROM temp.m_touched AS t WHERE NOT t.existed"
)
# LIMIT -1 keeps the filter outside the CASE's subquery (SQLite 3.40 planner pitfall, ARCHITECTURE.md).
_CLASSIFIED = f"SELECT * FROM ({_HELD} UNION ALL {_ARRIVING} LIMIT -1) WHERE prio IS NOT NULL"
# Where each listed annotation is: ours are in main.annotation, arriving ones not yet (their rows
# are written after this), so theirs comes from the incoming file through the document map.
_DOC = ("coalesce((SELECT a.document_uuid FROM main.annotation AS a WHERE a.uuid = c.uuid), "
        "(SELECT dm.canonical FROM incoming.annotation AS ia CROSS JOIN temp.m_docmap AS dm "
        "ON dm.incoming_uuid = ia.document_uuid WHERE ia.uuid = c.uuid))")


def list_changes(conn: sqlite3.Connection, limit: int | None = None) -> tuple[list[AnnotationChange], int]:
    """The first `limit` (LISTED) changed annotations, most important change first, and how many there are."""
    limit = LISTED if limit is None else limit
    total = int(conn.execute(f"SELECT count(*) FROM ({_CLASSIFIED})").fetchone()[0])
    if total == 0 or limit <= 0:
        return [], total
    rows = conn.execute(
        "SELECT c.uuid, c.prio, c.doc, coalesce(d.title, ''), r.label_uuid, coalesce(l.name, ''), r.span_start, "
        f"r.span_end, r.exact, r.note FROM (SELECT c.*, {_DOC} AS doc FROM ({_CLASSIFIED} ORDER BY prio, uuid "
        "LIMIT ?) AS c) AS c CROSS JOIN main.revision AS r ON r.uuid = c.head "
        "LEFT JOIN main.document AS d ON d.uuid = c.doc LEFT JOIN main.label AS l ON l.uuid = r.label_uuid "
        "ORDER BY c.prio, d.title, r.span_start, c.uuid",
        (int(limit),),
    ).fetchall()
    changes = [AnnotationChange(annotation_uuid=uuid, change=CHANGES[prio], document_uuid=doc, document_title=title,
                                label_uuid=label_uuid, label=label, start=start, end=end, exact=exact, note=note)
               for uuid, prio, doc, title, label_uuid, label, start, end, exact, note in rows]
    return changes, total
