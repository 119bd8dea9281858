"""Long reads in one consistent snapshot: documents and annotations in list order, a page at a time.

`list --json`, the exports and the evidence table read every annotation of a project. Building
the whole list first took gigabytes at 30,000 documents; here everything is an iterator over one
read transaction (in WAL mode writers carry on, and the read sees the project as it was when it
began), so memory follows one page, not the project.

Annotations are read a page of documents at a time, in the order `Queries.annotations` lists
them (document title without case, document UUID, start, end, annotation UUID). A page's query
reaches its annotations through the `annotation.document_uuid` index and never joins the document
row: `removed` and `page_starts` lie after the text in that row, so SQLite reads a document's
whole text (its overflow pages) to reach them, once per annotation in a join. The documents are
read once each instead, and their title and page starts are taken from that.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, groupby
from pathlib import Path
from typing import Any

from . import labels
from .messages import Message
from .stored import damaged, json_value
from .views import AnnotationView, DocumentRef

PAGE_DOCUMENTS = 64  # documents per query: few enough queries, and a page's rows stay few
FETCH_ROWS = 512

_DOC_SELECT = (
    "SELECT d.uuid, d.title, d.kind, d.source_name, d.source_sha256, d.text_sha256, d.page_starts, d.created_hlc, "
    "d.imported_by, coalesce(au.name, d.imported_by), d.removed FROM document d "
    "LEFT JOIN author au ON au.uuid = d.imported_by"
)
_DOC_ORDER = " ORDER BY d.title COLLATE NOCASE, d.uuid"

_FROM = """
FROM annotation AS a
JOIN revision AS r ON r.uuid = a.head_uuid
LEFT JOIN label AS l ON l.uuid = r.label_uuid
LEFT JOIN author AS ca ON ca.uuid = a.creator_uuid
LEFT JOIN author AS ra ON ra.uuid = r.author_uuid
"""

# The page's documents come as a JSON array; CROSS JOIN keeps them the outer loop, so each is one
# lookup in the document_uuid index.
_PAGE_SELECT = """
SELECT a.uuid, a.document_uuid, r.uuid, r.label_uuid, l.kind, l.name, r.span_start, r.span_end, r.exact,
       r.prefix, r.suffix, r.fields, r.note, a.creator_uuid, ca.name, r.author_uuid, ra.name, a.created_hlc,
       r.hlc, a.heads, r.deleted, r.orphaned
