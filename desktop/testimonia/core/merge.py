"""Team merge: the union of another member's project file into this one, all or nothing.

Revisions are immutable and keyed by UUID, so merging is a set union followed by recomputing the
heads of the annotations that received revisions; any order of exchanges converges. Authors,
labels, the project title and documents' titles, metadata and removal are last-writer-wins by HLC, with ties
broken by comparing the values themselves so every machine picks the same one.

The incoming file is ATTACHed read-only to a connection of our own and the union is done in SQL
(INSERT OR IGNORE … SELECT), inside one BEGIN IMMEDIATE transaction, so an error or a kill leaves
the project as it was. The checks (merge_validate) run meanwhile on a thread with a read-only
connection of their own, started once the write lock is held: they see our project exactly as it
was before the merge, and the transaction commits only after their verdict; a refusal interrupts
the copy and rolls it back. The preview runs the very same transaction and rolls it back, so it
cannot disagree with the merge. TESTIMONIA_MERGE_PROFILE=1 prints the time of each phase.

Documents are matched by UUID, else through document_alias, else by text SHA-256, else by source
SHA-256. Two imports of one document get different UUIDs; the smaller one becomes the document's
UUID on every machine (ours is renamed if the incoming one is smaller) and the other is kept as an
alias. When only the source file matches, the texts differ (another extraction): we keep our text
and re-anchor the incoming annotations onto it; what cannot be anchored is kept, flagged orphaned.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from . import files, rawdb
from . import merge_validate as check
from .anchoring import ORPHANED, quote_context, reanchor
from .errors import Cancelled, MergeRefused, ProjectFileError
from .merge_changes import list_changes
from .merge_checks import ConcurrentChecks, explain, start_child, tune
from .merge_report import BY_ALIAS, BY_SOURCE, BY_TEXT, BY_UUID, NEW, DocumentOutcome, MergeReport, Orphan
from .received import ReceivedFile, open_received
from .store import Store
from .views import AuthorRef

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

_PHASES = 7
_REV_COLUMNS = ("uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, span_end, exact, "
                "prefix, suffix, fields, note, deleted")
_I_COLUMNS = ", ".join("i." + c.strip() for c in _REV_COLUMNS.split(","))


def preview(store: Store, path: Path | str) -> MergeReport:
    """What merging `path` would do; nothing is written."""
    return _run(store, Path(path), None, dry_run=True, progress=None, cancelled=None)


def merge(store: Store, path: Path | str, author: AuthorRef, progress: Progress | None = None,
          cancelled: IsCancelled | None = None) -> MergeReport:
    """Merge `path` into the project; returns what changed. Raises MergeRefused, or Cancelled
    when `cancelled()` turns true before the commit; either way nothing was written."""
    return _run(store, Path(path), author, dry_run=False, progress=progress, cancelled=cancelled)


class _Phases:
    def __init__(self, progress: Progress | None, cancelled: IsCancelled | None) -> None:
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled
        # TESTIMONIA_MERGE_PROFILE=1 prints how long each part of the merge took (to stderr).
        self.profile = bool(os.environ.get("TESTIMONIA_MERGE_PROFILE"))
        self.last = time.perf_counter()
        self.times: list[tuple[str, float]] = []

    def mark(self, what: str) -> None:
        if self.profile:
            now = time.perf_counter()
            self.times.append((what, now - self.last))
            self.last = now

    def print_profile(self) -> None:
        if self.profile:
            total = sum(t for _w, t in self.times)
            parts = ", ".join(f"{w} {t:.3f}" for w, t in self.times)
            print(f"merge profile (s): {parts}; total {total:.3f}", file=sys.stderr)

    def step(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, _PHASES)


class _SenderHeadsWrong(Exception):
    """The sender's is_head of a new revision, copied by the merge, is wrong: merge again, computing it."""


