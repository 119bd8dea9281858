"""Step 4 of a merge: the copy, inside the merge's one transaction, kind by kind (kinds.py).

Revisions are immutable and keyed by UUID: the union inserts those we lack with the bare
INSERT OR IGNORE … SELECT (the rows we hold are skipped by the UUID index). Authors, labels, the
project title and documents' titles, metadata and removal are last-writer-wins by HLC, ties broken
by comparing the values themselves so every machine picks the same one. Nothing here decides
whether a row may enter: the checks (checks.py) refuse the file before the transaction commits,
and the copy is rolled back with it.
"""

from __future__ import annotations

import sqlite3

from .. import fts, schema
from ..anchoring import ORPHANED, quote_context, reanchor
from . import kinds
from .kinds import LWW, MergeContext, RecordKind
from .plan import DocPlan
from .report import BY_UUID, NEW, MergeReport, Orphan

REV_COLUMNS = ("uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, span_end, exact, "
               "prefix, suffix, fields, note, deleted")
_I_COLUMNS = ", ".join("i." + c.strip() for c in REV_COLUMNS.split(","))

# -- small tables: last writer wins ------------------------------------------------------------
def authors(ctx: MergeContext) -> None:
    conn, report = ctx.conn, ctx.report
    report.authors_new = conn.execute(
        "INSERT INTO main.author(uuid, name, hlc) SELECT i.uuid, i.name, i.hlc FROM incoming.author AS i "
        "WHERE NOT EXISTS (SELECT 1 FROM main.author AS a WHERE a.uuid = i.uuid)"
    ).rowcount
    conn.execute(
        "UPDATE main.author SET name = i.name, hlc = i.hlc FROM incoming.author AS i "
        "WHERE i.uuid = author.uuid AND (i.hlc, i.name) > (author.hlc, author.name)"
    )


def labels(ctx: MergeContext) -> None:
    conn, report = ctx.conn, ctx.report
    report.labels_new = conn.execute(
        "INSERT INTO main.label(uuid, name, kind, color, shortcut, deleted, hlc) "
        "SELECT i.uuid, i.name, i.kind, i.color, i.shortcut, i.deleted, i.hlc FROM incoming.label AS i "
        "WHERE NOT EXISTS (SELECT 1 FROM main.label AS l WHERE l.uuid = i.uuid)"
    ).rowcount
    report.labels_updated = conn.execute(
        "UPDATE main.label SET name = i.name, color = i.color, shortcut = i.shortcut, deleted = i.deleted, "
        "hlc = i.hlc FROM incoming.label AS i WHERE i.uuid = label.uuid AND "
        "(i.hlc, i.name, i.color, i.shortcut, i.deleted) > (label.hlc, label.name, label.color, label.shortcut, "
        "label.deleted)"
    ).rowcount


def project_title(ctx: MergeContext) -> None:
    conn, report = ctx.conn, ctx.report
    # The project keeps its own UUID. Only copies of one project share a title: a colleague's
    # separately created project must not rename ours.
    report.project_title_changed = conn.execute(
        "UPDATE main.project SET title = i.title, title_hlc = i.title_hlc FROM incoming.project AS i "
        "WHERE i.uuid = project.uuid AND (i.title_hlc, i.title) > (project.title_hlc, project.title)"
    ).rowcount > 0


