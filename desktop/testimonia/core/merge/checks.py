"""Step 3 of a merge: the checks of every row that would enter our file, before anything commits.

The incoming file is untrusted; the first problem refuses the whole merge with a message naming the
row. The small tables (project, authors, labels, documents with their texts against their SHA-256)
are checked on the writer's connection before anything is written (each kind's `check`, kinds.py).
The annotations and revisions (check_rows) are checked beside the copy, on a connection of their
own (concurrent.py) that sees our project as it was before the merge: in SQL over the ATTACHed file
(one pass per table), except the comparison of each span's quoted text with its document, which
Python does with the text loaded once per document (SQLite's substr() walks UTF-8 from the start of
the text on every call). Rows of a kind registered without a copy of its own are checked by
check_generic.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .. import labels
from ..errors import MergeRefused
from ..hlc import MAX_HLC, pack
from ..ids import is_uuid
from ..messages import Message
from ..store import MAX_NOTE_CHARS, MAX_SPAN_CHARS, MAX_TITLE_CHARS
from ..textnorm import sha256_hex
from . import kinds
from .kinds import MergeContext
from .plan import plan_tables
from .refusal import refuse
from .report import NEW
from .sql_problems import sql_problem

MAX_TEXT_CHARS = 50_000_000  # a 300-page report is about 1M characters
MAX_CONTEXT_CHARS = 1_000  # prefix/suffix: we write 32
MAX_FIELDS_JSON = 1_000_000
MAX_PARENTS = 1_000
MAX_NAME_CHARS = 200
MAX_METADATA_JSON = 1_000_000
MAX_SOURCE_NAME = 1_000
FUTURE_MS = 3653 * 86_400_000  # ten years
NUL = "\x00"
STUB = -1  # the length of a document whose text is not read from the file: ours is read where needed

_H = "[0-9a-f]"
UUID_GLOB = f"{_H * 8}-{_H * 4}-{_H * 4}-{_H * 4}-{_H * 12}"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_KIND_RE = re.compile(r"^[a-z]{1,16}$")
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


# -- the small tables --------------------------------------------------------------------------
@dataclass(frozen=True)
class IncomingDocument:
    uuid: str
    title: str
    kind: str
    source_name: str
    source_sha256: str
    text_sha256: str
    length: int
    page_starts: str | None
    metadata_json: str
    created_hlc: int
    imported_by: str
    hlc: int
    removed: int
    stub: bool = False  # in a changes-only file, carried without its text


def check_texts(ctx: MergeContext) -> dict[str, int]:
    """The texts the merge needs from the file, against their SHA-256, one in memory at a time:
    those of new documents (copied) and of documents whose two copies differ (their spans are
    re-anchored). Returns each incoming document's length for check_spans; a document we hold
    with the same text hash gets STUB (its spans are checked against our copy: the file's text is
    never read, so a text altered behind its hash changes nothing here). Run after the plan."""
    conn, path = ctx.conn, ctx.path
    lengths = {d.uuid: STUB for d in ctx.docs}
    if ctx.exchange is not None:
        row = conn.execute("SELECT d.uuid FROM incoming.exchange_stub AS s CROSS JOIN incoming.document AS d "
                           "ON d.uuid = s.document_uuid WHERE d.text != '' LIMIT 1").fetchone()
        if row:
            raise refuse(path, "{where}: it is listed as carried without its text, yet holds one",
                         where=Message("document {uuid}", uuid=row[0]))
    for p in ctx.plans:
        d = p.incoming
        where = Message("document {uuid}", uuid=d.uuid)
        if d.stub or (p.matched_by != NEW and not p.reanchor):
            if p.rename_from is not None and d.page_starts is not None:  # they are copied with the UUID
                _check_pages_on_ours(ctx, p.origin, d.page_starts, where)
            continue
        (text,) = conn.execute("SELECT text FROM incoming.document WHERE uuid = ?", (d.uuid,)).fetchone()
        if len(text) > MAX_TEXT_CHARS:
            raise refuse(path, "{where}: the text is missing or longer than {limit:,} characters", where=where,
                         limit=MAX_TEXT_CHARS)
        if d.page_starts is not None and not _pages_ok(d.page_starts, len(text)):
            raise refuse(path, "{where}: the page starts are not increasing offsets inside the text", where=where)
        if sha256_hex(text) != d.text_sha256:
            raise refuse(path, "{where}: the text does not match its SHA-256 (it was altered)", where=where)
        if NUL in text:
            raise refuse(path, "{where}: the text holds a NUL character, which Testimonia never stores",
                         where=where)
        lengths[d.uuid] = len(text)
    return lengths


def _check_pages_on_ours(ctx: MergeContext, ours: str, pages: str, where: Message) -> None:
    length = int(_matched_text(ctx.conn, ours, "length(text)"))  # type: ignore[call-overload]
    if not _pages_ok(pages, length):
        raise refuse(ctx.path, "{where}: the page starts are not increasing offsets inside the text", where=where)


def latest_hlc() -> int:
    """The latest timestamp an incoming row may carry. Merging folds the file's timestamps into our
    clock, so one near the end of time would leave every later edit of ours out of range; ten
    years ahead of this computer's clock leaves room for any wrongly set laptop."""
    return min(MAX_HLC, pack(time.time_ns() // 1_000_000 + FUTURE_MS, 0))


def _hlc_ok(value: object) -> bool:
    return type(value) is int and 0 <= value <= latest_hlc()


def _text_ok(value: object, limit: int, *, empty: bool = True) -> bool:
    # NUL never: SQLite's length() and substr() stop at one, and the design never stores it.
    return isinstance(value, str) and len(value) <= limit and (empty or bool(value.strip())) and NUL not in value


def check_project(conn: sqlite3.Connection, path: Path) -> tuple[str, str, int]:
    rows = conn.execute("SELECT uuid, title, title_hlc, created_hlc FROM incoming.project").fetchall()
    if len(rows) != 1:
        raise refuse(path, "its project table holds {count} rows instead of one", count=len(rows))
    uid, title, title_hlc, created = rows[0]
    if not is_uuid(uid):
        raise refuse(path, "its project UUID {uuid} is not a UUID", uuid=_show(uid))
    if not _text_ok(title, MAX_TITLE_CHARS) or not _hlc_ok(title_hlc) or not _hlc_ok(created):
        raise refuse(path, "its project title or timestamps are not valid")
    return uid, title, title_hlc


def check_authors(conn: sqlite3.Connection, path: Path) -> None:
    for uid, name, hlc in conn.execute("SELECT uuid, name, hlc FROM incoming.author"):
        if not is_uuid(uid):
            raise refuse(path, "author {uuid}: not a UUID", uuid=_show(uid))
        if not _text_ok(name, MAX_NAME_CHARS, empty=False) or not _hlc_ok(hlc):
            raise refuse(path, "author {uuid}: the name or timestamp is not valid", uuid=uid)


def check_labels(conn: sqlite3.Connection, path: Path) -> None:
    for uid, name, kind, color, shortcut, deleted, hlc in conn.execute(
        "SELECT uuid, name, kind, color, shortcut, deleted, hlc FROM incoming.label"
    ):
        where = Message("label {uuid}", uuid=_show(uid))
        if not is_uuid(uid):
            raise refuse(path, "{where}: not a UUID", where=where)
        builtin = labels.BY_UUID.get(uid)
        # A label's kind decides which fields its annotations carry, so it must never change.
        if kind != (builtin.kind if builtin else labels.CUSTOM):
            raise refuse(path, "{where}: kind {kind} is not the kind of this label", where=where, kind=_show(kind))
        if not _text_ok(name, 100, empty=False) or not isinstance(color, str) or not _COLOR_RE.match(color):
            raise refuse(path, "{where}: the name or colour is not valid", where=where)
        if not _text_ok(shortcut, 20) or deleted not in (0, 1) or (builtin and deleted) or not _hlc_ok(hlc):
            raise refuse(path, "{where}: the shortcut, deletion flag or timestamp is not valid", where=where)


def _json_ok(raw: object, kind: type, limit: int) -> bool:
    if not isinstance(raw, str) or len(raw) > limit or NUL in raw:
        return False
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, kind) and not _holds_nul(value)


def _holds_nul(value: object) -> bool:
    """A NUL in any string of a decoded JSON value ("\\u0000" in the file)."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def _pages_ok(raw: object, length: int) -> bool:
    if not _json_ok(raw, list, MAX_METADATA_JSON):
        return False
    pages = json.loads(str(raw))
    return all(type(p) is int and 0 <= p <= length for p in pages) and pages == sorted(pages)


# -- annotations and revisions -----------------------------------------------------------------
@dataclass
class EarlyRevisions:
    """The revisions' pass, run before the plan exists (see early_revisions)."""
    heads_right: bool
    refusal: MergeRefused | None


def early_revisions(conn: sqlite3.Connection, path: Path) -> EarlyRevisions:
    """classify_revisions, check_parents and sender_heads_right before the merge has planned the
    documents: the process that checks a large file runs them while the merge checks the small
    tables, which took the wait for the checks out of a 10 %-new merge. Without the plan, spans
    are compared as if no document were re-anchored, which is stricter; so a refusal is kept, not
    raised, and check_rows raises it, in its usual order, or runs the pass again when the plan
    re-anchors documents. `conn` must see our project as it was: open its read after the merge
    holds the write lock."""
    try:
        classify_revisions(conn, path, with_reanchored=False)
        check_parents(conn, path)
        return EarlyRevisions(sender_heads_right(conn), None)
    except MergeRefused as exc:
        conn.execute("DROP TABLE IF EXISTS temp.m_rev_new")
        conn.execute("DROP TABLE IF EXISTS temp.m_named")
        return EarlyRevisions(False, exc)


def check_rows(conn: sqlite3.Connection, path: Path, docmap: list[tuple[str, str, str, int]],
               lengths: dict[str, int], early: EarlyRevisions | None = None) -> tuple[list[str], bool]:
    """Every incoming annotation and revision: new ones checked, known ones compared with ours.
    `conn` sees our project as it was before the merge, with the incoming file ATTACHed. Returns
    the new revisions the sender had flagged orphaned (see check_spans), and whether the sender's
    is_head of every new revision is right (see sender_heads_right). `early`: the revisions' pass
    if it ran before the plan (early_revisions)."""
    plan_tables(conn, docmap)
    check_annotations(conn, path)
    reanchored = any(row[3] for row in docmap)
    if early is None or (early.refusal is not None and reanchored):
        classify_revisions(conn, path, with_reanchored=reanchored)
        check_parents(conn, path)
        heads_right = sender_heads_right(conn)
    elif early.refusal is not None:
        raise early.refusal
    else:
        heads_right = early.heads_right
    return check_spans(conn, path, lengths), heads_right


def sender_heads_right(conn: sqlite3.Connection) -> bool:
    """Whether the sender's is_head of each new revision is what it is here after the merge: true
    exactly when no new revision names it as a parent (none of ours can name a revision we lack).
    The merge copies the sender's value and, when this says no, is done again recomputing it."""
    conn.execute("CREATE TEMP TABLE m_named(uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("INSERT OR IGNORE INTO temp.m_named SELECT p.value FROM temp.m_rev_new AS n "
                 "CROSS JOIN json_each(n.parents) AS p WHERE n.parents != '[]' ORDER BY 1")
    return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM temp.m_rev_new AS n WHERE n.is_head IS NOT "
                        "(n.uuid NOT IN (SELECT uuid FROM temp.m_named)))").fetchone()[0] == 1


