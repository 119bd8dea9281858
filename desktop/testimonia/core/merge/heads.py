"""Step 5 of a merge: the heads. Only annotations that received revisions are looked at.

A head is a revision no other revision of its annotation names as a parent; the winner is the
greatest (hlc, uuid), the same on every machine whatever order revisions arrived in. A new
revision can only stop one of ours being a head by naming it, so the work follows the new rows:
their parents stop being heads, and one GROUP BY over the new heads gives each touched annotation
its head count and winner. Each touched annotation's change is classified once (changes.py), while
the annotation rows still say what they were before: the report's counts and list read that.
"""

from __future__ import annotations

import sqlite3

from .changes import HEAD, classify, list_changes
from .report import MergeReport

# A winner as a fixed-width key (hlc below 10^20, UUIDs 36 characters) followed by the deletion flag:
# the greatest (hlc, uuid) is the greatest key (changes.HEAD reads the UUID back out).
_KEY = "printf('%020d', r.hlc) || r.uuid || r.deleted"


def refresh_heads(conn: sqlite3.Connection, first_new: int, report: MergeReport) -> None:
    """Heads change only where new revisions arrived: their parents stop being heads, and each
    annotation that received any gets its head count and winner again. The result equals
    core/heads.refresh() over the same annotations, without rewriting every revision row. Counts for
    the report come on the way, while the annotations still say what they were before."""
    new = f"r.rowid >= {int(first_new)}"
    # One pass over the new heads: per annotation, their count and winner. Every annotation that
    # received revisions received a head (the newest of them names none). The unary + keeps SQLite
    # from walking the whole annotation index for the grouping.
    conn.execute("CREATE TEMP TABLE m_touched(uuid TEXT PRIMARY KEY, existed INTEGER, heads INTEGER, k TEXT) "
                 "WITHOUT ROWID")
    conn.execute(
        "INSERT INTO temp.m_touched SELECT r.annotation_uuid, "
        "EXISTS (SELECT 1 FROM main.annotation AS a WHERE a.uuid = r.annotation_uuid), "
        f"count(*), max({_KEY}) FROM main.revision AS r WHERE {new} AND r.is_head GROUP BY +r.annotation_uuid"
    )
    # Only parents new revisions name stop being heads, and only ours can still be heads: those of
    # annotations we held (a parent belongs to its child's annotation). So the new revisions are
    # reached through those annotations, not all of them: a first pull has none to look at (this
    # walked and probed every new revision's parents: 0.25 s of a 200k first pull, 0.35-0.47 s of
    # bench_merge). Rewritten by rowid, in the table's order.
    conn.execute(f"UPDATE main.revision SET is_head = 0 WHERE rowid IN (SELECT o.rowid FROM temp.m_touched AS t "
                 "CROSS JOIN main.revision AS r ON r.annotation_uuid = t.uuid "
                 f"CROSS JOIN json_each(r.parents) AS p CROSS JOIN main.revision AS o INDEXED BY ix_head_state "
                 f"ON o.uuid = p.value AND o.is_head WHERE t.existed AND {new} AND r.parents != '[]' "
                 f"AND o.rowid < {int(first_new)})")
    # An annotation we held also keeps those of its old heads no new revision names.
    conn.execute(
        f"UPDATE temp.m_touched SET (heads, k) = (SELECT m_touched.heads + count(*), max(m_touched.k, "
        f"coalesce(max({_KEY}), '')) FROM main.revision AS r WHERE r.annotation_uuid = m_touched.uuid "
        f"AND r.is_head AND r.rowid < {int(first_new)}) WHERE existed"
    )
    # Each touched annotation's change, once, while the annotation rows still say what they were.
    counts = classify(conn)
    report.annotations_changed, report.annotations_deleted = counts.changed, counts.deleted
    report.conflicts_resolved, report.annotations_new = counts.resolved, counts.new_visible
    report.conflicts_created = counts.created
    report.conflicts = sorted(r[0] for r in conn.execute("SELECT uuid FROM temp.m_class WHERE prio = 0"))
    report.changes, report.changes_total = list_changes(conn)
    conn.execute(f"UPDATE main.annotation SET head_uuid = {HEAD}, heads = t.heads FROM temp.m_touched AS t "
                 "WHERE t.existed AND annotation.uuid = t.uuid")
    first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM main.annotation").fetchone()[0]
    added = conn.execute(
        "INSERT INTO main.annotation(uuid, document_uuid, created_hlc, creator_uuid, head_uuid, heads) "
        f"SELECT a.uuid, dm.canonical, a.created_hlc, a.creator_uuid, {HEAD}, t.heads FROM temp.m_touched AS t "
        "CROSS JOIN incoming.annotation AS a ON a.uuid = t.uuid "
        "CROSS JOIN temp.m_docmap AS dm ON dm.incoming_uuid = a.document_uuid WHERE NOT t.existed"
    ).rowcount
    if added > 0:
        report.inserted["annotation"] = (first, first + added - 1)  # one writer: rowids in sequence
