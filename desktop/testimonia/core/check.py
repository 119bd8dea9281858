"""Integrity and consistency report for a project file (`testimonia check`).

The file may come from anyone, so nothing in it is trusted: each column's storage type is read
with typeof(), each text as its bytes and decoded here (so text that is not UTF-8 names its row
instead of failing the whole read), NUL characters are reported, and only values of the right type
reach the consistency checks. Each table is read once, revisions in document order with one text
in memory at a time, and every lookup goes through an index or a set: linear in the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .ids import is_uuid
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .textnorm import sha256_hex

MAX_REPORTED = 50
INTEGRITY_TICK = 1_000_000  # SQLite steps between two progress calls during its integrity check

# Kinds of column value: what typeof() must say, and what the value must look like.
UUID, TEXT, SHA, INT, FLAG, JSON_LIST, JSON_OBJECT, JSON_LIST_OR_NULL = (
    "uuid", "text", "sha", "int", "flag", "json list", "json object", "json list or null")

# The columns of each table, as read and checked (the local tables too: commands read them).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "project": (("uuid", UUID), ("title", TEXT), ("created_hlc", INT), ("title_hlc", INT)),
    "meta": (("key", TEXT), ("value", TEXT)),
    "author": (("uuid", UUID), ("name", TEXT), ("hlc", INT)),
    "label": (("uuid", UUID), ("name", TEXT), ("kind", TEXT), ("color", TEXT), ("shortcut", TEXT),
              ("deleted", FLAG), ("hlc", INT)),
    "document": (("uuid", UUID), ("title", TEXT), ("kind", TEXT), ("source_name", TEXT), ("source_sha256", SHA),
                 ("text_sha256", SHA), ("text", TEXT), ("page_starts", JSON_LIST_OR_NULL),
                 ("metadata_json", JSON_OBJECT), ("created_hlc", INT), ("imported_by", UUID), ("hlc", INT),
                 ("removed", FLAG)),
    "document_alias": (("alias_uuid", UUID), ("document_uuid", UUID)),
    "annotation": (("uuid", UUID), ("document_uuid", UUID), ("created_hlc", INT), ("creator_uuid", UUID),
                   ("head_uuid", UUID), ("heads", INT)),
    "revision": (("uuid", UUID), ("annotation_uuid", UUID), ("parents", JSON_LIST), ("author_uuid", UUID),
                 ("hlc", INT), ("label_uuid", UUID), ("span_start", INT), ("span_end", INT), ("exact", TEXT),
                 ("prefix", TEXT), ("suffix", TEXT), ("fields", JSON_OBJECT), ("note", TEXT), ("deleted", FLAG),
                 ("is_head", FLAG), ("orphaned", FLAG)),
    "merge_log": (("id", INT), ("at_hlc", INT), ("source_project_uuid", TEXT), ("source_file", TEXT),
                  ("author_uuid", TEXT), ("report_json", TEXT)),
    # The evidence register (version 5, core/evidence_models.py).
    "entity": (("uuid", UUID), ("type", TEXT), ("name", TEXT), ("aliases", JSON_LIST), ("description", TEXT),
               ("deleted", FLAG), ("hlc", INT), ("author_uuid", UUID)),
    "entity_same": (("uuid", UUID), ("keep_uuid", UUID), ("other_uuid", UUID), ("deleted", FLAG), ("hlc", INT),
                    ("author_uuid", UUID)),
    "incident_type": (("uuid", UUID), ("name", TEXT), ("deleted", FLAG), ("hlc", INT)),
    "incident": (("uuid", UUID), ("title", TEXT), ("type_uuid", UUID), ("date_start", TEXT), ("date_end", TEXT),
                 ("date_approx", FLAG), ("place", TEXT), ("place_entity", TEXT), ("description", TEXT),
                 ("deleted", FLAG), ("hlc", INT), ("author_uuid", UUID)),
    "incident_participant": (("uuid", UUID), ("incident_uuid", UUID), ("entity_uuid", UUID), ("role", TEXT),
                             ("deleted", FLAG), ("hlc", INT), ("author_uuid", UUID)),
    "annotation_link": (("uuid", UUID), ("annotation_uuid", UUID), ("target_kind", TEXT), ("target_uuid", UUID),
                        ("role", TEXT), ("deleted", FLAG), ("hlc", INT), ("author_uuid", UUID)),
    "document_source": (("document_uuid", UUID), ("outlet", TEXT), ("byline", TEXT), ("published", TEXT),
                        ("url", TEXT), ("retrieved", TEXT), ("language", TEXT), ("source_type", TEXT),
                        ("reliability", TEXT), ("hlc", INT), ("author_uuid", UUID)),
    "annotation_grade": (("annotation_uuid", UUID), ("grade", INT), ("hlc", INT), ("author_uuid", UUID)),
    "memo_revision": (("uuid", UUID), ("target_kind", TEXT), ("target_uuid", UUID), ("parents", JSON_LIST),
                      ("text", TEXT), ("hlc", INT), ("author_uuid", UUID)),
    "document_original": (("document_uuid", UUID), ("sha256", SHA), ("size", INT), ("hlc", INT)),
}
# Where each table's rows are named from in messages.
_KEY = {"project": "uuid", "meta": "key", "document_alias": "alias_uuid", "merge_log": "id",
        "document_source": "document_uuid", "annotation_grade": "annotation_uuid", "document_original": "document_uuid"}


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        if len(self.lines) <= MAX_REPORTED:
            self.lines.append(line)

    @property
    def full(self) -> bool:
        return len(self.lines) > MAX_REPORTED


def problems(conn: sqlite3.Connection, progress: Progress | None = None) -> list[str]:
    """Everything wrong with the open file; an empty list means sound.

    `progress(step, done, total)` hears how far it is: step "integrity" (SQLite's own check, no
    count: called now and then while it runs), then "documents" and "revisions" with counts."""
    report = progress or _quiet
    stopped: list[BaseException] = []

    def ticking() -> int:
        try:
            report("integrity", 0, 0)
        except BaseException as exc:  # Ctrl+C while SQLite runs: stop it, and raise it here, not as a problem
            stopped.append(exc)
            return 1
        return 0

    if progress:
        conn.set_progress_handler(ticking, INTEGRITY_TICK)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if integrity != ["ok"]:
        return [f"SQLite integrity: {line}" for line in integrity[:MAX_REPORTED]]
    out = _Report()
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        out.add("application_id is not Testimonia's")
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        out.add("schema version is not current")
    for t, n in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"):
        out.add(f"unexpected {t} {_show(n)} in the file")
    present = {n for (n,) in conn.execute("SELECT CAST(name AS BLOB) FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in COLUMNS if t.encode() not in present]
    if missing:
        out.add("tables missing: " + ", ".join(missing))
        return out.lines[:MAX_REPORTED]
    for table in COLUMNS:
        if table not in ("document", "revision"):
            for _row in _rows(conn, table, out):
                pass
    if conn.execute("SELECT count(*) FROM project").fetchone()[0] != 1:
        out.add("the project table must hold exactly one row")
    lengths = _documents(conn, out, report)
    _links(conn, out)
    _revisions(conn, out, lengths, report)
    from .evidence.originals import mismatches

    for doc, problem in mismatches(conn):
        out.add(f"document {doc}: its kept original {problem}")
    return out.lines[:MAX_REPORTED]


Progress = Callable[[str, int, int], None]
_EVERY = 500  # rows between two progress calls


def _quiet(_step: str, _done: int, _total: int) -> None:
    pass


# -- reading rows with their types checked ---------------------------------------------------------
@dataclass(frozen=True)
class _Row:
    values: dict[str, object]  # only the columns whose value passed its check
    name: str  # the row as messages name it
    extra: tuple[object, ...] = ()

    def get(self, column: str) -> object:
        return self.values.get(column)


def _rows(conn: sqlite3.Connection, table: str, out: _Report, *, joins: str = "", extra: tuple[str, ...] = (),
          where: str = "", order: str = "") -> Iterator[_Row]:
    """Each row of `table`, its problems reported; values that failed are left out of the row."""
    columns = COLUMNS[table]
    t = f'"{table}"'
    select = [f'typeof({t}."{c}"), ' + (f'{t}."{c}"' if k in (INT, FLAG) else f'CAST({t}."{c}" AS BLOB)')
              for c, k in columns]
    key = _KEY.get(table, "uuid")
    sql = f"SELECT {t}.rowid, {', '.join(select + list(extra))} FROM {t} {joins} {where} {order}"
    for raw in conn.execute(sql):
        values: dict[str, object] = {}
        faults: list[str] = []
        for i, (column, kind) in enumerate(columns):
            value, fault = _value(raw[1 + 2 * i], raw[2 + 2 * i], kind)
            if fault:
                faults.append(f"{column} {fault}")
            else:
                values[column] = value
        named = values.get(key)
        name = f"{table} {named}" if isinstance(named, str | int) else f"{table} (row {raw[0]})"
        for fault in faults:
            out.add(f"{name}: {fault}")
        yield _Row(values, name, tuple(raw[1 + 2 * len(columns):]))


def _value(storage: str, raw: object, kind: str) -> tuple[object, str | None]:
    """The value of one column, or why it is not acceptable."""
    if kind in (INT, FLAG):
        if storage != "integer":
            return None, f"is {_storage(storage)}, not a whole number"
        if kind == FLAG and raw not in (0, 1):
            return None, f"is {raw}, not 0 or 1"
        return raw, None
    if kind == JSON_LIST_OR_NULL and storage == "null":
        return None, None
    if storage != "text":
        return None, f"is {_storage(storage)}, not text"
    try:
        text = bytes(raw).decode("utf-8")  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return None, "is not valid UTF-8 text"
    if "\x00" in text:
        return None, "holds a NUL character, which Testimonia never stores"
    if kind == UUID and not is_uuid(text):
        return None, f"{_show(text)} is not a UUID"
    if kind == SHA and (len(text) != 64 or any(c not in "0123456789abcdef" for c in text)):
        return None, "is not a SHA-256 (64 hexadecimal digits)"
    if kind in (JSON_LIST, JSON_OBJECT, JSON_LIST_OR_NULL):
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            return None, "is not valid JSON"
        expected = dict if kind == JSON_OBJECT else list
        if not isinstance(parsed, expected):
            return None, f"is not a JSON {'object' if expected is dict else 'list'}"
        return parsed, None
    return text, None


def _storage(storage: str) -> str:
    return {"real": "a decimal number", "blob": "binary data", "null": "empty (NULL)", "text": "text",
            "integer": "a whole number"}.get(storage, storage)


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


# -- the checks ---------------------------------------------------------------------------------------
def _documents(conn: sqlite3.Connection, out: _Report, report: Progress) -> dict[str, int]:
    """Each document's fields and text; returns the lengths of the readable texts."""
    lengths: dict[str, int] = {}
    total = conn.execute("SELECT count(*) FROM document").fetchone()[0]
    for done, row in enumerate(_rows(conn, "document", out), 1):
        if done % 50 == 0 or done == total:
            report("documents", done, total)
        uid, text, sha = row.get("uuid"), row.get("text"), row.get("text_sha256")
        if not isinstance(uid, str) or not isinstance(text, str):
            continue
        if isinstance(sha, str) and sha256_hex(text) != sha:
            out.add(f"document {uid}: text does not match its SHA-256 (the stored text changed)")
        pages = row.get("page_starts")
        if isinstance(pages, list) and not (all(type(p) is int and 0 <= p <= len(text) for p in pages)
                                            and pages == sorted(pages)):
            out.add(f"document {uid}: the page starts are not increasing offsets inside the text")
        lengths[uid] = len(text)
    return lengths