FROM json_each(?) AS page
CROSS JOIN annotation AS a ON a.document_uuid = page.value
JOIN revision AS r ON r.uuid = a.head_uuid
LEFT JOIN label AS l ON l.uuid = r.label_uuid
LEFT JOIN author AS ca ON ca.uuid = a.creator_uuid
LEFT JOIN author AS ra ON ra.uuid = r.author_uuid
"""
_PAGE_ORDER = " ORDER BY page.key, r.span_start, r.span_end, a.uuid"


def page_of(page_starts: Sequence[int] | None, offset: int) -> int | None:
    """1-based page holding `offset`, for documents that have pages."""
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, offset))


@dataclass(frozen=True)
class AnnotationFilter:
    """Which annotations a listing or an export covers; names already resolved to UUIDs."""

    document: str | None = None  # one document (even a removed one); else every document not removed
    kind: str | None = None  # a built-in kind, or "custom"
    label: str | None = None  # a label UUID
    author: str | None = None  # a name or UUID: created or last edited by
    conflicts_only: bool = False
    include_deleted: bool = False
    text: str | None = None  # in the quote or the note, without case
    anchored_only: bool = False  # leave out orphans (formats that locate annotations by offsets)
    curated: bool = False  # only the curated reading: annotations whose CURATION_FIELD is a text

    def conditions(self, *, with_anchored: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions on a, r, l, ca, ra (not on the document's scope) and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.kind:
            where.append("l.kind = ?")
            params.append(self.kind)
        if self.label:
            where.append("r.label_uuid = ?")
            params.append(self.label)
        if self.author:
            where.append("(r.author_uuid = ? OR ra.name = ? OR a.creator_uuid = ? OR ca.name = ?)")
            params += [self.author] * 4
        if self.conflicts_only:
            where.append("a.heads > 1")
        if not self.include_deleted:
            # A deletion that conflicts with an edit stays visible until someone resolves it.
            where.append("(NOT r.deleted OR a.heads > 1)")
        if self.text:
            where.append("(instr(lower(r.exact), lower(?)) OR instr(lower(r.note), lower(?)))")
            params += [self.text, self.text]
        if self.anchored_only and with_anchored:
            where.append("NOT r.orphaned")
        if self.curated:
            # What isinstance(fields.get(CURATION_FIELD), str) says, asked of SQL (fields that are not
            # JSON are no curation mark; reading them as a view says the file is damaged).
            where.append("CASE WHEN json_valid(r.fields) THEN json_type(r.fields, ?) END = 'text'")
            params.append(f'$."{labels.CURATION_FIELD}"')
        return where, params


@dataclass(frozen=True)
class ScopeCounts:
    annotations: int  # listed
    documents: int  # documents holding at least one of them
    orphans_left_out: int
    unknown_authors: bool = False  # some creator or author has no author row (see unknown_authors)


class Snapshot:
    """Reads over one open read transaction; valid inside `Queries.snapshot()` only."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path  # the file, for messages about a damaged value
        self._documents: dict[str, list[DocumentRef]] = {}
        self._by_uuid: dict[str, dict[str, DocumentRef]] = {}

    # -- documents -------------------------------------------------------------------------------
    def documents(self, scope: AnnotationFilter) -> list[DocumentRef]:
        """The documents in scope, in list order: the one asked for, else every one not removed.

        Read once per snapshot and kept (about a kilobyte each): reaching `removed` means reading
        every text, which a second pass over the documents would do again."""
        key = scope.document or ""
        if key not in self._documents:
            if scope.document:
                cur = self.conn.execute(_DOC_SELECT + " WHERE d.uuid = ?", (scope.document,))
            else:
                cur = self.conn.execute(_DOC_SELECT + " WHERE NOT d.removed" + _DOC_ORDER)
            self._documents[key] = [_document(row, self.path) for row in cur]
        return self._documents[key]

    def document(self, scope: AnnotationFilter, uuid: str) -> DocumentRef:
        """One document of `documents(scope)` by UUID."""
        key = scope.document or ""
        if key not in self._by_uuid:
            self._by_uuid[key] = {d.uuid: d for d in self.documents(scope)}
        return self._by_uuid[key][uuid]

    def text(self, document: str) -> str:
        row = self.conn.execute("SELECT text FROM document WHERE uuid = ?", (document,)).fetchone()
        return row[0] if row else ""

    # -- annotations -----------------------------------------------------------------------------
    def annotations(self, flt: AnnotationFilter) -> Iterator[AnnotationView]:
        for _doc, ann in self._rows(flt, every_document=False):
            if ann is not None:
                yield ann

    def annotation(self, uuid: str) -> AnnotationView | None:
        """One annotation by UUID, whatever its state (deleted, on a removed document)."""
        row = self.conn.execute("SELECT document_uuid FROM annotation WHERE uuid = ?", (uuid,)).fetchone()
        doc = self.conn.execute(_DOC_SELECT + " WHERE d.uuid = ?", (row[0],)).fetchone() if row else None
        if doc is None:
            return None
        found = self.conn.execute(_PAGE_SELECT + " WHERE a.uuid = ?", (json.dumps([row[0]]), uuid)).fetchone()
        return _view(found, _document(doc, self.path), self.path) if found else None

    def by_document(self, flt: AnnotationFilter) -> Iterator[tuple[DocumentRef, Iterator[AnnotationView]]]:
        """Every document in scope (with or without annotations) and its annotations, in list order,
        as they are read: take a document's annotations before moving on to the next document."""
        for _uuid, rows in groupby(self._rows(flt, every_document=True), key=_document_uuid):
            first = next(rows)
            yield first[0], (a for _doc, a in chain((first,), rows) if a is not None)

    def _rows(self, flt: AnnotationFilter, every_document: bool
              ) -> Iterator[tuple[DocumentRef, AnnotationView | None]]:
        """(document, annotation) in list order; with `every_document`, (document, None) for each
        document without annotations in scope too."""
        where, params = flt.conditions()
        sql = _PAGE_SELECT + (" WHERE " + " AND ".join(where) if where else "") + _PAGE_ORDER
        docs = self.documents(flt)
        for first in range(0, len(docs), PAGE_DOCUMENTS):
            page = docs[first:first + PAGE_DOCUMENTS]
            at = {d.uuid: i for i, d in enumerate(page)}
            cur = self.conn.execute(sql, [json.dumps([d.uuid for d in page]), *params])
            unseen = 0  # the first document of the page not yielded yet
            while rows := cur.fetchmany(FETCH_ROWS):
                for row in rows:
                    i = at[row[1]]
                    doc = page[i]
                    if every_document:
                        for skipped in page[unseen:i]:
                            yield skipped, None
                        unseen = i + 1
                    yield doc, _view(row, doc, self.path)
            if every_document:
                for skipped in page[unseen:]:
                    yield skipped, None

    def count(self, flt: AnnotationFilter) -> ScopeCounts:
        """How many annotations `annotations(flt)` yields, on how many documents, and how many
        orphans the anchored-only filter left out."""
        frm, params = self._scoped(flt, with_anchored=False)
        listed = "NOT r.orphaned" if flt.anchored_only else "1"
        n, docs, orphans, unknown = self.conn.execute(
            f"SELECT coalesce(sum({listed}), 0), count(DISTINCT CASE WHEN {listed} THEN a.document_uuid END), "
            f"coalesce(sum(NOT ({listed})), 0), coalesce(sum(ca.uuid IS NULL OR ra.uuid IS NULL), 0) " + frm,
            params).fetchone()
        return ScopeCounts(n, docs, orphans, unknown > 0)

    def unknown_authors(self, flt: AnnotationFilter) -> list[str]:
        """Creators and authors of annotations in scope that have no author row (their UUID stands
        for their name)."""
        frm, params = self._scoped(flt)
        found: set[str] = set()
        for creator, author, creator_known, author_known in self.conn.execute(
                "SELECT a.creator_uuid, r.author_uuid, ca.uuid IS NOT NULL, ra.uuid IS NOT NULL " + frm
                + " AND (ca.uuid IS NULL OR ra.uuid IS NULL)", params):
            found.update(u for u, known in ((creator, creator_known), (author, author_known)) if not known)
        return sorted(found)

    def field_keys(self, flt: AnnotationFilter) -> set[str]:
        """Every field name the annotations in scope use."""
        frm, params = self._scoped(flt, fields=True)
        return {str(k) for (k,) in self.conn.execute("SELECT DISTINCT f.key " + frm, params)}

    def kind_counts(self, flt: AnnotationFilter) -> dict[str, int]:
        """Annotations in scope by kind name (a custom label's own name)."""
        frm, params = self._scoped(flt)
        return dict(self.conn.execute(f"SELECT {KIND_NAME}, count(*) {frm} GROUP BY 1", params).fetchall())

    def _scoped(self, flt: AnnotationFilter, *, with_anchored: bool = True, fields: bool = False
                ) -> tuple[str, list[Any]]:
        """FROM … WHERE … over every annotation in scope; the documents in scope come from the list
        already read, not from the document table again."""
        where, params = flt.conditions(with_anchored=with_anchored)
        where.insert(0, "a.document_uuid IN (SELECT value FROM json_each(?))")
        params.insert(0, json.dumps([d.uuid for d in self.documents(flt)]))
        frm = _FROM
        if fields:
            frm += ("JOIN json_each(CASE WHEN json_type(r.fields) = 'object' THEN r.fields ELSE '{}' END) AS f\n")
        return frm + " WHERE " + " AND ".join(where), params


