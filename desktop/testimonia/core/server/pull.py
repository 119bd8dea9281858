"""The pull of a sync: every server row we lack, applied with the file merge, all or nothing.

In one REPEATABLE READ snapshot, every row whose inserting transaction id lies at or above our
cursor and below the snapshot's xmin (every transaction below it has ended, so nothing can still
commit there; docs/TEAM_SERVER.md), less our own pushes (fetch). What those rows need besides
(parents, annotations, documents, authors, labels not here yet) is read by key (_complete). They
are written into a temporary project file, which `core.merge.merge` applies: the same checks of
untrusted input and the same union as a file merge. The cursor moves only after the merge
committed (_mark_pulled); a pull killed before that is done again, and merging known rows
changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import merge, rawdb
from ..errors import MergeRefused
from ..merge import MergeReport
from ..messages import Message
from ..schema import APPLICATION_ID, FTS_DDL, FTS_KEY_DDL, OPTIONAL_TABLES, SCHEMA_VERSION
from ..store import Store
from ..views import AuthorRef
from . import local_state
from .connection import ServerError
from .project import MUTABLE, PLACEHOLDER_PROJECT, PUSHED_UPSERT, Progress, ServerProject, prof, state_json
from .tables import UUID_RE, ServerTable, by_name, server_tables

# -- pull ----------------------------------------------------------------------------------------
# The two big tables of a pull, read in the pull file's column order: an annotation goes into the
# file as it is converted (its head is '': the merge computes heads itself, heads.py, and never
# reads them in a file); a revision is bound as converted once its is_head is known (_write_revisions).
# Building, folding and rebuilding Python dicts of 200k rows was half a first pull's own time.
_BULK_SELECT = {
    "h_annotation": "uuid, document_uuid, created_hlc, creator_uuid, '', 1",
    "h_revision": ", ".join(c.name if c.name != "deleted" else "deleted::int" for c in by_name("h_revision").columns),
}


@dataclass
class Batch:
    rows: dict[str, list[tuple[object, ...]]]  # the small tables, converted
    bulk: dict[str, Any]  # h_annotation, h_revision: psycopg cursors whose rows are held by libpq
    xmin: str
    pulled: dict[str, int]


def _select(st: ServerTable, *, text: bool = True) -> str:
    cols = [c.name for c in st.columns]
    if not text:
        cols = [c if c != "text" else "NULL" for c in cols]
    return ", ".join(cols) + ", pushed_by"


def fetch(server: ServerProject, cursor: str, own: list[str]) -> Batch:
    c = server.conn.execute  # type: ignore[attr-defined]
    c("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    xmin = str(c("SELECT pg_snapshot_xmin(pg_current_snapshot())").fetchone()[0])
    rows: dict[str, list[tuple[object, ...]]] = {}
    bulk: dict[str, Any] = {}
    pulled: dict[str, int] = {}
    for st in server_tables():
        where = (f"FROM {server.s}.{st.name} WHERE project_id = %s AND xid >= %s::xid8 AND xid < %s::xid8 "
                 "AND NOT (xid = ANY(%s::xid8[]))")
        args = (server.project_id, cursor, xmin, own)
        if st.name in _BULK_SELECT:
            bulk[st.name] = c(f"SELECT {_BULK_SELECT[st.name]} {where}", args)
            n = bulk[st.name].rowcount
        else:
            rows[st.name] = _all(c(f"SELECT {_select(st)} {where}", args))
            n = len(rows[st.name])
        if n:
            pulled[st.name] = n
    return Batch(rows, bulk, xmin, pulled)


def _all(cursor: object, size: int = 2000) -> list[tuple[object, ...]]:
    """Every row, converted a few thousand at a time: one fetchall() of 200k rows holds the GIL
    for its whole conversion, and the window's thread waits that long (bench_server: the stall)."""
    out: list[tuple[object, ...]] = []
    while chunk := cursor.fetchmany(size):  # type: ignore[attr-defined]
        out.extend(chunk)
    return out