def _links(conn: sqlite3.Connection, out: _Report) -> None:
    """Rows that name rows that are missing, or caches that disagree with the rows (the UUIDs read
    as bytes: a hostile file may hold anything there)."""
    queries = (
        ("SELECT CAST(a.uuid AS BLOB) FROM annotation a LEFT JOIN document d ON d.uuid = a.document_uuid "
         "WHERE d.uuid IS NULL", "annotation {}: its document is missing"),
        ("SELECT CAST(a.uuid AS BLOB) FROM annotation a LEFT JOIN revision r ON r.uuid = a.head_uuid "
         "WHERE r.uuid IS NULL OR r.annotation_uuid IS NOT a.uuid", "annotation {}: its current revision is missing"),
        ("SELECT CAST(a.uuid AS BLOB) FROM annotation a WHERE a.heads IS NOT (SELECT count(*) FROM revision r "
         "WHERE r.annotation_uuid = a.uuid AND r.is_head) OR a.heads < 1", "annotation {}: cached head count is stale"),
        ("SELECT CAST(r.uuid AS BLOB) FROM revision r LEFT JOIN annotation a ON a.uuid = r.annotation_uuid "
         "WHERE a.uuid IS NULL", "revision {}: belongs to no annotation"),
        ("SELECT CAST(r.uuid AS BLOB) FROM revision r LEFT JOIN label l ON l.uuid = r.label_uuid "
         "WHERE l.uuid IS NULL", "revision {}: unknown label"),
        ("SELECT CAST(d.alias_uuid AS BLOB) FROM document_alias d LEFT JOIN document x ON x.uuid = d.document_uuid "
         "WHERE x.uuid IS NULL", "document alias {}: names no document"),
    )
    for sql, message in queries:
        for (uid,) in conn.execute(sql):
            out.add(message.format(_name(uid)))
            if out.full:
                return


