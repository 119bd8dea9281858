"""Recompute which revisions are heads, and which head wins, for a set of annotations.

A head is a revision no other revision of the same annotation names as a parent. The winner is
the greatest (hlc, uuid): the same on every machine, whatever order revisions arrived in.
One SQL pass serves a single edit and a 200k-row merge alike.
"""

from __future__ import annotations

import sqlite3

_SCOPE = "_head_scope"


def refresh(conn: sqlite3.Connection, scope_select: str, params: tuple[object, ...] = ()) -> None:
    """`scope_select` is a SELECT yielding annotation UUIDs; caller holds the write transaction."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_SCOPE}(uuid TEXT PRIMARY KEY)")
    conn.execute(f"DELETE FROM {_SCOPE}")
    conn.execute(f"INSERT OR IGNORE INTO {_SCOPE}(uuid) {scope_select}", params)
    conn.execute(
        f"""
        UPDATE revision SET is_head = NOT EXISTS (
            SELECT 1 FROM revision AS c, json_each(c.parents) AS p
            WHERE c.annotation_uuid = revision.annotation_uuid AND p.value = revision.uuid)
        WHERE annotation_uuid IN (SELECT uuid FROM {_SCOPE})
        """
    )
    conn.execute(
        f"""
        UPDATE annotation SET
            head_uuid = (SELECT r.uuid FROM revision AS r
                         WHERE r.annotation_uuid = annotation.uuid AND r.is_head
                         ORDER BY r.hlc DESC, r.uuid DESC LIMIT 1),
            heads = (SELECT count(*) FROM revision AS r
                     WHERE r.annotation_uuid = annotation.uuid AND r.is_head)
        WHERE uuid IN (SELECT uuid FROM {_SCOPE})
        """
    )
    conn.execute(f"DELETE FROM {_SCOPE}")


def refresh_one(conn: sqlite3.Connection, annotation_uuid: str) -> None:
    refresh(conn, "SELECT ?", (annotation_uuid,))
