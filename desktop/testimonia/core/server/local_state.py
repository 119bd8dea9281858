"""What a project file remembers of its team servers (local tables, never merged).

`server_sync` holds, per server project (`server_key`, the server's UUID and project id), the pull
cursor, the transaction ids of our own pushes not yet behind the cursor, the rowids up to which
revisions and annotations were pushed, and (key '') the server this project syncs with by
default. `server_pushed` holds the last pushed version of each mutable row (titles, names,
removals, aliases) and which documents the server has, so a push sends only what changed.
Both are created on first use (schema.OPTIONAL_TABLES), so the file format stays as it is.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .. import schema

DEFAULT_KEY = ""


@dataclass(frozen=True)
class Remote:
    """Where a project syncs: a server address (no password), its schema and server project."""

    url: str
    project: str
    schema: str = "testimonia"

    def to_json(self) -> str:
        return json.dumps({"url": self.url, "project": self.project, "schema": self.schema}, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Remote | None:
        try:
            data = json.loads(raw)
            return cls(str(data["url"]), str(data["project"]), str(data.get("schema") or "testimonia"))
        except (ValueError, KeyError, TypeError):
            return None


def ensure(conn: sqlite3.Connection) -> None:
    """Create the local tables if missing (inside the caller's write transaction)."""
    schema.ensure_local_table(conn, "server_sync")
    schema.ensure_local_table(conn, "server_pushed")


def get(conn: sqlite3.Connection, server_key: str, key: str) -> str | None:
    if not schema.has_table(conn, "server_sync"):
        return None
    row = conn.execute("SELECT value FROM server_sync WHERE server_key = ? AND key = ?", (server_key, key)).fetchone()
    return None if row is None else str(row[0])


def put(conn: sqlite3.Connection, server_key: str, key: str, value: str) -> None:
    conn.execute("INSERT INTO server_sync(server_key, key, value) VALUES (?, ?, ?) ON CONFLICT(server_key, key) "
                 "DO UPDATE SET value = excluded.value", (server_key, key, value))


def remembered(conn: sqlite3.Connection) -> Remote | None:
    raw = get(conn, DEFAULT_KEY, "remote")
    return None if raw is None else Remote.from_json(raw)


def remember(conn: sqlite3.Connection, remote: Remote) -> None:
    ensure(conn)
    put(conn, DEFAULT_KEY, "remote", remote.to_json())