# Each check returns the first problem; CASE stops at the first failing test, so the cheap type
# checks guard the costlier ones (and a NULL never slips through).
# One pass over the incoming annotations: new ones are checked, known ones compared with ours (r
# when it sits at the same rowid, else m: see classify_revisions; every column of ours is NOT NULL).
# The filter on the computed problem sits outside a LIMIT -1 subquery on purpose: SQLite 3.40
# wrongly turns the LEFT JOINs into inner joins when WHERE tests a CASE over their columns, and
# a bad row would slip through.
_ANNOTATIONS = f"""
SELECT uuid, problem FROM (SELECT a.uuid AS uuid, CASE WHEN r.uuid IS NULL AND m.uuid IS NULL THEN CASE
  WHEN typeof(a.uuid) != 'text' OR a.uuid NOT GLOB '{UUID_GLOB}' THEN 'its UUID is not in canonical form'
  WHEN typeof(a.creator_uuid) != 'text' OR a.creator_uuid NOT GLOB '{UUID_GLOB}' THEN 'its creator is not a UUID'
  WHEN typeof(a.created_hlc) != 'integer' OR a.created_hlc < 0 OR a.created_hlc > :latest
    THEN 'its creation time is out of range'
  WHEN dm.incoming_uuid IS NULL THEN 'its document is not in the file'
  WHEN NOT EXISTS (SELECT 1 FROM incoming.revision r WHERE r.annotation_uuid = a.uuid) THEN 'it has no revision'
  END
  WHEN dm.ours_before IS NOT coalesce(r.document_uuid, m.document_uuid)
    OR a.created_hlc IS NOT coalesce(r.created_hlc, m.created_hlc)
    OR a.creator_uuid IS NOT coalesce(r.creator_uuid, m.creator_uuid)
    THEN 'we hold it on another document, or with another creator or creation time'
END AS problem
FROM incoming.annotation AS a LEFT JOIN main.annotation AS r ON r.rowid = a.rowid AND r.uuid = a.uuid
LEFT JOIN main.annotation AS m ON r.uuid IS NULL AND m.uuid = a.uuid
LEFT JOIN temp.m_docmap AS dm ON dm.incoming_uuid = a.document_uuid
LIMIT -1) WHERE problem IS NOT NULL LIMIT 1
"""