def _run(store: Store, path: Path, author: AuthorRef | None, *, dry_run: bool,
         progress: Progress | None, cancelled: IsCancelled | None) -> MergeReport:
    try:
        return _run_once(store, path, author, dry_run=dry_run, progress=progress, cancelled=cancelled,
                         sender_heads=True)
    except _SenderHeadsWrong:
        return _run_once(store, path, author, dry_run=dry_run, progress=progress, cancelled=cancelled,
                         sender_heads=False)


def _run_once(store: Store, path: Path, author: AuthorRef | None, *, dry_run: bool,
              progress: Progress | None, cancelled: IsCancelled | None, sender_heads: bool) -> MergeReport:
    if path.exists() and store.path.exists() and os.path.samefile(path, store.path):
        raise check.refuse(path, "it is this project itself; there is nothing to merge")
    refuse_special_files(path)  # before anything opens it: SQLite and the hash would wait on a pipe forever
    phases = _Phases(progress, cancelled)
    with _received(path) as received:
        report = _merge_received(store, received, author, phases, dry_run=dry_run, sender_heads=sender_heads)
    report.notes = received.notes + report.notes
    return report


@contextmanager
def _received(path: Path) -> Iterator[ReceivedFile]:
    try:
        received = open_received(path)
    except ProjectFileError as exc:
        raise MergeRefused(path, exc.problem) from None
    with received:
        yield received


def _merge_received(store: Store, received: ReceivedFile, author: AuthorRef | None, phases: _Phases, *,
                    dry_run: bool, sender_heads: bool) -> MergeReport:
    path = received.path
    child = start_child(store.path, path, received.uri)
    try:
        fingerprint = file_fingerprint(path)
        earlier = _merged_before(store, fingerprint)
    except BaseException:
        if child is not None:
            child.stop()
        raise
    phases.mark("fingerprint")
    if earlier is not None:
        if child is not None:
            child.stop()
        # Merging is idempotent and our project only grows, so a file merged once has nothing new
        # to give however often it comes back; skipping it writes nothing, so it is also safe.
        phases.done = _PHASES - 1
        phases.step()
        return MergeReport(source_file=path.name, source_project_uuid=earlier[1], source_title="",
                           dry_run=dry_run, already_merged_hlc=earlier[0])
    checks = ConcurrentChecks(store.path, path, received.uri, child)
    try:
        with ExitStack() as stack:
            attached = stack.enter_context(check.readable(received, check.peek_version(path, received.uri)))
            phases.mark("file checks")
            phases.step()
            conn = rawdb.connect_raw(store.path)
            stack.callback(conn.close)
            tune(conn)
            _attach(conn, attached, path, stack)
            conn.execute("BEGIN IMMEDIATE")
            phases.mark("attach")
            try:
                report = _merge(conn, store, path, author, dry_run, phases, fingerprint, checks, attached,
                                sender_heads)
                phases.step()
                conn.execute("ROLLBACK" if dry_run else "COMMIT")
                phases.mark("commit")
            except BaseException:
                checks.release(conn)
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        if not dry_run:
            store.committed()
        phases.mark("close")
        phases.print_profile()
        return report
    except BaseException as exc:
        problem = checks.abandon(exc)
        if isinstance(problem, sqlite3.Error):
            raise explain(problem, store.path, path) from None
        if isinstance(problem, UnicodeDecodeError):  # sqlite3 could not decode what SQLite said of the file
            raise check.refuse(path, "it could not be read (SQLite's own records in it are not valid UTF-8; "
                                     "a damaged or altered file)") from None
        raise problem from None