def _decoded(raw: object) -> str | None:
    try:
        return bytes(raw).decode("utf-8")  # type: ignore[arg-type]
    except (UnicodeDecodeError, TypeError):
        return None


def _name(raw: object) -> str:
    text = _decoded(raw)
    return text if text is not None and is_uuid(text) else _show(text if text is not None else raw)


def _revisions(conn: sqlite3.Connection, out: _Report, lengths: dict[str, int], report: Progress) -> None:
    """Offsets inside the text, quotes equal to the text, parents older: in document order (the
    annotation index gives it, no sort), with one text in memory at a time; parents are looked up
    through the revision UUID index. Revisions of no annotation get their values checked after."""
    current: object = None
    text = ""
    by_document = _rows(conn, "revision", out, joins="JOIN annotation AS a ON a.uuid = revision.annotation_uuid",
                        extra=("CAST(a.document_uuid AS BLOB)",), order="ORDER BY a.document_uuid")
    total = conn.execute("SELECT count(*) FROM revision").fetchone()[0]
    for done, row in enumerate(by_document, 1):
        if done % _EVERY == 0:
            report("revisions", done, total)
        if out.full:
            return
        doc = _decoded(row.extra[0])
        start, end, exact = row.get("span_start"), row.get("span_end"), row.get("exact")
        if isinstance(doc, str) and doc in lengths and isinstance(start, int) and isinstance(end, int):
            if doc != current:
                current = doc
                text = conn.execute("SELECT text FROM document WHERE uuid = ?", (doc,)).fetchone()[0]
            if not (0 <= start < end <= len(text)):
                out.add(f"{row.name}: offsets {start}..{end} outside the text (0..{len(text)})")
            elif not row.get("orphaned") and isinstance(exact, str) and text[start:end] != exact:
                out.add(f"{row.name}: stored exact text differs from the document at {start}..{end}")
        _row_parents(conn, out, row)
    report("revisions", total, total)  # those of no annotation, checked next, are few or none
    for row in _rows(conn, "revision", out, where="WHERE NOT EXISTS (SELECT 1 FROM annotation AS a "
                                                  "WHERE a.uuid = revision.annotation_uuid)"):
        if out.full:
            return
        _row_parents(conn, out, row)


def _row_parents(conn: sqlite3.Connection, out: _Report, row: _Row) -> None:
    parents, hlc = row.get("parents"), row.get("hlc")
    if isinstance(parents, list) and isinstance(hlc, int):
        _parents(conn, out, row.name, parents, hlc)


def _parents(conn: sqlite3.Connection, out: _Report, name: str, parents: list[object], hlc: int) -> None:
    for p in parents:
        if not isinstance(p, str) or not is_uuid(p):
            out.add(f"{name}: parent {_show(p)} is not a UUID")
            continue
        found = conn.execute("SELECT typeof(hlc), hlc FROM revision WHERE uuid = ?", (p,)).fetchone()
        if found is None:
            out.add(f"{name}: parent {p} is not in the file")
        elif found[0] == "integer" and found[1] >= hlc:
            out.add(f"{name}: parent {p} is not older (a cycle or a broken clock)")
