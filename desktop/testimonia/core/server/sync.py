"""Sync: push what the server lacks (push.py), pull what we lack and apply it with the file merge
(pull.py), as one call; and what waits to be pushed.

Each half keeps its own marks in the project's server_sync and server_pushed tables
(local_state.py), moved only after the server or the merge committed, so a sync killed anywhere
is simply done again.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from .. import rawdb, schema
from ..errors import Cancelled
from ..merge import MergeReport
from ..store import Store
from ..views import AuthorRef
from . import local_state
from .connection import PasswordPrompt, connect, explain
from .ddl import PUSH_LEVEL
from .local_state import Remote
from .project import ROWID_MARKED, Progress, ServerProject, prof, state_json
from .pull import fetch, mark_cursor, pull
from .push import push, record
from .tables import server_tables


@dataclass
class SyncResult:
    server: str
    project: str
    dry_run: bool = False
    pushed: dict[str, int] = field(default_factory=dict)
    pulled: dict[str, int] = field(default_factory=dict)
    merge: MergeReport | None = None
    cursor: str = ""
    seconds: float = 0.0
    reader: bool = False  # a reader's own edits are not pushed (pushed then counts what waits)
    held: dict[str, int] = field(default_factory=dict)  # an annotator's removals, left for a curator

    @property
    def pushed_total(self) -> int:
        return sum(self.pushed.values())

    @property
    def pushed_changes(self) -> int:
        """The changes the push sent (or, for a reader, holds back): see changes()."""
        return changes(self.pushed)

    @property
    def waiting(self) -> int:
        """Changes left here after this sync: a reader's edits, an annotator's removals."""
        return changes(self.pushed) if self.reader else changes(self.held)

    @property
    def pulled_total(self) -> int:
        return sum(self.pulled.values())

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"server": self.server, "project": self.project, "dry_run": self.dry_run,
                                  "pushed": dict(sorted(self.pushed.items())), "held": dict(sorted(self.held.items())),
                                  "pulled": dict(sorted(self.pulled.items())), "cursor": self.cursor,
                                  "reader": self.reader}
        if self.merge is not None:
            out["merge"] = self.merge.counts()
            out["conflicts"] = self.merge.conflicts
        return out



# -- the whole sync ------------------------------------------------------------------------------
_LOCKS: dict[str, threading.Lock] = {}
_GC_LOCK = threading.Lock()
_gc_holds = [0]


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while a sync runs. A pull makes hundreds of thousands of
    objects (rows, tuples); a full collection over them took 100-200 ms with the GIL held, and the
    window's thread stood still that long (bench_server, the stall). The rows are freed by their
    reference counts as the sync ends; only cycles wait, a few seconds."""
    with _GC_LOCK:
        _gc_holds[0] += 1
        if _gc_holds[0] == 1:
            was = gc.isenabled()
            gc.disable()
            _gc_holds.append(int(was))
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_holds[0] -= 1
            if _gc_holds[0] == 0 and _gc_holds.pop():
                gc.enable()


