"""The push of a sync: every local row the server lacks, in one PostgreSQL transaction.

The rows (revisions and annotations past the pushed rowids, documents it does not have, mutable
rows whose version changed since last pushed) are COPied into temporary staging tables, then
`INSERT … SELECT … ON CONFLICT DO NOTHING` into the history tables, whose constraints and
statement triggers check them; a pushed row whose UUID the server holds with other content is
refused, naming it. Our marks move only after the commit (record), so a killed push is simply
done again (inserting twice changes nothing).
"""

from __future__ import annotations

import json
import sqlite3

from .. import rawdb, schema
from ..store import Store
from . import local_state
from .connection import ServerError
from .ddl import CURATED, CURATOR_LEVEL, PUSH_LEVEL
from .project import PUSHED_UPSERT, ROWID_MARKED, Marks, Rows, ServerProject, prof, state_json
from .tables import ServerTable, by_name, server_tables


def to_push(conn: sqlite3.Connection, key: str, st: ServerTable) -> tuple[Rows, Marks]:
    """Rows of `st` the server lacks, and the marks to record once they are pushed: the last rowid
    for revisions and annotations (insert-only here too), else (uuid, version) per row."""
    cols = ", ".join(f"t.{c.source}" for c in st.columns)
    if st.name in ROWID_MARKED:
        mark = int(local_state.get(conn, key, f"pushed_{st.local}") or 0)
        rows = conn.execute(f"SELECT {cols}, t.rowid FROM {st.local} AS t WHERE t.rowid > ? ORDER BY t.rowid",
                            (mark,)).fetchall()
        return [r[:-1] for r in rows], ([("", str(rows[-1][-1]))] if rows else [])
    ident = st.ident
    # A row's version is its content (a document's is its text, a kept original's its hash).
    state = state_json(st, "t")
    if schema.has_table(conn, "server_pushed"):
        rows = conn.execute(
            f"SELECT {cols}, t.{ident}, {state} FROM {st.local} AS t LEFT JOIN server_pushed AS p "
            f"ON p.server_key = ? AND p.tbl = ? AND p.uuid = t.{ident} WHERE p.state IS NOT {state}",
            (key, st.name)).fetchall()
    else:
        rows = conn.execute(f"SELECT {cols}, t.{ident}, {state} FROM {st.local} AS t").fetchall()
    return [r[:-2] for r in rows], [(str(r[-2]), str(r[-1])) for r in rows]


# -- push ----------------------------------------------------------------------------------------
def _pg_type(st: ServerTable, name: str) -> str:
    col = next(c for c in st.columns if c.name == name)
    return col.ddl.split()[0]


def _hold_curated(plan: dict[str, tuple[Rows, Marks]]) -> dict[str, int]:
    """Below the curator level, deleted labels and removed documents stay here (the server would
    refuse them: ddl.CURATED); they are not marked, so they wait for a curator's copy or a new role."""
    held = {}
    for name, column in CURATED.items():
        rows, marks = plan[name]
        at = by_name(name).names.index(column)
        keep = [i for i, r in enumerate(rows) if not r[at]]
        if len(keep) < len(rows):
            held[name] = len(rows) - len(keep)
            plan[name] = ([rows[i] for i in keep], [marks[i] for i in keep])
    return held


def push(server: ServerProject, store: Store, *, dry_run: bool, held: dict[str, int] | None = None
          ) -> tuple[dict[str, int], dict[str, list[tuple[str, str]]], str | None]:
    """Push what the server lacks; returns the counts, the marks to record and our transaction id
    (`held` receives what this member's role leaves here)."""
    with store._read() as conn:
        plan = {st.name: to_push(conn, server.key, st) for st in server_tables()}
    if PUSH_LEVEL <= server.level < CURATOR_LEVEL:
        (held if held is not None else {}).update(_hold_curated(plan))
    counts = {name: len(rows) for name, (rows, _m) in plan.items() if rows}
    marks = {name: m for name, (_r, m) in plan.items() if m}
    if not counts or dry_run:
        return counts, marks, None
    if server.level < PUSH_LEVEL:
        return counts, {}, None  # a reader's edits stay here (the result says so); the pull goes on
    conn = server.conn
    c = conn.execute  # type: ignore[attr-defined]
    c("BEGIN")
    xid = str(c("SELECT pg_current_xact_id()").fetchone()[0])
    for st in server_tables():
        rows = plan[st.name][0]
        if not rows:
            continue
        stage = f"stage_{st.name}"
        c(f"CREATE TEMP TABLE {stage} ({', '.join(f'{n} {_pg_type(st, n)}' for n in st.names)}) ON COMMIT DROP")
        with conn.cursor().copy(f"COPY {stage} ({', '.join(st.names)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
        names = ", ".join(st.names)
        prof(f"copy {st.name}")
        inserted = c(f"INSERT INTO {server.s}.{st.name} (project_id, {names}) SELECT %s, {names} FROM {stage} "
                     "ON CONFLICT DO NOTHING", (server.project_id,)).rowcount
        prof(f"insert {st.name}")
        # Rows the server already held are compared with ours (a first push holds none: no join).
        if st.key and st.compared and inserted < len(rows):
            differs = " OR ".join(f"s.{n} IS DISTINCT FROM h.{n}" for n in st.compared)
            c(f"ANALYZE {stage}")
            bad = c(f"SELECT s.{st.key[0]}, h.pushed_by FROM {stage} AS s CROSS JOIN LATERAL (SELECT * FROM "
                    f"{server.s}.{st.name} AS h WHERE h.project_id = %s AND h.{st.key[0]} = s.{st.key[0]}) AS h "
                    f"WHERE {differs} LIMIT 1", (server.project_id,)).fetchone()
            prof(f"compare {st.name}")
            if bad is not None:
                raise ServerError("{server}: {kind} {uuid}: the server holds a row with this UUID whose content "
                                  "differs (pushed by {who}); a UUID must never be reused, nothing was sent",
                                  server=server.name, kind=st.local, uuid=bad[0], who=bad[1])
    c("SELECT pg_notify(%s, '')", (server.channel,))
    c("COMMIT")
    return counts, marks, xid



def record(store: Store, key: str, marks: dict[str, list[tuple[str, str]]], xid: str | None) -> None:
    conn = rawdb.connect_raw(store.path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        local_state.ensure(conn)
        for name, items in marks.items():
            st = by_name(name)
            if name in ROWID_MARKED:
                local_state.put(conn, key, f"pushed_{st.local}", items[-1][1])
            else:
                conn.executemany(PUSHED_UPSERT, [(key, name, u, s) for u, s in items])
        if xid is not None:
            own = json.loads(local_state.get(conn, key, "own_xids") or "[]")
            local_state.put(conn, key, "own_xids", json.dumps([*own, xid]))
        conn.execute("COMMIT")
    finally:
        conn.close()
    store.committed()

