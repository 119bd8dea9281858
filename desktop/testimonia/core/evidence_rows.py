"""The evidence table's rows in the order shown, a bounded amount of reading at a time.

Sorting 300,000 current annotations took seconds before the first row could show (a full scan of
the heads joined to their revisions, then a sort); here every order is a walk along an index
(schema.EXTRA_INDEXES), so a page costs its rows whatever the project's size:

- by document (the default): documents in list order from the documents index, each one's
  annotations by position through annotation.document_uuid;
- by time of the last edit: the partial index of heads by time;
- by label or author: labels or authors by name, each one's heads by time.

Filters are conditions on the rows walked. A walk step reads at most a budget of candidates and
keeps those that pass, so a filter that matches little costs more steps, never one long stall.
With a document chosen, that document's rows (a few thousand at most) are read and sorted at once.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .messages import Message
from .stored import json_value

SORTS = ("document", "modified", "label", "author")  # walked along an index: any size
# Sorted by SQL over every current annotation at once: only for projects up to FULL_SORT_LIMIT.
FULL_SORTS = {"text": "r.exact COLLATE NOCASE", "note": "r.note COLLATE NOCASE", "fields": "r.fields",
              "status": "a.heads > 1, r.orphaned"}
FULL_SORT_LIMIT = 50_000
DOCUMENTS_PER_STEP = 48
# Candidates a step along an index reads: few at first (each is a row read from wherever it lies in
# the file: a cold 1,024 took 2 s at 30k documents), more as the user scrolls on.
FIRST_CANDIDATES, CANDIDATES_PER_STEP = 64, 1024
_NOT_REMOVED = "a.document_uuid NOT IN (SELECT uuid FROM document INDEXED BY ix_document_list WHERE removed = 1)"
_JOINS = (
    "LEFT JOIN label AS l ON l.uuid = r.label_uuid LEFT JOIN author AS ra ON ra.uuid = r.author_uuid"
)


@dataclass(frozen=True)
class EvidenceQuery:
    sort: str = "document"  # one of SORTS
    descending: bool = False
    kind: str = ""  # a built-in kind or "custom"
    author: str = ""  # an author's UUID: created or last edited by
    document: str = ""  # one document's UUID
    text: str = ""  # in the quote, the note or the fields as shown, without case
    # The evidence register's filters (core/evidence/): linked to each of these groups of targets (an
    # incident; an entity with the entries merged into it), from documents of this source type, graded 1..N.
    linked: tuple[tuple[str, ...], ...] = ()
    source_type: str = ""
    max_grade: int = 0
    # The evidence date (a figure's own date, else its document's publication date) from/to, ISO
    # prefixes, compared as exports compare them (core/evidence/vocab.py in_date_range).
    date_from: str = ""
    date_to: str = ""

    def conditions(self) -> tuple[str, list[object]]:
        where = ["(NOT r.deleted OR a.heads > 1)"]
        params: list[object] = []
        if self.kind:
            where.append("coalesce(l.kind, 'custom') = ?")
            params.append(self.kind)
        if self.author:
            where.append("(r.author_uuid = ? OR a.creator_uuid = ?)")
            params += [self.author, self.author]
        if self.text:
            where.append(f"(instr({_FOLD}(r.exact), ?) OR instr({_FOLD}(r.note), ?) "
                         f"OR instr({_FIELDS}(coalesce(l.kind, 'custom'), r.fields), ?))")
            params += [self.text.casefold()] * 3
        for targets in self.linked:
            where.append(f"a.uuid IN (SELECT annotation_uuid FROM annotation_link WHERE NOT deleted AND target_uuid "
                         f"IN ({', '.join('?' * len(targets))}))")
            params += list(targets)
        if self.source_type:
            where.append("(a.document_uuid IN (SELECT document_uuid FROM document_source WHERE source_type = ?) OR "
                         "a.document_uuid IN (SELECT al.document_uuid FROM document_alias AS al JOIN document_source "
                         "AS s ON s.document_uuid = al.alias_uuid WHERE s.source_type = ?))")
            params += [self.source_type] * 2
        if self.max_grade:
            where.append("a.uuid IN (SELECT annotation_uuid FROM annotation_grade WHERE grade BETWEEN 1 AND ?)")
            params.append(self.max_grade)
        if self.date_from or self.date_to:
            # The publication date is the stored source's or, without one, read off the imported file
            # (core/evidence/sources.py read_source): not a column, so a function the walk registers.
            where.append(f"{_DATED}(a.document_uuid, r.fields, ?, ?)")
            params += [self.date_from, self.date_to]
        return " AND ".join(where), params


@dataclass(frozen=True)
class EvidenceRow:
    rowid: int
    uuid: str
    document_uuid: str
    document_title: str
    page: int | None
    label_uuid: str
    label: str
    kind: str
    start: int
    exact: str
    fields: dict[str, object]
    note: str
    author: str
    modified_hlc: int
    conflict: bool
    orphaned: bool


_FOLD = "tm_casefold"
_FIELDS = "tm_fields_shown"
_DATED = "tm_evidence_dated"
FieldsText = Callable[[str, dict[str, object]], str]  # (label kind, fields) -> the fields as a user reads them


def _fold(value: object) -> str:
    return value.casefold() if isinstance(value, str) else ""


def _values_only(_kind: str, fields: dict[str, object]) -> str:
    return "; ".join(str(v) for v in fields.values())


def _shown(fields_text: FieldsText) -> Callable[[object, object], str]:
    """The SQL function the text filter matches fields with: what the table shows (display names and
    words, never the stored keys), folded; a value that is not a JSON object matches nothing."""
    def shown(kind: object, raw: object) -> str:
        try:
            fields = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            return ""
        return fields_text(str(kind), fields).casefold() if isinstance(fields, dict) else ""
    return shown


def _dated(conn: sqlite3.Connection, published: dict[str, str]) -> Callable[[object, object, object, object], bool]:
    """The SQL function the date filter calls: is the evidence date of this row in the range?
    `published` keeps each document's publication date, so its source is read once per walk."""
    from .evidence.sources import read_source
    from .evidence.vocab import in_date_range

    def dated(document: object, raw: object, date_from: object, date_to: object) -> bool:
        try:
            fields = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            fields = None
        own = fields.get("date") if isinstance(fields, dict) else None
        if own:
            when = str(own)
        else:
            doc = str(document)
            if doc not in published:
                published[doc] = read_source(conn, doc).published
            when = published[doc]
        return in_date_range(when, str(date_from or "") or None, str(date_to or "") or None)
    return dated