def sync(store: Store, remote: Remote, author: AuthorRef | None, *, dry_run: bool = False,
         prompt: PasswordPrompt | None = None, progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None) -> SyncResult:
    """Push, then pull. ServerOffline when the server cannot be reached (nothing changed),
    ServerError when it refuses; a pull that fails a check changes nothing here."""
    started = time.perf_counter()
    lock = _LOCKS.setdefault(str(store.path.resolve()), threading.Lock())
    with lock, _no_gc_pauses(), connect(remote.url, prompt=prompt, autocommit=True) as conn:
        server = ServerProject(conn, remote)
        result = SyncResult(server=server.name, project=remote.project, dry_run=dry_run)
        result.reader = server.level < PUSH_LEVEL
        if not dry_run:
            _remember_once(store, remote, server.key)
        try:
            if progress:
                progress("push")
            result.pushed, marks, xid = push(server, store, dry_run=dry_run, held=result.held)
            if not dry_run and marks:
                record(store, server.key, marks, xid)
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress:
                progress("pull")
            with store._read() as lc:
                cursor = local_state.get(lc, server.key, "cursor") or "0"
                own = json.loads(local_state.get(lc, server.key, "own_xids") or "[]")
            if xid is not None:
                own.append(xid)
            prof("pushed")
            batch = fetch(server, cursor, own)
            prof("fetched")
            result.pulled = batch.pulled
            result.cursor = batch.xmin
            if not batch.pulled:
                conn.execute("COMMIT")
                if not dry_run and batch.xmin != cursor:
                    mark_cursor(store, server.key, batch.xmin)
            else:
                result.merge = pull(server, store, batch, author, dry_run=dry_run, progress=progress,
                                     cancelled=cancelled)
            del batch  # its rows are freed before collection resumes (see _no_gc_pauses)
        except _psycopg_errors() as exc:
            raise explain(exc, server.name) from None
        finally:
            with suppress(Exception):
                conn.execute("ROLLBACK")  # whatever a failure left open; nothing was committed by it
    result.seconds = time.perf_counter() - started
    return result



def _psycopg_errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (psycopg.Error,)


# Rows that always travel with another row a push counts: an annotation with its first revision,
# a document with its state. The status bar counts changes, not rows.
_COMPANIONS = frozenset({"h_annotation", "h_document"})


def changes(counts: dict[str, int]) -> int:
    """How many changes a push's per-table row counts stand for (what "N waiting to push" says)."""
    return sum(n for name, n in counts.items() if name not in _COMPANIONS)


def pending(conn: sqlite3.Connection, key: str) -> dict[str, int]:
    """Per server table, how many rows a push to `key` would send now: every record kind the
    merge carries (the registry), counted by the same queries the push reads its rows with."""
    out = {}
    for st in server_tables():
        if st.name in _COMPANIONS:
            continue
        if st.name in ROWID_MARKED:
            mark = int(local_state.get(conn, key, f"pushed_{st.local}") or 0)
            n = int(conn.execute(f"SELECT count(*) FROM {st.local} WHERE rowid > ?", (mark,)).fetchone()[0])
        else:
            state = state_json(st, "t")
            n = int(conn.execute(
                f"SELECT count(*) FROM {st.local} AS t LEFT JOIN server_pushed AS p ON p.server_key = ? "
                f"AND p.tbl = ? AND p.uuid = t.{st.ident} WHERE p.state IS NOT {state}", (key, st.name)).fetchone()[0])
        if n:
            out[st.name] = n
    return out


def waiting(store: Store, remote: Remote | None = None) -> int | None:
    """Changes of every record kind not yet pushed to the remembered (or given) server; None when
    the project has never synced with it."""
    with store._read() as conn:
        remote = remote or local_state.remembered(conn)
        if remote is None or not schema.has_table(conn, "server_pushed"):
            return None
        keys = [k for (k,) in conn.execute(
            "SELECT server_key FROM server_sync WHERE key = 'remote_json' AND value = ?", (remote.to_json(),))]
        if not keys:
            return None
        return changes(pending(conn, keys[0]))


def _remember_once(store: Store, remote: Remote, server_key: str) -> None:
    with store._read() as conn:
        same = (local_state.get(conn, server_key, "remote_json") == remote.to_json()
                and local_state.get(conn, local_state.DEFAULT_KEY, "remote") == remote.to_json())
    if not same:
        remember(store, remote, server_key)


def remember(store: Store, remote: Remote, server_key: str | None = None) -> None:
    conn = rawdb.connect_raw(store.path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        local_state.remember(conn, remote)
        if server_key is not None:
            local_state.put(conn, server_key, "remote_json", remote.to_json())
        conn.execute("COMMIT")
    finally:
        conn.close()
    store.committed()
