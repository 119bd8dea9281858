"""Integrity and consistency report for a project file (`testimonia check`)."""

from __future__ import annotations

import json
import sqlite3

from .ids import is_uuid
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .textnorm import sha256_hex

MAX_REPORTED = 50


def problems(conn: sqlite3.Connection) -> list[str]:
    """Everything wrong with the open file; an empty list means sound."""
    out: list[str] = []
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        return [f"SQLite integrity: {line}" for line in integrity[:MAX_REPORTED]]
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        out.append("application_id is not Testimonia's")
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        out.append("schema version is not current")
    if conn.execute("SELECT count(*) FROM project").fetchone()[0] != 1:
        out.append("the project table must hold exactly one row")
    foreign = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall()
    out += [f"unexpected {t} {n!r} in the file" for t, n in foreign]

    texts: dict[str, str] = {}
    for uid, text, sha, removed in conn.execute("SELECT uuid, text, text_sha256, removed FROM document"):
        texts[uid] = text
        if not is_uuid(uid):
            out.append(f"document {uid!r}: not a UUID")
        if removed not in (0, 1):
            out.append(f"document {uid}: its removed flag is {removed!r}, not 0 or 1")
        if sha256_hex(text) != sha:
            out.append(f"document {uid}: text does not match its SHA-256 (the stored text changed)")

    for (aid,) in conn.execute(
        "SELECT a.uuid FROM annotation a LEFT JOIN document d ON d.uuid = a.document_uuid WHERE d.uuid IS NULL"
    ):
        out.append(f"annotation {aid}: its document is missing")
    for (aid,) in conn.execute(
        "SELECT a.uuid FROM annotation a LEFT JOIN revision r ON r.uuid = a.head_uuid "
        "WHERE r.uuid IS NULL OR r.annotation_uuid != a.uuid"
    ):
        out.append(f"annotation {aid}: its current revision is missing")
    for (aid,) in conn.execute(
        "SELECT a.uuid FROM annotation a WHERE a.heads != (SELECT count(*) FROM revision r "
        "WHERE r.annotation_uuid = a.uuid AND r.is_head) OR a.heads < 1"
    ):
        out.append(f"annotation {aid}: cached head count is stale")
    for (rid,) in conn.execute(
        "SELECT r.uuid FROM revision r LEFT JOIN annotation a ON a.uuid = r.annotation_uuid WHERE a.uuid IS NULL"
    ):
        out.append(f"revision {rid}: belongs to no annotation")
    for (rid,) in conn.execute(
        "SELECT r.uuid FROM revision r LEFT JOIN label l ON l.uuid = r.label_uuid WHERE l.uuid IS NULL"
    ):
        out.append(f"revision {rid}: unknown label")

    for rid, doc, start, end, exact, parents, hlc, orphaned in conn.execute(
        "SELECT r.uuid, a.document_uuid, r.span_start, r.span_end, r.exact, r.parents, r.hlc, r.orphaned "
        "FROM revision r JOIN annotation a ON a.uuid = r.annotation_uuid"
    ):
        text = texts.get(doc)
        if text is None:
            continue
        if not (0 <= start < end <= len(text)):
            out.append(f"revision {rid}: offsets {start}..{end} outside the text (0..{len(text)})")
        elif not orphaned and text[start:end] != exact:
            out.append(f"revision {rid}: stored exact text differs from the document at {start}..{end}")
        try:
            plist = json.loads(parents)
        except ValueError:
            out.append(f"revision {rid}: parents are not a JSON list")
            continue
        for p in plist:
            prow = conn.execute("SELECT hlc FROM revision WHERE uuid = ?", (p,)).fetchone()
            if prow is not None and prow[0] >= hlc:
                out.append(f"revision {rid}: parent {p} is not older (a cycle or a broken clock)")
        if len(out) > MAX_REPORTED:
            break
    return out[:MAX_REPORTED]