class EvidenceWalk:
    """One query's rows (annotation rowids) in order; `step` reads the next bounded part."""

    def __init__(self, query: EvidenceQuery, labels: list[str], authors: list[str],
                 fields_text: FieldsText = _values_only, names: DocumentNames | None = None) -> None:
        self.query = query
        self._names = names  # told the titles the walk reads anyway, so rows need not look them up
        self._fields_text = _shown(fields_text)
        self.done = False
        self._doc_cursor: tuple[str, str] | None = None  # (title, uuid) of the last document walked
        groups = labels if query.sort == "label" else authors if query.sort == "author" else [""]
        self._groups = list(reversed(groups)) if query.descending else list(groups)
        self._group = 0
        self._key: tuple[int, int] | None = None  # (hlc, revision rowid) of the last candidate
        self._budget = FIRST_CANDIDATES
        self._published: dict[str, str] = {}  # document -> publication date, for the date filter

    def step(self, conn: sqlite3.Connection) -> list[int]:
        conn.create_function(_FOLD, 1, _fold, deterministic=True)
        conn.create_function(_FIELDS, 2, self._fields_text, deterministic=True)
        if self.query.date_from or self.query.date_to:
            conn.create_function(_DATED, 4, _dated(conn, self._published))
        if self.done:
            return []
        if self.query.document:
            self.done = True
            return self._one_document(conn)
        if self.query.sort in ("document", ""):
            return self._documents_step(conn)
        if self.query.sort in FULL_SORTS:
            self.done = True
            return self._full_sort(conn)
        return self._index_step(conn)

    def _full_sort(self, conn: sqlite3.Connection) -> list[int]:
        cond, params = self.query.conditions()
        way = "DESC" if self.query.descending else "ASC"
        order = ", ".join(f"{part} {way}" for part in FULL_SORTS[self.query.sort].split(", "))
        return [row[0] for row in conn.execute(
            f"SELECT a.rowid FROM annotation a JOIN revision r ON r.uuid = a.head_uuid {_JOINS} "
            f"WHERE {cond} AND {_NOT_REMOVED} ORDER BY {order}, a.rowid {way}", params)]

    def _one_document(self, conn: sqlite3.Connection) -> list[int]:
        cond, params = self.query.conditions()
        order = {"document": "r.span_start, r.span_end, a.uuid", "modified": "r.hlc, r.rowid",
                 "label": "l.name COLLATE NOCASE, r.hlc, r.rowid",
                 "author": "ra.name COLLATE NOCASE, r.hlc, r.rowid",
                 **{k: v + ", r.rowid" for k, v in FULL_SORTS.items()}}.get(self.query.sort, "r.span_start")
        if self.query.descending:
            order = ", ".join(part + " DESC" for part in order.split(", "))
        return [row[0] for row in conn.execute(
            f"SELECT a.rowid FROM annotation a JOIN revision r ON r.uuid = a.head_uuid {_JOINS} "
            f"WHERE a.document_uuid = ? AND {cond} ORDER BY {order}", [self.query.document, *params])]

    def _documents_step(self, conn: sqlite3.Connection) -> list[int]:
        desc = self.query.descending
        params: list[object] = []
        where = "d.removed = 0"
        if self._doc_cursor is not None:
            title, uuid = self._doc_cursor
            cmp = "<" if desc else ">"
            where += (f" AND (d.title COLLATE NOCASE {cmp} ? OR (d.title COLLATE NOCASE = ? AND d.uuid {cmp} ?))")
            params += [title, title, uuid]
        way = "DESC" if desc else "ASC"
        docs = conn.execute(
            f"SELECT d.title, d.uuid, d.page_starts FROM document d INDEXED BY ix_document_list WHERE {where} "
            f"ORDER BY d.title COLLATE NOCASE {way}, d.uuid {way} LIMIT ?", [*params, DOCUMENTS_PER_STEP]).fetchall()
        if len(docs) < DOCUMENTS_PER_STEP:
            self.done = True
        if not docs:
            return []
        if self._names is not None:
            for title, uuid, starts in docs:
                self._names.learn(uuid, title, starts)
        self._doc_cursor = docs[-1][:2]
        cond, cparams = self.query.conditions()
        return [row[0] for row in conn.execute(
            "SELECT a.rowid FROM json_each(?) AS page CROSS JOIN annotation AS a ON a.document_uuid = page.value "
            f"JOIN revision AS r ON r.uuid = a.head_uuid {_JOINS} WHERE {cond} "
            f"ORDER BY page.key, r.span_start {way}, r.span_end {way}, a.uuid {way}",
            [json.dumps([d[1] for d in docs]), *cparams])]

    def _index_step(self, conn: sqlite3.Connection) -> list[int]:
        sort, desc = self.query.sort, self.query.descending
        index = {"modified": "ix_head_hlc", "label": "ix_head_label", "author": "ix_head_author"}[sort]
        column = {"label": "label_uuid", "author": "author_uuid"}.get(sort)
        cmp, way = ("<", "DESC") if desc else (">", "ASC")
        if self._group >= len(self._groups):
            self.done = True
            return []
        where, params = ["r.is_head"], []
        if column:
            where.append(f"r.{column} = ?")
            params.append(self._groups[self._group])
        if self._key is not None:
            where.append(f"(r.hlc, r.rowid) {cmp} (?, ?)")
            params += list(self._key)
        candidates = conn.execute(
            f"SELECT r.hlc, r.rowid FROM revision r INDEXED BY {index} WHERE {' AND '.join(where)} "
            f"ORDER BY r.hlc {way}, r.rowid {way} LIMIT ?", [*params, self._budget]).fetchall()
        full = len(candidates) == self._budget
        self._budget = min(2 * self._budget, CANDIDATES_PER_STEP)
        if not full:
            self._group += 1
            self._key = None
            self.done = self._group >= len(self._groups)
        else:
            self._key = candidates[-1]
        if not candidates:
            return []
        cond, cparams = self.query.conditions()
        return [row[0] for row in conn.execute(
            "SELECT a.rowid FROM json_each(?) AS c CROSS JOIN revision AS r ON r.rowid = c.value "
            f"JOIN annotation AS a ON a.uuid = r.annotation_uuid AND a.head_uuid = r.uuid {_JOINS} "
            f"WHERE {cond} AND {_NOT_REMOVED} ORDER BY c.key",
            [json.dumps([c[1] for c in candidates]), *cparams])]