def _by_keys(server: ServerProject, st: ServerTable, column: str, keys: Iterable[str], *, text: bool = True,
             columns: str = "") -> list[tuple[object, ...]]:
    keys = sorted(set(keys))
    if not keys:
        return []
    return _all(server.conn.execute(  # type: ignore[attr-defined]
        f"SELECT {columns or _select(st, text=text)} FROM {server.s}.{st.name} WHERE project_id = %s "
        f"AND {column} = ANY(%s)", (server.project_id, keys)))


def _stream_annotations(file: sqlite3.Connection, batch: Batch) -> set[str]:
    """The batch's annotations, written into the pull file; returns their UUIDs."""
    held: set[str] = set()
    cur = batch.bulk.get("h_annotation")
    if cur is not None:
        while chunk := cur.fetchmany(2000):  # a few thousand at a time: see _all
            file.executemany(_INSERTS["annotation"], chunk)
            held.update(r[0] for r in chunk)
        cur.close()
    return held


def _named(revisions: list[tuple[object, ...]]) -> set[str]:
    """The UUIDs these revisions name as parents. One JSON parse of a few thousand lists joined;
    where that fails, one by one (a list that does not parse names nothing: the merge refuses its row).
    This only decides what to fetch and which is_head to write, both checked by the merge."""
    raw = [str(r[2]) for r in revisions if r[2] != "[]"]
    out: set[str] = set()
    for i in range(0, len(raw), 5000):  # a few ms each: the window's thread waits on the GIL meanwhile
        part = raw[i:i + 5000]
        try:
            values = json.loads("[" + ",".join(p[1:-1] for p in part) + "]")
        except ValueError:
            values = [v for p in part for v in _parents(p)]
        out.update(v for v in values if isinstance(v, str))
    return out


