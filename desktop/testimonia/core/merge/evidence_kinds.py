"""The evidence register's record kinds (core/evidence/, schema version 5) and their checks.

How each kind merges, and why, is in docs/ARCHITECTURE.md ("The evidence register"): memo versions
are an insert-only union like revisions; the other records are last-writer-wins rows whose
deletion is a flag that travels. The generic checks (checks.check_generic: UUID keys, timestamps
in range, documents that exist, no NUL, no reused key) run for every kind copied generically;
the checks here say the rest, looking only at the rows that are new to us or differ from ours, so
a repeated merge costs a join and nothing more. Kept originals (document_original) have a copy of
their own: an original enters only beside the document it is the file of, its bytes verified.

Rings of "same as" records longer than two are accepted on purpose: three members merging the
same three entries in different directions make one, legitimately, and core/evidence/same_as.py
resolves any set of records the same way on every machine. A record joining an entry to itself,
or two records joining the same two entries, cannot come from Testimonia and are refused.
"""

from __future__ import annotations

import hashlib
import sqlite3

from ..evidence.base import link_uuid, participant_uuid, same_as_uuid
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
from ..messages import Message
from .checks import UUID_GLOB, latest_hlc
from .kinds import LWW, UNION, MergeContext, RecordKind, register
from .refusal import refuse

# What a check found, by the code its SQL returns.
PROBLEMS: dict[str, Message] = {
    "not_text": Message("a value that must be text is not"),
    "flag": Message("a yes/no value is not 0 or 1"),
    "type": Message("its type is not one Testimonia knows"),
    "name": Message("its name is empty or too long"),
    "aliases": Message("its aliases are not a list of at most 50 short names"),
    "too_long": Message("a text in it is longer than Testimonia allows"),
    "entity": Message("it names an entity that neither file holds"),
    "itself": Message("it says an entity is the same as itself"),
    "derived": Message("its UUID is not the one its contents give (the row was altered)"),
    "incident_type": Message("it names an incident type that neither file holds"),
    "incident": Message("it names an incident that neither file holds"),
    "annotation": Message("it names an annotation that neither file holds"),
    "document": Message("it names a document that neither file holds"),
    "role": Message("its role is not one Testimonia knows"),
    "date": Message("a date in it is not an ISO date"),
    "grade": Message("its grade is not a whole number from 0 to 6"),
    "reliability": Message("its reliability is not one of A to F"),
    "source_type": Message("its source type is not one Testimonia knows"),
    "target": Message("it is about something Testimonia does not know"),
    "parents": Message("its parents are not a list of memo version UUIDs"),
    "uuid": Message("a UUID in it is not one"),
    "pair": Message("two records join the same two entities"),
    "bytes": Message("its bytes do not match their SHA-256 or their size"),
    "not_the_file": Message("it is not the file its document was imported from"),
    "hlc": Message("its timestamp is out of range"),
}