# What selection.kind_name gives, in SQL: a built-in kind's name, or a custom label's own name.
KIND_NAME = (f"CASE WHEN coalesce(l.kind, '{labels.CUSTOM}') = '{labels.CUSTOM}' THEN coalesce(l.name, '?') "
             "ELSE l.kind END")


def _document_uuid(row: tuple[DocumentRef, AnnotationView | None]) -> str:
    return row[0].uuid


# Columns of the rows below that must be whole numbers: a file that holds something else there is
# damaged or hostile, and says so by name (core/stored.py) instead of failing later.
_DOC_INTS = (7, 10)
_VIEW_INTS = (6, 7, 17, 18, 19, 20, 21)


def _document(row: tuple[Any, ...], path: Path) -> DocumentRef:
    if any(type(row[i]) is not int for i in _DOC_INTS):
        raise damaged(path, Message("document {uuid}", uuid=row[0]))
    pages = json_value(row[6], list, path, Message("document {uuid}", uuid=row[0])) if row[6] else None
    if pages is not None and not all(type(p) is int for p in pages):
        raise damaged(path, Message("document {uuid}", uuid=row[0]))
    return DocumentRef(uuid=row[0], title=row[1], kind=row[2], source_name=row[3], source_sha256=row[4],
                       text_sha256=row[5], page_starts=tuple(pages) if pages else None, created_hlc=row[7],
                       importer_uuid=row[8], imported_by=row[9], removed=bool(row[10]))


def _view(row: tuple[Any, ...], doc: DocumentRef, path: Path) -> AnnotationView:
    if any(type(row[i]) is not int for i in _VIEW_INTS):
        raise damaged(path, Message("annotation {uuid}", uuid=row[0]))
    return AnnotationView(
        uuid=row[0], document_uuid=row[1], document_title=doc.title, revision_uuid=row[2], label_uuid=row[3],
        kind=row[4] or labels.CUSTOM, label=row[5] or "?", start=row[6], end=row[7], exact=row[8],
        prefix=row[9], suffix=row[10], page=page_of(doc.page_starts, row[6]),
        fields=json_value(row[11], dict, path, Message("annotation {uuid}", uuid=row[0])), note=row[12],
        creator_uuid=row[13],
        creator=row[14] or row[13], author_uuid=row[15], author=row[16] or row[15], created_hlc=row[17],
        modified_hlc=row[18], heads=row[19], deleted=bool(row[20]), orphaned=bool(row[21]),
    )
