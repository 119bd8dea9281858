"""Schema versions and migrations of the project file.

New files are created from the SQLModel metadata at the current version. Older files are upgraded
step by step after a backup copy; each step is plain SQL so it stays what that version wrote.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from . import fts
from .schema_v5 import v4_to_v5

APPLICATION_ID = 0x544D4F4E  # "TMON"; also the shared-mime-info magic
SCHEMA_VERSION = 6
SUFFIX = ".testimonia"

# Kept in sync by hand with the FTS maintenance in store code: no triggers in our files, so a
# file that has any is recognisably not ours.
# Version 6 (core/fts.py): contentless, its rows named by document_fts_key; no copy of the texts.
FTS_DDL = "CREATE VIRTUAL TABLE document_fts USING fts5(title, text, content='', tokenize='trigram')"
FTS_KEY_DDL = "CREATE TABLE document_fts_key (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE NOT NULL)"
# What versions 2 to 5 wrote: the index with its own copy of every title and text.
FTS_DDL_V2 = "CREATE VIRTUAL TABLE document_fts USING fts5(uuid UNINDEXED, title, text, tokenize='trigram')"

# Optional local tables: this file's own memory, never merged and never required. Created on first
# use (so the schema version and the file format stay as they are); a merge accepts a file that has
# one only with exactly this definition (core/merge/source.check_objects) and never reads it.
# suggestion_review: suggestions the researcher accepted or rejected in this file (core/suggest/review.py):
# rejected ones never come back, and the counts per rule move that rule's score for this project.
SUGGESTION_REVIEW_DDL = (
    "CREATE TABLE suggestion_review (id INTEGER PRIMARY KEY, document_uuid TEXT NOT NULL, "
    "label_uuid TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, exact TEXT NOT NULL, "
    "rule TEXT NOT NULL, verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')), "
    "annotation_uuid TEXT, author_uuid TEXT NOT NULL, at_hlc INTEGER NOT NULL, "
    "UNIQUE (document_uuid, label_uuid, span_start, span_end))"
)
# document_sketch: a few hashes of each text, to tell that an import repeats a text almost word for
# word (core/similar.py); derived, keyed by 60 bits of the text's SHA-256, filled as texts need it.
DOCUMENT_SKETCH_DDL = (
    "CREATE TABLE document_sketch (hash INTEGER NOT NULL, doc_key INTEGER NOT NULL, shingles INTEGER NOT NULL, "
    "PRIMARY KEY (hash, doc_key)) WITHOUT ROWID"
)
# exchange_log: each changes-only exchange file this project wrote, for whom, and how far it reached
# (core/merge/exchange.py): "--since last" starts where the last one to that teammate ended.
EXCHANGE_LOG_DDL = (
    "CREATE TABLE exchange_log (id INTEGER PRIMARY KEY, to_name TEXT NOT NULL, at_hlc INTEGER NOT NULL, "
    "revision_rowid INTEGER NOT NULL, document_rowid INTEGER NOT NULL, file_name TEXT NOT NULL)"
)
# The last-writer-wins columns of each document, in an index: a merge compares the incoming values with
# ours without reading our row, where they lie after the text (a 30,000-document merge read every
# text, 7-8 s, to compare titles). Created by the first merge that needs it (core/merge/copy.py), so
# the file format stays version 4; a merge accepts a file that has it.
DOCUMENT_LWW_INDEX = "CREATE INDEX IF NOT EXISTS ix_document_lww ON document(uuid, hlc, removed, title, metadata_json)"
OPTIONAL_INDEXES = (DOCUMENT_LWW_INDEX,)
# In a changes-only exchange file only (core/merge/exchange.py): who sent it, since when, and which
# documents it carries without their text. The merge reads them as the file's description.
EXCHANGE_TABLES = {
    "exchange_info": "CREATE TABLE exchange_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "exchange_stub": "CREATE TABLE exchange_stub (document_uuid TEXT PRIMARY KEY) WITHOUT ROWID",
}
# server_sync / server_pushed: what this file remembers of its team servers (core/server/local_state.py):
# cursors, what was pushed, the server it syncs with. Local: a teammate's cursor means nothing here.
SERVER_SYNC_DDL = (
    "CREATE TABLE server_sync (server_key TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
    "PRIMARY KEY (server_key, key)) WITHOUT ROWID"
)
SERVER_PUSHED_DDL = (
    "CREATE TABLE server_pushed (server_key TEXT NOT NULL, tbl TEXT NOT NULL, uuid TEXT NOT NULL, "
    "state TEXT NOT NULL, PRIMARY KEY (server_key, tbl, uuid)) WITHOUT ROWID"
)
OPTIONAL_TABLES = {"suggestion_review": SUGGESTION_REVIEW_DDL, "document_sketch": DOCUMENT_SKETCH_DDL,
                   "exchange_log": EXCHANGE_LOG_DDL, "server_sync": SERVER_SYNC_DDL, "server_pushed": SERVER_PUSHED_DDL}


def ensure_local_table(conn: sqlite3.Connection, name: str) -> None:
    """Create a local table if this file has none yet (inside the caller's write transaction)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is None:
        conn.execute(OPTIONAL_TABLES[name])


def ensure_document_lww_index(conn: sqlite3.Connection) -> None:
    """DOCUMENT_LWW_INDEX in our own file (`main`, beside an ATTACHed one), inside the caller's transaction."""
    conn.execute(DOCUMENT_LWW_INDEX.replace("EXISTS ix_", "EXISTS main.ix_", 1))


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def has_index(conn: sqlite3.Connection, name: str, db: str = "main") -> bool:
    """Whether database `db` (main, or an ATTACHed one) holds the index `name`."""
    return conn.execute(f"SELECT 1 FROM {db}.sqlite_master WHERE type = 'index' AND name = ?",
                        (name,)).fetchone() is not None


REVISION_HEAD_INDEX = "CREATE INDEX IF NOT EXISTS ix_revision_head ON revision(annotation_uuid, is_head)"
# Version 4: the documents list as an index. Every column a list of documents shows is in it, so the
# list (in its order, filtered, counted, a page at a time) and "which documents are removed" are read
# from the index alone: the text lies before `removed` and `page_starts` in a document's row, and
# reaching them read each document's whole text (375 M characters at 30,000 documents).
DOCUMENT_LIST_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_document_list ON document(removed, title COLLATE NOCASE, uuid, kind, "
    "source_name, source_sha256, text_sha256, page_starts, created_hlc, imported_by)"
)
# The evidence table walks current revisions in the order it shows, a page at a time, through these
# partial indexes (only heads: a small share of the revisions once edits accumulate): by time, and by
# label or author (each label's or author's rows by time).
HEAD_INDEXES = (
    # What counting reads of each current revision (deleted, label), so the project's totals and a
    # page of documents' counts never read a revision's row (quote, context, note): the totals at
    # 30,000 documents took 241 s from a cold disk through the rows, 5 s through this index. Queries
    # name it (INDEXED BY) and say `r.is_head`, which a winning head always is.
    "CREATE INDEX IF NOT EXISTS ix_head_state ON revision(uuid, deleted, label_uuid, is_head) WHERE is_head",
    "CREATE INDEX IF NOT EXISTS ix_head_hlc ON revision(hlc) WHERE is_head",
    "CREATE INDEX IF NOT EXISTS ix_head_label ON revision(label_uuid, hlc) WHERE is_head",
    "CREATE INDEX IF NOT EXISTS ix_head_author ON revision(author_uuid, hlc) WHERE is_head",
)
V4_INDEXES = (DOCUMENT_LIST_INDEX, *HEAD_INDEXES)
# Indexes beyond the SQLModel tables' own, in every file at the current version.
EXTRA_INDEXES = (REVISION_HEAD_INDEX, *V4_INDEXES)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2 added the merge log and project-wide full-text search."""
    conn.execute(
        "CREATE TABLE merge_log (id INTEGER NOT NULL PRIMARY KEY, at_hlc INTEGER NOT NULL, "
        "source_project_uuid VARCHAR NOT NULL, source_file VARCHAR NOT NULL, "
        "author_uuid VARCHAR NOT NULL, report_json VARCHAR NOT NULL)"
    )
    conn.execute(FTS_DDL_V2)
    conn.execute("INSERT INTO document_fts(uuid, title, text) SELECT uuid, title, text FROM document")
    conn.execute(REVISION_HEAD_INDEX)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3 lets documents be removed (kept, hidden; last-writer-wins like titles)."""
    conn.execute("ALTER TABLE document ADD COLUMN removed BOOLEAN NOT NULL DEFAULT 0")


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Version 4 adds indexes only (the documents list, the evidence table's orders); no data changes."""
    for ddl in V4_INDEXES:
        conn.execute(ddl)


def _v5_to_v6(conn: sqlite3.Connection) -> None:
    """Version 6 replaces the search index by one without its copy of the texts (core/fts.py),
    built from the documents themselves once every step is done (migrate). No VACUUM: the freed
    pages are reused by what the project writes next, and VACUUM may renumber the document table's
    implicit rowids, which the exchange log and the team server's push marks record; a copy to
    send (VACUUM INTO) is compact."""
    conn.execute("DROP TABLE document_fts")
    conn.execute(FTS_KEY_DDL)
    conn.execute(FTS_DDL)


# MIGRATIONS[v] upgrades a file from version v to v + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: v4_to_v5, 5: _v5_to_v6,
}
OLDEST_SUPPORTED = min(MIGRATIONS) if MIGRATIONS else SCHEMA_VERSION


def migrate(conn: sqlite3.Connection, from_version: int, *, search_index: bool = True) -> None:
    """Run every step from `from_version` to the current one (caller holds the transaction).

    `search_index=False` leaves version 6's search index empty: a copy only merged never searches
    it, and building it was 30 s of a 10k-document teammate's file."""
    for v in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[v](conn)
    if search_index and from_version < 6:  # the index _v5_to_v6 left empty
        fts.build(conn)
