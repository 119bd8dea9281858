"""Builders and comparisons shared by the merge tests (not a conftest, so imports stay explicit)."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import uuid
from pathlib import Path

from testimonia.core import labels, schema
from testimonia.core.anchoring import quote_context
from testimonia.core.store import Store


def state(store: Store) -> dict[str, object]:
    """The current state a member sees: what must be identical after everyone exchanged everything.

    The project's own UUID and title, the clock and the merge log are each file's own; revisions
    are compared separately (see revision_ids)."""
    removed = store.documents(removed=True)
    return {
        "annotations": [a.to_json() for a in store.annotations(include_deleted=True)],
        "documents": [d.to_json() for d in store.documents()],
        "removed": [d.to_json() for d in removed],
        # A removed document keeps its annotations (restoring brings them back): they converge too.
        "hidden": [a.to_json() for d in removed for a in store.annotations(document=d.uuid, include_deleted=True)],
        "labels": store.labels(include_deleted=True),
        "authors": store.authors(),
        "texts": {d.uuid: store.document_text(d.uuid) for d in [*store.documents(), *removed]},
    }


def revision_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT uuid FROM revision")}
    finally:
        conn.close()


def snapshot(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table (full-text index included): what "unchanged" means."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'document_fts_%' ORDER BY name")]
        return [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in tables]
    finally:
        conn.close()


def to_version_5(conn: sqlite3.Connection) -> None:
    """A file's search index as version 5 wrote it (its own copy of every title and text), the
    file marked version 5: what a teammate's older Testimonia writes (caller commits)."""
    conn.execute("DROP TABLE document_fts")
    conn.execute("DROP TABLE document_fts_key")
    conn.execute(schema.FTS_DDL_V2)
    conn.execute("INSERT INTO document_fts(uuid, title, text) SELECT uuid, title, text FROM document")
    conn.execute("PRAGMA user_version=5")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bulk_annotations(path: Path, document: str, who: str, count: int, seed: int = 1) -> None:
    """Write `count` annotations (one revision each, some edited once) straight into a closed project
    file, as SQL: the API would take minutes for the sizes the crash tests need."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        text = conn.execute("SELECT text FROM document WHERE uuid = ?", (document,)).fetchone()[0]
        hlc = conn.execute("SELECT coalesce(max(hlc), 0) FROM revision").fetchone()[0] + (1 << 16)
        anns, revs = [], []
        for _ in range(count):
            ann, parent = str(uuid.UUID(int=rng.getrandbits(128), version=4)), None
            start = rng.randrange(0, len(text) - 20)
            end = start + rng.randrange(1, 20)
            exact, prefix, suffix = quote_context(text, start, end)
            for edit in range(1 + (rng.random() < 0.3)):
                hlc += 1
                rev = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                revs.append((rev, ann, json.dumps([parent] if parent else []), who, hlc, labels.STATEMENT, start, end,
                             exact, prefix, suffix, "{}", f"note {edit}", 0, 1, 0))
                parent = rev
            anns.append((ann, document, hlc, who, parent, 1))
        conn.executemany("INSERT INTO annotation VALUES (?, ?, ?, ?, ?, ?)", anns)
        conn.executemany(f"INSERT INTO revision VALUES ({', '.join('?' * 16)})", revs)
        conn.execute("UPDATE revision SET is_head = 0 WHERE uuid IN (SELECT p.value FROM revision, "
                     "json_each(revision.parents) AS p)")
        conn.commit()
    finally:
        conn.close()


def heads_consistent(path: Path) -> bool:
    """The merge's incremental head bookkeeping equals a recomputation from the parents alone."""
    conn = sqlite3.connect(path)
    try:
        got = conn.execute("SELECT uuid, is_head FROM revision ORDER BY uuid").fetchall()
        ann = conn.execute("SELECT uuid, head_uuid, heads FROM annotation ORDER BY uuid").fetchall()
        named = {p for (p,) in conn.execute("SELECT p.value FROM revision, json_each(revision.parents) AS p")}
        want = [(u, int(u not in named)) for u, _ in got]
        by_ann: dict[str, list[tuple[int, str]]] = {}
        for u, a, hlc in conn.execute("SELECT uuid, annotation_uuid, hlc FROM revision"):
            if u not in named:
                by_ann.setdefault(a, []).append((hlc, u))
        want_ann = [(a, max(by_ann[a])[1], len(by_ann[a])) for a, _h, _n in ann]
        return [(u, int(h)) for u, h in got] == want and ann == want_ann
    finally:
        conn.close()