# What makes two copies of one revision the same revision. Offsets and quoted text are left out
# for documents whose two copies differ in text: there they were re-anchored and legitimately differ.
_CONTENT = ("annotation_uuid", "parents", "author_uuid", "hlc", "label_uuid", "fields", "note", "deleted")
_SPAN = ("span_start", "span_end", "exact", "prefix", "suffix")


# The checks of one new revision (i, its annotation a): the first problem, or NULL. CASE stops at
# the first failing test, so the cheap type checks guard the costlier ones. Text columns must hold
# text: in SQLite's order numbers sort below '' and blobs above every text (NULLs, which compare
# as neither, are refused by quick_check: every column is NOT NULL). Annotation and author UUIDs
# need no pattern test: they must name rows already checked.
_NEW_REVISION_PROBLEM = f"""CASE
  WHEN NOT (i.uuid >= '' AND i.uuid < x'') OR i.uuid NOT GLOB '{UUID_GLOB}' THEN 'its UUID is not in canonical form'
  WHEN a.uuid IS NULL THEN 'it belongs to no annotation of the file'
  WHEN i.author_uuid NOT IN (SELECT uuid FROM main.author UNION ALL SELECT uuid FROM incoming.author)
    THEN 'its author is not in the file'
  WHEN i.label_uuid NOT IN (SELECT uuid FROM main.label UNION ALL SELECT uuid FROM incoming.label)
    THEN 'its label is unknown'
  WHEN NOT (i.hlc BETWEEN 1 AND :latest AND i.hlc = CAST(i.hlc AS INTEGER))
    THEN 'its timestamp is out of range (a clock set years ahead?)'
  WHEN NOT (i.span_start BETWEEN 0 AND {MAX_TEXT_CHARS} AND i.span_start = CAST(i.span_start AS INTEGER)
            AND i.span_end BETWEEN 0 AND {MAX_TEXT_CHARS} AND i.span_end = CAST(i.span_end AS INTEGER))
    THEN 'its offsets are not whole numbers inside a text'
  WHEN i.span_end <= i.span_start THEN 'its offsets ' || i.span_start || '..' || i.span_end || ' are not a span'
  WHEN i.span_end - i.span_start > {MAX_SPAN_CHARS} THEN 'its span is longer than {MAX_SPAN_CHARS} characters'
  WHEN NOT (i.exact >= '' AND i.exact < x'' AND i.prefix >= '' AND i.prefix < x'' AND i.suffix >= ''
            AND i.suffix < x'' AND i.note >= '' AND i.note < x'' AND i.parents >= '' AND i.parents < x''
            AND i.fields >= '' AND i.fields < x'') THEN 'a text column holds something else'
  WHEN length(i.exact) > {MAX_SPAN_CHARS} OR length(i.prefix) > {MAX_CONTEXT_CHARS}
    OR length(i.suffix) > {MAX_CONTEXT_CHARS} THEN 'its quoted text or context is too long'
  WHEN length(i.note) > {MAX_NOTE_CHARS}
    THEN 'its note is ' || length(i.note) || ' characters long (at most {MAX_NOTE_CHARS})'
  WHEN i.deleted NOT IN (0, 1) OR i.orphaned NOT IN (0, 1) THEN 'its flags are not 0 or 1'
  WHEN length(i.parents) > {MAX_PARENTS * 40} OR NOT json_valid(i.parents) OR i.parents NOT LIKE '[%'
    THEN 'its parents are not a JSON list of sane size'
  WHEN length(i.fields) > {MAX_FIELDS_JSON} OR NOT json_valid(i.fields) OR i.fields NOT LIKE '{{%'
    THEN 'its fields are not a JSON object of sane size'
  WHEN i.fields != '{{}}' THEN (
    SELECT CASE
      WHEN count(*) > {labels.MAX_FIELDS} THEN 'it has more than {labels.MAX_FIELDS} fields'
      ELSE max(CASE
        WHEN f.key = '' OR length(f.key) > 64 THEN 'field ' || quote(f.key) || ': the name is empty or too long'
        WHEN f.type NOT IN ('text', 'integer', 'real', 'true', 'false')
          THEN 'field ' || f.key || ': not text, a number or yes/no'
        WHEN f.type = 'text' AND length(f.value) > {labels.MAX_FIELD_CHARS} THEN 'field ' || f.key || ': too long'
        WHEN f.key = '{labels.CURATION_FIELD}' AND f.type != 'text' THEN 'field ' || f.key || ': not a curation mark'
        WHEN b.uuid IS NOT NULL AND s.key IS NULL AND f.key != '{labels.CURATION_FIELD}'
          THEN 'field ' || f.key || ': not a field of its kind'
        WHEN s.type = 'number' AND f.type NOT IN ('integer', 'real') THEN 'field ' || f.key || ': not a number'
        WHEN s.type = 'bool' AND f.type NOT IN ('true', 'false') THEN 'field ' || f.key || ': not yes/no'
        WHEN s.type IN ('text', 'date') AND f.type != 'text' THEN 'field ' || f.key || ': not text'
        WHEN s.type = 'choice' AND (f.type != 'text' OR NOT EXISTS (
             SELECT 1 FROM json_each(s.choices) AS ch WHERE ch.value = f.value))
          THEN 'field ' || f.key || ': not one of its choices'
      END) END
    FROM json_each(i.fields) AS f
    LEFT JOIN temp.m_builtin AS b ON b.uuid = i.label_uuid
    LEFT JOIN temp.m_field AS s ON s.label_uuid = i.label_uuid AND s.key = f.key)
END"""