# -- documents ---------------------------------------------------------------------------------
def documents(ctx: MergeContext) -> None:
    conn, plans = ctx.conn, ctx.plans
    current = {p.origin: p.origin for p in plans}  # as in _plan_documents, step by step
    # New documents in two statements, not two per document: 20,000 of them took seconds one by one.
    conn.execute("CREATE TEMP TABLE m_new_document(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.executemany("INSERT INTO temp.m_new_document VALUES (?)",
                     [(p.incoming.uuid,) for p in plans if p.matched_by == NEW])
    conn.execute(
        "INSERT INTO main.document(uuid, title, kind, source_name, source_sha256, text_sha256, text, "
        "page_starts, metadata_json, created_hlc, imported_by, hlc, removed) SELECT i.uuid, i.title, i.kind, "
        "i.source_name, i.source_sha256, i.text_sha256, i.text, i.page_starts, i.metadata_json, i.created_hlc, "
        "i.imported_by, i.hlc, i.removed FROM temp.m_new_document AS n CROSS JOIN incoming.document AS i "
        "ON i.uuid = n.uuid ORDER BY n.uuid")
    fts.add_many(conn, "SELECT i.uuid, i.title, i.text FROM temp.m_new_document AS n "
                       "CROSS JOIN incoming.document AS i ON i.uuid = n.uuid ORDER BY n.uuid")
    candidates = _lww_candidates(conn)
    for p in plans:
        inc = p.incoming.uuid
        if p.matched_by == NEW:
            continue
        if p.rename_from is not None:
            rename_document(conn, p.rename_from, inc)
            current[p.origin] = inc
            # The document's import record follows its UUID, so every copy ends with the same one.
            same_text = "" if p.reanchor else ", source_sha256 = i.source_sha256, page_starts = i.page_starts"
            conn.execute(
                "UPDATE main.document SET kind = i.kind, source_name = i.source_name, created_hlc = i.created_hlc, "
                f"imported_by = i.imported_by{same_text} FROM incoming.document AS i "
                "WHERE i.uuid = ? AND document.uuid = i.uuid", (inc,))
        elif p.matched_by != BY_UUID:
            conn.execute("INSERT OR IGNORE INTO main.document_alias(alias_uuid, document_uuid) VALUES (?, ?)",
                         (inc, current[p.origin]))
        here = current[p.origin]
        if inc not in candidates:
            continue
        old_title = conn.execute("SELECT title FROM main.document WHERE uuid = ?", (here,)).fetchone()[0]
        changed = conn.execute(
            "UPDATE main.document SET title = i.title, metadata_json = i.metadata_json, removed = i.removed, "
            "hlc = i.hlc FROM incoming.document AS i WHERE i.uuid = ? AND document.uuid = ? AND "
            "(i.hlc, i.title, i.metadata_json, i.removed) > "
            "(document.hlc, document.title, document.metadata_json, document.removed)",
            (inc, here),
        ).rowcount
        if changed:
            title = conn.execute("SELECT title FROM main.document WHERE uuid = ?", (here,)).fetchone()[0]
            fts.retitle(conn, here, old_title, title)


def _lww_candidates(conn: sqlite3.Connection) -> set[str]:
    """The incoming documents whose (hlc, title, metadata, removed) beat our document's as it was
    before the merge: only they can change it (one that does not beat ours cannot beat what a
    first winner wrote either). Read through schema.DOCUMENT_LWW_INDEX, on both sides when the
    file has it too, so no text is read for the comparison."""
    schema.ensure_document_lww_index(conn)
    theirs = "incoming.document AS i"
    if schema.has_index(conn, "ix_document_lww", "incoming"):
        theirs += " INDEXED BY ix_document_lww"
    return {r[0] for r in conn.execute(
        f"SELECT dm.incoming_uuid FROM temp.m_docmap AS dm CROSS JOIN {theirs} ON i.uuid = dm.incoming_uuid "
        "CROSS JOIN main.document AS d INDEXED BY ix_document_lww ON d.uuid = dm.ours_before "
        "WHERE (i.hlc, i.title, i.metadata_json, i.removed) > (d.hlc, d.title, d.metadata_json, d.removed)")}


def document_aliases(ctx: MergeContext) -> None:
    """The sender's own aliases name the same documents; keeping them lets a third file still using
    an old UUID match directly."""
    ctx.conn.execute(
        "INSERT OR IGNORE INTO main.document_alias(alias_uuid, document_uuid) "
        "SELECT ia.alias_uuid, dm.canonical FROM incoming.document_alias AS ia "
        "JOIN temp.m_docmap AS dm ON dm.incoming_uuid = ia.document_uuid "
        "WHERE NOT EXISTS (SELECT 1 FROM main.document AS d WHERE d.uuid = ia.alias_uuid)"
    )


