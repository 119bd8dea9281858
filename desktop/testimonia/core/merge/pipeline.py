"""A team merge, top to bottom: the union of a teammate's project file into this one, all or nothing.

Read this function by function; each step lives in a module of its own:

1. source.py     open the received file, untrusted, without writing to it or beside it; its
                 fingerprint (a file merged before is skipped), format, tables, row limits
   news.py       whether it holds anything we lack, by keys alone: if not, the merge ends here
2. checks.py     every row of every record kind (kinds.py) that would enter our file; the small
                 tables first, on our connection, before anything is written (the documents in
                 documents_check.py)
   plan.py       which of our documents each incoming one is (UUID, alias, text or source hash)
   concurrent.py the file's quick_check and the annotation and revision checks, started here and
                 run beside the copy on a connection of their own that sees our project as it was
3. copy.py       the union, kind by kind, in one BEGIN IMMEDIATE transaction
4. heads.py      new heads and winners of the annotations that received revisions
5. report.py     what the merge did (changes.py lists the annotations it touches visibly)
6. verdict       the checks' answer; only then the commit (or, for the preview, the rollback)

A refusal by the checks interrupts the copy and rolls it back; a kill at any point leaves the
project exactly as before or exactly merged. The preview runs the very same transaction and rolls
it back, so it cannot disagree with the merge. TESTIMONIA_MERGE_PROFILE=1 prints each phase's time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack, closing
from pathlib import Path

from .. import rawdb
from ..errors import Cancelled, MergeRefused, ProjectFileError
from ..received import ReceivedFile
from ..schema import SCHEMA_VERSION
from ..store import Store
from ..views import AuthorRef
from . import (
    builtin,  # noqa: F401  (registers the built-in record kinds)
    checks,
    copy,
    evidence_kinds,  # noqa: F401  (registers the evidence register's kinds, after the built-in ones)
    exchange,
    kinds,
    news,
    plan,
    source,
)
from .concurrent import ConcurrentChecks, start_child, tune
from .heads import refresh_heads
from .kinds import MergeContext
from .refusal import explain, refuse
from .report import MergeReport, document_outcomes

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

_PHASES = 7


def preview(store: Store, path: Path | str) -> MergeReport:
    """What merging `path` would do; nothing is written."""
    return _run(store, Path(path), None, dry_run=True, progress=None, cancelled=None)


def merge(store: Store, path: Path | str, author: AuthorRef, progress: Progress | None = None,
          cancelled: IsCancelled | None = None) -> MergeReport:
    """Merge `path` into the project; returns what changed. Raises MergeRefused, or Cancelled
    when `cancelled()` turns true before the commit; either way nothing was written."""
    return _run(store, Path(path), author, dry_run=False, progress=progress, cancelled=cancelled)


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
    """Step 1: open the received file (source.py) and, unless it was merged before, merge it."""
    if path.exists() and store.path.exists() and os.path.samefile(path, store.path):
        raise refuse(path, "it is this project itself; there is nothing to merge")
    source.refuse_special_files(path)  # before anything opens it: SQLite and the hash would wait on a pipe forever
    phases = _Phases(progress, cancelled)
    with source.received(path) as received:
        report = _merge_received(store, received, author, phases, dry_run=dry_run, sender_heads=sender_heads)
    report.notes = received.notes + report.notes
    return report


def _merge_received(store: Store, received: ReceivedFile, author: AuthorRef | None, phases: _Phases, *,
                    dry_run: bool, sender_heads: bool) -> MergeReport:
    """The file's checks start at once beside the merge; the merge runs in one transaction that
    commits only after their verdict."""
    path = received.path
    fingerprint = source.file_fingerprint(path)
    earlier = _merged_before(store, fingerprint)
    phases.mark("fingerprint")
    if earlier is not None and source.exact(fingerprint):
        # Merging is idempotent and our project only grows, so a file merged once has nothing new
        # to give however often it comes back; skipping it writes nothing, so it is also safe.
        phases.done = _PHASES - 1
        phases.step()
        return MergeReport(source_file=path.name, source_project_uuid=earlier[1], source_title="",
                           dry_run=dry_run, already_merged_hlc=earlier[0])
    quiet = _nothing_new(store, received, author, fingerprint, earlier, dry_run=dry_run)
    phases.mark("news")
    if quiet is not None:
        phases.done = _PHASES - 1
        phases.step()
        phases.print_profile()
        return quiet
    child = start_child(store.path, path, received.uri)
    concurrent = ConcurrentChecks(store.path, path, received.uri, child)
    try:
        with ExitStack() as stack:
            attached = stack.enter_context(source.readable(received, source.peek_version(path, received.uri)))
            phases.mark("file checks")
            phases.step()
            conn = rawdb.connect_raw(store.path)
            stack.callback(conn.close)
            tune(conn)
            source.attach(conn, attached, path, stack)
            conn.execute("BEGIN IMMEDIATE")
            concurrent.began(attached)
            phases.mark("attach")
            try:
                ctx = MergeContext(conn, path, MergeReport(path.name, "", "", dry_run), sender_heads=sender_heads)
                _merge(ctx, store, author, phases, fingerprint, concurrent, attached)
                phases.step()
                conn.execute("ROLLBACK" if dry_run else "COMMIT")
                phases.mark("commit")
            except BaseException:
                concurrent.release(conn)
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        if not dry_run:
            store.committed()
        phases.mark("close")
        phases.print_profile()
        return ctx.report
    except BaseException as exc:
        problem = concurrent.abandon(exc)
        if isinstance(problem, sqlite3.Error):
            raise explain(problem, store.path, path) from None
        if isinstance(problem, UnicodeDecodeError):  # sqlite3 could not decode what SQLite said of the file
            raise refuse(path, "it could not be read (SQLite's own records in it are not valid UTF-8; "
                               "a damaged or altered file)") from None
        raise problem from None


def _merge(ctx: MergeContext, store: Store, author: AuthorRef | None, phases: _Phases, fingerprint: str,
           concurrent: ConcurrentChecks, attached: str) -> None:
    """Steps 2 to 6, inside the transaction: check and plan, copy, heads, report, verdict."""
    conn, report = ctx.conn, ctx.report
    every = kinds.ordered()
    # 2. Check the rows of the small tables, plan the documents, start the row checks. Nothing is
    # written before this: the checks compare the file with our project as it was.
    ctx.exchange = exchange.scope(conn, ctx.path)  # a changes-only file (exchange.py), or None
    for kind in every:
        if kind.check is not None:
            kind.check(ctx)
    phases.mark("small tables")
    ctx.plans = plan.plan_documents(conn, ctx.path, ctx.docs)
    if ctx.exchange is not None:
        exchange.settle_stubs(ctx)  # what it carries without text we hold, or it is left out
        exchange.check_base(ctx)  # what its revisions build on is here
    lengths = checks.check_texts(ctx)  # only the texts the merge needs: new, or differing from ours
    docmap = plan.docmap(ctx.plans)
    plan.plan_tables(conn, docmap)
    phases.mark("plan")
    for kind in every:
        if kind.generic:
            checks.check_generic(ctx, kind)
    concurrent.check_rows(attached, docmap, lengths, conn)
    phases.mark("other kinds")
    phases.step()

    # 3. Copy, kind by kind: the records first, then what the row checks are still looking at.
    for kind in every:
        if not kind.concurrent:
            _copy(ctx, kind)
    phases.step()
    for kind in every:
        if kind.concurrent:
            _copy(ctx, kind)
    phases.mark("copy")
    phases.step()

    # 4. Heads of the annotations that received revisions.
    refresh_heads(conn, ctx.first_new_revision, report)
    phases.mark("heads")
    phases.step()

    # 5. The report, and 6. the checks' verdict.
    document_outcomes(conn, ctx.plans, report)
    latest = _latest_hlc(ctx)
    flagged = concurrent.verdict()
    if ctx.sender_heads and not concurrent.heads_right:
        raise _SenderHeadsWrong()
    phases.mark("checks waited for")
    # Revisions the sender had flagged orphaned quote text their own copy no longer holds there.
    conn.executemany("UPDATE main.revision SET orphaned = 1 WHERE uuid = ? AND annotation_uuid NOT IN "
                     "(SELECT uuid FROM temp.m_reanchor_ann)", [(u,) for u in flagged])
    # Later local edits must sort after everything this file has now seen.
    Store.observe_hlc(conn, latest)
    if not report.dry_run:
        assert author is not None
        _record(store, conn, author, report, fingerprint)
    phases.mark("report")
    phases.step()


def _nothing_new(store: Store, received: ReceivedFile, author: AuthorRef | None, fingerprint: str,
                 earlier: tuple[int, str] | None, *, dry_run: bool) -> MergeReport | None:
    """The report of a file that holds nothing we lack (news.py), found without reading the file
    through; None when it may hold something, or when anything about it needs the merge's own
    words (a damaged or refused file is then reported by the merge, which runs every check)."""
    path = received.path
    try:
        with ExitStack() as stack:
            version = rawdb.inspect_file(path, received.uri, full=False, changes_only_ok=True)
            if version != SCHEMA_VERSION:
                return None  # an older file is read through an upgraded copy: the merge makes it
            uri = stack.enter_context(source.readable(received, version))  # row limits, our tables only
            conn = rawdb.connect_raw(store.path, readonly=True)
            stack.callback(conn.close)
            source.attach(conn, uri, path, stack)
            if not news.nothing_new(conn):
                return None
            uid, title, _hlc = checks.check_project(conn, path)
            report = news.known_report(conn, MergeReport(path.name, uid, title, dry_run))
    except (MergeRefused, ProjectFileError, sqlite3.Error, UnicodeDecodeError, OSError):
        return None
    if earlier is not None:
        report.already_merged_hlc = earlier[0]
        return report
    if not dry_run:
        assert author is not None
        _log_merge(store, author, report, fingerprint)
    return report


def _log_merge(store: Store, author: AuthorRef, report: MergeReport, fingerprint: str) -> None:
    with closing(rawdb.connect_raw(store.path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _record(store, conn, author, report, fingerprint)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    store.committed()


def _record(store: Store, conn: sqlite3.Connection, author: AuthorRef, report: MergeReport, fingerprint: str) -> None:
    """The merge log's entry: when, from which project and file, by whom, with what outcome."""
    hlc = store._tick(conn)
    Store._ensure_author(conn, author, hlc)
    conn.execute(
        "INSERT INTO main.merge_log(at_hlc, source_project_uuid, source_file, author_uuid, report_json) "
        "VALUES (?, ?, ?, ?, ?)",
        (hlc, report.source_project_uuid, report.source_file, author.uuid,
         json.dumps({"counts": report.counts(), "file_sha256": fingerprint}, sort_keys=True)),
    )


