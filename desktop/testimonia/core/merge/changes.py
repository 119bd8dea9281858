"""Which annotations a merge adds, changes, deletes, puts in conflict or settles, with their text.

Classified inside the merge's own transaction (heads.refresh_heads), after the new revisions are
in and the touched annotations' new heads are known (temp.m_touched), but before the annotation
rows are updated, so each row still says what the annotation was before. The preview rolls the transaction
back, so what it lists is what Apply does. Only the first `limit` are read with their text (a
200k-revision merge touches 100k annotations; the preview shows a screenful), with the total.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .report import AnnotationChange

LISTED = 200
# Most important first: what needs the reader's attention before what merely arrives.
CHANGES = ("conflict", "changed", "deleted", "resolved", "new")

# The winner key of temp.m_touched (heads._KEY): zero-padded hlc, revision UUID, deletion flag;
# substr() takes the UUID and the flag back out.
HEAD, HEAD_DELETED = "substr(t.k, 21, 36)", "substr(t.k, 57) = '1'"

# Every touched annotation's change, once: prio is its place in CHANGES (9: nothing to list), and
# for annotations we held, the report's counts, which overlap (a change can also delete). Keyed by
# (prio, uuid), the listing order, so the first screenful is read off the front. The report's
# numbers and list used to run these tests six times over every touched annotation (0.3 s of a
# 200k-revision merge). prio takes the flags in CHANGES' order of importance; past "created" and
# "resolved", an annotation with one head had one before, so "deleted" needs its old head live.
_OLD_HEAD_LIVE = "NOT (SELECT r.deleted FROM main.revision AS r WHERE r.uuid = a.head_uuid)"
_HELD = (
    "SELECT uuid, CASE WHEN created THEN 0 WHEN resolved THEN 3 WHEN deleted THEN 2 WHEN changed THEN 1 ELSE 9 END,"
    " head, 1, changed, deleted, created, resolved FROM (SELECT t.uuid AS uuid, "
    f"{HEAD} AS head, a.head_uuid != {HEAD} AND (t.heads > 1 OR NOT {HEAD_DELETED}) AS changed,"
    f" t.heads = 1 AND {HEAD_DELETED} AND (a.heads > 1 OR {_OLD_HEAD_LIVE}) AS deleted,"
    " a.heads <= 1 AND t.heads > 1 AS created, a.heads > 1 AND t.heads = 1 AS resolved"
    " FROM temp.m_touched AS t CROSS JOIN main.annotation AS a ON a.uuid = t.uuid WHERE t.existed)"
)
_ARRIVING = (
    f"SELECT t.uuid, CASE WHEN t.heads > 1 THEN 0 WHEN NOT {HEAD_DELETED} THEN 4 ELSE 9 END, {HEAD}, 0, 0, 0,"
    " t.heads > 1, 0 FROM temp.m_touched AS t WHERE NOT t.existed"
)
# Where each listed annotation is: ours are in main.annotation, arriving ones not yet (their rows
# are written after this), so theirs comes from the incoming file through the document map.
_DOC = ("coalesce((SELECT a.document_uuid FROM main.annotation AS a WHERE a.uuid = c.uuid), "
        "(SELECT dm.canonical FROM incoming.annotation AS ia CROSS JOIN temp.m_docmap AS dm "
        "ON dm.incoming_uuid = ia.document_uuid WHERE ia.uuid = c.uuid))")


@dataclass
class Counts:
    changed: int
    deleted: int
    created: int  # conflicts created, on annotations we held or arriving
    resolved: int
    new_visible: int  # arriving annotations that show (a deletion in conflict stays visible)


def classify(conn: sqlite3.Connection) -> Counts:
    """temp.m_class from temp.m_touched (heads.refresh_heads), before the annotation rows change."""
    conn.execute("CREATE TEMP TABLE m_class(prio INTEGER, uuid TEXT, head TEXT, held INTEGER, changed INTEGER, "
                 "deleted INTEGER, created INTEGER, resolved INTEGER, PRIMARY KEY (prio, uuid)) WITHOUT ROWID")
    for select in (_HELD, _ARRIVING):
        conn.execute(f"INSERT INTO temp.m_class(uuid, prio, head, held, changed, deleted, created, resolved) {select}")
    row = conn.execute(
        "SELECT coalesce(sum(changed), 0), coalesce(sum(deleted), 0), coalesce(sum(created), 0), "
        "coalesce(sum(resolved), 0), coalesce(sum(NOT held AND prio IN (0, 4)), 0) FROM temp.m_class").fetchone()
    return Counts(*(int(v) for v in row))


def list_changes(conn: sqlite3.Connection, limit: int | None = None) -> tuple[list[AnnotationChange], int]:
    """The first `limit` (LISTED) changed annotations of temp.m_class, most important change first,
    and how many there are."""
    limit = LISTED if limit is None else limit
    total = int(conn.execute("SELECT count(*) FROM temp.m_class WHERE prio < 9").fetchone()[0])
    if total == 0 or limit <= 0:
        return [], total
    rows = conn.execute(
        "SELECT c.uuid, c.prio, c.doc, coalesce(d.title, ''), r.label_uuid, coalesce(l.name, ''), r.span_start, "
        f"r.span_end, r.exact, r.note FROM (SELECT c.*, {_DOC} AS doc FROM (SELECT * FROM temp.m_class "
        "WHERE prio < 9 ORDER BY prio, uuid LIMIT ?) AS c) AS c CROSS JOIN main.revision AS r ON r.uuid = c.head "
        "LEFT JOIN main.document AS d ON d.uuid = c.doc LEFT JOIN main.label AS l ON l.uuid = r.label_uuid "
        "ORDER BY c.prio, d.title, r.span_start, c.uuid",
        (int(limit),),
    ).fetchall()
    changes = [AnnotationChange(annotation_uuid=uuid, change=CHANGES[prio], document_uuid=doc, document_title=title,
                                label_uuid=label_uuid, label=label, start=start, end=end, exact=exact, note=note)
               for uuid, prio, doc, title, label_uuid, label, start, end, exact, note in rows]
    return changes, total
