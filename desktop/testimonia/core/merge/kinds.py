"""The record kinds a file merge carries: one registry drives the checks, the copy and the report.

Each table that travels between teammates' files is a RecordKind: its key, how two copies of a row
merge, what validates the incoming rows, how many rows a received file may hold, and which kinds it
refers to (so those are merged first). A new kind of record (entities, incidents, memos, …) is
merged by registering it with its checks; `tests/core/test_merge_kinds.py` fails for any table of
core/models.py that is neither registered here nor listed in LOCAL_ONLY, so none is left out by
accident.

Two ways to merge, both convergent in any order of exchanges:
- UNION: insert-only; a row is immutable once written, so the merge adds the rows we lack and a
  known key with other content is refused (a key must never be reused). Revisions work this way.
- LWW: last writer wins; the row with the greater (hlc, other columns…) replaces ours, so ties
  break on the values themselves and every machine keeps the same row.

A kind whose `copy` is None is copied by the generic SQL of copy.py; the built-in kinds
(builtin.py) bring their own, because documents are matched by hash and revisions re-anchored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .exchange import Scope
    from .plan import DocPlan
    from .report import MergeReport

UNION = "insert-only union"
LWW = "last-writer-wins"

# Tables of a project file that never travel, and why: a merge never reads them from the incoming
# file (it may hold them: the schema check accepts exactly our definition).
LOCAL_ONLY: dict[str, str] = {
    "meta": "this file's own clock and settings",
    "merge_log": "which files this project merged, with their fingerprints",
    "exchange_log": "which exchange files this project wrote for whom (core/merge/exchange.py)",
    "exchange_info": "in a changes-only file: who sent it, since when (read by the merge, never copied)",
    "exchange_stub": "in a changes-only file: the documents carried without their text (read, never copied)",
    "document_fts": "the search index, derived from the documents' text as they arrive",
    "document_fts_key": "which document each row of the search index is (core/fts.py), derived likewise",
    "suggestion_review": "this file's verdicts on suggestions (core/suggest/review.py)",
    "document_sketch": "near-duplicate hashes, derived from the texts (core/similar.py)",
    "server_sync": "this file's cursors and marks for its team servers (core/server/local_state.py)",
    "server_pushed": "which versions of its mutable rows this file pushed to each team server",
}


@dataclass
class MergeContext:
    """What a kind's check and copy work with: the writer's connection with the incoming file
    ATTACHed as `incoming`, and the merge so far."""

    conn: sqlite3.Connection
    path: Path  # the received file, as the user named it (for messages)
    report: MergeReport
    docs: list = field(default_factory=list)  # checks.IncomingDocument, from the document kind's check
    plans: list[DocPlan] = field(default_factory=list)  # plan.plan_documents
    sender_heads: bool = True  # copy the sender's is_head (see pipeline._SenderHeadsWrong)
    first_new_revision: int = 0  # the rowid the first copied revision got
    exchange: Scope | None = None  # what a changes-only file says of itself (exchange.py); None: a full file


Step = Callable[[MergeContext], None]


@dataclass(eq=False)
class RecordKind:
    table: str
    key: tuple[str, ...]
    merge: str  # UNION or LWW
    max_rows: int | None  # rows a received file may hold; None: the kind's check bounds them itself
    after: tuple[str, ...] = ()  # kinds whose rows these refer to: checked and copied first
    check: Step | None = None  # refuses bad incoming rows; runs before anything is written
    copy: Step | None = None  # None: the generic copy of `merge` (copy.copy_generic)
    hlc_column: str = "hlc"  # LWW: the timestamp that orders writers
    document_column: str | None = None  # a column naming a document: follows the merge's document matching
    ddl: str | None = None  # the table, if not a SQLModel one: created by the first merge that brings rows
    # Validated by the row checks that run beside the copy (checks.check_rows), not by `check`.
    concurrent: bool = False

    @property
    def generic(self) -> bool:
        return self.copy is None


_KINDS: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> RecordKind:
    if kind.merge not in (UNION, LWW):
        raise ValueError(f"{kind.table}: merge must be UNION or LWW, not {kind.merge!r}")  # not a message
    if kind.table in LOCAL_ONLY:
        raise ValueError(f"{kind.table} is local-only")  # not a message
    if kind.merge == LWW and not kind.key:
        raise ValueError(f"{kind.table}: a last-writer-wins kind needs a key")  # not a message
    _KINDS[kind.table] = kind
    return kind


def unregister(table: str) -> None:
    _KINDS.pop(table, None)


@contextmanager
def registered(kind: RecordKind) -> Iterator[RecordKind]:
    """`kind` registered for the duration of a with block (tests)."""
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.table)


def kind(table: str) -> RecordKind:
    return _KINDS[table]


def ordered() -> list[RecordKind]:
    """Every registered kind, each after the kinds it names in `after` (else in registration order)."""
    out: list[RecordKind] = []
    seen: set[str] = set()

    def visit(k: RecordKind, path: tuple[str, ...]) -> None:
        if k.table in seen:
            return
        if k.table in path:
            raise ValueError(f"record kinds depend on each other in a cycle: {' -> '.join(path)}")  # not a message
        for dep in k.after:
            if dep in _KINDS:
                visit(_KINDS[dep], (*path, k.table))
        seen.add(k.table)
        out.append(k)

    for k in list(_KINDS.values()):
        visit(k, ())
    return out


def merged_tables() -> list[str]:
    """Every table a file merge carries, in the order the merge checks and copies them."""
    return [k.table for k in ordered()]


def max_rows() -> dict[str, int]:
    """The most rows a received file may hold, per table (docs/CLI.md, "merge")."""
    return {k.table: k.max_rows for k in ordered() if k.max_rows is not None}


def optional_tables() -> dict[str, str]:
    """The registered tables that are not SQLModel ones, with their definitions."""
    return {k.table: k.ddl for k in ordered() if k.ddl is not None}
