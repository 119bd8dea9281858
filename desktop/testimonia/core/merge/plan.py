"""Step 2 of a merge: the plan. Which of our documents each incoming one is, before anything is written.

Documents are matched by UUID, else through document_alias, else by text SHA-256, else by source
SHA-256. Two imports of one document get different UUIDs; the smaller one becomes the document's
UUID on every machine (ours is renamed if the incoming one is smaller) and the other is kept as an
alias. When only the source file matches, the texts differ (another extraction): we keep our text
and re-anchor the incoming annotations onto it (copy.py); what cannot be anchored is kept, flagged
orphaned. The plan also goes into temp tables (plan_tables) that the copy and the row checks join.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .refusal import refuse
from .report import BY_ALIAS, BY_SOURCE, BY_TEXT, BY_UUID, NEW

if TYPE_CHECKING:
    from .checks import IncomingDocument

DocMap = list[tuple[str, str, str, int]]  # incoming UUID, ours before the merge, UUID after, re-anchored?


@dataclass
class DocPlan:
    incoming: IncomingDocument
    origin: str  # our document before the merge, or the incoming UUID for a new document
    matched_by: str
    reanchor: bool  # the two copies' texts differ
    rename_from: str | None = None  # our UUID this merge replaces with the (smaller) incoming one
    canonical: str = ""  # the document's UUID once the merge is done


def plan_documents(conn: sqlite3.Connection, path: Path, docs: list[IncomingDocument]) -> list[DocPlan]:
    """Decide, for each incoming document in UUID order, which of ours it is (or that it is new)."""
    ours = {u: (t, s) for u, t, s in conn.execute("SELECT uuid, text_sha256, source_sha256 FROM main.document")}
    alias = dict(conn.execute("SELECT alias_uuid, document_uuid FROM main.document_alias").fetchall())
    by_text: dict[str, str] = {}
    by_source: dict[str, str] = {}
    for u, (t, s) in sorted(ours.items()):
        by_text.setdefault(t, u)
        by_source.setdefault(s, u)
    current = {u: u for u in ours}  # document UUID before the merge → its UUID so far in this plan
    plans: list[DocPlan] = []
    for d in docs:
        if d.uuid in ours:
            origin, how = d.uuid, BY_UUID
            if ours[origin][0] != d.text_sha256 and ours[origin][1] != d.source_sha256:
                raise refuse(path, "document {uuid}: we hold a document with this UUID whose text and source "
                                   "both differ (a UUID must never be reused)", uuid=d.uuid)
        elif d.uuid in alias:
            origin, how = _origin_of(alias[d.uuid], current), BY_ALIAS
        elif d.text_sha256 in by_text:
            origin, how = by_text[d.text_sha256], BY_TEXT
        elif d.source_sha256 in by_source:
            origin, how = by_source[d.source_sha256], BY_SOURCE
        else:
            plans.append(DocPlan(d, d.uuid, NEW, False))
            ours[d.uuid] = (d.text_sha256, d.source_sha256)
            current[d.uuid] = d.uuid
            by_text.setdefault(d.text_sha256, d.uuid)
            by_source.setdefault(d.source_sha256, d.uuid)
            continue
        plan = DocPlan(d, origin, how, reanchor=ours[origin][0] != d.text_sha256)
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


def docmap(plans: list[DocPlan]) -> DocMap:
    return [(p.incoming.uuid, p.origin, p.canonical, int(p.reanchor)) for p in plans]


def plan_tables(conn: sqlite3.Connection, mapping: DocMap) -> None:
    """temp.m_docmap (incoming document → ours before the merge, its UUID after, re-anchored?) and
    temp.m_reanchor_ann (the incoming annotations on documents whose two copies' texts differ)."""
    conn.execute("CREATE TEMP TABLE m_docmap(incoming_uuid TEXT PRIMARY KEY, ours_before TEXT, canonical TEXT, "
                 "reanchor INTEGER) WITHOUT ROWID")
    conn.executemany("INSERT INTO temp.m_docmap VALUES (?, ?, ?, ?)", mapping)
    conn.execute("CREATE TEMP TABLE m_reanchor_ann(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    if any(row[3] for row in mapping):
        conn.execute("INSERT OR IGNORE INTO temp.m_reanchor_ann SELECT a.uuid FROM incoming.annotation AS a "
                     "JOIN temp.m_docmap AS dm ON dm.incoming_uuid = a.document_uuid WHERE dm.reanchor")
