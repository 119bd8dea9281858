"""Each document's source: outlet, byline, dates, URL, language, type and reliability (A-F)."""

from __future__ import annotations

import sqlite3

from ..errors import InvalidInput
from ..messages import Message
from ..views import AuthorRef
from .base import RegisterBase, changed
from .prefill import prefilled
from .views import SOURCE_FIELDS, Op, SourceInfo
from .vocab import MAX_FIELD, RELIABILITY, SOURCE_TYPES, check_choice, check_date, clean_text

_COLUMNS = "document_uuid, " + ", ".join(SOURCE_FIELDS)


def read_source(conn: sqlite3.Connection, document: str) -> SourceInfo:
    """The stored source of a document (under its UUID or one of its aliases: a teammate may have
    described the same text before the two copies were recognised as one), else what the imported
    file told."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM document_source WHERE document_uuid = ? OR document_uuid IN "
        "(SELECT alias_uuid FROM document_alias WHERE document_uuid = ?) ORDER BY hlc DESC, document_uuid LIMIT 1",
        (document, document)).fetchone()
    if row is not None:
        return SourceInfo(document, *row[1:], stored=True)
    doc = conn.execute("SELECT metadata_json, substr(text, 1, 4000) FROM document WHERE uuid = ?",
                       (document,)).fetchone()
    return prefilled(document, doc[0], doc[1]) if doc else SourceInfo(document)


class SourceOps(RegisterBase):
    def source(self, document: str) -> SourceInfo:
        uuid = self.store.resolve_document(document)
        with self._read() as conn:
            return read_source(conn, uuid)

    def sources(self) -> dict[str, SourceInfo]:
        """Every listed document's source, by document UUID."""
        with self._read() as conn:
            docs = [r[0] for r in conn.execute("SELECT uuid FROM document WHERE NOT removed")]
            return {d: read_source(conn, d) for d in docs}

    def set_source(self, document: str, author: AuthorRef, **values: str) -> Op[SourceInfo]:
        """Change some fields of a document's source; the others keep their current (or pre-filled)
        values. Last writer wins for the whole source record."""
        unknown = set(values) - set(SOURCE_FIELDS)
        if unknown:
            raise InvalidInput("unknown source field {name!r} (fields: {fields})", name=sorted(unknown)[0],
                               fields=", ".join(SOURCE_FIELDS))
        current = self.source(document)
        merged = current.values()
        for key, value in values.items():
            merged[key] = clean_text(value, MAX_FIELD, Message("the source's {field}", field=key))
        for key in ("published", "retrieved"):
            merged[key] = check_date(merged[key], Message("the source's {field}", field=key))
        merged["reliability"] = merged["reliability"].upper()
        if merged["reliability"]:
            check_choice(merged["reliability"], RELIABILITY, Message("the source reliability"))
        if merged["source_type"]:
            merged["source_type"] = merged["source_type"].replace(" ", "_").replace("-", "_").lower()
            check_choice(merged["source_type"], SOURCE_TYPES, Message("the source type"))
        uuid = current.document_uuid
        with self._write(author) as (conn, hlc):
            conn.execute(
                f"INSERT INTO document_source({_COLUMNS}, hlc, author_uuid) VALUES ({', '.join('?' * 11)}) "
                "ON CONFLICT(document_uuid) DO UPDATE SET "
                + ", ".join(f"{k} = excluded.{k}" for k in (*SOURCE_FIELDS, "hlc", "author_uuid")),
                (uuid, *(merged[k] for k in SOURCE_FIELDS), hlc, author.uuid))
        return Op(self.source(uuid), changed("document_source", uuid))
