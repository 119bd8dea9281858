"""Changes-only exchange files: a project file that holds only what a teammate lacks.

Writing (write_changes): a new file with our schema, in one read snapshot of the project, holding
- the project row, every author and label, every alias (small tables, so their last-writer-wins
  values always travel);
- every document row: the documents new since the exchange with their text, the others without it
  (listed in `exchange_stub`; their text is the one the receiver already holds);
- the revisions new since the exchange and the annotation rows they belong to;
- `exchange_info`: who sent it and since when, for the receiver's messages.
"Since" is either the last exchange recorded for that teammate (the local `exchange_log` table,
created on first use: the revision and document rowids the earlier file reached; rowids grow in the
order rows arrived here, edits and merges alike, so rows merged from a third member with old
timestamps still count as new), or a date (revisions written since, documents imported since).

Merging one is the ordinary merge (pipeline.py: the same checks, the same union, all or nothing).
The only differences are here: a document carried without its text must be one the receiver holds
(matched by UUID, alias or text hash) if anything in the file is written on it, and every revision
parent must be in the file or here. If not, the merge refuses and says to ask the sender for a
full copy.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import schema
from ..errors import InvalidInput, TestimoniaError
from ..hlc import pack, to_iso
from ..messages import Message
from ..store import Store
from . import kinds
from .kinds import MergeContext
from .refusal import refuse
from .report import NEW

EXCHANGE_TABLES = schema.EXCHANGE_TABLES
LAST = "last"


# -- writing -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExchangeFile:
    path: Path
    bytes: int
    to: str
    since: str  # what "since" meant: the earlier exchange's time, or the date given
    revisions: int
    annotations: int
    documents_with_text: int
    documents_without_text: int

    def to_json(self) -> dict[str, object]:
        return {"copy": str(self.path), "bytes": self.bytes, "to": self.to, "since": self.since,
                "revisions": self.revisions, "annotations": self.annotations,
                "documents_with_text": self.documents_with_text, "documents_without_text": self.documents_without_text}


@dataclass(frozen=True)
class Exchange:
    """One earlier exchange file written from this project (exchange_log)."""

    to: str
    at_hlc: int
    revision_rowid: int
    document_rowid: int
    file_name: str


def exchanges(store: Store) -> list[Exchange]:
    """Every exchange recorded in this project, newest first."""
    with store._read() as conn:
        if not schema.has_table(conn, "exchange_log"):
            return []
        return [Exchange(*row) for row in conn.execute(
            "SELECT to_name, at_hlc, revision_rowid, document_rowid, file_name FROM exchange_log ORDER BY id DESC")]


def last_exchange(store: Store, to: str) -> Exchange | None:
    return next((e for e in exchanges(store) if e.to == to), None)


def record_exchange(store: Store, to: str, revision_rowid: int, document_rowid: int, file_name: str) -> None:
    """Remember that a file holding everything up to these rowids went to `to` ("" for anyone)."""
    with store.write_connection() as conn:
        schema.ensure_local_table(conn, "exchange_log")
        conn.execute("INSERT INTO exchange_log(to_name, at_hlc, revision_rowid, document_rowid, file_name) "
                     "VALUES (?, ?, ?, ?, ?)", (to, store._tick(conn), revision_rowid, document_rowid, file_name))


def watermarks(store: Store) -> tuple[int, int]:
    """The largest revision and document rowids now: a copy taken after this holds at least these."""
    with store._read() as conn:
        return _watermarks(conn)


def _watermarks(conn: sqlite3.Connection) -> tuple[int, int]:
    row = conn.execute("SELECT (SELECT coalesce(max(rowid), 0) FROM main.revision), "
                       "(SELECT coalesce(max(rowid), 0) FROM main.document)").fetchone()
    return int(row[0]), int(row[1])


def since_date(text: str) -> datetime:
    """A date (2026-12-01) or a local date and time (2026-12-01T14:30) given for --since."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("--since {value}: not 'last', a date (2026-12-01) or a date and time "
                           "(2026-12-01T14:30)", value=text) from None