def refuse_special_files(path: Path) -> None:
    """The incoming file must be a regular file (or missing: the checks say so in their own
    words), never a pipe, a device or a symlink to one; core/received.py checks the files beside it."""
    files.check_regular(path, error=_refusal(path, path), missing_ok=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _refusal(path: Path, part: Path) -> files.ErrorFactory:
    if part == path:
        return lambda _p, problem: check.refuse(path, problem)
    return lambda _p, problem: check.refuse(path, "the file beside it, {name}: {problem}", name=part.name,
                                            problem=problem)


def file_fingerprint(path: Path) -> str:
    """SHA-256 of the file's bytes (and of its -wal file, whose commits are part of its content).
    Only regular files are read (see refuse_special_files)."""
    digest = hashlib.sha256()
    for part in (path, _wal(path)):
        error = _refusal(path, part)
        if files.check_regular(part, error=error, missing_ok=True) is None:
            continue  # a missing file is reported, with the right message, by the checks
        with files.open_regular(part, error=error) as fh:
            # An empty -wal comes and goes with connections and says nothing about the content.
            if part == path or os.fstat(fh.fileno()).st_size:
                try:
                    digest.update(hashlib.file_digest(fh, "sha256").digest())
                except OSError as exc:
                    raise error(part, f"it cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def _merged_before(store: Store, fingerprint: str) -> tuple[int, str] | None:
    with store._read() as conn:
        row = conn.execute(
            "SELECT at_hlc, source_project_uuid FROM merge_log WHERE json_valid(report_json) "
            "AND json_extract(report_json, '$.file_sha256') = ? ORDER BY id LIMIT 1", (fingerprint,)
        ).fetchone()
    return None if row is None else (row[0], row[1])


def _attach(conn: sqlite3.Connection, uri: str, path: Path, stack: ExitStack) -> None:
    """ATTACH the incoming file through `uri`, read-only (core/received.py)."""
    try:
        conn.execute("ATTACH DATABASE ? AS incoming", (uri,))
        stack.callback(_detach, conn)
        conn.execute("SELECT count(*) FROM incoming.sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise check.refuse(path, "it cannot be opened ({detail})", detail=exc) from None
    tune(conn, "incoming")


def _detach(conn: sqlite3.Connection) -> None:
    with suppress(sqlite3.Error):  # the connection is closed right after; the attachment goes with it
        conn.execute("DETACH DATABASE incoming")


# -- the transaction ---------------------------------------------------------------------------
@dataclass
class _DocPlan:
    incoming: check.IncomingDocument
    origin: str  # our document before the merge, or the incoming UUID for a new document
    matched_by: str
    reanchor: bool  # the two copies' texts differ
    rename_from: str | None = None  # our UUID this merge replaces with the (smaller) incoming one
    canonical: str = ""  # the document's UUID once the merge is done


def _merge(conn: sqlite3.Connection, store: Store, path: Path, author: AuthorRef | None, dry_run: bool,
           phases: _Phases, fingerprint: str, checks: ConcurrentChecks, attached: str,
           sender_heads: bool) -> MergeReport:
    src_uuid, src_title, _ = check.check_project(conn, path)
    report = MergeReport(source_file=path.name, source_project_uuid=src_uuid, source_title=src_title,
                         dry_run=dry_run)
    check.check_authors(conn, path)
    check.check_labels(conn, path)
    docs = check.check_documents(conn, path)
    plans = _plan_documents(conn, path, docs)
    docmap = [(p.incoming.uuid, p.origin, p.canonical, int(p.reanchor)) for p in plans]
    check.plan_tables(conn, docmap)
    # Nothing is written before this: the row checks compare the file with our project as it was.
    checks.check_rows(attached, docmap, {d.uuid: d.length for d in docs}, conn)
    phases.mark("small tables")
    phases.step()

    _merge_authors(conn, report)
    _merge_labels(conn, report)
    _merge_title(conn, report)
    _apply_documents(conn, plans)
    phases.step()

    first_new = _insert_revisions(conn, plans, report, sender_heads)
    phases.mark("copy")
    phases.step()

    _refresh_heads(conn, first_new, report)
    phases.mark("heads")
    phases.step()

    _outcome(conn, plans, report)
    latest = _latest_hlc(conn, first_new)
    flagged = checks.verdict()
    if sender_heads and not checks.heads_right:
        raise _SenderHeadsWrong()
    phases.mark("checks waited for")
    # Revisions the sender had flagged orphaned quote text their own copy no longer holds there.
    conn.executemany("UPDATE main.revision SET orphaned = 1 WHERE uuid = ? AND annotation_uuid NOT IN "
                     "(SELECT uuid FROM temp.m_reanchor_ann)", [(u,) for u in flagged])
    # Later local edits must sort after everything this file has now seen.
    Store.observe_hlc(conn, latest)
    if not dry_run:
        assert author is not None
        hlc = store._tick(conn)
        Store._ensure_author(conn, author, hlc)
        conn.execute(
            "INSERT INTO main.merge_log(at_hlc, source_project_uuid, source_file, author_uuid, report_json) "
            "VALUES (?, ?, ?, ?, ?)",
            (hlc, src_uuid, path.name, author.uuid,
             json.dumps({"counts": report.counts(), "file_sha256": fingerprint}, sort_keys=True)),
        )
    phases.mark("report")
    phases.step()
    return report


def _plan_documents(conn: sqlite3.Connection, path: Path, docs: list[check.IncomingDocument]) -> list[_DocPlan]:
    """Decide, for each incoming document in UUID order, which of ours it is (or that it is new)."""
    ours = {u: (t, s) for u, t, s in conn.execute("SELECT uuid, text_sha256, source_sha256 FROM main.document")}
    alias = dict(conn.execute("SELECT alias_uuid, document_uuid FROM main.document_alias").fetchall())
    by_text: dict[str, str] = {}
    by_source: dict[str, str] = {}
    for u, (t, s) in sorted(ours.items()):
        by_text.setdefault(t, u)
        by_source.setdefault(s, u)
    current = {u: u for u in ours}  # document UUID before the merge → its UUID so far in this plan
    plans: list[_DocPlan] = []
    for d in docs:
        if d.uuid in ours:
            origin, how = d.uuid, BY_UUID
            if ours[origin][0] != d.text_sha256 and ours[origin][1] != d.source_sha256:
                raise check.refuse(path, "document {uuid}: we hold a document with this UUID whose text and source "
                                         "both differ (a UUID must never be reused)", uuid=d.uuid)
        elif d.uuid in alias:
            origin, how = _origin_of(alias[d.uuid], current), BY_ALIAS
        elif d.text_sha256 in by_text:
            origin, how = by_text[d.text_sha256], BY_TEXT
        elif d.source_sha256 in by_source:
            origin, how = by_source[d.source_sha256], BY_SOURCE
        else:
            plans.append(_DocPlan(d, d.uuid, NEW, False))
            ours[d.uuid] = (d.text_sha256, d.source_sha256)
            current[d.uuid] = d.uuid
            by_text.setdefault(d.text_sha256, d.uuid)
            by_source.setdefault(d.source_sha256, d.uuid)
            continue
        plan = _DocPlan(d, origin, how, reanchor=ours[origin][0] != d.text_sha256)
        if d.uuid < current[origin]:
            plan.rename_from = current[origin]
            current[origin] = d.uuid
        plans.append(plan)
    for plan in plans:
        plan.canonical = current[plan.origin]
    return plans


def _origin_of(uuid: str, current: dict[str, str]) -> str:
    """The pre-merge UUID of the document now called `uuid` (aliases name our current UUIDs)."""
    if uuid in current:
        return uuid
    return next(o for o, c in current.items() if c == uuid)


# -- small tables: last writer wins ------------------------------------------------------------
def _merge_authors(conn: sqlite3.Connection, report: MergeReport) -> None:
    report.authors_new = conn.execute(
        "INSERT INTO main.author(uuid, name, hlc) SELECT i.uuid, i.name, i.hlc FROM incoming.author AS i "
        "WHERE NOT EXISTS (SELECT 1 FROM main.author AS a WHERE a.uuid = i.uuid)"
    ).rowcount
    conn.execute(
        "UPDATE main.author SET name = i.name, hlc = i.hlc FROM incoming.author AS i "
        "WHERE i.uuid = author.uuid AND (i.hlc, i.name) > (author.hlc, author.name)"
    )


def _merge_labels(conn: sqlite3.Connection, report: MergeReport) -> None:
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


def _merge_title(conn: sqlite3.Connection, report: MergeReport) -> None:
    # The project keeps its own UUID. Only copies of one project share a title: a colleague's
    # separately created project must not rename ours.
    report.project_title_changed = conn.execute(
        "UPDATE main.project SET title = i.title, title_hlc = i.title_hlc FROM incoming.project AS i "
        "WHERE i.uuid = project.uuid AND (i.title_hlc, i.title) > (project.title_hlc, project.title)"
    ).rowcount > 0


# -- documents ---------------------------------------------------------------------------------
def _apply_documents(conn: sqlite3.Connection, plans: list[_DocPlan]) -> None:
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
    conn.execute("INSERT INTO main.document_fts(uuid, title, text) SELECT i.uuid, i.title, i.text "
                 "FROM temp.m_new_document AS n CROSS JOIN incoming.document AS i ON i.uuid = n.uuid ORDER BY n.uuid")
    for p in plans:
        inc = p.incoming.uuid
        if p.matched_by == NEW:
            continue
        if p.rename_from is not None:
            _rename_document(conn, p.rename_from, inc)
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
        changed = conn.execute(
            "UPDATE main.document SET title = i.title, metadata_json = i.metadata_json, removed = i.removed, "
            "hlc = i.hlc FROM incoming.document AS i WHERE i.uuid = ? AND document.uuid = ? AND "
            "(i.hlc, i.title, i.metadata_json, i.removed) > "
            "(document.hlc, document.title, document.metadata_json, document.removed)",
            (inc, here),
        ).rowcount
        if changed:
            conn.execute("UPDATE main.document_fts SET title = (SELECT title FROM main.document WHERE uuid = ?) "
                         "WHERE uuid = ?", (here, here))
    # The sender's own aliases name the same documents; keeping them lets a third file still using
    # an old UUID match directly.
    conn.execute(
        "INSERT OR IGNORE INTO main.document_alias(alias_uuid, document_uuid) "
        "SELECT ia.alias_uuid, dm.canonical FROM incoming.document_alias AS ia "
        "JOIN temp.m_docmap AS dm ON dm.incoming_uuid = ia.document_uuid "
        "WHERE NOT EXISTS (SELECT 1 FROM main.document AS d WHERE d.uuid = ia.alias_uuid)"
    )


def _rename_document(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute("UPDATE main.document SET uuid = ? WHERE uuid = ?", (new, old))
    conn.execute("UPDATE main.annotation SET document_uuid = ? WHERE document_uuid = ?", (new, old))
    conn.execute("UPDATE main.document_fts SET uuid = ? WHERE uuid = ?", (new, old))
    conn.execute("UPDATE main.document_alias SET document_uuid = ? WHERE document_uuid = ?", (new, old))
    conn.execute("DELETE FROM main.document_alias WHERE alias_uuid = ?", (new,))
    conn.execute("INSERT OR REPLACE INTO main.document_alias(alias_uuid, document_uuid) VALUES (?, ?)", (old, new))


# -- annotations and revisions -----------------------------------------------------------------
def _insert_revisions(conn: sqlite3.Connection, plans: list[_DocPlan], report: MergeReport,
                      sender_heads: bool) -> int:
    """Copy the revisions we lack; returns the rowid the first of them got (all later ones are new).

    A new revision is a head unless a new revision names it as a parent (none of ours can: every
    parent of ours is already here), which is what the sender's file says too. So its is_head is
    copied (`sender_heads`), and the checks confirm it; if they do not, the merge is done again
    computing it from the parents, expanded once into temp.m_parent. Rows failing a check (a
    malformed parents list, a known UUID with other content) are left to the checks, which refuse
    the file: nothing written here is committed then."""
    if sender_heads:
        head = "i.is_head"
    else:
        conn.execute("CREATE TEMP TABLE m_parent(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.execute("INSERT OR IGNORE INTO temp.m_parent SELECT p.value FROM incoming.revision AS i "
                     "CROSS JOIN json_each(CASE WHEN json_valid(i.parents) THEN i.parents ELSE '[]' END) AS p "
                     "WHERE i.parents != '[]' ORDER BY 1")
        head = "NOT EXISTS (SELECT 1 FROM temp.m_parent AS p WHERE p.uuid = i.uuid)"
    first_new = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM main.revision").fetchone()[0]
    reanchored = [p for p in plans if p.reanchor]
    skip = " WHERE i.annotation_uuid NOT IN (SELECT uuid FROM temp.m_reanchor_ann)" if reanchored else ""
    # The very statement of a bare copy (INSERT OR IGNORE … SELECT in the file's order): the
    # incoming rows we hold are skipped by the UUID index; the checks compare them with ours.
    inserted = conn.execute(
        f"INSERT OR IGNORE INTO main.revision({_REV_COLUMNS}, is_head, orphaned) "
        f"SELECT {_I_COLUMNS}, {head}, 0 FROM incoming.revision AS i{skip}"
    ).rowcount
    for p in reanchored:
        inserted += _insert_reanchored(conn, p, report, head)
    report.revisions_new = inserted
    report.revisions_known = conn.execute("SELECT count(*) FROM incoming.revision").fetchone()[0] - inserted
    return first_new


def _insert_reanchored(conn: sqlite3.Connection, p: _DocPlan, report: MergeReport, head: str) -> int:
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
        f"INSERT INTO main.revision({_REV_COLUMNS}, is_head, orphaned) VALUES ({', '.join('?' * 16)})", out)
    return len(out)


def _nonempty(start: int, end: int, length: int) -> tuple[int, int]:
    # An orphan keeps a place in the text (clamped) so lists and the editor can still show it.
    if end > start or length == 0:
        return start, end
    return (start, start + 1) if start < length else (length - 1, length)


# A winner as a fixed-width key (hlc below 10^20, UUIDs 36 characters) followed by the deletion flag:
# the greatest (hlc, uuid) is the greatest key, and substr() takes the UUID and the flag back out.
_KEY = "printf('%020d', r.hlc) || r.uuid || r.deleted"
_HEAD, _HEAD_DELETED = "substr(t.k, 21, 36)", "substr(t.k, 57) = '1'"


def _refresh_heads(conn: sqlite3.Connection, first_new: int, report: MergeReport) -> None:
    """Heads change only where new revisions arrived: their parents stop being heads, and each
    annotation that received any gets its head count and winner again. The result equals
    heads.refresh() over the same annotations, without rewriting every revision row. Counts for
    the report come on the way, while the annotations still say what they were before."""
    new = f"r.rowid >= {int(first_new)}"
    # Only the parents new revisions name: those of known ones stopped being heads long ago.
    conn.execute(f"UPDATE main.revision SET is_head = 0 WHERE rowid < {int(first_new)} AND is_head AND uuid IN "
                 f"(SELECT p.value FROM main.revision AS r CROSS JOIN json_each(r.parents) AS p WHERE {new} "
                 "AND r.parents != '[]')")
    # One pass over the new heads: per annotation, their count and winner. Every annotation that
    # received revisions received a head (the newest of them names none). The unary + keeps SQLite
    # from walking the whole annotation index for the grouping.
    conn.execute("CREATE TEMP TABLE m_touched(uuid TEXT PRIMARY KEY, existed INTEGER, heads INTEGER, k TEXT) "
                 "WITHOUT ROWID")
    conn.execute(
        "INSERT INTO temp.m_touched SELECT r.annotation_uuid, "
        "EXISTS (SELECT 1 FROM main.annotation AS a WHERE a.uuid = r.annotation_uuid), "
        f"count(*), max({_KEY}) FROM main.revision AS r WHERE {new} AND r.is_head GROUP BY +r.annotation_uuid"
    )
    # An annotation we held also keeps those of its old heads no new revision names.
    conn.execute(
        f"UPDATE temp.m_touched SET (heads, k) = (SELECT m_touched.heads + count(*), max(m_touched.k, "
        f"coalesce(max({_KEY}), '')) FROM main.revision AS r WHERE r.annotation_uuid = m_touched.uuid "
        f"AND r.is_head AND r.rowid < {int(first_new)}) WHERE existed"
    )
    # A deletion in conflict stays visible, so "visible" is: more than one head, or not deleted.
    (report.annotations_changed, report.annotations_deleted, created, report.conflicts_resolved) = conn.execute(
        "SELECT "
        f" coalesce(sum(a.head_uuid != {_HEAD} AND (t.heads > 1 OR NOT {_HEAD_DELETED})), 0),"
        f" coalesce(sum(t.heads = 1 AND {_HEAD_DELETED} AND (a.heads > 1 OR NOT (SELECT r.deleted "
        "FROM main.revision AS r WHERE r.uuid = a.head_uuid))), 0),"
        " coalesce(sum(a.heads <= 1 AND t.heads > 1), 0),"
        " coalesce(sum(a.heads > 1 AND t.heads = 1), 0) "
        "FROM temp.m_touched AS t CROSS JOIN main.annotation AS a ON a.uuid = t.uuid WHERE t.existed"
    ).fetchone()
    conflicts = [r[0] for r in conn.execute(
        "SELECT t.uuid FROM temp.m_touched AS t CROSS JOIN main.annotation AS a ON a.uuid = t.uuid "
        "WHERE t.existed AND a.heads <= 1 AND t.heads > 1")]
    new_visible, new_conflicts = conn.execute(
        f"SELECT coalesce(sum(heads > 1 OR NOT {_HEAD_DELETED}), 0), coalesce(sum(heads > 1), 0) "
        "FROM temp.m_touched AS t WHERE NOT existed"
    ).fetchone()
    conflicts += [r[0] for r in conn.execute("SELECT uuid FROM temp.m_touched WHERE NOT existed AND heads > 1")]
    report.annotations_new = new_visible
    report.conflicts_created = created + new_conflicts
    report.conflicts = sorted(conflicts)
    report.changes, report.changes_total = list_changes(conn)  # before the rows below say what is new
    conn.execute(f"UPDATE main.annotation SET head_uuid = {_HEAD}, heads = t.heads FROM temp.m_touched AS t "
                 "WHERE t.existed AND annotation.uuid = t.uuid")
    conn.execute(
        "INSERT INTO main.annotation(uuid, document_uuid, created_hlc, creator_uuid, head_uuid, heads) "
        f"SELECT a.uuid, dm.canonical, a.created_hlc, a.creator_uuid, {_HEAD}, t.heads FROM temp.m_touched AS t "
        "CROSS JOIN incoming.annotation AS a ON a.uuid = t.uuid "
        "CROSS JOIN temp.m_docmap AS dm ON dm.incoming_uuid = a.document_uuid WHERE NOT t.existed"
    )


def _outcome(conn: sqlite3.Connection, plans: list[_DocPlan], report: MergeReport) -> None:
    titles = dict(conn.execute("SELECT uuid, title FROM main.document").fetchall())
    report.documents = [
        DocumentOutcome(p.incoming.uuid, p.canonical, titles.get(p.canonical, p.incoming.title), p.matched_by,
                        p.reanchor)
        for p in plans
    ]


def _latest_hlc(conn: sqlite3.Connection, first_new: int) -> int:
    """The latest timestamp the file brought in."""
    return int(conn.execute(
        f"SELECT max((SELECT coalesce(max(hlc), 0) FROM main.revision WHERE rowid >= {int(first_new)}), "
        "(SELECT coalesce(max(hlc), 0) FROM incoming.label), "
        "(SELECT coalesce(max(hlc), 0) FROM incoming.author), (SELECT coalesce(max(hlc), 0) FROM incoming.document), "
        "(SELECT coalesce(max(title_hlc), 0) FROM incoming.project))"
    ).fetchone()[0])