def _copy(ctx: MergeContext, kind: kinds.RecordKind) -> None:
    if kind.copy is not None:
        kind.copy(ctx)
    else:
        copy.copy_generic(ctx, kind)


def _merged_before(store: Store, fingerprint: str) -> tuple[int, str] | None:
    with store._read() as conn:
        row = conn.execute(
            "SELECT at_hlc, source_project_uuid FROM merge_log WHERE json_valid(report_json) "
            "AND json_extract(report_json, '$.file_sha256') = ? ORDER BY id LIMIT 1", (fingerprint,)
        ).fetchone()
    return None if row is None else (row[0], row[1])


def _latest_hlc(ctx: MergeContext) -> int:
    """The latest timestamp the file brought in: of the new revisions, of the documents as checked
    (documents_check.py: a document's row may not have been read), and of every other kind's rows."""
    conn = ctx.conn
    parts = [f"(SELECT coalesce(max(hlc), 0) FROM main.revision WHERE rowid >= {int(ctx.first_new_revision)})",
             str(max((int(d.hlc) for d in ctx.docs), default=0))]
    for kind in kinds.ordered():
        if kind.table in ("revision", "document"):
            continue
        cols = {r[1] for r in conn.execute(f'PRAGMA incoming.table_info("{kind.table}")')}
        if kind.hlc_column in cols:
            parts.append(f'(SELECT coalesce(max("{kind.hlc_column}"), 0) FROM incoming."{kind.table}")')
    return int(conn.execute(f"SELECT max({', '.join(parts)})").fetchone()[0])


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