def write_changes(store: Store, target: Path, *, since: str | datetime, to: str = "", sender: str = "",
                  replace: bool = False) -> ExchangeFile:
    """Write to `target` the changes since the last exchange with `to` (since=LAST) or since a
    date, and record this exchange. A failure leaves nothing behind."""
    if target.exists() and target.resolve() == store.path.resolve():
        raise InvalidInput("{target}: is the project itself; choose another name", target=target)
    if target.exists() and not (replace and target.is_file()):
        raise InvalidInput("{target}: already exists; choose another name", target=target)
    if not target.parent.is_dir():
        raise InvalidInput("{target}: the folder {parent} does not exist", target=target, parent=target.parent)
    if since == LAST:
        earlier = last_exchange(store, to)
        if earlier is None:
            who = to or Message("anyone")
            raise InvalidInput("{project}: no earlier exchange with {who} is recorded; send a full copy first "
                               "(testimonia copy … --to NAME), or give a date with --since", project=store.path.name,
                               who=who)
        scope = _Scope(revision_rowid=earlier.revision_rowid, document_rowid=earlier.document_rowid,
                       described=to_iso(earlier.at_hlc))
    else:
        assert isinstance(since, datetime)
        at = pack(int(since.timestamp() * 1000), 0)
        scope = _Scope(hlc=at, described=since.isoformat(timespec="minutes"))
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        written = _write(store, partial, scope, sender=sender or store.path.stem)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise TestimoniaError("{target}: the changes could not be written ({detail}); nothing was written",
                              target=target, detail=exc) from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TestimoniaError("{target}: the changes could not be written ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    record_exchange(store, to, written.revision_rowid, written.document_rowid, target.name)
    return ExchangeFile(target, target.stat().st_size, to, scope.described, written.revisions, written.annotations,
                        written.with_text, written.without_text)


@dataclass
class _Scope:
    revision_rowid: int = 0  # rows past these rowids are new (since the last exchange)
    document_rowid: int = 0
    hlc: int | None = None  # or: rows written since this time (since a date)
    described: str = ""


@dataclass
class _Written:
    revision_rowid: int
    document_rowid: int
    revisions: int = 0
    annotations: int = 0
    with_text: int = 0
    without_text: int = 0


def _write(store: Store, out: Path, scope: _Scope, *, sender: str) -> _Written:
    conn = store._connect_read()
    try:
        objects = conn.execute(
            "SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid").fetchall()
        # Our tables and indexes (merge_log empty), not this file's optional local tables.
        _create(out, [(kind, name, table, sql) for kind, name, table, sql in objects
                      if table not in schema.OPTIONAL_TABLES and not str(table).startswith("document_fts")])
        # The FTS table is part of a project file's schema; its rows are not needed to merge.
        _create_fts(out, [sql for _k, name, _t, sql in objects if name in ("document_fts_key", "document_fts")])
        conn.execute("ATTACH DATABASE ? AS out", (str(out),))
        try:
            conn.execute("BEGIN")  # one snapshot of the project for every table below
            written = _fill(conn, scope, sender)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE out")
    finally:
        conn.close()
    return written


def _create(out: Path, objects: list[tuple[str, str, str, str]]) -> None:
    with sqlite3.connect(out, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # read or merged, it makes nothing beside it
        conn.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION}")
        conn.execute("BEGIN")
        for _kind, _name, _table, sql in objects:
            conn.execute(sql)
        for ddl in EXCHANGE_TABLES.values():
            conn.execute(ddl)
        conn.execute("COMMIT")
    conn.close()


def _create_fts(out: Path, ddl: list[str]) -> None:
    with sqlite3.connect(out, isolation_level=None) as conn:
        for sql in ddl:
            conn.execute(sql)
    conn.close()


def _fill(conn: sqlite3.Connection, scope: _Scope, sender: str) -> _Written:
    revision_rowid, document_rowid = _watermarks(conn)
    written = _Written(revision_rowid, document_rowid)
    if scope.hlc is None:
        new_revision = f"rowid > {int(scope.revision_rowid)}"
        new_document = f"rowid > {int(scope.document_rowid)}"
    else:
        new_revision = f"hlc >= {int(scope.hlc)}"
        new_document = f"created_hlc >= {int(scope.hlc)}"
    for table in ("project", "meta", "author", "label", "document_alias"):
        conn.execute(f"INSERT INTO out.{table} SELECT * FROM main.{table}")
    columns = [r[1] for r in conn.execute("PRAGMA main.table_info(document)")]
    picked = ", ".join(f"CASE WHEN {new_document} THEN text ELSE '' END" if c == "text" else c for c in columns)
    conn.execute(f"INSERT INTO out.document({', '.join(columns)}) SELECT {picked} FROM main.document")
    written.without_text = conn.execute(
        f"INSERT INTO out.exchange_stub SELECT uuid FROM main.document WHERE NOT ({new_document})").rowcount
    written.with_text = conn.execute("SELECT count(*) FROM main.document").fetchone()[0] - written.without_text
    written.revisions = conn.execute(
        f"INSERT INTO out.revision SELECT * FROM main.revision WHERE {new_revision} ORDER BY rowid").rowcount
    written.annotations = conn.execute(
        "INSERT INTO out.annotation SELECT * FROM main.annotation WHERE uuid IN "
        "(SELECT annotation_uuid FROM out.revision)").rowcount
    _fill_other_kinds(conn, new_document)
    conn.executemany("INSERT INTO out.exchange_info VALUES (?, ?)",
                     [("sender", sender), ("since", scope.described)])
    return written


# Copied above with their own rules (what is new of them is what the watermarks say).
_FILLED = frozenset({"project", "meta", "author", "label", "document_alias", "document", "revision", "annotation"})


def _fill_other_kinds(conn: sqlite3.Connection, new_document: str) -> None:
    """Every other registered kind (the evidence register, memos, later kinds) travels whole: these
    tables are small beside the revisions and carry no watermark of their own, and the union or
    last-writer-wins of a row the receiver already holds changes nothing. Kept originals, which can
    be megabytes each, travel only with the documents whose text travels."""
    present = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    for k in kinds.ordered():
        if k.table in _FILLED or k.table not in present:
            continue
        where = ""
        if k.table == "document_original":
            where = f" WHERE document_uuid IN (SELECT uuid FROM main.document WHERE {new_document})"
        conn.execute(f"INSERT INTO out.{k.table} SELECT * FROM main.{k.table}{where}")


# -- merging -----------------------------------------------------------------------------------
@dataclass
class Scope:
    """What a received exchange file says of itself; None for a full project file."""

    sender: str
    since: str
    stubs: set[str] = field(default_factory=set)  # documents carried without their text


def scope(conn: sqlite3.Connection, path: Path) -> Scope | None:
    """Read from the ATTACHed file (the schema check has accepted exactly our definitions)."""
    present = {r[0] for r in conn.execute(
        "SELECT name FROM incoming.sqlite_master WHERE type = 'table' AND name IN ('exchange_info', 'exchange_stub')")}
    if not present:
        return None
    if present != set(EXCHANGE_TABLES):
        raise refuse(path, "it is a changes-only file with part of its description missing")
    info = dict(conn.execute("SELECT key, value FROM incoming.exchange_info").fetchall())
    sender, since = info.get("sender"), info.get("since", "")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > 200 or not isinstance(since, str):
        raise refuse(path, "it is a changes-only file that does not say who sent it")
    stubs = {r[0] for r in conn.execute("SELECT document_uuid FROM incoming.exchange_stub")}
    return Scope(sender.strip(), since[:40], stubs)


def settle_stubs(ctx: MergeContext) -> None:
    """After the plan: a document carried without its text is one we hold with the same text, or
    nothing in the file is written on it (then it is left out). Needs ctx.exchange."""
    ex = ctx.exchange
    assert ex is not None
    if not ex.stubs:
        return
    written_on = _written_on(ctx.conn)
    kept = []
    for p in ctx.plans:
        uid = p.incoming.uuid
        if uid not in ex.stubs:
            kept.append(p)
            continue
        if uid in written_on and (p.matched_by == NEW or p.reanchor):
            raise _ask_for_full_copy(ctx, ex, Message("the document {title}", title=p.incoming.title or uid))
        if p.matched_by == NEW:
            continue  # nothing on it here, and its text is not in the file: left for a full copy
        kept.append(p)
    ctx.plans = kept


def _written_on(conn: sqlite3.Connection) -> set[str]:
    """The documents something in the file is written on: annotations, memos about a document, and
    rows of every kind that names one (the source details). Such a document carried without its
    text cannot be left out quietly: what is written on it would arrive without it."""
    out = {r[0] for r in conn.execute("SELECT DISTINCT document_uuid FROM incoming.annotation")}
    present = {r[0] for r in conn.execute("SELECT name FROM incoming.sqlite_master WHERE type = 'table'")}
    if "memo_revision" in present:
        out |= {r[0] for r in conn.execute(
            "SELECT DISTINCT target_uuid FROM incoming.memo_revision WHERE target_kind = 'document'")}
    for k in kinds.ordered():
        if k.document_column and k.table in present:
            out |= {r[0] for r in conn.execute(f'SELECT DISTINCT "{k.document_column}" FROM incoming."{k.table}"')}
    return out


def check_base(ctx: MergeContext) -> None:
    """Every revision's parents and label are in the file or here: what the changes build on."""
    ex = ctx.exchange
    assert ex is not None
    row = ctx.conn.execute(
        "SELECT n.uuid FROM incoming.revision AS n CROSS JOIN json_each(n.parents) AS p "
        "WHERE json_valid(n.parents) AND n.parents != '[]' AND p.type = 'text' "
        "AND NOT EXISTS (SELECT 1 FROM incoming.revision AS i WHERE i.uuid = p.value) "
        "AND NOT EXISTS (SELECT 1 FROM main.revision AS m WHERE m.uuid = p.value) LIMIT 1").fetchone()
    if row:
        raise _ask_for_full_copy(ctx, ex, Message("the earlier version that revision {uuid} edits", uuid=row[0]))
    row = ctx.conn.execute(
        "SELECT n.label_uuid FROM incoming.revision AS n WHERE n.label_uuid NOT IN "
        "(SELECT uuid FROM incoming.label UNION ALL SELECT uuid FROM main.label) LIMIT 1").fetchone()
    if row:
        raise _ask_for_full_copy(ctx, ex, Message("the label {uuid}", uuid=row[0]))


def _ask_for_full_copy(ctx: MergeContext, ex: Scope, what: Message) -> Exception:
    return refuse(ctx.path, "it holds only the changes since {since}, which build on {what}, missing here; ask "
                            "{sender} for a full copy", since=ex.since or "?", what=what, sender=ex.sender)