def classify_revisions(conn: sqlite3.Connection, path: Path, *, with_reanchored: bool) -> None:
    """Fill temp.m_rev_new with the incoming revisions we lack, in one pass over the incoming file
    that also checks each new one and compares each one we hold with our copy. The few columns
    later steps need ride along, so they do not look each row up again. Needs temp.m_reanchor_ann;
    run after check_annotations, so every annotation it finds is a checked one."""
    _setup_field_specs(conn)
    # The columns check_spans reads ride along too, so it reads this table alone, in one pass.
    conn.execute("CREATE TEMP TABLE m_rev_new(uuid, known, annotation_uuid, hlc, parents, doc, problem, span_start, "
                 "span_end, exact, orphaned, texts, is_head)")
    # Our copy of a revision is r when it sits at the same rowid (a teammate's file began as a copy
    # of the project, so most known rows do: both tables are then read in step, which halves the
    # comparison's cost), else m, found by UUID. Every column of ours is NOT NULL, so a row of ours
    # was found exactly when r.uuid or m.uuid is not NULL. WHERE's first term needs only i and r, so
    # SQLite tests it before the lookups of m and of the annotation: those (and the checks) happen
    # only for rows that are not at the same place here with the same content.
    conn.execute(
        "INSERT INTO temp.m_rev_new SELECT i.uuid, r.uuid IS NOT NULL OR m.uuid IS NOT NULL, i.annotation_uuid, "
        "i.hlc, i.parents, a.document_uuid, "
        f"CASE WHEN r.uuid IS NULL AND m.uuid IS NULL THEN {_NEW_REVISION_PROBLEM} END, i.span_start, i.span_end, "
        f"i.exact, i.orphaned, {_TEXTS}, i.is_head "
        "FROM incoming.revision AS i LEFT JOIN main.revision AS r ON r.rowid = i.rowid AND r.uuid = i.uuid "
        "LEFT JOIN main.revision AS m ON r.uuid IS NULL AND m.uuid = i.uuid "
        "LEFT JOIN incoming.annotation AS a ON a.uuid = i.annotation_uuid "
        f"WHERE (r.uuid IS NULL OR {_revision_differs('r', with_reanchored)}) "
        f"AND (r.uuid IS NOT NULL OR m.uuid IS NULL OR {_revision_differs('m', with_reanchored)})",
        {"latest": latest_hlc()},
    )
    row = conn.execute("SELECT uuid, known, problem FROM temp.m_rev_new WHERE known OR problem IS NOT NULL "
                       "ORDER BY known DESC LIMIT 1").fetchone()
    if row and row[1]:
        raise refuse(path, "revision {uuid}: we hold a revision with this UUID whose content differs (a UUID must "
                           "never be reused)", uuid=row[0])
    if row:
        raise refuse(path, "revision {uuid}: {problem}", uuid=_show(row[0]), problem=sql_problem(row[2]))