def _complete(server: ServerProject, store: Store, batch: Batch, file: sqlite3.Connection
              ) -> dict[str, list[tuple[object, ...]]]:
    """The pull file's revisions and annotations: the batch's and what they need that we lack
    (annotations are in `file` already); the rest is returned as rows of its other tables."""
    b = batch.rows
    annotations = _stream_annotations(file, batch)
    prof("c stream annotations")
    revs = _all(batch.bulk["h_revision"]) if "h_revision" in batch.bulk else []
    prof("c convert revisions")
    with store._read() as conn:
        def local(table: str, column: str, keys: Iterable[str]) -> set[str]:
            keys = list(set(keys))
            found: set[str] = set()
            for i in range(0, len(keys), 50_000):
                part = json.dumps(keys[i:i + 50_000])
                found |= {r[0] for r in conn.execute(
                    f"SELECT {column} FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", (part,))}
            return found

        # Revisions: the batch's, and parents we lack (which may name parents we lack in turn).
        held = {str(r[0]) for r in revs}
        named = _named(revs)
        wanted = named - held
        while wanted:
            wanted -= local("revision", "uuid", wanted)
            found = _by_keys(server, by_name("h_revision"), "uuid", wanted, columns=_BULK_SELECT["h_revision"])
            revs.extend(found)
            held.update(str(r[0]) for r in found)
            more = _named(found)
            named |= more
            wanted = more - held
        _write_revisions(file, revs, named)
        prof("c revisions")
        # Annotations: every revision's (the merge reads a revision's document through it), and
        # only those: an annotation travels with its revisions.
        with_revs = {str(r[1]) for r in revs}
        need = with_revs - annotations
        file.executemany(_INSERTS["annotation"], _by_keys(server, by_name("h_annotation"), "uuid", need,
                                                          columns=_BULK_SELECT["h_annotation"]))
        file.executemany("DELETE FROM main.annotation WHERE uuid = ?", [(u,) for u in annotations - with_revs])
        authors_named = {str(r[3]) for r in revs}
        labels_named = {str(r[5]) for r in revs}
        _release({"revisions": revs})
        prof("c annotations")
        # Documents: the annotations', the batch's, those states and aliases name.
        aliases: dict[str, str] = {}
        for r in b["h_document_alias"]:
            a, d = str(r[0]), str(r[1])
            aliases[a] = min(d, aliases.get(a, d))
        # The register's rows that name a document bring it (the merge matches it to ours by its text).
        doc_ids = ({str(r[0]) for r in file.execute("SELECT DISTINCT document_uuid FROM main.annotation")}
                   | {str(r[0]) for r in b["h_document"]}
                   | {str(r[0]) for r in b["h_document_state"]} | set(aliases.values())
                   | {str(r[0]) for r in [*b["h_document_source"], *b["h_document_original"]]}
                   | {str(r[2]) for r in b["h_memo_revision"] if r[1] == "document"})
        docs = {str(r[0]): list(r) for r in _by_keys(server, by_name("h_document"), "uuid", doc_ids, text=False)}
        local_text = {}
        shas = {str(d[4]) for d in docs.values()}
        if shas:
            for sha, text in conn.execute(
                    "SELECT text_sha256, text FROM document WHERE text_sha256 IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(shas)),)):
                local_text.setdefault(sha, text)
        fetch_text = [u for u, d in docs.items() if d[4] not in local_text]
        texts = dict(server.conn.execute(  # type: ignore[attr-defined]
            f"SELECT uuid, text FROM {server.s}.h_document WHERE project_id = %s AND uuid = ANY(%s)",
            (server.project_id, fetch_text)).fetchall()) if fetch_text else {}
        for u, d in docs.items():
            d[5] = texts.get(u, local_text.get(str(d[4])))
        prof("c documents")
        states: dict[str, tuple[object, ...]] = {}
        for r in [*b["h_document_state"], *_by_keys(server, by_name("h_document_state"), "uuid", docs.keys())]:
            key = (r[4], r[1], r[2], bool(r[3]))
            old = states.get(str(r[0]))
            if old is None or key > (old[4], old[1], old[2], bool(old[3])):
                states[str(r[0])] = r
        # Authors and labels: the batch's newest versions, and those revisions name that we lack.
        authors = _newest(b["h_author"], lambda r: (r[2], r[1]))
        missing = authors_named - authors.keys()
        missing -= local("author", "uuid", missing)
        authors.update(_newest(_by_keys(server, by_name("h_author"), "uuid", missing), lambda r: (r[2], r[1])))
        label_key = lambda r: (r[6], r[1], r[3], r[4], bool(r[5]))  # noqa: E731 - the merge's order
        label_rows = _newest(b["h_label"], label_key)
        missing = labels_named - label_rows.keys()
        missing -= local("label", "uuid", missing)
        label_rows.update(_newest(_by_keys(server, by_name("h_label"), "uuid", missing), label_key))
        ours = conn.execute("SELECT uuid FROM project").fetchone()[0]
        register = {st.local: _register_rows(conn, st, b[st.name]) for st in _register_tables()}
    prof("c authors")
    project = [r for r in b["h_project"] if r[0] == ours]
    top = max(project, key=lambda r: (r[3], r[1]), default=None)
    out_docs = []
    for u, d in sorted(docs.items()):
        if u not in states or d[5] is None:
            continue  # a document without a state (a superuser's insert) is left out: its rows are refused
        s = states[u]
        # uuid, title, kind, source_name, source_sha256, text_sha256, text, page_starts, metadata_json,
        # created_hlc, imported_by, hlc, removed
        out_docs.append((u, s[1], d[1], d[2], d[3], d[4], d[5], d[6], s[2], d[7], d[8], s[4], int(bool(s[3]))))
    kept = {d[0] for d in out_docs}
    return {
        "project": [(top[0], top[1], top[2], top[3])] if top else [(PLACEHOLDER_PROJECT, "", 0, 0)],
        "author": [(r[0], r[1], r[2]) for r in authors.values()],
        "label": [(r[0], r[1], r[2], r[3], r[4], int(bool(r[5])), r[6]) for r in label_rows.values()],
        "document": out_docs,
        "document_alias": [(a, d) for a, d in sorted(aliases.items()) if a not in docs and d in kept],
        **register,
        # Who pushed each row, looked up when a pull is refused (the server's rows end with pushed_by).
        "_pushers": [*b.values(), list(authors.values()), list(label_rows.values())],
    }


def _write_revisions(file: sqlite3.Connection, revs: list[tuple[object, ...]], named: set[str]) -> None:
    """The revisions into the pull file, each a head unless one of them names it as a parent (what
    the merge checks of a sender's is_head, checks.sender_heads_right). Decided as each row is
    bound: cheaper than a lookup in SQL per row or an UPDATE after (0.2-0.5 s at 200k)."""
    file.executemany(_INSERTS["revision"], ((*r, r[0] not in named, 0) for r in revs))


def _register_tables() -> list[ServerTable]:
    """The server tables of record kinds copied generically by the merge (the evidence register
    and what comes later), each the only server table of its kind."""
    return [st for st in server_tables() if st.local not in _INSERTS]


def _register_rows(conn: sqlite3.Connection, st: ServerTable, rows: list[tuple[object, ...]]
                   ) -> list[tuple[object, ...]]:
    """A kind's pulled rows as the project file holds them, one per key: for versions of a
    last-writer-wins row the one the merge itself would keep, (hlc, other columns in the table's
    order) greatest, so the pull's pick never differs from what a file merge picks."""
    width = len(st.columns)
    local = [(*(int(v) if isinstance(v, bool) else v for v in r[:width]),) for r in rows]
    if st.key:
        return list({str(r[0]): r for r in local}.values())  # immutable by key: any copy is the copy
    cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{st.local}")')]
    pos = {name: i for i, name in enumerate(st.names)}
    order = [pos["hlc"], *(pos[c] for c in cols if c != st.ident and c != "hlc")]
    return list(_newest(local, lambda r: tuple(r[i] for i in order)).values())


def _parents(raw: object) -> list[str]:
    if raw == "[]":
        return []
    try:
        value = json.loads(str(raw))
    except ValueError:
        return []  # the merge's checks refuse the row, naming it
    return [str(p) for p in value] if isinstance(value, list) else []


def _newest(rows: Iterable[tuple[object, ...]], key: Callable[[tuple[object, ...]], tuple[object, ...]]
            ) -> dict[str, tuple[object, ...]]:
    out: dict[str, tuple[object, ...]] = {}
    for r in rows:
        old = out.get(str(r[0]))
        if old is None or key(r) > key(old):
            out[str(r[0])] = r
    return out


_INSERTS = {
    "project": "INSERT INTO project(uuid, title, created_hlc, title_hlc) VALUES (?, ?, ?, ?)",
    "author": "INSERT INTO author(uuid, name, hlc) VALUES (?, ?, ?)",
    "label": "INSERT INTO label(uuid, name, kind, color, shortcut, deleted, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "document": "INSERT INTO document(uuid, title, kind, source_name, source_sha256, text_sha256, text, page_starts, "
                "metadata_json, created_hlc, imported_by, hlc, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "document_alias": "INSERT INTO document_alias(alias_uuid, document_uuid) VALUES (?, ?)",
    "annotation": "INSERT INTO annotation(uuid, document_uuid, created_hlc, creator_uuid, head_uuid, heads) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
    "revision": "INSERT INTO revision(uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, "
                "span_end, exact, prefix, suffix, fields, note, deleted, is_head, orphaned) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


# Indexes the app's lists and counts read, which the merge never reads in the file it merges: a
# pulled file is only merged, then deleted. Building them over 200k revisions took a third of
# writing the file (a missing index is no refusal: source.check_objects refuses only foreign ones).
UNREAD_BY_MERGE = frozenset(("ix_revision_head", "ix_head_state", "ix_head_hlc", "ix_head_label", "ix_head_author"))


def _schema_sql(store: Store) -> tuple[list[str], list[str]]:
    """Our own file's schema as the statements that create it (less local and FTS shadow tables,
    and the indexes only the app reads): the tables, then the indexes (built after the rows are in:
    faster than keeping them up)."""
    with store._read() as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                            "ORDER BY type = 'index', rowid").fetchall()
    tables, indexes = [], []
    for kind, name, sql in rows:
        if (name in OPTIONAL_TABLES or name in UNREAD_BY_MERGE or name.startswith("document_fts")
                or name.startswith("sqlite_")):
            continue
        (indexes if kind == "index" else tables).append(sql)
    tables.extend((FTS_KEY_DDL, FTS_DDL))  # the search index, empty: a pull file is only merged
    return tables, indexes


def _open_file(store: Store, path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """The pull file, its tables created in an open transaction; and the indexes to build last."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    # 16 KiB pages: a quarter of the page splits and B-tree descents of 4 KiB pages for the
    # 200k-revision insert; index sorts in memory. Measured on the write alone: about 25% less.
    conn.execute("PRAGMA page_size=16384")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA cache_size=-262144")
    conn.execute("BEGIN")
    tables, indexes = _schema_sql(store)
    for sql in tables:
        conn.execute(sql)
    return conn, indexes


def _write_file(server: ServerProject, store: Store, batch: Batch, path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The pull file: the batch and what it needs, as a project file the merge applies. Returns
    the rows of its small tables (what _mark_pulled and a refusal's message read)."""
    conn, indexes = _open_file(store, path)
    try:
        rows = _complete(server, store, batch, conn)
        server.conn.execute("COMMIT")  # type: ignore[attr-defined]
        for table, sql in _INSERTS.items():
            if table not in ("revision", "annotation"):
                conn.executemany(sql, rows[table])
        for st in _register_tables():
            conn.executemany(f"INSERT INTO {st.local}({', '.join(st.names)}) VALUES ({', '.join('?' * len(st.names))})",
                             rows[st.local])
        for sql in indexes:
            conn.execute(sql)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
        return rows
    finally:
        conn.close()


def _apply(store: Store, server: ServerProject, batch: Batch, author: AuthorRef | None, *, dry_run: bool,
           cancelled: Callable[[], bool] | None) -> tuple[MergeReport, dict[str, list[tuple[object, ...]]]]:
    folder = Path(tempfile.mkdtemp(prefix="testimonia-pull-"))
    path = folder / "pulled.testimonia"
    try:
        rows = _write_file(server, store, batch, path)
        prof("file written")
        try:
            if dry_run:
                return merge.preview(store, path), rows
            assert author is not None
            report = merge.merge(store, path, author, cancelled=cancelled)
        except MergeRefused as exc:
            raise _refused(server, exc, rows) from None
        prof("merged")
        _mark_pulled(store, server.key, batch, rows, path, report.inserted)
        prof("marked")
        return report, rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _refused(server: ServerProject, exc: MergeRefused, rows: dict[str, list[tuple[object, ...]]]) -> ServerError:
    """A refused pull names the row and who pushed it (the merge names it in the temporary file)."""
    who = {str(r[0]): str(r[-1]) for table in rows["_pushers"] for r in table}  # type: ignore[union-attr]
    for value in _values(exc.detail):
        value = value.strip("'")  # the register's refusals show the key as repr() does
        pusher = who.get(value) or _bulk_pusher(server, value)
        if pusher:
            return ServerError("{server}: the pull was refused, nothing was changed: {problem} (pushed by {who})",
                               server=server.name, problem=exc.detail, who=pusher)
    return ServerError("{server}: the pull was refused, nothing was changed: {problem}", server=server.name,
                       problem=exc.detail)


def _bulk_pusher(server: ServerProject, value: str) -> str | None:
    """Who pushed the revision or annotation with this UUID (the bulk keeps no pushed_by)."""
    if not re.fullmatch(UUID_RE, value):
        return None
    for name in _BULK_SELECT:
        row = server.conn.execute(  # type: ignore[attr-defined]
            f"SELECT pushed_by FROM {server.s}.{name} WHERE project_id = %s AND uuid = %s LIMIT 1",
            (server.project_id, value)).fetchone()
        if row is not None:
            return str(row[0])
    return None


def _values(message: Message) -> Iterator[str]:
    """Every string a message holds, its inner messages' included."""
    for value in message.params.values():
        if isinstance(value, Message):
            yield from _values(value)
        elif isinstance(value, str):
            yield value


def _mark_pulled(store: Store, key: str, batch: Batch, rows: dict[str, list[tuple[object, ...]]],
                 pulled: Path, inserted: dict[str, tuple[int, int]]) -> None:
    """After a pull: the cursor, and what we now hold that the server has, so it is not pushed back.
    `pulled` is the temporary file the merge applied (its UUID indexes answer "was it pulled");
    `inserted`: the rowids the merge gave the rows it inserted (MergeReport.inserted)."""
    conn = rawdb.connect_raw(store.path)
    try:
        conn.execute("ATTACH DATABASE ? AS pulled", (f"{pulled.resolve().as_uri()}?mode=ro",))
        conn.execute("BEGIN IMMEDIATE")
        local_state.ensure(conn)
        local_state.put(conn, key, "cursor", batch.xmin)
        own = [x for x in json.loads(local_state.get(conn, key, "own_xids") or "[]") if int(x) >= int(batch.xmin)]
        local_state.put(conn, key, "own_xids", json.dumps(own))
        for table in ("revision", "annotation"):
            _advance(conn, key, table, inserted.get(table))
        pushed = []
        for name in MUTABLE:
            st = by_name(name)
            ident = st.ident
            rows_local = conn.execute(f"SELECT t.{ident}, {state_json(st, 't')} FROM {st.local} AS t").fetchall()
            pushed_now = dict(conn.execute("SELECT uuid, state FROM server_pushed WHERE server_key = ? AND tbl = ?",
                                           (key, name)).fetchall())
            server_states = _server_states(name, rows)
            pushed += [(key, name, u, s) for u, s in rows_local
                       if s != pushed_now.get(u) and s in server_states.get(u, ())]
        pushed += [(key, "h_document", r[0], r[5]) for r in rows["document"]]
        for st in _register_tables():
            pushed += _pulled_marks(conn, key, st, rows[st.local])
        conn.executemany(PUSHED_UPSERT, pushed)
        conn.execute("COMMIT")
    finally:
        conn.close()
    store.committed()


def _pulled_marks(conn: sqlite3.Connection, key: str, st: ServerTable, pulled: list[tuple[object, ...]]
                  ) -> list[tuple[str, str, str, str]]:
    """The register's rows we now hold as the server has them (so they are not pushed back): an
    immutable row we hold under a pulled key, a version row whose content is a pulled version."""
    if not pulled:
        return []
    by_key = {str(r[0]): r for r in pulled}
    cols = ", ".join(f"t.{c.source}" for c in st.columns)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pulled_ids(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.pulled_ids")
    conn.executemany("INSERT OR IGNORE INTO temp.pulled_ids VALUES (?)", [(u,) for u in by_key])
    out = []
    for row in conn.execute(f"SELECT t.{st.ident}, {state_json(st, 't')}, {cols if not st.key else 'NULL'} "
                            f"FROM {st.local} AS t WHERE t.{st.ident} IN (SELECT uuid FROM temp.pulled_ids)"):
        if st.key or tuple(row[2:]) == by_key[str(row[0])]:
            out.append((key, st.name, str(row[0]), str(row[1])))
    return out


def _server_states(name: str, rows: dict[str, list[tuple[object, ...]]]) -> dict[str, set[str]]:
    """The versions of mutable rows the pulled file held, in server_pushed's form."""
    out: dict[str, set[str]] = {}

    def add(u: object, values: list[object]) -> None:
        out.setdefault(str(u), set()).add(json.dumps(values, ensure_ascii=False, separators=(",", ":")))

    if name == "h_project":
        for u, title, created, title_hlc in rows["project"]:
            add(u, [title, created, title_hlc])
    elif name == "h_author":
        for u, n, hlc in rows["author"]:
            add(u, [n, hlc])
    elif name == "h_label":
        for u, n, kind, color, shortcut, deleted, hlc in rows["label"]:
            add(u, [n, kind, color, shortcut, deleted, hlc])
    elif name == "h_document_state":
        for d in rows["document"]:
            add(d[0], [d[1], d[8], d[12], d[11]])
    elif name == "h_document_alias":
        for a, d in rows["document_alias"]:
            add(a, [d])
    return out


def _advance(conn: sqlite3.Connection, key: str, table: str, inserted: tuple[int, int] | None) -> None:
    """Move the pushed mark over rows the merge just inserted, when nothing of ours lies between
    (rows past the mark that the pulled file does not hold are ours, not yet pushed). `inserted`:
    the rowids the merge gave them; rows after those are edits made since, never the server's."""
    mark = int(local_state.get(conn, key, f"pushed_{table}") or 0)
    if inserted is not None:
        first, last = inserted
        if last <= mark:
            return
        # Only the rows between the mark and the merge's need looking up: normally none (the sync
        # pushed everything first), where the rows of a 200k-revision pull took 0.4 s one by one.
        foreign = conn.execute(f"SELECT 1 FROM main.{table} AS m WHERE m.rowid > ? AND m.rowid < ? AND NOT EXISTS "
                               f"(SELECT 1 FROM pulled.{table} AS p WHERE p.uuid = m.uuid) LIMIT 1",
                               (mark, first)).fetchone()
        if foreign is None:
            local_state.put(conn, key, f"pushed_{table}", str(last))
        return
    top = conn.execute(f"SELECT max(m.rowid) FROM main.{table} AS m WHERE m.rowid > ? AND EXISTS "
                       f"(SELECT 1 FROM pulled.{table} AS p WHERE p.uuid = m.uuid)", (mark,)).fetchone()[0]
    if top is None:
        return
    foreign = conn.execute(f"SELECT 1 FROM main.{table} AS m WHERE m.rowid > ? AND m.rowid <= ? AND NOT EXISTS "
                           f"(SELECT 1 FROM pulled.{table} AS p WHERE p.uuid = m.uuid) LIMIT 1", (mark, top)).fetchone()
    if foreign is None:
        local_state.put(conn, key, f"pushed_{table}", str(top))



def pull(server: ServerProject, store: Store, batch: Batch, author: AuthorRef | None, *, dry_run: bool,
         progress: Progress | None, cancelled: Callable[[], bool] | None) -> MergeReport:
    if progress:
        progress("merge")
    report, rows = _apply(store, server, batch, author, dry_run=dry_run, cancelled=cancelled)
    _release(rows)
    _release(batch.rows)
    prof("released")
    return report


def _release(rows: dict[str, list[tuple[object, ...]]]) -> None:
    """Free a pull's rows a few thousand at a time. Freeing a list of 200k rows is one C call that
    holds the GIL while it frees every tuple and string (hundreds of ms): the window would wait."""
    for table in list(rows):
        items = rows[table]
        while items:
            del items[-2000:]
    rows.clear()


def mark_cursor(store: Store, key: str, xmin: str) -> None:
    conn = rawdb.connect_raw(store.path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        local_state.ensure(conn)
        local_state.put(conn, key, "cursor", xmin)
        own = [x for x in json.loads(local_state.get(conn, key, "own_xids") or "[]") if int(x) >= int(xmin)]
        local_state.put(conn, key, "own_xids", json.dumps(own))
        conn.execute("COMMIT")
    finally:
        conn.close()
    store.committed()