def rename_document(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute("UPDATE main.document SET uuid = ? WHERE uuid = ?", (new, old))
    conn.execute("UPDATE main.annotation SET document_uuid = ? WHERE document_uuid = ?", (new, old))
    fts.rename(conn, old, new)
    conn.execute("UPDATE main.document_alias SET document_uuid = ? WHERE document_uuid = ?", (new, old))
    conn.execute("DELETE FROM main.document_alias WHERE alias_uuid = ?", (new,))
    conn.execute("INSERT OR REPLACE INTO main.document_alias(alias_uuid, document_uuid) VALUES (?, ?)", (old, new))
    for k in kinds.ordered():  # records of other kinds that name the document follow it
        if k.document_column and k.generic and _has_table(conn, "main", k.table):
            conn.execute(f'UPDATE main."{k.table}" SET "{k.document_column}" = ? WHERE "{k.document_column}" = ?',
                         (new, old))


# -- annotations and revisions -----------------------------------------------------------------
def revisions(ctx: MergeContext) -> None:
    """Copy the revisions we lack; ctx.first_new_revision is the rowid the first of them got (all
    later ones are new).

    A new revision is a head unless a new revision names it as a parent (none of ours can: every
    parent of ours is already here), which is what the sender's file says too. So its is_head is
    copied (`sender_heads`), and the checks confirm it; if they do not, the merge is done again
    computing it from the parents, expanded once into temp.m_parent. Rows failing a check (a
    malformed parents list, a known UUID with other content) are left to the checks, which refuse
    the file: nothing written here is committed then."""
    conn, plans, report = ctx.conn, ctx.plans, ctx.report
    if ctx.sender_heads:
        head = "i.is_head"
    else:
        conn.execute("CREATE TEMP TABLE m_parent(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.execute("INSERT OR IGNORE INTO temp.m_parent SELECT p.value FROM incoming.revision AS i "
                     "CROSS JOIN json_each(CASE WHEN json_valid(i.parents) THEN i.parents ELSE '[]' END) AS p "
                     "WHERE i.parents != '[]' ORDER BY 1")
        head = "NOT EXISTS (SELECT 1 FROM temp.m_parent AS p WHERE p.uuid = i.uuid)"
    ctx.first_new_revision = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM main.revision").fetchone()[0]
    reanchored = [p for p in plans if p.reanchor]
    skip = " WHERE i.annotation_uuid NOT IN (SELECT uuid FROM temp.m_reanchor_ann)" if reanchored else ""
    # The very statement of a bare copy (INSERT OR IGNORE … SELECT in the file's order): the
    # incoming rows we hold are skipped by the UUID index; the checks compare them with ours.
    inserted = conn.execute(
        f"INSERT OR IGNORE INTO main.revision({REV_COLUMNS}, is_head, orphaned) "
        f"SELECT {_I_COLUMNS}, {head}, 0 FROM incoming.revision AS i{skip}"
    ).rowcount
    for p in reanchored:
        inserted += _insert_reanchored(conn, p, report, head)
    report.revisions_new = inserted
    if inserted:
        last = conn.execute("SELECT max(rowid) FROM main.revision").fetchone()[0]
        report.inserted["revision"] = (ctx.first_new_revision, last)  # one writer: rowids in sequence
    report.revisions_known = conn.execute("SELECT count(*) FROM incoming.revision").fetchone()[0] - inserted


def annotations(ctx: MergeContext) -> None:
    """Nothing here: an annotation's row says which revision wins, so the heads step writes the new
    ones (heads.refresh_heads) once the revisions are in."""


def _insert_reanchored(conn: sqlite3.Connection, p: DocPlan, report: MergeReport, head: str) -> int:
    """Place the sender's spans onto our copy of the text; quote and context then come from our text."""
    text = conn.execute("SELECT text FROM main.document WHERE uuid = ?", (p.canonical,)).fetchone()[0]
    rows = conn.execute(
        f"SELECT {_I_COLUMNS}, {head} "
        "FROM incoming.annotation AS a CROSS JOIN incoming.revision AS i ON i.annotation_uuid = a.uuid "
        "WHERE a.document_uuid = ? AND NOT EXISTS (SELECT 1 FROM main.revision AS m WHERE m.uuid = i.uuid)",
        (p.incoming.uuid,),
    ).fetchall()
    out = []
    for row in rows:
        (uid, ann, parents, author, hlc, label, start, end, exact, prefix, suffix, fields, note, deleted,
         is_head) = row
        anchor = reanchor(text, start, end, exact, prefix, suffix)
        if anchor.status == ORPHANED:
            s, e = _nonempty(anchor.start, anchor.end, len(text))
            orphaned = 1
            report.orphans.append(Orphan(ann, uid, p.canonical, exact))
        else:
            s, e = anchor.start, anchor.end
            exact, prefix, suffix = quote_context(text, s, e)
            orphaned = 0
        out.append((uid, ann, parents, author, hlc, label, s, e, exact, prefix, suffix, fields, note, deleted,
                    is_head, orphaned))
    conn.executemany(
        f"INSERT INTO main.revision({REV_COLUMNS}, is_head, orphaned) VALUES ({', '.join('?' * 16)})", out)
    return len(out)


def _nonempty(start: int, end: int, length: int) -> tuple[int, int]:
    # An orphan keeps a place in the text (clamped) so lists and the editor can still show it.
    if end > start or length == 0:
        return start, end
    return (start, start + 1) if start < length else (length - 1, length)


# -- kinds registered without a copy of their own ----------------------------------------------
def _has_table(conn: sqlite3.Connection, schema: str, table: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone() is not None


def _q(*parts: str) -> str:
    return ".".join(f'"{p}"' for p in parts)


def copy_generic(ctx: MergeContext, kind: RecordKind) -> None:
    """The rows of `kind` we lack, inserted; for LWW, ours replaced by the sender's when its
    (hlc, other columns…) is greater. A column naming a document takes the document's UUID after
    the merge (temp.m_docmap). The counts go to report.records[kind.table]."""
    conn, t = ctx.conn, kind.table
    if not _has_table(conn, "incoming", t):
        return  # a file from before this kind existed carries none
    if not _has_table(conn, "main", t):
        assert kind.ddl is not None  # a SQLModel table is in every file (source.check_objects)
        conn.execute(kind.ddl.replace("CREATE TABLE ", "CREATE TABLE main.", 1))
    cols = [r[1] for r in conn.execute(f"PRAGMA incoming.table_info({_q(t)})")]
    # The incoming rows as they will read here: a document column follows the document matching.
    mapped = ", ".join(f"{_incoming_value(kind, c)} AS {_q(c)}" for c in cols)
    docjoin = (f" LEFT JOIN temp.m_docmap AS dm ON dm.incoming_uuid = i.{_q(kind.document_column)}"
               if kind.document_column else "")
    rows = f"(SELECT {mapped} FROM incoming.{_q(t)} AS i{docjoin})"
    same_key = " AND ".join(f"m.{_q(k)} = s.{_q(k)}" for k in kind.key)
    new = conn.execute(
        f"INSERT INTO main.{_q(t)}({', '.join(map(_q, cols))}) SELECT {', '.join('s.' + _q(c) for c in cols)} "
        f"FROM {rows} AS s WHERE NOT EXISTS (SELECT 1 FROM main.{_q(t)} AS m WHERE {same_key})"
    ).rowcount
    updated = 0
    if kind.merge == LWW:
        order = [kind.hlc_column, *(c for c in cols if c not in kind.key and c != kind.hlc_column)]
        theirs = ", ".join("s." + _q(c) for c in order)
        ours = ", ".join(_q(t, c) for c in order)
        on_key = " AND ".join(f"s.{_q(k)} = {_q(t, k)}" for k in kind.key)
        updated = conn.execute(
            f"UPDATE main.{_q(t)} SET ({', '.join(map(_q, order))}) = ({theirs}) FROM {rows} AS s "
            f"WHERE {on_key} AND ({theirs}) > ({ours})"
        ).rowcount
    ctx.report.records[t] = {"new": new, "updated": updated}


def _incoming_value(kind: RecordKind, column: str) -> str:
    if column == kind.document_column:
        return f"coalesce(dm.canonical, i.{_q(column)})"
    return "i." + _q(column)
