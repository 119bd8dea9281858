"""The search index (schema version 6): a contentless FTS5 table and the key table naming its rows.

The index holds no copy of the titles and texts (the document table has them): before version 6
that copy was about a fifth of a project file. A contentless table keeps no values, so its row is
named by an integer from document_fts_key (INTEGER PRIMARY KEY: stable across VACUUM, unlike the
document table's implicit rowid), and taking a row out needs the exact values it was indexed with
('delete' command): they are the document's title and text, which is why a title change is read
before the document row is written. FTS5's integrity-check does not notice a wrong delete; tests
check deletes by searching.
"""

from __future__ import annotations

import sqlite3

# Search results skip removed documents; they stay indexed so restoring one needs no re-indexing.
LIVE = ("rowid NOT IN (SELECT k.id FROM document AS d "
        "CROSS JOIN document_fts_key AS k ON k.uuid = d.uuid WHERE d.removed)")


def add(conn: sqlite3.Connection, uuid: str, title: str, text: str, db: str = "main") -> None:
    """Index a new document (its uuid must not have a key yet)."""
    key = conn.execute(f"INSERT INTO {db}.document_fts_key(uuid) VALUES (?)", (uuid,)).lastrowid
    conn.execute(f"INSERT INTO {db}.document_fts(rowid, title, text) VALUES (?, ?, ?)", (key, title, text))


def add_many(conn: sqlite3.Connection, rows_sql: str, params: tuple = (), db: str = "main") -> None:
    """Index the documents `rows_sql` selects as (uuid, title, text), in one statement each for keys
    and index (20,000 documents one by one took seconds)."""
    conn.execute(f"INSERT INTO {db}.document_fts_key(uuid) SELECT uuid FROM ({rows_sql})", params)
    conn.execute(f"INSERT INTO {db}.document_fts(rowid, title, text) SELECT k.id, r.title, r.text "
                 f"FROM ({rows_sql}) AS r CROSS JOIN {db}.document_fts_key AS k ON k.uuid = r.uuid", params)


def retitle(conn: sqlite3.Connection, uuid: str, old_title: str, new_title: str, db: str = "main") -> None:
    """The index after a title change: the row out with the values it was indexed with, in again.
    The text is the document's own (a title change leaves it as it is), read only when the title
    did change: it may be megabytes."""
    if old_title == new_title:
        return
    key, text = conn.execute(f"SELECT k.id, d.text FROM {db}.document_fts_key AS k CROSS JOIN {db}.document AS d "
                             "ON d.uuid = k.uuid WHERE k.uuid = ?", (uuid,)).fetchone()
    conn.execute(f"INSERT INTO {db}.document_fts(document_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                 (key, old_title, text))
    conn.execute(f"INSERT INTO {db}.document_fts(rowid, title, text) VALUES (?, ?, ?)", (key, new_title, text))


def rename(conn: sqlite3.Connection, old: str, new: str, db: str = "main") -> None:
    """A document that takes another UUID (a merge) keeps its index row."""
    conn.execute(f"UPDATE {db}.document_fts_key SET uuid = ? WHERE uuid = ?", (new, old))


def build(conn: sqlite3.Connection) -> None:
    """Index every document of a file that has the two tables empty (an upgrade, a generated file)."""
    add_many(conn, "SELECT uuid, title, text FROM main.document")
