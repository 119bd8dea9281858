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

from ..evidence.memos import PROJECT_MEMO
from ..evidence.originals import MAX_LIMIT as MAX_ORIGINAL_BYTES
from ..evidence.vocab import (
    ENTITY_ROLES,
    ENTITY_TYPES,
    MAX_ALIASES,
    MAX_DESCRIPTION,
    MAX_FIELD,
    MAX_MEMO,
    MAX_NAME,
    MAX_TITLE,
    MEMO_TARGETS,
    PARTICIPANT_ROLES,
    RELIABILITY,
    SOURCE_TYPES,
)
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


def _name(c: str, limit: int) -> str:
    """Required text, as the register's checks say: not only spaces (SQLite's trim() trims spaces)."""
    return f"text NOT NULL CHECK (btrim({c}, ' ') != '' AND char_length({c}) <= {limit})"


def _one_of(c: str, values: tuple[str, ...], *, empty: bool = False) -> str:
    allowed = ", ".join(f"'{v}'" for v in (("",) if empty else ()) + tuple(values))
    return f"text NOT NULL CHECK ({c} IN ({allowed}))"


# An ISO year, month or day, or "" (evidence_kinds._DATE: the same shapes).
_DATE = "text NOT NULL CHECK ({c} ~ '^([0-9]{4}(-[01][0-9](-[0-3][0-9])?)?)?$')"
_FLAG = "boolean NOT NULL"
_JSON_UUIDS = (f"text NOT NULL CHECK (char_length({{c}}) <= {MAX_PARENTS * 40} AND {{c}} LIKE '[%' "
               "AND jsonb_typeof({c}::jsonb) = 'array')")


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
    ident: str = "uuid"  # the column naming the local row (its marks in server_pushed, the pull's fold)
    state: str = ""  # the local expression of a pushed row's version (default: its columns as JSON)

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
        ), ("uuid",), compare=("text_sha256",), state="t.text_sha256"),  # the server keeps the first text
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
    ), (), ident="alias_uuid"),),
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
    # The evidence register (core/merge/evidence_kinds.py): last-writer-wins rows travel as
    # versions, memo versions and kept originals are immutable by key.
    "entity": (ServerTable("h_entity", "entity", (
        Column("uuid", _uuid("{c}")),
        Column("type", _one_of("{c}", ENTITY_TYPES)),
        Column("name", _name("{c}", MAX_NAME)),
        Column("aliases", f"text NOT NULL CHECK (char_length({{c}}) <= {(MAX_NAME * 6 + 3) * MAX_ALIASES + 2} "
                          f"AND {{c}} LIKE '[%' AND jsonb_typeof({{c}}::jsonb) = 'array' "
                          f"AND jsonb_array_length({{c}}::jsonb) <= {MAX_ALIASES})"),
        Column("description", _text("{c}", MAX_DESCRIPTION)),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ()),),
    "entity_same": (ServerTable("h_entity_same", "entity_same", (
        Column("uuid", _uuid("{c}")),
        Column("keep_uuid", _uuid("{c}")),
        Column("other_uuid", "text NOT NULL CHECK ({c} ~ '" + UUID_RE + "' AND {c} != keep_uuid)"),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ()),),
    "incident_type": (ServerTable("h_incident_type", "incident_type", (
        Column("uuid", _uuid("{c}")),
        Column("name", _name("{c}", MAX_NAME)),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
    ), ()),),
    "incident": (ServerTable("h_incident", "incident", (
        Column("uuid", _uuid("{c}")),
        Column("title", _name("{c}", MAX_TITLE)),
        Column("type_uuid", _uuid("{c}")),
        Column("date_start", _DATE),
        Column("date_end", _DATE),
        Column("date_approx", _FLAG, "date_approx != 0"),
        Column("place", _text("{c}", MAX_NAME)),
        Column("place_entity", f"text NOT NULL CHECK ({{c}} = '' OR {{c}} ~ '{UUID_RE}')"),
        Column("description", _text("{c}", MAX_DESCRIPTION)),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ()),),
    "incident_participant": (ServerTable("h_incident_participant", "incident_participant", (
        Column("uuid", _uuid("{c}")),
        Column("incident_uuid", _uuid("{c}")),
        Column("entity_uuid", _uuid("{c}")),
        Column("role", _one_of("{c}", PARTICIPANT_ROLES)),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ()),),
    "annotation_link": (ServerTable("h_annotation_link", "annotation_link", (
        Column("uuid", _uuid("{c}")),
        Column("annotation_uuid", _uuid("{c}")),
        Column("target_kind", _one_of("{c}", ("entity", "incident"))),
        Column("target_uuid", _uuid("{c}")),
        Column("role", "text NOT NULL CHECK ((target_kind = 'entity' AND {c} IN ("
                       + ", ".join(f"'{r}'" for r in ENTITY_ROLES) + ")) OR (target_kind = 'incident' AND {c} = ''))"),
        Column("deleted", _FLAG, "deleted != 0"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ()),),
    "document_source": (ServerTable("h_document_source", "document_source", (
        Column("document_uuid", _uuid("{c}")),
        Column("outlet", _text("{c}", MAX_FIELD)),
        Column("byline", _text("{c}", MAX_FIELD)),
        Column("published", _DATE),
        Column("url", _text("{c}", MAX_FIELD)),
        Column("retrieved", _DATE),
        Column("language", _text("{c}", MAX_FIELD)),
        Column("source_type", _one_of("{c}", SOURCE_TYPES, empty=True)),
        Column("reliability", _one_of("{c}", RELIABILITY, empty=True)),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), (), ident="document_uuid"),),
    "annotation_grade": (ServerTable("h_annotation_grade", "annotation_grade", (
        Column("annotation_uuid", _uuid("{c}")),
        Column("grade", "integer NOT NULL CHECK ({c} BETWEEN 0 AND 6)"),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), (), ident="annotation_uuid"),),
    "memo_revision": (ServerTable("h_memo_revision", "memo_revision", (
        Column("uuid", _uuid("{c}")),
        Column("target_kind", _one_of("{c}", MEMO_TARGETS)),
        Column("target_uuid", f"text NOT NULL CHECK ({{c}} ~ '{UUID_RE}' AND "
                              f"(target_kind != 'project' OR {{c}} = '{PROJECT_MEMO}'))"),
        Column("parents", _JSON_UUIDS),
        Column("text", _text("{c}", MAX_MEMO)),
        Column("hlc", _HLC),
        Column("author_uuid", _uuid("{c}")),
    ), ("uuid",)),),
    "document_original": (ServerTable("h_document_original", "document_original", (
        Column("document_uuid", _uuid("{c}")),
        Column("sha256", f"text NOT NULL CHECK ({{c}} ~ '{SHA_RE}')"),
        Column("size", f"bigint NOT NULL CHECK ({{c}} BETWEEN 0 AND {MAX_ORIGINAL_BYTES})"),
        Column("data", "bytea NOT NULL CHECK (octet_length({c}) = size AND encode(sha256({c}), 'hex') = sha256)"),
        Column("hlc", _HLC),
    ), ("document_uuid",), compare=("sha256", "size"), ident="document_uuid", state="t.sha256"),),
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


def version_tables() -> tuple[ServerTable, ...]:
    """The tables of versions of mutable local rows (no key of their own: every column is)."""
    return tuple(st for st in server_tables() if not st.key)


def by_name(name: str) -> ServerTable:
    for group in _SERVER_TABLES.values():
        for st in group:
            if st.name == name:
                return st
    raise KeyError(name)
