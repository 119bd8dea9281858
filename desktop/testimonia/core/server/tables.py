"""What the team server carries: one server table (or two) for each table a file merge carries.

The list of carried project tables comes from the merge itself (`carried_tables`), and every one
of them must have a server counterpart here: `server_tables` raises for a table without one, so a
record kind added to the merge and forgotten here fails `server init` and the enumeration test,
instead of silently never travelling.

Every server table is a history: rows are only ever inserted. A mutable local row (a title, a
name, a document's removal) travels as a new version row; the pull folds the versions back with
the merge's own last-writer-wins rule. Immutable rows (documents' texts, annotations, revisions)
are keyed by UUID, and a reused UUID with other content is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..merge.checks import (
    MAX_CONTEXT_CHARS,
    MAX_FIELDS_JSON,
    MAX_METADATA_JSON,
    MAX_NAME_CHARS,
    MAX_PARENTS,
    MAX_SOURCE_NAME,
    MAX_TEXT_CHARS,
)
from ..store import MAX_NOTE_CHARS, MAX_SPAN_CHARS, MAX_TITLE_CHARS

UUID_RE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA_RE = "^[0-9a-f]{64}$"
# Every text column must be NUL-free (PostgreSQL text cannot hold NUL anyway) and bounded.
_HLC = "bigint NOT NULL CHECK ({c} >= 0)"


def _uuid(c: str) -> str:
    return f"text NOT NULL CHECK ({c} ~ '{UUID_RE}')"


def _text(c: str, limit: int, *, nonempty: bool = False) -> str:
    low = f"char_length({c}) >= 1 AND " if nonempty else ""
    return f"text NOT NULL CHECK ({low}char_length({c}) <= {limit})"


@dataclass(frozen=True)
class Column:
    name: str
    ddl: str  # type and column checks; {c} is the column's name
    local: str = ""  # the local expression it is read from on push (default: the same name)

    def type_sql(self) -> str:
        return self.ddl.replace("{c}", self.name)

    @property
    def source(self) -> str:
        return self.local or self.name


@dataclass(frozen=True)
class ServerTable:
    name: str  # in the server schema
    local: str  # the project table it comes from
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # UUID key of an immutable row; () for a version table (every column is the key)
    compare: tuple[str, ...] = ()  # columns a known key's pushed row must match (default: all)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def compared(self) -> tuple[str, ...]:
        return self.compare or tuple(n for n in self.names if n not in self.key)


_SERVER_TABLES: dict[str, tuple[ServerTable, ...]] = {
    "project": (ServerTable("h_project", "project", (
        Column("uuid", _uuid("{c}")),
        Column("title", _text("{c}", MAX_TITLE_CHARS)),
        Column("created_hlc", _HLC),
        Column("title_hlc", _HLC),
    ), ()),),
    "author": (ServerTable("h_author", "author", (
        Column("uuid", _uuid("{c}")),
        Column("name", _text("{c}", MAX_NAME_CHARS)),
        Column("hlc", _HLC),
    ), ()),),
    "label": (ServerTable("h_label", "label", (
        Column("uuid", _uuid("{c}")),
        Column("name", _text("{c}", MAX_NAME_CHARS, nonempty=True)),
        Column("kind", "text NOT NULL CHECK ({c} ~ '^[a-z]{1,16}$')"),
        Column("color", "text NOT NULL CHECK ({c} ~ '^#[0-9a-fA-F]{6}$')"),
        Column("shortcut", _text("{c}", 32)),
        Column("deleted", "boolean NOT NULL", "deleted != 0"),
        Column("hlc", _HLC),
    ), ()),),
    "document": (
        ServerTable("h_document", "document", (
            Column("uuid", _uuid("{c}")),
            Column("kind", "text NOT NULL CHECK ({c} ~ '^[a-z]{1,16}$')"),
            Column("source_name", _text("{c}", MAX_SOURCE_NAME)),
            Column("source_sha256", f"text NOT NULL CHECK ({{c}} ~ '{SHA_RE}')"),
            Column("text_sha256", f"text NOT NULL CHECK ({{c}} ~ '{SHA_RE}')"),
            Column("text", _text("{c}", MAX_TEXT_CHARS)),
            Column("page_starts", f"text CHECK (char_length({{c}}) <= {MAX_METADATA_JSON})"),
            Column("created_hlc", _HLC),
            Column("imported_by", _uuid("{c}")),
        ), ("uuid",), compare=("text_sha256",)),
        ServerTable("h_document_state", "document", (
            Column("uuid", _uuid("{c}")),
            Column("title", _text("{c}", MAX_TITLE_CHARS)),
            Column("metadata_json", _text("{c}", MAX_METADATA_JSON)),
            Column("removed", "boolean NOT NULL", "removed != 0"),
            Column("hlc", _HLC),
        ), ()),
    ),
    "document_alias": (ServerTable("h_document_alias", "document_alias", (
        Column("alias_uuid", _uuid("{c}")),
        Column("document_uuid", _uuid("{c}")),
    ), ()),),
    "annotation": (ServerTable("h_annotation", "annotation", (
        Column("uuid", _uuid("{c}")),
        Column("document_uuid", _uuid("{c}")),
        Column("created_hlc", _HLC),
        Column("creator_uuid", _uuid("{c}")),
    ), ("uuid",), compare=("created_hlc", "creator_uuid")),),  # a merge may rename the document
    "revision": (ServerTable("h_revision", "revision", (
        Column("uuid", _uuid("{c}")),
        Column("annotation_uuid", _uuid("{c}")),
        Column("parents", f"text NOT NULL CHECK (char_length({{c}}) <= {MAX_PARENTS * 40} AND {{c}} LIKE '[%')"),
        Column("author_uuid", _uuid("{c}")),
        Column("hlc", "bigint NOT NULL CHECK ({c} >= 1)"),
        Column("label_uuid", _uuid("{c}")),
        Column("span_start", f"integer NOT NULL CHECK ({{c}} BETWEEN 0 AND {MAX_TEXT_CHARS})"),
        Column("span_end", f"integer NOT NULL CHECK ({{c}} BETWEEN 1 AND {MAX_TEXT_CHARS})"),
        Column("exact", _text("{c}", MAX_SPAN_CHARS)),
        Column("prefix", _text("{c}", MAX_CONTEXT_CHARS)),
        Column("suffix", _text("{c}", MAX_CONTEXT_CHARS)),
        Column("fields", f"text NOT NULL CHECK (char_length({{c}}) <= {MAX_FIELDS_JSON} AND {{c}} LIKE '{{%')"),
        Column("note", _text("{c}", MAX_NOTE_CHARS)),
        Column("deleted", "boolean NOT NULL", "deleted != 0"),
    ), ("uuid",)),),
}
# Revision checks beyond one column (see ddl.py for those that need other tables).
REVISION_ROW_CHECKS = (
    "span_end > span_start",
    f"span_end - span_start <= {MAX_SPAN_CHARS}",
)


def merge_carried_tables() -> tuple[str, ...]:
    """The project tables a file merge carries: the merge's own registry of record kinds."""
    from ..merge import kinds

    return tuple(kinds.merged_tables())


def server_tables(carried: tuple[str, ...] | None = None) -> tuple[ServerTable, ...]:
    """The server's history tables for the carried project tables, in push order (what a row refers
    to is inserted before it). A carried table without a server counterpart is an error."""
    carried = merge_carried_tables() if carried is None else carried
    missing = [t for t in carried if t not in _SERVER_TABLES]
    if missing:
        raise LookupError(f"the team server has no table for the merged table(s) {', '.join(missing)}")  # not a message
    order = list(_SERVER_TABLES)
    return tuple(st for name in sorted(carried, key=order.index) for st in _SERVER_TABLES[name])


def by_name(name: str) -> ServerTable:
    for group in _SERVER_TABLES.values():
        for st in group:
            if st.name == name:
                return st
    raise KeyError(name)