def _sql_list(values: tuple[str, ...] | range) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _has(conn: sqlite3.Connection, schema: str, table: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone() is not None


def _in_either(table: str, column: str, value: str) -> str:
    return (f"({value} IN (SELECT {column} FROM incoming.{table}) OR {value} IN (SELECT {column} FROM main.{table}))")


def _text(col: str, limit: int) -> list[tuple[str, str]]:
    return [(f"typeof(i.{col}) != 'text'", "not_text"), (f"length(i.{col}) > {limit}", "too_long")]


def _flag(col: str) -> tuple[str, str]:
    return (f"typeof(i.{col}) != 'integer' OR i.{col} NOT IN (0, 1)", "flag")


def _uuid(col: str) -> tuple[str, str]:
    return (f"typeof(i.{col}) != 'text' OR i.{col} NOT GLOB '{UUID_GLOB}'", "uuid")


_DATE = ("(typeof(i.{c}) != 'text' OR NOT (i.{c} = '' OR i.{c} GLOB '[0-9][0-9][0-9][0-9]' OR "
         "i.{c} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' OR i.{c} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'))")


def _date(col: str) -> tuple[str, str]:
    return (_DATE.format(c=col), "date")


def _changed(table: str, key: str, cols: list[str]) -> tuple[str, str]:
    """The join and condition that keep the incoming rows new to us or differing from ours."""
    differs = " OR ".join(f"i.{c} IS NOT m.{c}" for c in cols)
    return f"LEFT JOIN main.{table} AS m ON m.{key} = i.{key}", f"m.{key} IS NULL OR {differs}"


def _scan(ctx: MergeContext, table: str, key: str, cases: list[tuple[str, str]]) -> None:
    """Refuse the file at the first incoming row that meets a case (the new or changed rows only)."""
    conn = ctx.conn
    if not _has(conn, "incoming", table):
        return
    cols = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
    join, where = _changed(table, key, cols)
    whens = " ".join(f"WHEN {cond} THEN '{code}'" for cond, code in cases)
    row = conn.execute(
        f"SELECT k, p FROM (SELECT i.{key} AS k, CASE {whens} END AS p FROM incoming.{table} AS i {join} "
        f"WHERE {where} LIMIT -1) WHERE p IS NOT NULL LIMIT 1").fetchone()
    if row is not None:
        _refuse(ctx, table, row[0], row[1])


def _refuse(ctx: MergeContext, table: str, key: object, code: str) -> None:
    shown = repr(key) if len(repr(key)) <= 60 else repr(key)[:60] + "…"
    raise refuse(ctx.path, "{table} {key}: {problem}", table=table, key=shown, problem=PROBLEMS[code])


def _derived(ctx: MergeContext, table: str, cols: str, derive) -> None:  # type: ignore[no-untyped-def]
    """Each new or changed row's UUID must be the one derived from what it joins."""
    conn = ctx.conn
    if not _has(conn, "incoming", table):
        return
    names = [c.strip() for c in cols.split(",")]
    join, where = _changed(table, "uuid", names)
    for row in conn.execute(f"SELECT i.uuid, {', '.join('i.' + c for c in names)} FROM incoming.{table} AS i "
                            f"{join} WHERE {where}"):
        if not all(isinstance(v, str) for v in row) or derive(*row[1:]) != row[0]:
            _refuse(ctx, table, row[0], "derived")


def _check_entity(ctx: MergeContext) -> None:
    _scan(ctx, "entity", "uuid", [
        (f"typeof(i.type) != 'text' OR i.type NOT IN ({_sql_list(ENTITY_TYPES)})", "type"),
        (f"typeof(i.name) != 'text' OR trim(i.name) = '' OR length(i.name) > {MAX_NAME}", "name"),
        (f"typeof(i.aliases) != 'text' OR NOT json_valid(i.aliases) OR json_type(i.aliases) != 'array' "
         f"OR json_array_length(i.aliases) > {MAX_ALIASES} OR EXISTS (SELECT 1 FROM json_each(i.aliases) AS a "
         f"WHERE a.type != 'text' OR length(a.value) > {MAX_NAME})", "aliases"),
        *_text("description", MAX_DESCRIPTION), _flag("deleted"), _uuid("author_uuid")])


def _check_same_as(ctx: MergeContext) -> None:
    _scan(ctx, "entity_same", "uuid", [
        _uuid("keep_uuid"), _uuid("other_uuid"), ("i.keep_uuid = i.other_uuid", "itself"),
        (f"NOT {_in_either('entity', 'uuid', 'i.keep_uuid')} OR NOT {_in_either('entity', 'uuid', 'i.other_uuid')}",
         "entity"),
        _flag("deleted"), _uuid("author_uuid")])
    _derived(ctx, "entity_same", "keep_uuid, other_uuid", same_as_uuid)


def _check_incident_type(ctx: MergeContext) -> None:
    _scan(ctx, "incident_type", "uuid", [
        (f"typeof(i.name) != 'text' OR trim(i.name) = '' OR length(i.name) > {MAX_NAME}", "name"), _flag("deleted")])


def _check_incident(ctx: MergeContext) -> None:
    _scan(ctx, "incident", "uuid", [
        (f"typeof(i.title) != 'text' OR trim(i.title) = '' OR length(i.title) > {MAX_TITLE}", "name"),
        _uuid("type_uuid"), (f"NOT {_in_either('incident_type', 'uuid', 'i.type_uuid')}", "incident_type"),
        _date("date_start"), _date("date_end"), _flag("date_approx"), *_text("place", MAX_NAME),
        (f"typeof(i.place_entity) != 'text' OR (i.place_entity != '' AND NOT "
         f"{_in_either('entity', 'uuid', 'i.place_entity')})", "entity"),
        *_text("description", MAX_DESCRIPTION), _flag("deleted"), _uuid("author_uuid")])


def _check_participant(ctx: MergeContext) -> None:
    _scan(ctx, "incident_participant", "uuid", [
        _uuid("incident_uuid"), _uuid("entity_uuid"),
        (f"NOT {_in_either('incident', 'uuid', 'i.incident_uuid')}", "incident"),
        (f"NOT {_in_either('entity', 'uuid', 'i.entity_uuid')}", "entity"),
        (f"typeof(i.role) != 'text' OR i.role NOT IN ({_sql_list(PARTICIPANT_ROLES)})", "role"),
        _flag("deleted"), _uuid("author_uuid")])
    _derived(ctx, "incident_participant", "incident_uuid, entity_uuid, role", participant_uuid)


def _check_link(ctx: MergeContext) -> None:
    _scan(ctx, "annotation_link", "uuid", [
        _uuid("annotation_uuid"), _uuid("target_uuid"),
        (f"NOT {_in_either('annotation', 'uuid', 'i.annotation_uuid')}", "annotation"),
        ("typeof(i.target_kind) != 'text' OR i.target_kind NOT IN ('entity', 'incident')", "target"),
        (f"typeof(i.role) != 'text' OR (i.target_kind = 'entity' AND i.role NOT IN ({_sql_list(ENTITY_ROLES)})) "
         "OR (i.target_kind = 'incident' AND i.role != '')", "role"),
        (f"i.target_kind = 'entity' AND NOT {_in_either('entity', 'uuid', 'i.target_uuid')}", "entity"),
        (f"i.target_kind = 'incident' AND NOT {_in_either('incident', 'uuid', 'i.target_uuid')}", "incident"),
        _flag("deleted"), _uuid("author_uuid")])
    _derived(ctx, "annotation_link", "annotation_uuid, target_kind, target_uuid, role", link_uuid)


def _check_source(ctx: MergeContext) -> None:
    texts = [c for col in ("outlet", "byline", "url", "language") for c in _text(col, MAX_FIELD)]
    _scan(ctx, "document_source", "document_uuid", [
        *texts, _date("published"), _date("retrieved"),
        (f"typeof(i.source_type) != 'text' OR i.source_type NOT IN ('', {_sql_list(SOURCE_TYPES)})", "source_type"),
        (f"typeof(i.reliability) != 'text' OR i.reliability NOT IN ('', {_sql_list(RELIABILITY)})", "reliability"),
        _uuid("author_uuid")])


def _check_grade(ctx: MergeContext) -> None:
    _scan(ctx, "annotation_grade", "annotation_uuid", [
        (f"NOT {_in_either('annotation', 'uuid', 'i.annotation_uuid')}", "annotation"),
        ("typeof(i.grade) != 'integer' OR i.grade NOT BETWEEN 0 AND 6", "grade"), _uuid("author_uuid")])


def _check_memo(ctx: MergeContext) -> None:
    from ..evidence.memos import PROJECT_MEMO

    known_doc = (f"({_in_either('document', 'uuid', 'i.target_uuid')} OR "
                 f"{_in_either('document_alias', 'alias_uuid', 'i.target_uuid')})")
    _scan(ctx, "memo_revision", "uuid", [
        (f"typeof(i.target_kind) != 'text' OR i.target_kind NOT IN ({_sql_list(MEMO_TARGETS)})", "target"),
        _uuid("target_uuid"),
        (f"i.target_kind = 'project' AND i.target_uuid != '{PROJECT_MEMO}'", "target"),
        (f"i.target_kind = 'document' AND NOT {known_doc}", "document"),
        (f"i.target_kind = 'entity' AND NOT {_in_either('entity', 'uuid', 'i.target_uuid')}", "entity"),
        (f"i.target_kind = 'incident' AND NOT {_in_either('incident', 'uuid', 'i.target_uuid')}", "incident"),
        (f"typeof(i.parents) != 'text' OR NOT json_valid(i.parents) OR json_type(i.parents) != 'array' OR EXISTS "
         f"(SELECT 1 FROM json_each(i.parents) AS p WHERE p.type != 'text' OR p.value NOT GLOB '{UUID_GLOB}')",
         "parents"),
        *_text("text", MAX_MEMO), _uuid("author_uuid")])


def _check_original(ctx: MergeContext) -> None:
    """Every original we lack: a UUID naming a document of either file, a sane timestamp, and bytes
    whose SHA-256 is the one recorded (read one at a time)."""
    conn = ctx.conn
    if not _has(conn, "incoming", "document_original"):
        return
    _scan(ctx, "document_original", "document_uuid", [
        _uuid("document_uuid"),
        (f"NOT ({_in_either('document', 'uuid', 'i.document_uuid')} OR "
         f"{_in_either('document_alias', 'alias_uuid', 'i.document_uuid')})", "document"),
        ("typeof(i.data) != 'blob' OR typeof(i.size) != 'integer' OR length(i.data) != i.size OR "
         "typeof(i.sha256) != 'text' OR length(i.sha256) != 64", "bytes"),
        (f"typeof(i.hlc) != 'integer' OR i.hlc NOT BETWEEN 0 AND {latest_hlc()}", "hlc")])
    for rowid, doc, sha in conn.execute(
            "SELECT i.rowid, i.document_uuid, i.sha256 FROM incoming.document_original AS i WHERE NOT EXISTS "
            "(SELECT 1 FROM main.document_original AS m WHERE m.document_uuid = i.document_uuid)").fetchall():
        blob = conn.blobopen("document_original", "data", rowid, readonly=True, name="incoming")
        digest = hashlib.sha256()
        with blob:
            while chunk := blob.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != sha:
            _refuse(ctx, "document_original", doc, "bytes")


def _copy_original(ctx: MergeContext) -> None:
    """The originals we lack, each under the document it now belongs to, and only when it is that
    document's file (the same text may have been imported here from another file)."""
    conn = ctx.conn
    if not _has(conn, "incoming", "document_original"):
        return
    new = conn.execute(
        "INSERT OR IGNORE INTO main.document_original(document_uuid, sha256, size, data, hlc) "
        "SELECT d.uuid, i.sha256, i.size, i.data, i.hlc FROM incoming.document_original AS i "
        "LEFT JOIN temp.m_docmap AS dm ON dm.incoming_uuid = i.document_uuid "
        "LEFT JOIN main.document_alias AS a ON a.alias_uuid = i.document_uuid "
        "JOIN main.document AS d ON d.uuid = coalesce(dm.canonical, a.document_uuid, i.document_uuid) "
        "AND d.source_sha256 = i.sha256").rowcount
    ctx.report.records["document_original"] = {"new": new, "updated": 0}


register(RecordKind("entity", ("uuid",), LWW, 200_000, after=("author",), check=_check_entity))
register(RecordKind("entity_same", ("uuid",), LWW, 200_000, after=("entity",), check=_check_same_as))
register(RecordKind("incident_type", ("uuid",), LWW, 10_000, check=_check_incident_type))
register(RecordKind("incident", ("uuid",), LWW, 200_000, after=("incident_type", "entity"), check=_check_incident))
register(RecordKind("incident_participant", ("uuid",), LWW, 1_000_000, after=("incident", "entity"),
                    check=_check_participant))
register(RecordKind("annotation_link", ("uuid",), LWW, 5_000_000, after=("annotation", "entity", "incident"),
                    check=_check_link))
register(RecordKind("document_source", ("document_uuid",), LWW, 100_000, after=("document",), check=_check_source,
                    document_column="document_uuid"))
register(RecordKind("annotation_grade", ("annotation_uuid",), LWW, 5_000_000, after=("annotation",),
                    check=_check_grade))
register(RecordKind("memo_revision", ("uuid",), UNION, 1_000_000, after=("document", "entity", "incident"),
                    check=_check_memo))
register(RecordKind("document_original", ("document_uuid",), UNION, 100_000, after=("document",),
                    check=_check_original, copy=_copy_original))
