"""One server project as a sync sees it: the connection's view (its key, id, schema and this
member's level), the version of a local mutable row as server_pushed records it, and the
profile switch both halves of a sync print through."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from .connection import ServerError, display, quote_ident
from .ddl import SERVER_VERSION
from .local_state import Remote
from .tables import ServerTable

Progress = Callable[[str], None]
PLACEHOLDER_PROJECT = "00000000-0000-4000-8000-000000000000"
CHANNEL_PREFIX = "testimonia_"
MUTABLE = ("h_project", "h_author", "h_label", "h_document_state", "h_document_alias")
ROWID_MARKED = ("h_revision", "h_annotation")  # insert-only here too: a rowid mark says what was pushed
Rows = list[tuple[object, ...]]
Marks = list[tuple[str, str]]
PUSHED_UPSERT = "INSERT OR REPLACE INTO server_pushed(server_key, tbl, uuid, state) VALUES (?, ?, ?, ?)"


class ServerProject:
    """One connection's view of a server project: its key, id and schema."""

    def __init__(self, conn: object, remote: Remote) -> None:
        self.conn = conn
        self.remote = remote
        self.s = quote_ident(remote.schema)
        self.name = display(remote.url)
        c = conn.execute  # type: ignore[attr-defined]
        info = c("SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'server_info'",
                 (remote.schema,)).fetchone()
        if info is None:
            raise ServerError("{server}: no team server here (schema {schema}); ask its administrator, or run "
                              "`testimonia server init`", server=self.name, schema=remote.schema)
        version, server_uuid = c(f"SELECT version, server_uuid FROM {self.s}.server_info").fetchone()
        if int(version) != SERVER_VERSION:
            raise ServerError("{server}: the server schema is at version {version} and this Testimonia uses "
                              "{ours}; upgrade whichever is older", server=self.name, version=version,
                              ours=SERVER_VERSION)
        row = c(f"SELECT p.id, coalesce(m.level, 0) FROM {self.s}.project AS p LEFT JOIN {self.s}.member AS m "
                "ON m.project_id = p.id AND m.role_name = current_user WHERE p.name = %s",
                (remote.project,)).fetchone()
        if row is None:
            raise ServerError("{server}: there is no project {project} on this server that you are a member of",
                              server=self.name, project=remote.project)
        self.project_id = int(row[0])
        self.level = int(row[1])
        self.key = f"{server_uuid}/{self.project_id}"

    @property
    def channel(self) -> str:
        return f"{CHANNEL_PREFIX}{self.remote.schema}_{self.project_id}"


def state_json(st: ServerTable, alias: str = "") -> str:
    """The SQLite expression of a mutable row's version, as stored in server_pushed."""
    if st.state:
        return st.state if alias == "t" else st.state.removeprefix("t.")
    cols = [c.source if not alias else f"{alias}.{c.source}" for c in st.columns if c.name != st.ident]
    return f"json_array({', '.join(cols)})"



_PROFILE = bool(os.environ.get("TESTIMONIA_SYNC_PROFILE"))
_last = [time.perf_counter()]


def prof(what: str) -> None:
    """TESTIMONIA_SYNC_PROFILE=1 prints how long each step took (to stderr)."""
    if _PROFILE:
        now = time.perf_counter()
        print(f"sync profile: {what} {now - _last[0]:.3f} s (at {now:.3f})", file=sys.stderr)
        _last[0] = now

