"""Read side of the Store: listings and lookups as plain view objects."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

from . import document_list, evidence_rows, labels
from . import search as search_mod
from .errors import InvalidInput, NotFound
from .messages import Message
from .snapshot import AnnotationFilter, Snapshot, page_of  # noqa: F401 (page_of: the UI imports it from here)
from .stored import damaged as _damaged
from .stored import json_value as _json
from .views import AnnotationView, DocumentInfo, LabelInfo, RevisionView

_REV_SELECT = """
SELECT r.uuid, r.annotation_uuid, r.parents, r.author_uuid, au.name, r.hlc, r.label_uuid, l.kind,
       l.name, r.span_start, r.span_end, r.exact, r.prefix, r.suffix, r.fields, r.note, r.deleted,
       r.is_head, r.orphaned
FROM revision AS r
LEFT JOIN label AS l ON l.uuid = r.label_uuid
LEFT JOIN author AS au ON au.uuid = r.author_uuid
"""


class Queries:
    uuid: str
    path: Path

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by Store
        raise NotImplementedError

    # -- project ---------------------------------------------------------------------------
    @property
    def title(self) -> str:
        with self._read() as conn:
            return conn.execute("SELECT title FROM project").fetchone()[0]

    def stats(self) -> dict[str, int]:
        """Documents, current annotations and conflicts of the project (removed documents left out).

        Reads every current annotation: the app asks it off the GUI thread and then keeps it up to
        date edit by edit (ui/session.py). Removed documents come from the documents index, never
        by joining each annotation's document row, which would read that document's text."""
        with self._read() as conn:
            docs = document_list.count(conn)
            anns, conflicts = conn.execute(
                "SELECT count(*), coalesce(sum(a.heads > 1), 0) FROM annotation a "
                f"{document_list.HEAD_STATE} WHERE (NOT r.deleted OR a.heads > 1) "
                "AND a.document_uuid NOT IN (SELECT uuid FROM document INDEXED BY ix_document_list WHERE removed = 1)"
            ).fetchone()
        return {"documents": docs, "annotations": anns, "conflicts": conflicts}

    def authors(self) -> dict[str, str]:
        with self._read() as conn:
            return dict(conn.execute("SELECT uuid, name FROM author ORDER BY name, uuid").fetchall())

    # -- labels ----------------------------------------------------------------------------
    def labels(self, include_deleted: bool = False) -> list[LabelInfo]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT uuid, name, kind, color, shortcut, deleted FROM label ORDER BY kind = 'custom', name, uuid"
            ).fetchall()
        out = [LabelInfo(u, n, k, c, sc, u in labels.BY_UUID, bool(dl)) for u, n, k, c, sc, dl in rows]
        return [lb for lb in out if include_deleted or not lb.deleted]

    def label(self, ref: str) -> LabelInfo:
        """A label by UUID, built-in kind ("figure") or name, case-insensitively."""
        all_labels = self.labels(include_deleted=True)
        for lb in all_labels:
            if lb.uuid == ref:
                return lb
        if ref in labels.BY_KIND:
            return next(lb for lb in all_labels if lb.uuid == labels.BY_KIND[ref].uuid)
        matches = [lb for lb in all_labels if lb.name.casefold() == ref.casefold() and not lb.deleted]
        if len(matches) == 1:
            return matches[0]
        kinds = ", ".join(labels.KINDS)
        raise InvalidInput("unknown kind or label {ref!r} (kinds: {kinds})", ref=ref, kinds=kinds)

    # -- documents -------------------------------------------------------------------------
    def resolve_document(self, ref: str) -> str:
        with self._read() as conn:
            row = conn.execute("SELECT uuid FROM document WHERE uuid = ?", (ref,)).fetchone()
            if row is None:
                row = conn.execute(
                    "SELECT document_uuid FROM document_alias WHERE alias_uuid = ?", (ref,)
                ).fetchone()
        if row is None:
            raise NotFound("no document {ref} in this project", ref=ref)
        return row[0]

    def documents(self, removed: bool = False) -> list[DocumentInfo]:
        """The project's documents; with `removed`, the removed ones instead (to restore one)."""
        with self._read() as conn:
            return list(self._documents(conn, "WHERE d.removed" if removed else "WHERE NOT d.removed"))

    def document(self, uuid: str) -> DocumentInfo:
        uuid = self.resolve_document(uuid)
        with self._read() as conn:
            return next(self._documents(conn, "WHERE d.uuid = ?", (uuid,), counts=[uuid]))

    # The documents list a page at a time, for the app (core/document_list.py).
    def document_count(self, needle: str = "") -> int:
        with self._read() as conn:
            return document_list.count(conn, needle)

    def document_page(self, offset: int, limit: int, needle: str = "", *, counts: bool = True) -> list[DocumentInfo]:
        with self._read() as conn:
            return document_list.page(conn, self.path, offset, limit, needle, counts=counts)

    def document_position(self, uuid: str, needle: str = "") -> int:
        with self._read() as conn:
            return document_list.position(conn, uuid, needle)

    def document_counts(self, uuids: list[str]) -> dict[str, dict[str, int]]:
        with self._read() as conn:
            return document_list.document_counts(conn, uuids)

    def document_totals(self, uuid: str) -> tuple[int, int, bool]:
        """(annotations, conflicts, removed) of one document, as stats() counts them."""
        with self._read() as conn:
            anns, conflicts = document_list.live_totals(conn, uuid)
            row = conn.execute("SELECT removed FROM document WHERE uuid = ?", (uuid,)).fetchone()
        return anns, conflicts, bool(row[0]) if row else True

    def _documents(self, conn: sqlite3.Connection, where: str, params: tuple[Any, ...] = (),
                   counts: list[str] | None = None) -> Iterator[DocumentInfo]:
        """Documents with their counts: of the documents in `counts` only, when given (one document's
        counts must not cost a count of the whole project)."""
        if counts is not None:
            by_doc = document_list.document_counts(conn, counts)
        else:
            by_doc = {}
            for doc, kind, n in conn.execute(
                "SELECT a.document_uuid, coalesce(l.kind, 'custom'), count(*) FROM annotation a "
                f"{document_list.HEAD_STATE} LEFT JOIN label l ON l.uuid = r.label_uuid "
                "WHERE NOT r.deleted OR a.heads > 1 GROUP BY 1, 2"
            ):
                by_doc.setdefault(doc, {})[kind] = n
        for row in conn.execute(
            "SELECT d.uuid, d.title, d.kind, d.source_name, d.source_sha256, d.text_sha256, "
            "length(d.text), d.page_starts, d.created_hlc, coalesce(au.name, d.imported_by), d.removed "
            f"FROM document d LEFT JOIN author au ON au.uuid = d.imported_by {where} "
            "ORDER BY d.title COLLATE NOCASE, d.uuid",
            params,
        ):
            if not (type(row[6]) is int and type(row[8]) is int):
                raise _damaged(self.path, Message("document {uuid}", uuid=row[0]))
            pages = _json(row[7], list, self.path, Message("document {uuid}", uuid=row[0])) if row[7] else None
            yield DocumentInfo(
                uuid=row[0], title=row[1], kind=row[2], source_name=row[3], source_sha256=row[4],
                text_sha256=row[5], length=row[6], pages=len(pages) if pages else None,
                created_hlc=row[8], imported_by=row[9], counts=by_doc.get(row[0], {}), removed=bool(row[10]),
            )

    def document_text(self, uuid: str) -> str:
        uuid = self.resolve_document(uuid)
        with self._read() as conn:
            return conn.execute("SELECT text FROM document WHERE uuid = ?", (uuid,)).fetchone()[0]

    def page_starts(self, uuid: str) -> list[int] | None:
        uuid = self.resolve_document(uuid)
        with self._read() as conn:
            raw = conn.execute("SELECT page_starts FROM document WHERE uuid = ?", (uuid,)).fetchone()[0]
        return _json(raw, list, self.path, Message("document {uuid}", uuid=uuid)) if raw else None

    def search(self, query: str, offset: int = 0, limit: int = search_mod.PAGE_SIZE) -> search_mod.SearchPage:
        """Project-wide search, a page of documents at a time, each with its hits (core/search.py)."""
        with self._read() as conn:
            return search_mod.search(conn, query, offset, limit)

    # -- annotations -----------------------------------------------------------------------
    def annotation(self, uuid: str) -> AnnotationView:
        with self.snapshot() as snap:
            found = snap.annotation(uuid)
        if found is None:
            raise NotFound("no annotation {uuid} in this project", uuid=uuid)
        return found

    # The evidence table a page at a time (core/evidence_rows.py).
    def evidence_step(self, walk: evidence_rows.EvidenceWalk) -> list[int]:
        with self._read() as conn:
            return walk.step(conn)

    def evidence_rows(self, rowids: list[int], names: evidence_rows.DocumentNames
                      ) -> dict[int, evidence_rows.EvidenceRow]:
        with self._read() as conn:
            return evidence_rows.fetch(conn, rowids, names)

    def annotation_rowid(self, uuid: str) -> int | None:
        with self._read() as conn:
            return evidence_rows.rowid_of(conn, uuid)

    def annotation_document(self, uuid: str) -> str:
        """The document an annotation belongs to."""
        with self._read() as conn:
            row = conn.execute("SELECT document_uuid FROM annotation WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFound("no annotation {uuid} in this project", uuid=uuid)
        return row[0]

    def annotations(self, *, document: str | None = None, kind: str | None = None,
                    label: str | None = None, author: str | None = None,
                    conflicts_only: bool = False, include_deleted: bool = False,
                    text: str | None = None) -> list[AnnotationView]:
        flt = self.annotation_filter(document=document, kind=kind, label=label, author=author,
                                     conflicts_only=conflicts_only, include_deleted=include_deleted, text=text)
        with self.snapshot() as snap:
            return list(snap.annotations(flt))

    def annotation_filter(self, *, document: str | None = None, kind: str | None = None,
                          label: str | None = None, author: str | None = None, conflicts_only: bool = False,
                          include_deleted: bool = False, text: str | None = None,
                          anchored_only: bool = False, curated: bool = False) -> AnnotationFilter:
        """The filter `annotations()` applies, its document and label names resolved (NotFound,
        InvalidInput), for `snapshot()` reads that stream instead of building a list."""
        if kind and kind not in (*labels.KINDS, labels.CUSTOM):
            raise InvalidInput("unknown kind {kind!r} (kinds: {kinds})", kind=kind, kinds=", ".join(labels.KINDS))
        return AnnotationFilter(
            document=self.resolve_document(document) if document else None, kind=kind or None,
            label=self.label(label).uuid if label else None, author=author or None, conflicts_only=conflicts_only,
            include_deleted=include_deleted, text=text or None, anchored_only=anchored_only, curated=curated)

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """One read transaction for a long read: everything read through it is one consistent state
        of the project, however long it takes and whatever is written meanwhile."""
        with self._read() as conn:
            yield Snapshot(conn, self.path)

    def revisions(self, annotation: str) -> list[RevisionView]:
        with self._read() as conn:
            rows = conn.execute(_REV_SELECT + " WHERE r.annotation_uuid = ? ORDER BY r.hlc, r.uuid",
                                (annotation,)).fetchall()
        if not rows:
            raise NotFound("no annotation {uuid} in this project", uuid=annotation)
        return [_rev(r, self.path) for r in rows]

    def heads(self, annotation: str) -> list[RevisionView]:
        """Current heads, the winner first."""
        revs = [r for r in self.revisions(annotation) if r.is_head]
        return sorted(revs, key=lambda r: (r.hlc, r.uuid), reverse=True)

    def span_rows(self, document: str) -> list[tuple[str, str, int, int, str, str, int, bool, bool]]:
        """A document's current annotations as bare tuples, in text order: (uuid, label uuid, start, end,
        author uuid, creator uuid, heads, deleted, orphaned). The GUI's fast path: no JSON decoding, so a
        report with 10,000 annotations opens without waiting for full views."""
        doc = self.resolve_document(document)
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.uuid, r.label_uuid, r.span_start, r.span_end, r.author_uuid, a.creator_uuid, a.heads, "
                "r.deleted, r.orphaned FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
                "WHERE a.document_uuid = ? AND (NOT r.deleted OR a.heads > 1)",
                (doc,),
            ).fetchall()
        rows.sort(key=itemgetter(2, 3, 0))  # half the time of ORDER BY, which needs a temporary B-tree
        return rows

    def coding_rows(self, documents: list[str] | None = None
                    ) -> list[tuple[str, str, str, str, str | None, str | None, int, int, str, bool]]:
        """Live annotations as bare tuples for the agreement measures: (uuid, document, creator uuid,
        creator name, kind, label name, start, end, fields JSON, orphaned). Removed documents are left
        out unless named in `documents`; conflicting deletions count as live, as in annotations()."""
        where = "(NOT r.deleted OR a.heads > 1)"
        params: list[str] = []
        if documents:
            where += f" AND a.document_uuid IN ({','.join('?' * len(documents))})"
            params = [self.resolve_document(d) for d in documents]
        else:
            where += " AND NOT d.removed"
        with self._read() as conn:
            return conn.execute(
                "SELECT a.uuid, a.document_uuid, a.creator_uuid, ca.name, l.kind, l.name, r.span_start, r.span_end, "
                "r.fields, r.orphaned FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
                "JOIN document d ON d.uuid = a.document_uuid LEFT JOIN label l ON l.uuid = r.label_uuid "
                f"LEFT JOIN author ca ON ca.uuid = a.creator_uuid WHERE {where}",
                params,
            ).fetchall()

    def field_values(self, key: str, limit: int = 500) -> list[str]:
        """Distinct values of one field over current annotations, most used first (GUI completion)."""
        path = '$."' + key.replace('"', "") + '"'
        with self._read() as conn:
            rows = conn.execute(
                "SELECT json_extract(r.fields, ?) AS v FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
                "WHERE NOT r.deleted AND v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT ?",
                (path, limit),
            ).fetchall()
        return [str(v) for (v,) in rows if str(v).strip()]

    def conflicts(self) -> list[tuple[AnnotationView, list[RevisionView]]]:
        return [(a, self.heads(a.uuid)) for a in self.annotations(conflicts_only=True, include_deleted=True)]


# Where a listing turns stored values into views, a value of the wrong type would fail much later
# (core/stored.py); these columns of a revision row must be whole numbers.
_REV_INTS = (5, 9, 10, 16, 17, 18)


def _rev(r: tuple[Any, ...], path: Path) -> RevisionView:
    if any(type(r[i]) is not int for i in _REV_INTS):
        raise _damaged(path, Message("revision {uuid}", uuid=r[0]))
    return RevisionView(
        uuid=r[0], annotation_uuid=r[1], parents=tuple(_json(r[2], list, path, Message("revision {uuid}", uuid=r[0]))),
        author_uuid=r[3], author=r[4] or r[3], hlc=r[5], label_uuid=r[6], kind=r[7] or labels.CUSTOM,
        label=r[8] or "?", start=r[9], end=r[10], exact=r[11], prefix=r[12], suffix=r[13],
        fields=_json(r[14], dict, path, Message("revision {uuid}", uuid=r[0])), note=r[15], deleted=bool(r[16]),
        is_head=bool(r[17]), orphaned=bool(r[18]),
    )