class DocumentNames:
    """Titles and page starts of the documents rows belong to, read as rows need them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, tuple[str, list[int] | None]] = {}

    def learn(self, uuid: str, title: str, starts: str | None) -> None:
        if uuid not in self._known:
            pages = json_value(starts, list, self.path, Message("document {uuid}", uuid=uuid)) if starts else None
            self._known[uuid] = (title, pages)

    def get(self, conn: sqlite3.Connection, uuids: set[str]) -> dict[str, tuple[str, list[int] | None]]:
        missing = [u for u in uuids if u not in self._known]
        if missing:
            # The title by the primary key (it lies before the text in the row, so the text's pages are
            # not read); page_starts, after the text, from the list index by (removed, title, uuid).
            for uuid, title, starts in conn.execute(
                "SELECT d.uuid, d.title, (SELECT x.page_starts FROM document AS x INDEXED BY ix_document_list "
                "WHERE x.removed IN (0, 1) AND x.title = d.title COLLATE NOCASE AND x.uuid = d.uuid) "
                "FROM json_each(?) AS j JOIN document AS d ON d.uuid = j.value", (json.dumps(missing),)):
                self.learn(uuid, title, starts)
        return {u: self._known.get(u, ("", None)) for u in uuids}


def fetch(conn: sqlite3.Connection, rowids: list[int], names: DocumentNames) -> dict[int, EvidenceRow]:
    """What the table shows of these annotations, by rowid."""
    rows = conn.execute(
        "SELECT a.rowid, a.uuid, a.document_uuid, r.label_uuid, l.kind, l.name, r.span_start, r.exact, r.fields, "
        "r.note, coalesce(ra.name, r.author_uuid), r.hlc, a.heads, r.orphaned FROM json_each(?) AS p "
        f"CROSS JOIN annotation AS a ON a.rowid = p.value JOIN revision AS r ON r.uuid = a.head_uuid {_JOINS}",
        (json.dumps(rowids),)).fetchall()
    docs = names.get(conn, {r[2] for r in rows})
    out = {}
    for r in rows:
        title, starts = docs[r[2]]
        fields = json_value(r[8], dict, names.path, Message("annotation {uuid}", uuid=r[1]))
        out[r[0]] = EvidenceRow(
            rowid=r[0], uuid=r[1], document_uuid=r[2], document_title=title,
            page=max(1, bisect_right(starts, r[6])) if starts else None, label_uuid=r[3], label=r[5] or "?",
            kind=r[4] or "custom", start=r[6], exact=r[7], fields=fields, note=r[9], author=r[10],
            modified_hlc=r[11], conflict=r[12] > 1, orphaned=bool(r[13]))
    return out


def rowid_of(conn: sqlite3.Connection, uuid: str) -> int | None:
    row = conn.execute("SELECT rowid FROM annotation WHERE uuid = ?", (uuid,)).fetchone()
    return row[0] if row else None