def _revision_differs(ours: str, with_reanchored: bool) -> str:
    """Whether incoming revision i differs from our copy `ours` of it."""
    differs = " OR ".join(f"i.{c} IS NOT {ours}.{c}" for c in _CONTENT)
    span = " OR ".join(f"i.{c} IS NOT {ours}.{c}" for c in _SPAN)
    if with_reanchored:
        span = f"(({span}) AND i.annotation_uuid NOT IN (SELECT uuid FROM temp.m_reanchor_ann))"
    return f"{differs} OR {span}"


# The free-text columns other than the quote, joined by a byte that ends any UTF-8 sequence: the
# whole is valid UTF-8 exactly when each part is.
_TEXTS = "i.prefix || x'01' || i.suffix || x'01' || i.note || x'01' || i.fields"


# Parents must be known (in either file), of the same annotation, and strictly older: a child's
# timestamp is always later than its parents', so a cycle is impossible. A parent found is a
# checked row (ours, or new and checked above), so its UUID needs no pattern test either.
_PARENTS = """
SELECT uuid, problem FROM (SELECT n.uuid AS uuid, CASE
  WHEN p.type != 'text' THEN 'a parent is not a UUID'
  WHEN coalesce(pm.uuid, pi.uuid) IS NULL THEN 'its parent ' || quote(p.value) || ' is in neither file'
  WHEN coalesce(pm.annotation_uuid, pi.annotation_uuid) != n.annotation_uuid
    THEN 'its parent ' || p.value || ' belongs to another annotation'
  WHEN coalesce(pm.hlc, pi.hlc) >= n.hlc
    THEN 'its parent ' || p.value || ' is not older than it (a revision cycle, or a damaged file)'
END AS problem
FROM temp.m_rev_new AS n CROSS JOIN json_each(n.parents) AS p
LEFT JOIN main.revision AS pm ON pm.uuid = p.value
LEFT JOIN incoming.revision AS pi ON pm.uuid IS NULL AND pi.uuid = p.value
LIMIT -1) WHERE problem IS NOT NULL LIMIT 1
"""


