"""Before the merge proper: does the received file hold anything this project lacks?

A teammate often sends back a copy that holds nothing new for us (a copy of ours, a file merged
before in other bytes, a sync that brought everything already). Finding that out must cost what
the comparison of keys costs, not what reading the file costs: a no-op merge of a 2 GB copy takes
well under a second (issue 15). So this runs first, on a read-only connection, with the file's
cheap checks done (header, row limits, exactly our tables, no trigger or view: source.py); it
walks each record kind's keys in index order beside ours and stops at the first row we lack or
whose last-writer-wins timestamp could beat ours. Only when it finds none is the merge skipped.

What it does not do, on purpose: compare the content of rows we already hold. Such a row changes
nothing here (ours is kept: a known key is never written again), so a file bringing nothing new
cannot hurt the project whatever it holds beyond that; the full merge, which runs as soon as one
row is new, compares them and refuses a reused UUID. Nor does it run the file's quick_check:
nothing of the file enters ours, and SQLite reports a damaged page it reads as such.
"""

from __future__ import annotations

import sqlite3

from ..rawdb import quote_ident as _q
from ..schema import has_index
from . import kinds
from .report import BY_ALIAS, BY_UUID, DocumentOutcome, MergeReport

_ALIAS = "coalesce((SELECT a.document_uuid FROM main.document_alias AS a WHERE a.alias_uuid = {v}), {v})"


def _tables(conn: sqlite3.Connection, schema: str) -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA incoming.table_info({_q(table)})")]


def nothing_new(conn: sqlite3.Connection) -> bool:
    """True when no row of the ATTACHed `incoming` file would be added to ours or replace one of
    ours. False as soon as one might (the merge then decides, with every check)."""
    theirs, ours = _tables(conn, "incoming"), _tables(conn, "main")
    if "exchange_info" in theirs:
        return False  # a changes-only file exists to bring something: the merge reads it
    for kind in kinds.ordered():
        t = kind.table
        if t not in theirs:
            continue
        if t not in ours:
            if conn.execute(f"SELECT 1 FROM incoming.{_q(t)} LIMIT 1").fetchone():
                return False
            continue
        if _has_news(conn, kind):
            return False
    return True


def _has_news(conn: sqlite3.Connection, kind: kinds.RecordKind) -> bool:
    special = _SPECIAL.get(kind.table)
    if special is not None:
        return special(conn)
    if kind.merge == kinds.UNION:
        return _union_news(conn, kind)
    return _lww_news(conn, kind)


def _mapped(kind: kinds.RecordKind, column: str) -> str:
    """The incoming value as the merge writes it: a column naming a document names ours."""
    value = f"i.{_q(column)}"
    return _ALIAS.format(v=value) if column == kind.document_column else value


def _union_news(conn: sqlite3.Connection, kind: kinds.RecordKind) -> bool:
    t, key = _q(kind.table), ", ".join(_q(k) for k in kind.key)
    if kind.document_column not in kind.key:
        # Both sides delivered in key order by their primary-key indexes: SQLite merges the two
        # sorted streams, tens of milliseconds for a few hundred thousand keys.
        row = conn.execute(f"SELECT 1 FROM (SELECT {key} FROM incoming.{t} EXCEPT SELECT {key} FROM main.{t} "
                           f"ORDER BY {key}) LIMIT 1").fetchone()
        return row is not None
    on = " AND ".join(f"m.{_q(k)} = {_mapped(kind, k)}" for k in kind.key)
    row = conn.execute(f"SELECT 1 FROM incoming.{t} AS i WHERE NOT EXISTS (SELECT 1 FROM main.{t} AS m WHERE {on}) "
                       "LIMIT 1").fetchone()
    return row is not None


def _lww_news(conn: sqlite3.Connection, kind: kinds.RecordKind) -> bool:
    """A row we lack, or one whose timestamp is later than ours, or as late with other values
    (the tie then breaks on the values, which may favour the sender's)."""
    t = _q(kind.table)
    cols = _columns(conn, kind.table)
    on = " AND ".join(f"m.{_q(k)} = {_mapped(kind, k)}" for k in kind.key)
    differs = " OR ".join(f"{_mapped(kind, c)} IS NOT m.{_q(c)}" for c in cols)
    missing = f"m.{_q(kind.key[0])} IS NULL"
    if kind.hlc_column in cols:
        h = _q(kind.hlc_column)
        where = f"{missing} OR i.{h} > m.{h} OR (i.{h} = m.{h} AND ({differs}))"
    else:
        where = f"{missing} OR {differs}"
    row = conn.execute(f"SELECT 1 FROM incoming.{t} AS i LEFT JOIN main.{t} AS m ON {on} WHERE {where} LIMIT 1"
                       ).fetchone()
    return row is not None


