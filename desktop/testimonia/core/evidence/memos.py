"""Memos: one plain-text memo for the project and for each document, entity and incident.

A memo's versions are insert-only revisions, like annotations': two members editing the same memo
apart both keep their text, the memo shows a conflict, and the next save (whose parents are all
the heads) resolves it. Clearing a memo saves an empty version, which travels like any other.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import InvalidInput
from ..ids import name_uuid, new_uuid
from ..messages import Message
from ..views import AuthorRef
from .base import RegisterBase, changed
from .views import MemoView, Op
from .vocab import MAX_MEMO, MEMO_TARGETS, check_choice

# The project memo's target: the same in every member's file (each file has its own project UUID).
PROJECT_MEMO = name_uuid("memo", "project")


def _heads(conn: sqlite3.Connection, kind: str, target: str) -> list[tuple[str, str, int, str]]:
    """(uuid, text, hlc, author) of the memo's heads, the winning one first. A document's memo may
    have been written under another file's UUID for the same document (document_alias)."""
    rows = conn.execute("SELECT uuid, parents, text, hlc, author_uuid FROM memo_revision WHERE target_kind = ? "
                        "AND (target_uuid = ? OR target_uuid IN (SELECT alias_uuid FROM document_alias "
                        "WHERE document_uuid = ? AND ? = 'document'))", (kind, target, target, kind)).fetchall()
    named: set[str] = set()
    for r in rows:
        try:
            parents = json.loads(r[1])
        except ValueError:
            parents = []
        named.update(p for p in parents if isinstance(p, str))
    heads = [(r[0], r[2], r[3], r[4]) for r in rows if r[0] not in named]
    return sorted(heads, key=lambda h: (h[2], h[0]), reverse=True)


class MemoOps(RegisterBase):
    def _target(self, kind: str, target: str) -> str:
        check_choice(kind, MEMO_TARGETS, Message("what the memo is about"))
        if kind == "project":
            return PROJECT_MEMO
        if kind == "document":
            return self.store.resolve_document(target)
        if kind == "entity":
            return self.entity(target).uuid  # type: ignore[attr-defined]
        return self.incident(target).uuid  # type: ignore[attr-defined]

    def memo(self, kind: str, target: str = "") -> MemoView:
        uuid = self._target(kind, target)
        with self._read() as conn:
            heads = _heads(conn, kind, uuid)
        if not heads:
            return MemoView(kind, uuid, "", None, 0, 0, "")
        win = heads[0]
        return MemoView(kind, uuid, win[1], win[0], len(heads), win[2], win[3], tuple(h[1] for h in heads[1:]))

    def memos(self) -> list[MemoView]:
        """Every memo that has text (or a conflict), project first."""
        with self._read() as conn:
            targets = conn.execute(
                "SELECT DISTINCT m.target_kind, coalesce(a.document_uuid, m.target_uuid) FROM memo_revision AS m "
                "LEFT JOIN document_alias AS a ON a.alias_uuid = m.target_uuid AND m.target_kind = 'document'"
            ).fetchall()
            out = []
            for kind, uuid in targets:
                heads = _heads(conn, kind, uuid)
                if heads and (heads[0][1] or len(heads) > 1):
                    win = heads[0]
                    out.append(MemoView(kind, uuid, win[1], win[0], len(heads), win[2], win[3],
                                        tuple(h[1] for h in heads[1:])))
        return sorted(out, key=lambda m: (MEMO_TARGETS.index(m.target_kind), m.target_uuid))

    def set_memo(self, kind: str, target: str, text: str, author: AuthorRef) -> Op[MemoView]:
        """Save the memo's text; its parents are all current heads, so this also resolves a conflict."""
        if "\x00" in text:
            raise InvalidInput("the memo contains a NUL character")
        if len(text) > MAX_MEMO:
            raise InvalidInput("a memo holds at most {limit:,} characters", limit=MAX_MEMO)
        uuid = self._target(kind, target)
        uid = new_uuid()
        with self._write(author) as (conn, hlc):
            parents = sorted(h[0] for h in _heads(conn, kind, uuid))
            conn.execute("INSERT INTO memo_revision(uuid, target_kind, target_uuid, parents, text, hlc, author_uuid) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", (uid, kind, uuid, json.dumps(parents), text, hlc, author.uuid))
        return Op(self.memo(kind, uuid), changed("memo_revision", uid, uuid))

    def memo_history(self, kind: str, target: str = "") -> list[tuple[str, str, int, str]]:
        """Every saved version: (uuid, text, hlc, author UUID), oldest first."""
        uuid = self._target(kind, target)
        with self._read() as conn:
            return [tuple(r) for r in conn.execute(  # type: ignore[misc]
                "SELECT uuid, text, hlc, author_uuid FROM memo_revision WHERE target_uuid = ? AND target_kind = ? "
                "ORDER BY hlc, uuid", (uuid, kind))]