def _setup_field_specs(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS m_builtin(uuid TEXT PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS m_field(label_uuid TEXT, key TEXT, type TEXT, choices TEXT, "
                 "PRIMARY KEY (label_uuid, key))")
    conn.execute("DELETE FROM temp.m_builtin")
    conn.execute("DELETE FROM temp.m_field")
    for b in labels.BUILTINS:
        conn.execute("INSERT INTO temp.m_builtin VALUES (?)", (b.uuid,))
        conn.executemany("INSERT INTO temp.m_field VALUES (?, ?, ?, ?)",
                         [(b.uuid, f.key, f.type, json.dumps(list(f.choices))) for f in b.fields])


def check_annotations(conn: sqlite3.Connection, path: Path) -> None:
    """Needs temp.m_docmap (incoming document → our document before the merge)."""
    row = conn.execute(_ANNOTATIONS, {"latest": latest_hlc()}).fetchone()
    if row:
        raise refuse(path, "annotation {uuid}: {problem}", uuid=_show(row[0]), problem=sql_problem(row[1]))


def check_parents(conn: sqlite3.Connection, path: Path) -> None:
    """The parents of the revisions we lack (temp.m_rev_new, see classify_revisions)."""
    row = conn.execute(_PARENTS).fetchone()
    if row:
        raise refuse(path, "revision {uuid}: {problem}", uuid=row[0], problem=sql_problem(row[1]))


def _fields_hold_nul(conn: sqlite3.Connection, revision: str) -> bool:
    (raw,) = conn.execute("SELECT fields FROM incoming.revision WHERE uuid = ?", (revision,)).fetchone()
    try:
        return _holds_nul(json.loads(raw))
    except (ValueError, RecursionError):
        return False  # not JSON: the row checks refuse it for that


def _text_of(conn: sqlite3.Connection, doc: str, *, stub: bool) -> str:
    if stub:  # the same text as ours (plan.py matched it by UUID, alias or text hash)
        (origin,) = conn.execute("SELECT ours_before FROM temp.m_docmap WHERE incoming_uuid = ?", (doc,)).fetchone()
        return str(_matched_text(conn, origin, "text"))
    return conn.execute("SELECT text FROM incoming.document WHERE uuid = ?", (doc,)).fetchone()[0]


def _matched_text(conn: sqlite3.Connection, origin: str, expr: str) -> object:
    """`expr` of the text a document was matched to: ours, or, when the file holds one text under two
    documents (a server pull carries each member's import of it), the other one new in this very
    merge, whose text check_texts has read and verified."""
    row = conn.execute(f"SELECT {expr} FROM main.document WHERE uuid = ?", (origin,)).fetchone()
    if row is None:
        row = conn.execute(f"SELECT {expr} FROM incoming.document WHERE uuid = ?", (origin,)).fetchone()
    return row[0]


def check_spans(conn: sqlite3.Connection, path: Path, lengths: dict[str, int]) -> list[str]:
    """Offsets inside the incoming document's text and quoted text equal to its slice, for every
    new revision (temp.m_rev_new), in one pass ordered by document, so one text is in memory at a
    time (SQLite's substr() would walk the UTF-8 text from its start on every row).

    Returns the new revisions the sender had already flagged as orphaned (their quote does not
    match any more); any other mismatch refuses the merge. Every free-text column is fetched, which
    makes sqlite3 decode it: a value that is not UTF-8 fails here, not later in a listing; and none
    may hold a NUL character.
    """
    cur = conn.execute("SELECT doc, uuid, span_start, span_end, exact, orphaned, texts FROM temp.m_rev_new "
                       "ORDER BY doc")
    orphans: list[str] = []
    doc, text, length = None, "", 0
    while True:
        try:
            rows = cur.fetchmany(4096)
        except sqlite3.OperationalError as exc:  # text that is not UTF-8
            raise refuse(path, "a revision holds text that is not valid UTF-8 ({detail})", detail=exc) from None
        if not rows:
            break
        for row in rows:
            # SQLite's JSON functions stop a string at an escaped NUL, so fields are looked at here.
            if NUL in row[4] or NUL in row[6] or ("\\u0000" in row[6] and _fields_hold_nul(conn, row[1])):
                raise refuse(path, "revision {uuid}: its quoted text, context, note or fields hold a NUL character, "
                                   "which Testimonia never stores", uuid=row[1])
            if row[0] != doc:
                doc, text, length = row[0], "", lengths[row[0]]
                text = _text_of(conn, doc, stub=length == STUB)
                length = len(text) if length == STUB else length
            if row[3] > length or text[row[2]:row[3]] != row[4]:
                uid, start, end, orphaned = row[1], row[2], row[3], row[5]
                if end > length:
                    raise refuse(path, "revision {uuid}: offsets {start}..{end} are past the end of its document's "
                                       "text ({length} characters)", uuid=uid, start=start, end=end, length=length)
                if not orphaned:
                    raise refuse(path, "revision {uuid}: its quoted text differs from its document's text at "
                                       "{start}..{end}", uuid=uid, start=start, end=end)
                orphans.append(uid)
    return orphans


# -- kinds registered without a copy of their own (kinds.py) ------------------------------------
# What check_generic's SQL can say: sql_problem turns each into a Message (the last one is refused
# with a sentence of its own).
_KEY_NOT_UUID = "its key is not a UUID"
_TIME_OUT_OF_RANGE = "its timestamp is out of range (a clock set years ahead?)"
_NO_DOCUMENT = "its document is not in the file"
_NOT_TEXT = "a text column holds something else"
_REUSED = "reused"


def check_generic(ctx: MergeContext, kind: kinds.RecordKind) -> None:
    """The rows of a kind that copy.copy_generic copies: keys are UUIDs, timestamps in range, a
    document column names a document of either file, no text holds a NUL, and for an insert-only
    kind a key we hold comes with the content we hold. The kind's own `check` says the rest.
    Only the rows that are new or differ from ours are looked at."""
    conn, t = ctx.conn, kind.table
    if conn.execute("SELECT 1 FROM incoming.sqlite_master WHERE type = 'table' AND name = ?", (t,)).fetchone() is None:
        return
    cols = [r[1] for r in conn.execute(f'PRAGMA incoming.table_info("{t}")')]
    has_main = conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                            (t,)).fetchone() is not None
    key = " || ' ' || ".join(f'i."{k}"' for k in kind.key)
    # Ours is compared as it was before the merge: a document column names our document then.
    dc = kind.document_column
    as_ours = {c: (f'coalesce(dm.ours_before, i."{c}")' if c == dc else f'i."{c}"') for c in cols}
    differs = " OR ".join(f'{as_ours[c]} IS NOT m."{c}"' for c in cols)
    mine = (f'LEFT JOIN main."{t}" AS m ON ' + " AND ".join(f'm."{k}" = {as_ours[k]}' for k in kind.key)
            if has_main else "")
    if dc:
        mine = f'LEFT JOIN temp.m_docmap AS dm ON dm.incoming_uuid = i."{dc}" ' + mine
    known = f'm."{kind.key[0]}" IS NOT NULL' if has_main else "0"
    tests = [f"WHEN NOT (i.\"{k}\" >= '' AND i.\"{k}\" < x'') OR i.\"{k}\" NOT GLOB '{UUID_GLOB}' "
             f"THEN '{_KEY_NOT_UUID}'" for k in kind.key]
    if kind.hlc_column in cols:
        h = f'i."{kind.hlc_column}"'
        tests.append(f"WHEN NOT ({h} BETWEEN 0 AND :latest AND {h} = CAST({h} AS INTEGER)) "
                     f"THEN '{_TIME_OUT_OF_RANGE}'")
    if kind.document_column:
        d = f'i."{kind.document_column}"'
        tests.append(f"WHEN {d} NOT IN (SELECT incoming_uuid FROM temp.m_docmap) AND {d} NOT IN "
                     f"(SELECT uuid FROM main.document) THEN '{_NO_DOCUMENT}'")
    tests += [f"WHEN typeof(i.\"{c}\") = 'text' AND instr(i.\"{c}\", char(0)) THEN '{_NOT_TEXT}'"
              for c in cols]
    if kind.merge == kinds.UNION and has_main:
        tests.insert(0, f"WHEN {known} THEN '{_REUSED}'")
    where = f"({known}) = 0 OR {differs}" if has_main else "1"
    row = conn.execute(
        f"SELECT k, problem FROM (SELECT {key} AS k, CASE {' '.join(tests)} END AS problem "
        f'FROM incoming."{t}" AS i {mine} WHERE {where} LIMIT -1) WHERE problem IS NOT NULL LIMIT 1',
        {"latest": latest_hlc()},
    ).fetchone()
    if row:
        if row[1] == _REUSED:
            raise refuse(ctx.path, "{table} {key}: we hold a row with this key whose content differs (a key must "
                                   "never be reused)", table=t, key=_show(row[0]))
        raise refuse(ctx.path, "{table} {key}: {problem}", table=t, key=_show(row[0]), problem=sql_problem(row[1]))