def _documents(conn: sqlite3.Connection) -> bool:
    """Each incoming document is one we hold under its UUID or an alias, and
    its title, metadata and removal do not beat ours. Read through the last-writer-wins index on
    both sides where it exists (schema.DOCUMENT_LWW_INDEX), so no text is read. A text that differs
    from ours would only matter to the spans of new revisions (the merge re-anchors them), and
    there are none when every other kind has nothing new either."""
    theirs, ours = _narrow_documents(conn, "incoming", "i"), _narrow_documents(conn, "main", "d")
    row = conn.execute(
        f"SELECT 1 FROM {theirs} LEFT JOIN {ours} ON d.uuid = {_ALIAS.format(v='i.uuid')} "
        "WHERE d.uuid IS NULL OR (i.hlc, i.title, i.metadata_json, i.removed) > "
        "(d.hlc, d.title, d.metadata_json, d.removed) LIMIT 1").fetchone()  # as copy.documents decides
    return row is not None


def _narrow_documents(conn: sqlite3.Connection, schema: str, alias: str) -> str:
    """`schema.document AS alias`, read through the last-writer-wins index where the file has it: it
    holds every column these checks and the report read, so no row of a document (which begins the
    text) is visited (five times faster over 30,000 documents)."""
    table = f"{schema}.document AS {alias}"
    if has_index(conn, "ix_document_lww", schema):
        table += " INDEXED BY ix_document_lww"
    return table


def _aliases(conn: sqlite3.Connection) -> bool:
    """An alias is known when we hold it, or hold a document under that very UUID (copy.py skips it)."""
    row = conn.execute(
        "SELECT 1 FROM incoming.document_alias AS i WHERE NOT EXISTS (SELECT 1 FROM main.document_alias AS a "
        "WHERE a.alias_uuid = i.alias_uuid) AND NOT EXISTS (SELECT 1 FROM main.document AS d "
        "WHERE d.uuid = i.alias_uuid) LIMIT 1").fetchone()
    return row is not None


def _originals(conn: sqlite3.Connection) -> bool:
    """An original is copied only onto the document whose file it is (evidence_kinds._copy_original)."""
    row = conn.execute(
        f"SELECT 1 FROM incoming.document_original AS i JOIN main.document AS d "
        f"ON d.uuid = {_ALIAS.format(v='i.document_uuid')} AND d.source_sha256 = i.sha256 "
        "WHERE NOT EXISTS (SELECT 1 FROM main.document_original AS m WHERE m.document_uuid = d.uuid) LIMIT 1"
    ).fetchone()
    return row is not None


def _project(conn: sqlite3.Connection) -> bool:
    """Only a copy of this very project brings its title (copy.project_title), when it is later."""
    row = conn.execute("SELECT 1 FROM incoming.project AS i JOIN main.project AS m ON m.uuid = i.uuid "
                       "WHERE (i.title_hlc, i.title) > (m.title_hlc, m.title)").fetchone()
    return row is not None


_SPECIAL = {"project": _project, "document": _documents, "document_alias": _aliases, "document_original": _originals}


def known_report(conn: sqlite3.Connection, report: MergeReport) -> MergeReport:
    """The full merge's report of a file nothing_new() accepted: each incoming document is ours
    under its UUID or an alias (in UUID order, as the merge plans them), every revision is known,
    and no record kind added or replaced a row."""
    report.documents = [
        DocumentOutcome(inc, ours, title, BY_UUID if inc == ours else BY_ALIAS, False)
        for inc, ours, title in conn.execute(
            f"SELECT i.uuid, d.uuid, d.title FROM {_narrow_documents(conn, 'incoming', 'i')} "
            f"JOIN {_narrow_documents(conn, 'main', 'd')} ON d.uuid = {_ALIAS.format(v='i.uuid')} ORDER BY i.uuid")
    ]
    report.revisions_known = conn.execute("SELECT count(*) FROM incoming.revision").fetchone()[0]
    present = _tables(conn, "incoming")
    for kind in kinds.ordered():
        if kind.table in present and (kind.generic or kind.table == "document_original"):
            report.records[kind.table] = {"new": 0, "updated": 0}
    return report
